// Splits an engine command line into argv words the way a POSIX shell splits
// a simple command, without running a shell: no variables, globs, `~`,
// redirections or pipes. Those characters are kept as plain text, so
// "gnugo 2>/dev/null" passes the word "2>/dev/null" to gnugo. To use shell
// features, say so explicitly: sh -c 'gnugo --mode gtp 2>/dev/null'.
#ifndef TENGEN_BASE_COMMAND_LINE_H_
#define TENGEN_BASE_COMMAND_LINE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tengen {

// The words of command_line. Rules:
// - Spaces, tabs and newlines outside quotes separate words.
// - '...' keeps everything up to the next ' literally (no escapes inside).
// - "..." keeps everything literally except that a backslash before
//   " \ $ or ` stands for that character, and backslash-newline vanishes;
//   any other backslash inside double quotes is kept.
// - Outside quotes a backslash makes the next character literal, and
//   backslash-newline vanishes.
// - Quoted and unquoted pieces next to each other form one word (a"b c"d is
//   the word "ab cd"); '' or "" alone is an empty word.
// Errors (InvalidArgument): an unterminated quote, a backslash at the very end,
// and a command line with no words at all.
absl::StatusOr<std::vector<std::string>> SplitCommandLine(std::string_view command_line);

}  // namespace tengen

#endif  // TENGEN_BASE_COMMAND_LINE_H_
