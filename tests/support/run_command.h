// Runs shell command lines and Python scripts for the tests that drive real
// processes.
#ifndef TENGEN_TESTS_SUPPORT_RUN_COMMAND_H_
#define TENGEN_TESTS_SUPPORT_RUN_COMMAND_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/files.h"

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

// Runs `script` with Debian's Python (numpy inside) and the given arguments
// (each in single quotes); the script is written to scratch_dir/script.py.
inline CommandResult RunPython(const std::string& script, const std::vector<std::string>& args,
                               const std::string& scratch_dir) {
  const std::string path = (std::filesystem::path(scratch_dir) / "script.py").string();
  WriteBytes(path, script);
  std::string command = "/usr/bin/python3 " + path;
  for (const std::string& arg : args) command += " '" + arg + "'";
  return RunCommand(command);
}

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_RUN_COMMAND_H_
