// Positions for tests: games from diagrams, moves by GTP vertex, and
// diagram literals in Board::ToDiagram's form. Each fails the test, rather
// than returning an error, when its input is invalid.
#ifndef TENGEN_TESTS_SUPPORT_POSITIONS_H_
#define TENGEN_TESTS_SUPPORT_POSITIONS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/coordinates.h"
#include "engine/game_state.h"
#include "gtest/gtest.h"
#include "tests/support/diagram.h"

namespace tengen {

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

#endif  // TENGEN_TESTS_SUPPORT_POSITIONS_H_
