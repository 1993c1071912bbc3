// Helpers shared by the engine tests.
#ifndef TENGEN_TESTS_ENGINE_TEST_UTIL_H_
#define TENGEN_TESTS_ENGINE_TEST_UTIL_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "engine/coordinates.h"
#include "gtest/gtest.h"
#include "tests/support/diagram.h"

namespace tengen {

// Text assertions (the engine test binary links gtest without gmock):
// EXPECT_TRUE(HasSubstr(text, piece)) fails showing both strings.
inline ::testing::AssertionResult HasSubstr(std::string_view text, std::string_view piece) {
  if (text.find(piece) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not contain '" << piece << "'";
}
inline ::testing::AssertionResult StartsWith(std::string_view text, std::string_view prefix) {
  if (text.starts_with(prefix)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not start with '" << prefix << "'";
}

// A status's message as a std::string (Debian's Abseil has its own string_view).
inline std::string Message(const absl::Status& status) {
  return std::string(status.message().data(), status.message().size());
}

// The point named by a GTP vertex on a board of the given size; the test
// fails if the name is invalid.
inline Point Vtx(std::string_view vertex, int size) {
  absl::StatusOr<Point> point = ParseGtpVertex(vertex, size);
  EXPECT_TRUE(point.ok()) << point.status();
  return point.ok() ? *point : kPass;
}

// A game starting from a diagram; the test fails if the diagram is invalid.
inline GameState Game(std::string_view diagram, Rules rules = Rules::Chinese(),
                      Color to_move = Color::kBlack) {
  absl::StatusOr<GameState> game = GameFromDiagram(diagram, rules, to_move);
  EXPECT_TRUE(game.ok()) << game.status();
  return game.ok() ? *game : GameState(1, rules);
}

// Plays a GTP vertex for c and expects it to be legal.
inline void PlayOk(GameState& game, Color c, std::string_view vertex) {
  const absl::Status status = game.Play(Vtx(vertex, game.size()), c);
  EXPECT_TRUE(status.ok()) << ColorName(c) << " " << vertex << ": " << status;
}

// Normalises a diagram literal to Board::ToDiagram's form (no spaces).
inline std::string Diagram(std::string_view text) {
  std::string out, row;
  for (char ch : text) {
    if (ch == '\n') {
      if (!row.empty()) out += row + "\n";
      row.clear();
    } else if (ch != ' ') {
      row += ch == '+' ? '.' : ch;
    }
  }
  if (!row.empty()) out += row + "\n";
  return out;
}

}  // namespace tengen

#endif  // TENGEN_TESTS_ENGINE_TEST_UTIL_H_
