// Shared helpers of the evaluation tests: running commands, temporary
// folders, reading files and a tag-balance check for generated HTML.
#ifndef TENGEN_TESTS_EVAL_EVAL_TEST_UTIL_H_
#define TENGEN_TESTS_EVAL_EVAL_TEST_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_command.h"

namespace tengen::eval_test {

// The shared runner (tests/support/run_command.h), under this namespace too.
using ::tengen::CommandResult;
using ::tengen::RunCommand;

// A fresh folder under the system's temporary folder, removed afterwards.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              (name + "_" + std::to_string(getpid()) + "_" + std::to_string(counter_++))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string Path(const std::string& relative = "") const { return (path_ / relative).string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Empty when every element of `html` is closed in order (void elements and
// self-closing SVG elements aside, and no '<' left unescaped in text);
// otherwise a description of the first problem.
inline std::string CheckTagsBalanced(const std::string& html) {
  static const std::vector<std::string> kVoid = {"meta",  "br",   "hr",  "img",
                                                 "input", "link", "col", "wbr"};
  std::vector<std::string> open;
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    const size_t end = html.find('>', at);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(at);
    const std::string tag = html.substr(at + 1, end - at - 1);
    at = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '!') continue;  // <!DOCTYPE html>
    if (tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes " +
               (open.empty() ? std::string("nothing") : "<" + open.back() + ">");
      open.pop_back();
      continue;
    }
    const std::string name = tag.substr(0, tag.find_first_of(" \n\t/"));
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])))
      return "bad tag <" + tag + ">";
    if (tag.back() == '/') continue;
    if (std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    open.push_back(name);
  }
  return open.empty() ? "" : "<" + open.back() + "> is never closed";
}

}  // namespace tengen::eval_test

#endif  // TENGEN_TESTS_EVAL_EVAL_TEST_UTIL_H_
