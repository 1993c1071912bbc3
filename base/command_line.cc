#include "base/command_line.h"

#include <fmt/format.h>

#include "absl/status/status.h"

namespace tengen {
namespace {

bool IsSeparator(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Characters a backslash escapes inside double quotes, as in POSIX sh.
bool EscapableInDoubleQuotes(char c) { return c == '"' || c == '\\' || c == '$' || c == '`'; }

absl::Status SplitError(std::string_view what, std::string_view command_line) {
  return absl::InvalidArgumentError(fmt::format("{} in command line [{}]", what, command_line));
}

}  // namespace

absl::StatusOr<std::vector<std::string>> SplitCommandLine(std::string_view command_line) {
  std::vector<std::string> words;
  std::string word;
  // A word has started even if it is still empty, as after ''.
  bool in_word = false;
  size_t i = 0;
  const size_t n = command_line.size();
  while (i < n) {
    const char c = command_line[i];
    if (IsSeparator(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      ++i;
    } else if (c == '\\') {
      if (i + 1 == n) return SplitError("a backslash at the end", command_line);
      if (command_line[i + 1] != '\n') {
        word += command_line[i + 1];
        in_word = true;
      }
      i += 2;
    } else if (c == '\'') {
      const size_t end = command_line.find('\'', i + 1);
      if (end == std::string_view::npos) {
        return SplitError("an unterminated single quote", command_line);
      }
      word.append(command_line.substr(i + 1, end - i - 1));
      in_word = true;
      i = end + 1;
    } else if (c == '"') {
      in_word = true;
      ++i;
      while (true) {
        if (i == n) return SplitError("an unterminated double quote", command_line);
        const char d = command_line[i];
        if (d == '"') {
          ++i;
          break;
        }
        if (d == '\\' && i + 1 < n &&
            (EscapableInDoubleQuotes(command_line[i + 1]) || command_line[i + 1] == '\n')) {
          if (command_line[i + 1] != '\n') word += command_line[i + 1];
          i += 2;
        } else {
          word += d;
          ++i;
        }
      }
    } else {
      word += c;
      in_word = true;
      ++i;
    }
  }
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) return SplitError("no program", command_line);
  return words;
}

}  // namespace tengen
