// Diversity measures of part b on games made by hand.
#include <cmath>
#include <vector>

#include "engine/symmetry.h"
#include "eval/study_diversity_metrics.h"
#include "gtest/gtest.h"

namespace tengen {
namespace {

constexpr int kSize = 9;

std::vector<Point> Game(std::initializer_list<std::pair<int, int>> moves) {
  std::vector<Point> game;
  for (auto [x, y] : moves) game.push_back(MakePoint(x, y, kSize));
  return game;
}

// The same game turned by symmetry s.
std::vector<Point> Turned(int s, const std::vector<Point>& game) {
  std::vector<Point> turned;
  for (Point p : game) turned.push_back(ApplySymmetry(s, p, kSize));
  return turned;
}

TEST(EntropyTest, KnownValues) {
  EXPECT_DOUBLE_EQ(EntropyBits(std::vector<int>{5}), 0.0);
  EXPECT_DOUBLE_EQ(EntropyBits(std::vector<int>{}), 0.0);
  EXPECT_NEAR(EntropyBits(std::vector<int>{1, 1, 1, 1, 1, 1, 1, 1}), 3.0, 1e-12);
  EXPECT_NEAR(EntropyBits(std::vector<int>{2, 2, 0}), 1.0, 1e-12);
  EXPECT_NEAR(DistributionEntropyBits(std::vector<double>{0.25, 0.25, 0.25, 0.25}), 2.0, 1e-12);
  EXPECT_NEAR(DistributionEntropyBits(std::vector<double>{2, 2}), 1.0, 1e-12);  // normalised first
  EXPECT_DOUBLE_EQ(DistributionEntropyBits(std::vector<double>{0, 1, 0}), 0.0);
}

TEST(GameDiversityTest, IdenticalGamesAreOneGame) {
  const std::vector<Point> game = Game({{2, 3}, {6, 5}, {4, 4}, {3, 6}, {5, 2}});
  const std::vector<int> checkpoints = {2, 4, 10};
  const GameDiversity d =
      MeasureGameDiversity({game, game, game, game}, kSize, Rules::Chinese(), checkpoints, 3);
  EXPECT_EQ(d.games, 4);
  EXPECT_EQ(d.distinct_games, 1);
  EXPECT_DOUBLE_EQ(d.first_move_entropy_bits, 0.0);
  EXPECT_DOUBLE_EQ(d.opening_entropy_bits, 0.0);
  EXPECT_DOUBLE_EQ(d.mean_length, 5.0);
  ASSERT_EQ(d.positions.size(), 3u);
  EXPECT_EQ(d.positions[0].games_reaching, 4);
  EXPECT_EQ(d.positions[0].distinct, 1);
  EXPECT_EQ(d.positions[2].games_reaching, 0);  // no game is 10 moves long
  EXPECT_EQ(d.first_move_counts.at(3 * kSize + 2), 4);
}

TEST(GameDiversityTest, SymmetricImagesAreDistinctButOneUpToSymmetry) {
  const std::vector<Point> game = Game({{2, 3}, {6, 5}, {4, 4}, {3, 6}});
  std::vector<std::vector<Point>> games;
  for (int s = 0; s < kNumSymmetries; ++s) games.push_back(Turned(s, game));
  const std::vector<int> checkpoints = {1, 4};
  const GameDiversity d = MeasureGameDiversity(games, kSize, Rules::Chinese(), checkpoints, 2);
  EXPECT_EQ(d.distinct_games, 8);
  EXPECT_NEAR(d.first_move_entropy_bits, 3.0, 1e-12);  // 8 different first moves
  EXPECT_NEAR(d.opening_entropy_bits, 3.0, 1e-12);
  EXPECT_EQ(d.positions[0].distinct, 8);
  EXPECT_EQ(d.positions[0].distinct_up_to_symmetry, 1);
  EXPECT_EQ(d.positions[1].distinct, 8);
  EXPECT_EQ(d.positions[1].distinct_up_to_symmetry, 1);
}

TEST(GameDiversityTest, GamesThatDivergeLateShareTheirOpening) {
  const std::vector<Point> a = Game({{2, 2}, {6, 6}, {2, 6}, {6, 2}});
  const std::vector<Point> b = Game({{2, 2}, {6, 6}, {2, 6}, {4, 4}});
  const std::vector<int> checkpoints = {3, 4};
  const GameDiversity d = MeasureGameDiversity({a, b}, kSize, Rules::Chinese(), checkpoints, 3);
  EXPECT_EQ(d.distinct_games, 2);
  EXPECT_DOUBLE_EQ(d.opening_entropy_bits, 0.0);
  EXPECT_EQ(d.positions[0].distinct, 1);
  EXPECT_EQ(d.positions[1].distinct, 2);
  EXPECT_EQ(d.positions[1].distinct_up_to_symmetry, 2);
}

}  // namespace
}  // namespace tengen
