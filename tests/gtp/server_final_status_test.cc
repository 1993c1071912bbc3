// Alive, dead and seki at the end of a game.
#include "engine/coordinates.h"
#include "gtest/gtest.h"
#include "gtp/final_status.h"
#include "tests/support/diagram.h"

namespace tengen {
namespace {

Board MakeBoard(std::string_view diagram) {
  absl::StatusOr<Board> board = BoardFromDiagram(diagram);
  EXPECT_TRUE(board.ok()) << board.status();
  return *board;
}

// The vertices with `status`, chains separated by '|'.
std::string Chains(const Board& board, StoneStatus status) {
  std::string text;
  for (const std::vector<Point>& chain :
       ChainsWithStatus(board, FinalStatuses(board, Color::kBlack), status)) {
    if (!text.empty()) text += '|';
    for (size_t i = 0; i < chain.size(); ++i) {
      if (i > 0) text += ' ';
      text += GtpVertex(chain[i], board.size());
    }
  }
  return text;
}

TEST(FinalStatuses, SekiGroupsShareALibertyNeitherCanFill) {
  const Board board = MakeBoard(R"(
    . X . O
    X X O .
    X X O O
    X X O O)");
  EXPECT_EQ(Chains(board, StoneStatus::kSeki), "B4 A3 B3 A2 B2 A1 B1|D4|C3 C2 D2 C1 D1");
  EXPECT_EQ(Chains(board, StoneStatus::kAlive), "");
  EXPECT_EQ(Chains(board, StoneStatus::kDead), "");
}

TEST(FinalStatuses, DameBetweenWallsIsNotSeki) {
  const Board board = MakeBoard(R"(
    . X . O .
    . X . O .
    . X . O .
    . X . O .
    . X . O .)");
  EXPECT_EQ(Chains(board, StoneStatus::kSeki), "");
  EXPECT_EQ(Chains(board, StoneStatus::kAlive), "B5 B4 B3 B2 B1|D5 D4 D3 D2 D1");
}

TEST(FinalStatuses, DeadStonesInsideTheOpponentsArea) {
  const Board board = MakeBoard(R"(
    . . X O .
    . . X O .
    O . X O X
    . . X O .
    . . X O .)");
  EXPECT_EQ(Chains(board, StoneStatus::kDead), "A3|E3");
  EXPECT_EQ(Chains(board, StoneStatus::kSeki), "");
}

TEST(FinalStatuses, StatusesAreDisjointAndCoverEveryStone) {
  const Board board = MakeBoard(R"(
    . X . O . X O
    X X O . O X X
    O O O O O O O
    . O X X X . .
    X X . O X X X
    . X X O O O X
    X . X O . O .)");
  const std::vector<StoneStatus> statuses = FinalStatuses(board, Color::kWhite);
  for (Point p = 0; p < board.padded_area(); ++p) {
    const bool stone = IsPlayer(board.At(p));
    EXPECT_EQ(statuses[p] != StoneStatus::kNone, stone) << p;
    if (stone) {
      Point q = board.NextInChain(p);
      EXPECT_EQ(statuses[q], statuses[p]);  // whole chains
    }
  }
}

}  // namespace
}  // namespace tengen
