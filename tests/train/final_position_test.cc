// The auxiliary targets of training data: FinalPositionOf scores a final
// board, and ChunkOfGame turns its ownership and margin to each mover's
// view; self-play's data agrees with its recorded games.
#include <algorithm>

#include "base/fmt_absl.h"
#include "engine/point.h"
#include "engine/scoring.h"
#include "gtest/gtest.h"
#include "tests/selfplay/selfplay_test_util.h"
#include "tests/support/positions.h"
#include "train/training_data.h"

namespace tengen {
namespace {

// One recorded position per mover in `movers`, with the empty board's
// planes (their content does not matter here) and a pass.
std::vector<RecordedPosition> PositionsFor(int n, const std::vector<Color>& movers) {
  const GameState empty(n);
  std::vector<RecordedPosition> positions;
  for (Color mover : movers) {
    RecordedPosition position;
    position.planes = PlanesOf(empty);
    position.mask.assign(n * n + 1, 0);
    position.mask[n * n] = 1;
    position.policy.assign(n * n + 1, 0.0f);
    position.policy[n * n] = 1;
    position.move = n * n;
    position.mover = mover;
    positions.push_back(std::move(position));
  }
  return positions;
}

TEST(FinalPositionTest, FinalPositionOfScoresTheBoardByArea) {
  // Black owns the two left columns, white the two right ones, the middle
  // column is neutral; 10 - 10 - 7.5 komi: white wins by 7.5.
  const GameState game = Game(R"(
    . X . O .
    X X . O O
    . X . O .
    X X . O O
    . X . O .)");
  const FinalPosition final = FinalPositionOf(game);
  const int n = 5;
  ASSERT_EQ(final.owner.size(), 25u);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      SCOPED_TRACE(fmt::format("x {} y {}", x, y));
      const Color expected = x < 2 ? Color::kBlack : x == 2 ? Color::kEmpty : Color::kWhite;
      EXPECT_EQ(final.owner[y * n + x], expected);
    }
  EXPECT_DOUBLE_EQ(final.margin, -7.5);
  EXPECT_EQ(final.winner, Color::kWhite);

  // A larger black area on a board that is not symmetric, with the komi
  // of the state's rules: the index is y*N + x, not x*N + y.
  Rules rules;
  rules.komi = 0.5;
  const GameState black = Game(R"(
    . . X O .
    . . X O .
    X X X O .
    O O O O .
    . . . . .)",
                               rules);
  const FinalPosition b = FinalPositionOf(black);
  EXPECT_EQ(b.owner[0 * n + 3], Color::kWhite);  // x 3, y 0
  EXPECT_EQ(b.owner[3 * n + 0], Color::kWhite);  // x 0, y 3
  EXPECT_EQ(b.owner[0 * n + 1], Color::kBlack);  // x 1, y 0: inside black's corner
  EXPECT_EQ(b.owner[1 * n + 0], Color::kBlack);
  const AreaScore area = ScoreArea(black.board(), 0.5);
  EXPECT_EQ(area.black, 9);
  EXPECT_EQ(area.white, 16);
  EXPECT_DOUBLE_EQ(b.margin, 9 - 16 - 0.5);
  EXPECT_EQ(b.winner, Color::kWhite);
  EXPECT_EQ(std::count(b.owner.begin(), b.owner.end(), Color::kBlack), 9);
  EXPECT_EQ(std::count(b.owner.begin(), b.owner.end(), Color::kWhite), 16);
}

TEST(FinalPositionTest, ChunkOfGameTurnsOwnershipAndScoreToEachMover) {
  const int n = 3, area = 9;
  FinalPosition final;
  final.winner = Color::kBlack;
  final.margin = 2.5;
  final.owner = {Color::kBlack, Color::kBlack, Color::kEmpty,  //
                 Color::kBlack, Color::kEmpty, Color::kWhite,  //
                 Color::kWhite, Color::kWhite, Color::kWhite};
  const std::vector<Color> movers = {Color::kBlack, Color::kWhite, Color::kWhite, Color::kBlack};
  const TrainingChunk chunk = ChunkOfGame(n, PositionsFor(n, movers), final);
  ASSERT_TRUE(chunk.Validate().ok()) << chunk.Validate();
  ASSERT_EQ(chunk.positions(), 4);
  const std::vector<int8_t> black_view = {1, 1, 0, 1, 0, -1, -1, -1, -1};
  for (int i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    const bool black = movers[i] == Color::kBlack;
    const std::vector<int8_t> ownership(chunk.ownership.begin() + i * area,
                                        chunk.ownership.begin() + (i + 1) * area);
    for (int p = 0; p < area; ++p) EXPECT_EQ(ownership[p], black ? black_view[p] : -black_view[p]);
    EXPECT_EQ(chunk.score[i], black ? 2.5f : -2.5f);
    EXPECT_EQ(chunk.outcome[i], black ? 1 : -1);
    EXPECT_EQ(chunk.has_final[i], 1);
  }

  // Unknown ownership: no targets at all, the outcome still counts.
  const TrainingChunk unknown =
      ChunkOfGame(n, PositionsFor(n, movers), FinalPosition{.winner = Color::kWhite});
  ASSERT_TRUE(unknown.Validate().ok()) << unknown.Validate();
  EXPECT_EQ(unknown.has_final, std::vector<uint8_t>(4, 0));
  EXPECT_EQ(unknown.ownership, std::vector<int8_t>(4 * area, 0));
  EXPECT_EQ(unknown.score, std::vector<float>(4, 0.0f));
  EXPECT_EQ(unknown.outcome, (std::vector<int8_t>{-1, 1, 1, -1}));
  // A draw.
  EXPECT_EQ(ChunkOfGame(n, PositionsFor(n, movers), FinalPosition{}).outcome,
            std::vector<int8_t>(4, 0));
}

TEST(FinalPositionTest, SelfPlayDataHoldsItsGamesFinalBoardForEachMover) {
  for (const FinishedGame& game : PlayUniformGames(5, 3, 17)) {
    SCOPED_TRACE(game.index);
    const std::vector<ReplayedMove> moves = ReplayMoves(game.record);
    ASSERT_FALSE(moves.empty());
    GameState end = moves.back().before;
    ASSERT_TRUE(end.Play(moves.back().move.point, moves.back().move.color).ok());
    const std::vector<Color> padded = AreaOwnership(end.board());
    const TrainingChunk& data = game.data;
    for (const ReplayedMove& step : moves) {
      if (step.data_index < 0) continue;
      const int64_t i = step.data_index;
      const Color mover = step.move.color;
      const double sign = mover == Color::kBlack ? 1 : -1;
      ASSERT_EQ(data.has_final[i], 1);
      ASSERT_FLOAT_EQ(data.score[i], static_cast<float>(sign * game.margin));
      for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 5; ++x) {
          const Color owner = padded[MakePoint(x, y, 5)];
          const int expected = owner == Color::kEmpty ? 0 : owner == mover ? 1 : -1;
          ASSERT_EQ(data.ownership[i * 25 + y * 5 + x], expected) << x << "," << y;
        }
      // The outcome has the margin's sign.
      ASSERT_EQ(data.outcome[i], data.score[i] > 0 ? 1 : data.score[i] < 0 ? -1 : 0);
    }
  }
}

}  // namespace
}  // namespace tengen
