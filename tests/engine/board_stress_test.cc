// Random play checked against an independent recomputation after every move,
// then undone move by move back to the empty board.
#include <vector>

#include "base/random.h"
#include "engine/board.h"
#include "engine/game_state.h"
#include "engine/playout.h"
#include "engine/zobrist.h"
#include "gtest/gtest.h"

namespace tengen {
namespace {

struct Snapshot {
  uint64_t hash;
  std::string diagram;
  Point ko_point;
};

Snapshot Take(const Board& board) { return {board.hash(), board.ToDiagram(), board.ko_point()}; }

// Before each move, the board's predictions (liberties after the move and
// the hash after it) are compared with what playing it gives.
void CheckPredictions(const Board& before, const Board& after, Point p, Color c) {
  if (p == kPass) return;
  ASSERT_EQ(before.HashAfter(p, c), after.hash());
  if (after.At(p) == c) {
    ASSERT_EQ(before.LibertiesAfter(p, c), after.ChainLiberties(p));
  }
}

// Plays random legal moves (passes rare) until `moves` moves have been
// played, checking everything after each; then undoes them all.
int64_t StressOneGame(int size, Rules rules, int moves, uint64_t seed) {
  GameState game(size, rules);
  const Board empty = game.board();
  Rng rng(seed);
  std::vector<Snapshot> history = {Take(game.board())};
  int64_t played = 0;
  while (played < moves) {
    const Color c = game.to_move();
    std::vector<Point> legal = game.LegalMoves(c);
    // Pass only when nothing else is legal, or rarely, so games run long and
    // boards fill up, capture, and cycle through kos.
    Point p = kPass;
    if (legal.size() > 1 && rng.Below(100) != 0) p = legal[rng.Below(legal.size() - 1)];
    const Board before = game.board();
    EXPECT_TRUE(game.Play(p, c).ok());
    ++played;
    CheckPredictions(before, game.board(), p, c);
    const absl::Status consistent = game.board().CheckConsistency();
    EXPECT_TRUE(consistent.ok()) << consistent << " after move " << played << " on " << size << "x"
                                 << size << "\n"
                                 << game.board().ToDiagram();
    if (!consistent.ok()) return played;
    history.push_back(Take(game.board()));
    if (game.IsOver()) break;
  }
  // Undo everything, checking each earlier position is restored exactly.
  for (int i = static_cast<int>(history.size()) - 2; i >= 0; --i) {
    EXPECT_TRUE(game.Undo());
    const absl::Status consistent = game.board().CheckConsistency();
    EXPECT_TRUE(consistent.ok()) << consistent;
    EXPECT_EQ(game.board().hash(), history[i].hash);
    EXPECT_EQ(game.board().ToDiagram(), history[i].diagram);
    EXPECT_EQ(game.board().ko_point(), history[i].ko_point);
    if (!consistent.ok()) return played;
  }
  EXPECT_FALSE(game.Undo());
  EXPECT_TRUE(game.board().SamePosition(empty));
  EXPECT_EQ(game.board().num_empty(), size * size);
  return played;
}

TEST(BoardStressTest, RandomGamesStayConsistentAndUndoToEmpty) {
  struct Case {
    int size;
    Rules rules;
    int games;
    int moves;
  };
  const Case cases[] = {
      {2, Rules{.ko = KoRule::kSimple, .suicide_allowed = true}, 40, 60},
      {3, Rules::TrompTaylor(), 30, 120},
      {5, Rules{.ko = KoRule::kSituational}, 20, 200},
      {7, Rules{.ko = KoRule::kSimple, .suicide_allowed = true}, 10, 400},
      {9, Rules::Chinese(), 8, 600},
      {13, Rules::TrompTaylor(), 3, 900},
      {19, Rules{.ko = KoRule::kSituational, .suicide_allowed = true}, 2, 1500},
      {25, Rules::Chinese(), 1, 2500},
  };
  int64_t total = 0;
  uint64_t seed = 1;
  for (const Case& c : cases) {
    for (int g = 0; g < c.games; ++g) {
      total += StressOneGame(c.size, c.rules, c.moves, seed++);
      if (HasFailure()) return;
    }
  }
  EXPECT_GE(total, 20000) << "the issue asks for at least 20,000 checked moves";
  RecordProperty("checked_moves", static_cast<int>(total));
}

// The playout hot path (Board alone, simple ko) checked the same way.
TEST(BoardStressTest, PlayoutsStayConsistent) {
  Rng rng(7);
  int64_t moves = 0;
  for (int size : {2, 4, 9, 19}) {
    for (int game = 0; game < 6; ++game) {
      Board board(size);
      Color c = Color::kBlack;
      int passes = 0;
      for (int move = 0; move < 3 * size * size && passes < 2; ++move) {
        const Board before = board;
        const Point p = ChooseRandomMove(board, c, rng, PlayoutOptions{});
        ASSERT_TRUE(p == kPass || board.IsLegal(p, c, false));
        board.Play(p, c);
        CheckPredictions(before, board, p, c);
        const absl::Status consistent = board.CheckConsistency();
        ASSERT_TRUE(consistent.ok()) << consistent << "\n" << board.ToDiagram();
        passes = p == kPass ? passes + 1 : 0;
        c = Opponent(c);
        ++moves;
      }
    }
  }
  EXPECT_GT(moves, 2000);
}

// Board copies are independent and equal.
TEST(BoardStressTest, CopiesAreDeepAndEqual) {
  Board board(9);
  Rng rng(3);
  RandomPlayout(board, Color::kBlack, rng, PlayoutOptions{.max_moves = 40});
  Board copy = board;
  EXPECT_TRUE(copy.SamePosition(board));
  EXPECT_TRUE(copy.CheckConsistency().ok());
  const Point p = ChooseRandomMove(copy, Color::kBlack, rng, PlayoutOptions{});
  ASSERT_NE(p, kPass);
  copy.Play(p, Color::kBlack);
  EXPECT_FALSE(copy.SamePosition(board));
  EXPECT_EQ(board.At(p), Color::kEmpty);
  EXPECT_TRUE(board.CheckConsistency().ok());
  Board small(5);
  small = board;  // assignment across sizes resizes
  EXPECT_EQ(small.size(), 9);
  EXPECT_TRUE(small.SamePosition(board));
}

}  // namespace
}  // namespace tengen
