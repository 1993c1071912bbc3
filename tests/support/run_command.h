// Runs a shell command line for the tests that drive real processes.
#ifndef TENGEN_TESTS_SUPPORT_RUN_COMMAND_H_
#define TENGEN_TESTS_SUPPORT_RUN_COMMAND_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace tengen {

struct CommandResult {
  int exit_code = -1;  // -1 when the command could not start or did not exit normally
  std::string output;  // stdout and stderr together
};

// Runs `command_line` through the shell and captures everything it prints.
inline CommandResult RunCommand(const std::string& command_line) {
  const std::string command = command_line + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "cannot start: " + command_line};
  std::string output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_RUN_COMMAND_H_
