#include "engine/coordinates.h"

#include <fmt/format.h>

#include "base/check.h"
#include "base/text_util.h"

namespace tengen {
namespace {

constexpr std::string_view kColumnLetters = "ABCDEFGHJKLMNOPQRSTUVWXYZ";

}  // namespace

absl::StatusOr<Point> ParseGtpVertex(std::string_view text, int board_size) {
  TENGEN_CHECK(board_size >= kMinBoardSize && board_size <= kMaxBoardSize);
  if (EqualsIgnoreCase(text, "pass")) return kPass;
  auto not_a_vertex = [&](std::string_view why) {
    return absl::InvalidArgumentError(fmt::format("'{}' is not a vertex: {}", text, why));
  };
  if (text.size() < 2 || text.size() > 3 ||
      !((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z')))
    return not_a_vertex("expected a column letter and a row number, like D4, or pass");
  const char letter = static_cast<char>(AsciiToLower(text[0]) - 'a' + 'A');
  if (letter == 'I') return not_a_vertex("the letter I is not used for columns");
  const int x = static_cast<int>(kColumnLetters.find(letter));
  int row = 0;
  for (char digit : text.substr(1)) {
    if (digit < '0' || digit > '9') return not_a_vertex("the row must be a number");
    row = row * 10 + (digit - '0');
  }
  if (text[1] == '0' || row < 1 || row > kMaxBoardSize)
    return not_a_vertex("rows run from 1 to 25");
  if (x >= board_size || row > board_size) {
    return absl::OutOfRangeError(
        fmt::format("'{}' is off the {}x{} board", text, board_size, board_size));
  }
  return MakePoint(x, board_size - row, board_size);
}

std::string GtpVertex(Point p, int board_size) {
  if (p == kPass) return "pass";
  TENGEN_CHECK(IsOnBoardPoint(p, board_size));
  return fmt::format("{}{}", kColumnLetters[PointX(p, board_size)],
                     board_size - PointY(p, board_size));
}

absl::StatusOr<Color> ParseGtpColor(std::string_view text) {
  if (EqualsIgnoreCase(text, "b") || EqualsIgnoreCase(text, "black")) return Color::kBlack;
  if (EqualsIgnoreCase(text, "w") || EqualsIgnoreCase(text, "white")) return Color::kWhite;
  return absl::InvalidArgumentError(
      fmt::format("'{}' is not a colour: expected b, black, w or white", text));
}

std::string_view GtpColorLetter(Color c) { return c == Color::kBlack ? "B" : "W"; }

}  // namespace tengen
