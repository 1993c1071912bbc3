// Area scoring, Benson's pass-alive areas and the dead-stone estimate.
#include "engine/scoring.h"

#include "engine/benson.h"
#include "engine/dead_stones.h"
#include "engine/playout.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"
#include "tests/support/colors.h"

namespace tengen {
namespace {

// A seki in the middle: the white column C and the black block D2..E7 share
// exactly two liberties, D7 and D1, and neither can fill one without being
// captured. The outer walls have two eyes each.
constexpr std::string_view kSeki = R"(
    . X O . X O .
    . X O X X O .
    . X O X X O .
    X X O X X O O
    . X O X X O .
    . X O X X O .
    . X O . X O .)";

Board BoardOf(std::string_view diagram) {
  absl::StatusOr<Board> board = BoardFromDiagram(diagram);
  EXPECT_TRUE(board.ok()) << board.status();
  return *board;
}

TEST(AreaScoreTest, SekiLibertiesAreDame) {
  const Board board = BoardOf(kSeki);
  const std::vector<Color> owner = AreaOwnership(board);
  EXPECT_EQ(owner[Vtx("D7", 7)], Color::kEmpty);
  EXPECT_EQ(owner[Vtx("D1", 7)], Color::kEmpty);
  EXPECT_EQ(owner[Vtx("A7", 7)], B);
  EXPECT_EQ(owner[Vtx("G7", 7)], W);
  const AreaScore score = ScoreArea(board, 7.5);
  EXPECT_EQ(score.black, 20 + 6);  // stones plus the A column's empty points
  EXPECT_EQ(score.white, 15 + 6);
  EXPECT_DOUBLE_EQ(score.Margin(), 26 - 21 - 7.5);
  EXPECT_EQ(FormatResult(score.Margin()), "W+2.5");
}

TEST(AreaScoreTest, EmptyBoardAndResultText) {
  EXPECT_EQ(ScoreArea(Board(1), 0.5).black, 0);
  EXPECT_EQ(ScoreArea(Board(9), 7.5).Margin(), -7.5);
  EXPECT_EQ(FormatResult(0), "0");
  EXPECT_EQ(FormatResult(3.5), "B+3.5");
  EXPECT_EQ(FormatResult(-12), "W+12");
  // A lone stone owns the whole board.
  Board board(5);
  board.SetStone(Vtx("C3", 5), B);
  EXPECT_EQ(ScoreArea(board, 0).black, 25);
}

TEST(AreaScoreTest, DeadStonesCountAsEmpty) {
  const Board board = BoardOf(R"(
    . . X O .
    . O X O .
    X X X O .
    O O O O .
    . . . . .)");
  std::vector<bool> dead(board.padded_area(), false);
  dead[Vtx("B4", 5)] = true;  // the white stone inside black's corner
  EXPECT_EQ(ScoreArea(board, 0).black, 5);
  const AreaScore cleaned = ScoreAreaWithDeadRemoved(board, dead, 0);
  EXPECT_EQ(cleaned.black, 5 + 4);
  EXPECT_EQ(cleaned.white, 25 - 9);
}

TEST(BensonTest, TwoEyedWallsArePassAliveAndSekiIsNot) {
  const Board board = BoardOf(kSeki);
  const std::vector<Color> alive = PassAliveOwnership(board);
  EXPECT_EQ(alive[Vtx("B4", 7)], B);  // left wall
  EXPECT_EQ(alive[Vtx("A7", 7)], B);  // its eye space
  EXPECT_EQ(alive[Vtx("F4", 7)], W);  // right wall
  EXPECT_EQ(alive[Vtx("G1", 7)], W);
  EXPECT_EQ(alive[Vtx("E4", 7)], Color::kEmpty) << "the seki block is not pass-alive";
  EXPECT_EQ(alive[Vtx("C4", 7)], Color::kEmpty);
  EXPECT_EQ(alive[Vtx("D7", 7)], Color::kEmpty);
}

TEST(BensonTest, OneEyeIsNotEnoughAndDeadStonesInsideAreTerritory) {
  const Board board = BoardOf(R"(
    . O X . X .
    X X X X X X
    . . . . . .
    . . . . . .
    O O O O O O
    . O . O . .)");
  const std::vector<Color> alive = PassAliveOwnership(board);
  // Black's top group has eyes at D6 and F6, and the A6/B6 region, which
  // holds a white stone and the empty A6, is also vital to it.
  EXPECT_EQ(alive[Vtx("C5", 6)], B);
  EXPECT_EQ(alive[Vtx("B6", 6)], B) << "the white stone inside is dead";
  EXPECT_EQ(alive[Vtx("A6", 6)], B);
  // White's bottom group has three eyes.
  EXPECT_EQ(alive[Vtx("A2", 6)], W);
  EXPECT_EQ(alive[Vtx("E1", 6)], W);
  EXPECT_EQ(alive[Vtx("C3", 6)], Color::kEmpty) << "open space belongs to nobody";

  const Board one_eye = BoardOf(R"(
    . X . . .
    X X . . .
    . . . . .
    . . . . .
    . . . . .)");
  EXPECT_EQ(PassAliveOwnership(one_eye)[Vtx("A4", 5)], Color::kEmpty);
}

// Property: the opponent can never capture a pass-alive stone, even when its
// owner passes every turn. Positions come from random playouts, which end
// with many two-eyed groups.
TEST(BensonTest, PassAliveStonesSurviveAnyOpponentMoves) {
  Rng rng(11);
  int pass_alive_positions = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const int size = trial % 2 == 0 ? 7 : 9;
    Board board(size);
    RandomPlayout(board, B, rng);
    const std::vector<Color> alive = PassAliveOwnership(board);
    for (Color owner : {B, W}) {
      std::vector<Point> stones;
      for (Point p = 0; p < board.padded_area(); ++p)
        if (board.At(p) == owner && alive[p] == owner) stones.push_back(p);
      if (stones.empty()) continue;
      ++pass_alive_positions;
      // The opponent plays random legal moves, eye filling included.
      Board attacked = board;
      const Color attacker = Opponent(owner);
      for (int move = 0; move < 4 * size * size; ++move) {
        std::vector<Point> legal;
        for (int i = 0; i < attacked.num_empty(); ++i) {
          const Point p = attacked.EmptyPoint(i);
          if (attacked.IsLegal(p, attacker, false)) legal.push_back(p);
        }
        if (legal.empty()) break;
        attacked.Play(legal[rng.Below(legal.size())], attacker);
        attacked.Play(kPass, owner);
      }
      for (Point p : stones) ASSERT_EQ(attacked.At(p), owner) << board.ToDiagram();
    }
  }
  EXPECT_GT(pass_alive_positions, 30);
}

