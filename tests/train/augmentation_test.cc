// Symmetry augmentation of training positions, checked against an
// independent route: rebuild the game state of the position by replaying
// its game, turn the whole state with the engine's ApplySymmetry, and encode
// that. Planes, mask, move and policy must all agree.
#include <set>

#include "base/fmt_absl.h"
#include "engine/symmetry.h"
#include "gtest/gtest.h"
#include "tests/selfplay/selfplay_test_util.h"
#include "tests/support/fake_evaluators.h"
#include "train/training_batch.h"

namespace tengen {
namespace {

struct RecordedGames {
  TrainingChunk data;             // all games' positions, in order
  std::vector<GameState> states;  // the state of each position
  std::vector<Point> points;      // the point played from each
};

// Games played with the graded fake evaluator, so every move of a position
// has its own probability and a policy moved to the wrong place shows.
RecordedGames RecordGames(int size, int count, uint64_t seed) {
  GradedEvaluator graded;
  RecordedGames out;
  out.data.board_size = size;
  for (const FinishedGame& game :
       PlayGames(graded, {.board_size = size, .parallel = 4, .seed = seed}, count)) {
    out.data.Append(game.data);
    for (const ReplayedMove& step : ReplayMoves(game.record)) {
      if (!step.had_choice) continue;
      out.states.push_back(step.before);
      out.points.push_back(step.move.point);
    }
  }
  EXPECT_EQ(static_cast<int64_t>(out.states.size()), out.data.positions());
  return out;
}

TEST(AugmentationTest, EverySymmetryOfEveryPositionMatchesTheTurnedGameState) {
  for (int size : {5, 7}) {
    SCOPED_TRACE(size);
    const RecordedGames games = RecordGames(size, 3, 40 + size);
    const TrainingChunk& data = games.data;
    const int n = size, moves = n * n + 1, plane_values = NumFeatureValues(n);
    TrainingBatch batch(kNumSymmetries, n);
    std::vector<float> expected_planes(plane_values);
    int distinct_policy_values = 0;
    for (int64_t i = 0; i < data.positions(); ++i) {
      const int original_move = data.move[i];
      const float original_probability = data.policy[i * moves + original_move];
      for (int s = 0; s < kNumSymmetries; ++s) {
        SCOPED_TRACE(fmt::format("position {} symmetry {}", i, s));
        WriteAugmentedPosition(data, i, s, /*slot=*/s, batch);
        const GameState turned = ApplySymmetry(s, games.states[i]);
        EncodeFeatures(turned, 0, expected_planes);
        ASSERT_TRUE(std::equal(expected_planes.begin(), expected_planes.end(),
                               batch.planes.begin() + s * plane_values))
            << "planes differ";
        const std::vector<uint8_t> expected_mask = PlayableMoveMask(turned);
        ASSERT_TRUE(
            std::equal(expected_mask.begin(), expected_mask.end(), batch.mask.begin() + s * moves))
            << "mask differs";
        const int turned_move = PointToMoveIndex(ApplySymmetry(s, games.points[i], n), n);
        ASSERT_EQ(batch.move[s], turned_move);
        EXPECT_TRUE(batch.mask[s * moves + turned_move]);
        EXPECT_EQ(batch.policy[s * moves + turned_move], original_probability);
        // Every point's probability lands on that point's image.
        for (int y = 0; y < n; ++y)
          for (int x = 0; x < n; ++x) {
            const auto [tx, ty] = ApplySymmetry(s, x, y, n);
            ASSERT_EQ(batch.policy[s * moves + ty * n + tx], data.policy[i * moves + y * n + x]);
            ASSERT_EQ(batch.ownership[s * n * n + ty * n + tx],
                      data.ownership[i * n * n + y * n + x]);
          }
        EXPECT_EQ(batch.policy[s * moves + n * n], data.policy[i * moves + n * n]);
        EXPECT_EQ(batch.outcome[s], data.outcome[i]);
        EXPECT_EQ(batch.symmetry[s], s);
        EXPECT_EQ(batch.source[s], i);
      }
      std::set<float> values(data.policy.begin() + i * moves,
                             data.policy.begin() + (i + 1) * moves);
      distinct_policy_values += values.size() > 3;
    }
    // The fake policy really does tell moves apart.
    EXPECT_GT(distinct_policy_values, data.positions() / 2);
  }
}

// With ownership targets made from the position's own stones (+1 own, -1
// the opponent's), the turned ownership must equal the same difference of
// the turned planes, under every symmetry, on a board whose positions are
// not symmetric.
TEST(AugmentationTest, OwnershipTurnsWithThePlanes) {
  const int n = 7, area = n * n;
  RecordedGames games = RecordGames(n, 2, 61);
  TrainingChunk& data = games.data;
  const int64_t plane_values = data.plane_values_per_position();
  for (int64_t i = 0; i < data.positions(); ++i) {
    const uint8_t* planes = data.planes.data() + i * plane_values;
    for (int p = 0; p < area; ++p)
      data.ownership[i * area + p] = static_cast<int8_t>(planes[kPlaneOwnStones * area + p] -
                                                         planes[kPlaneOpponentStones * area + p]);
    data.score[i] = static_cast<float>(i) - 0.5f;
    data.has_final[i] = i % 3 != 0;
    if (!data.has_final[i]) {
      std::fill(data.ownership.begin() + i * area, data.ownership.begin() + (i + 1) * area, 0);
      data.score[i] = 0;
    }
  }
  ASSERT_TRUE(data.Validate().ok()) << data.Validate();
  TrainingBatch batch(kNumSymmetries, n);
  int turned_differently = 0;
  for (int64_t i = 0; i < data.positions(); ++i) {
    for (int s = 0; s < kNumSymmetries; ++s) {
      SCOPED_TRACE(fmt::format("position {} symmetry {}", i, s));
      WriteAugmentedPosition(data, i, s, s, batch);
      const float* planes = batch.planes.data() + s * plane_values;
      const float* ownership = batch.ownership.data() + s * area;
      for (int p = 0; p < area; ++p) {
        const float expected = data.has_final[i] ? planes[kPlaneOwnStones * area + p] -
                                                       planes[kPlaneOpponentStones * area + p]
                                                 : 0.0f;
        ASSERT_EQ(ownership[p], expected) << "point " << p;
      }
      EXPECT_EQ(batch.score[s], data.score[i]);
      EXPECT_EQ(batch.has_final[s], data.has_final[i]);
      turned_differently +=
          !std::equal(ownership, ownership + area, data.ownership.begin() + i * area,
                      [](float a, int8_t b) { return a == b; });
    }
  }
  // Most symmetries really move the ownership.
  EXPECT_GT(turned_differently, data.positions() * 3);
}

TEST(AugmentationTest, SampleBatchUsesTheIdentityOrEverySymmetry) {
  const RecordedGames games = RecordGames(5, 2, 3);
  const TrainingChunk& data = games.data;
  Rng rng(12);
  const TrainingBatch plain = SampleBatch(data, 300, rng, /*augment=*/false);
  EXPECT_EQ(plain.size, 300);
  for (int slot = 0; slot < plain.size; ++slot) {
    ASSERT_EQ(plain.symmetry[slot], 0);
    ASSERT_GE(plain.source[slot], 0);
    ASSERT_LT(plain.source[slot], data.positions());
    EXPECT_EQ(plain.move[slot], data.move[plain.source[slot]]);
  }
  const TrainingBatch turned = SampleBatch(data, 300, rng, /*augment=*/true);
  std::set<int> symmetries(turned.symmetry.begin(), turned.symmetry.end());
  EXPECT_EQ(symmetries.size(), 8u);
  std::set<int64_t> sources(turned.source.begin(), turned.source.end());
  EXPECT_GT(sources.size(), static_cast<size_t>(data.positions()) / 2);
  // Each slot is exactly WriteAugmentedPosition of its source and symmetry.
  TrainingBatch one(1, 5);
  const int plane_values = NumFeatureValues(5);
  for (int slot = 0; slot < turned.size; ++slot) {
    WriteAugmentedPosition(data, turned.source[slot], turned.symmetry[slot], 0, one);
    ASSERT_TRUE(std::equal(one.planes.begin(), one.planes.end(),
                           turned.planes.begin() + slot * plane_values));
    ASSERT_TRUE(
        std::equal(one.policy.begin(), one.policy.end(), turned.policy.begin() + slot * 26));
    ASSERT_EQ(one.move[0], turned.move[slot]);
    ASSERT_TRUE(std::equal(one.ownership.begin(), one.ownership.end(),
                           turned.ownership.begin() + slot * 25));
    ASSERT_EQ(one.score[0], turned.score[slot]);
    ASSERT_EQ(one.has_final[0], turned.has_final[slot]);
  }
  // The same seed draws the same batch.
  Rng a(5), b(5);
  EXPECT_EQ(SampleBatch(data, 50, a).planes, SampleBatch(data, 50, b).planes);
}

}  // namespace
}  // namespace tengen
