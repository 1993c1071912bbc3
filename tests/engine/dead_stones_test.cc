// The dead-stone estimate on stones in atari whose capture is a ko.
#include "engine/dead_stones.h"

#include "engine/scoring.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"
#include "tests/support/colors.h"

namespace tengen {
namespace {

// Issue item 16: the end of a random 9x9 game (komi 7.5, black to move).
// White F2 is in atari, but Black's capture at E2 is a ko capture and White
// can connect at E2 instead: F2 lives with the white group it connects to.
// GNU Go 3.8 scores it W+16.5 with no dead stones; calling F2 dead made it
// W+14.5.
constexpr std::string_view kConnectableKo = R"(
    X . X X X O . O O
    X X X O O O O O .
    . X O O O X X O O
    X X O X X X X X O
    O O . O X X . X O
    O . O O O X X X O
    O O . O O X . X O
    . O O O . O X X X
    O O O . O X X . X)";

TEST(DeadStonesTest, StoneInAtariThatCanConnectAgainstAKoIsNotDead) {
  absl::StatusOr<Board> board = BoardFromDiagram(kConnectableKo);
  ASSERT_TRUE(board.ok()) << board.status();
  const std::vector<bool> dead = EstimateDeadStones(*board, B);
  for (Point p = 0; p < board->padded_area(); ++p) {
    EXPECT_FALSE(dead[p]) << GtpVertex(p, 9) << " is called dead";
  }
  EXPECT_EQ(FormatResult(ScoreWithDeadStonesRemoved(*board, B, 7.5).Margin()), "W+16.5");
}

}  // namespace
}  // namespace tengen