TEST(DeadStonesTest, SekiStaysAliveAndDame) {
  const Board board = BoardOf(kSeki);
  const std::vector<bool> dead = EstimateDeadStones(board, B);
  for (Point p = 0; p < board.padded_area(); ++p) EXPECT_FALSE(dead[p]) << "point " << p;
  EXPECT_DOUBLE_EQ(ScoreWithDeadStonesRemoved(board, B, 7.5).Margin(), -2.5);
}

TEST(DeadStonesTest, HopelessStonesAreDeadAndLiveOnesAlive) {
  const Board board = BoardOf(R"(
    . . . X O . . . .
    . O . X O . . . .
    . . . X O . O O O
    . . . X O . O X .
    . . . X O . O O O
    . . . X O . . . .
    X X X X O . . . .
    O O O O O . . . .
    . . . . . . . . .)");
  // The white stone B8 inside black's corner is dead, and so is the black
  // stone H6 in white's area. The walls are alive.
  const std::vector<bool> dead = EstimateDeadStones(board, B);
  EXPECT_TRUE(dead[Vtx("B8", 9)]);
  EXPECT_TRUE(dead[Vtx("H6", 9)]);
  EXPECT_FALSE(dead[Vtx("D5", 9)]);
  EXPECT_FALSE(dead[Vtx("E5", 9)]);
  const AreaScore score = ScoreWithDeadStonesRemoved(board, B, 7.5);
  EXPECT_EQ(score.black, 10 + 18);  // ten stones and the corner, B8 included
  EXPECT_EQ(score.black + score.white, 81);
}

TEST(DeadStonesTest, PlayedOutGamesScoreAsTheyStand) {
  // At the end of a playout every stone is alive or already captured, so
  // the estimate must agree with plain area scoring.
  Rng rng(5);
  for (int game = 0; game < 10; ++game) {
    Board board(9);
    RandomPlayout(board, B, rng);
    EXPECT_EQ(ScoreWithDeadStonesRemoved(board, B, 7.5).Margin(), ScoreArea(board, 7.5).Margin())
        << board.ToDiagram();
  }
}

// The answer depends on the position alone: the same stones reached by two
// different move orders (so two separately built boards) get the same dead
// stones, and a hopeless stone is dead for every seed.
TEST(DeadStonesTest, SamePositionSameAnswer) {
  Rng rng(9);
  Board board(9);
  RandomPlayout(board, B, rng, PlayoutOptions{.max_moves = 50});
  std::vector<Point> stones;
  for (Point p = 0; p < board.padded_area(); ++p)
    if (board.IsOnBoard(p) && IsPlayer(board.At(p))) stones.push_back(p);
  ASSERT_GT(stones.size(), 20u);
  Board forward(9), backward(9);  // the same stones set up in opposite orders
  for (Point p : stones) forward.SetStone(p, board.At(p));
  for (auto p = stones.rbegin(); p != stones.rend(); ++p) backward.SetStone(*p, board.At(*p));
  ASSERT_TRUE(forward.SamePosition(backward));
  EXPECT_EQ(EstimateDeadStones(forward, B), EstimateDeadStones(backward, B));

  const Board lone = BoardOf(R"(
    . . . . . . . . .
    . . . . . . . . .
    . . X X X X X . .
    . . X . . . X . .
    . . X . O . X . .
    . . X . . . X . .
    . . X X X X X . .
    . . . . . . . . .
    . . . . . . . . .)");
  for (uint64_t seed : {1, 2, 3, 4, 5}) {
    const std::vector<bool> dead = EstimateDeadStones(lone, W, DeadStoneOptions{.seed = seed});
    EXPECT_TRUE(dead[Vtx("E5", 9)]) << "seed " << seed;
    EXPECT_FALSE(dead[Vtx("C3", 9)]) << "seed " << seed;
  }
}

}  // namespace
}  // namespace tengen
