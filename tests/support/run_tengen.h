// Runs the tengen binary as a user would, for the CLI tests. The test
// target defines TENGEN_BINARY, the binary's path.
#ifndef TENGEN_TESTS_SUPPORT_RUN_TENGEN_H_
#define TENGEN_TESTS_SUPPORT_RUN_TENGEN_H_

#include <string>

#include "tests/support/run_command.h"

namespace tengen {

// Runs `tengen <arguments>` through the shell and captures everything.
inline CommandResult Tengen(const std::string& arguments) {
  return RunCommand(std::string(TENGEN_BINARY) + " " + arguments);
}

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_RUN_TENGEN_H_
