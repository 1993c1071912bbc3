// The text layer of GTP version 2 (engine side): cleaning input lines,
// splitting them into commands, typed arguments, and formatting replies.
// Nothing here knows what a command does.
#ifndef TENGEN_GTP_GTP_PROTOCOL_H_
#define TENGEN_GTP_GTP_PROTOCOL_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/color.h"
#include "engine/point.h"

namespace tengen {

// The error texts controllers know. The GTP specification names most of
// them; "unknown command" and "syntax error" are the de-facto ones.
inline constexpr std::string_view kSyntaxError = "syntax error";
inline constexpr std::string_view kUnknownCommand = "unknown command";

// One input line cleaned as GTP section 2.2 asks: control characters other
// than tab and newline are dropped (a trailing '\r' included), everything
// from the first '#' on is a comment and cut, tabs become spaces, and the
// surrounding spaces are trimmed. An empty result means "ignore this line".
std::string CleanGtpLine(std::string_view raw_line);

// A command: "[id] name [args]" split at runs of spaces.
struct GtpCommand {
  // The id's digits exactly as sent (GTP ids are unsigned integers; they are
  // echoed, never interpreted, so any length works), or empty for none.
  std::string id;
  std::string name;  // empty when the line held only an id
  std::vector<std::string> args;
};

// Splits a cleaned, non-empty line. A first word made only of digits is the
// id; the next word is the name.
GtpCommand ParseGtpCommand(std::string_view cleaned_line);

// "=id result\n\n" or "?id message\n\n" (no id: "= result"). The text is
// made safe first: carriage returns are dropped, leading and trailing line
// ends trimmed, and blank lines inside removed, because a controller ends a
// reply at its first empty line. A text starting with a line end starts on
// the line after "=id" (multi-line results such as showboard).
std::string FormatGtpSuccess(std::string_view id, std::string_view result);
std::string FormatGtpFailure(std::string_view id, std::string_view message);

// Removes what FormatGtpSuccess removes: '\r', leading and trailing line ends
// and blank (empty or all-space) lines. A leading line end is kept if
// keep_leading_newline and the text has more than one line.
std::string SanitizeGtpText(std::string_view text, bool keep_leading_newline = false);

// Typed access to a command's arguments. Every failure is GtpSyntaxError(),
// so handlers can return it as it is.
class GtpArgs {
 public:
  explicit GtpArgs(std::span<const std::string> args) : args_(args) {}

  size_t size() const { return args_.size(); }
  bool empty() const { return args_.empty(); }
  const std::string& operator[](size_t i) const { return args_[i]; }
  std::span<const std::string> subspan(size_t from) const { return args_.subspan(from); }

  // Ok when the count is in [min, max].
  absl::Status ExpectCount(size_t min, size_t max) const;
  absl::StatusOr<Color> ColorAt(size_t i) const;
  // A vertex (or pass) on a board of board_size.
  absl::StatusOr<Point> VertexAt(size_t i, int board_size) const;
  // A whole decimal number that fits an int (leading '+' or '-' allowed).
  absl::StatusOr<int> IntAt(size_t i) const;
  // A finite decimal number ("7.5", "-3", "1e2"); not nan or inf.
  absl::StatusOr<double> NumberAt(size_t i) const;

 private:
  std::span<const std::string> args_;
};

// A failure whose message is `message` exactly (one of the GTP error texts,
// e.g. "illegal move"). GtpSyntaxError() is GtpError(kSyntaxError).
absl::Status GtpError(std::string_view message);
absl::Status GtpSyntaxError();

// Whole-text parsers shared by GtpArgs and others.
std::optional<int> ParseGtpInt(std::string_view text);
std::optional<double> ParseGtpNumber(std::string_view text);

}  // namespace tengen

#endif  // TENGEN_GTP_GTP_PROTOCOL_H_
