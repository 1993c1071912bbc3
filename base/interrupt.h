// Ctrl-C (SIGINT) and SIGTERM as a request to stop cleanly: long jobs poll
// StopRequested() between units of work, finish or abandon the unit in
// flight without writing partial files, and exit; the same command resumes.
#ifndef TENGEN_BASE_INTERRUPT_H_
#define TENGEN_BASE_INTERRUPT_H_

namespace tengen {

// Installs handlers for SIGINT and SIGTERM that set the stop flag. A second
// Ctrl-C while a stop is pending ends the process at once.
void InstallStopHandlers();

// True once SIGINT or SIGTERM has arrived (or RequestStop was called).
bool StopRequested();

// Sets or clears the flag from code (tests, in-process callers).
void RequestStop();
void ClearStopRequest();

}  // namespace tengen

#endif  // TENGEN_BASE_INTERRUPT_H_
