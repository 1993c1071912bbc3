// Runs the tengen binary as a user would, for the CLI tests.
#ifndef TENGEN_TESTS_APP_RUN_TENGEN_H_
#define TENGEN_TESTS_APP_RUN_TENGEN_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "gtest/gtest.h"

namespace tengen {

struct CommandResult {
  int exit_code;       // -1 when the process did not exit normally
  std::string output;  // stdout and stderr together
};

// Runs `tengen <arguments>` through the shell and captures everything.
inline CommandResult Tengen(const std::string& arguments) {
  const std::string command = std::string(TENGEN_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace tengen

#endif  // TENGEN_TESTS_APP_RUN_TENGEN_H_
