// Ctrl-C (SIGINT) and SIGTERM as a request to stop cleanly: app/ hands
// InterruptStopToken() to library calls (through app/terminal.h's hooks),
// which finish or abandon the unit of work in flight without writing
// partial files and return; the same command resumes.
#ifndef TENGEN_APP_INTERRUPT_H_
#define TENGEN_APP_INTERRUPT_H_

#include "base/stop_token.h"

namespace tengen {

// Installs handlers for SIGINT and SIGTERM that request the stop and say
// so on stderr. A second Ctrl-C while a stop is pending ends the process at
// once. Calling it again does no harm.
void InstallStopHandlers();

// The token those signals set.
StopToken InterruptStopToken();

}  // namespace tengen

#endif  // TENGEN_APP_INTERRUPT_H_
