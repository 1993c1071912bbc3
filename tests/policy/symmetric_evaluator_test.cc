// The symmetry decorator over a fake evaluator: exactly symmetric averages,
// random symmetries that do not depend on the batch, one inner call per
// batch, and the same answers through the oriented (network) interface.
#include "policy/symmetric_evaluator.h"

#include <algorithm>
#include <memory>
#include <set>
#include <vector>

#include "engine/symmetry.h"
#include "gtest/gtest.h"
#include "policy/features.h"
#include "tests/policy/policy_test_util.h"
#include "tests/support/fake_evaluators.h"

namespace tengen {
namespace {

std::vector<float> Planes(const GameState& state) {
  std::vector<float> planes(NumFeatureValues(state.size()));
  EncodeFeatures(state, 0, planes);
  return planes;
}

// The fake, recording the feature planes of every position it is given, one
// vector per call.
class RecordingEvaluator : public Evaluator {
 public:
  explicit RecordingEvaluator(std::vector<std::vector<std::vector<float>>>* calls)
      : calls_(calls) {}
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    calls_->emplace_back();
    for (const GameState* state : states) calls_->back().push_back(Planes(*state));
    return fake_.EvaluateBatch(states);
  }
  std::string Describe() const override { return "recording"; }

 private:
  std::vector<std::vector<std::vector<float>>>* calls_;
  FakeEvaluator fake_;
};

// The fake through the oriented interface, as the network evaluator offers
// it: images evaluated without the decorator building them.
class OrientedFake : public OrientedEvaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    ++plain_calls;
    return FakeEvaluator().EvaluateBatch(states);
  }
  absl::StatusOr<std::vector<Evaluation>> EvaluateOriented(
      std::span<const OrientedPosition> positions) override {
    ++oriented_calls;
    std::vector<Evaluation> evaluations;
    for (const OrientedPosition& p : positions)
      evaluations.push_back(FakeEvaluator::Evaluate(ApplySymmetry(p.symmetry, *p.state)));
    return evaluations;
  }
  std::string Describe() const override { return "oriented fake"; }
  int plain_calls = 0;
  int oriented_calls = 0;
};

SymmetricEvaluator OverFake(SymmetryMode mode, uint64_t seed = 1,
                            std::vector<int>* batch_sizes = nullptr) {
  return SymmetricEvaluator(std::make_unique<FakeEvaluator>(batch_sizes), mode, seed);
}

std::vector<Evaluation> Evaluate(SymmetricEvaluator& evaluator,
                                 const std::vector<const GameState*>& states) {
  absl::StatusOr<std::vector<Evaluation>> result = evaluator.EvaluateBatch(states);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : std::vector<Evaluation>{};
}

Evaluation EvaluateOne(SymmetricEvaluator& evaluator, const GameState& state) {
  return Evaluate(evaluator, {&state})[0];
}

void ExpectSame(const Evaluation& a, const Evaluation& b) {
  EXPECT_EQ(a.policy, b.policy);
  EXPECT_EQ(a.logits, b.logits);
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.symmetry, b.symmetry);
  EXPECT_EQ(a.ownership, b.ownership);
  EXPECT_EQ(a.score, b.score);
}

// The fake with auxiliary heads that depend on the orientation, so an
// ownership map left in the image's orientation (or averaged at the wrong
// points) is noticed: point (x, y) gets a value in (-1, 1) from x, y and the
// colour there; the score depends on the colours of the first row.
Evaluation WithOwnership(const GameState& state) {
  Evaluation e = FakeEvaluator::Evaluate(state);
  const int n = state.size();
  e.ownership.resize(n * n);
  double score = 0.25 * static_cast<double>(state.moves().size());
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      const Color c = state.board().At(state.board().PointAt(x, y));
      const int colour = c == state.to_move() ? 1 : (IsPlayer(c) ? 2 : 0);
      e.ownership[y * n + x] = static_cast<float>(((7 * x + 3 * y + 5 * colour) % 19) / 10.0 - 0.9);
      if (y == 0) score += (x + 1) * colour * 0.375;
    }
  }
  e.score = static_cast<float>(score);
  return e;
}

class OwnershipFake : public Evaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    std::vector<Evaluation> evaluations;
    for (const GameState* state : states) evaluations.push_back(WithOwnership(*state));
    return evaluations;
  }
  std::string Describe() const override { return "ownership fake"; }
};

// The same through the oriented interface.
class OrientedOwnershipFake : public OrientedEvaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    return OwnershipFake().EvaluateBatch(states);
  }
  absl::StatusOr<std::vector<Evaluation>> EvaluateOriented(
      std::span<const OrientedPosition> positions) override {
    std::vector<Evaluation> evaluations;
    for (const OrientedPosition& p : positions)
      evaluations.push_back(WithOwnership(ApplySymmetry(p.symmetry, *p.state)));
    return evaluations;
  }
  std::string Describe() const override { return "oriented ownership fake"; }
};

TEST(SymmetricEvaluator, AverageIsExactlySymmetric) {
  SymmetricEvaluator evaluator = OverFake(SymmetryMode::kAverage);
  for (int g = 0; g < 4; ++g) {
    const GameState game = RandomGame(7, 3 + 8 * g, 20 + g);
    const Evaluation plain = EvaluateOne(evaluator, game);
    EXPECT_EQ(plain.symmetry, -1);
    for (int s = 0; s < kNumSymmetries; ++s) {
      const Evaluation image = EvaluateOne(evaluator, ApplySymmetry(s, game));
      EXPECT_EQ(image.value, plain.value);
      for (int i = 0; i <= 49; ++i) {
        ASSERT_EQ(image.policy[ApplySymmetryToMoveIndex(s, i, 7)], plain.policy[i])
            << s << " " << i;
        ASSERT_EQ(image.logits[ApplySymmetryToMoveIndex(s, i, 7)], plain.logits[i])
            << s << " " << i;
      }
    }
  }
}

TEST(SymmetricEvaluator, AverageGivesTheInnerEvaluatorTheSameBatchForMirroredPositions) {
  std::vector<std::vector<std::vector<float>>> calls;
  SymmetricEvaluator evaluator(std::make_unique<RecordingEvaluator>(&calls), SymmetryMode::kAverage,
                               1);
  const GameState game = RandomGame(6, 14, 3);
  for (int s = 0; s < kNumSymmetries; ++s) EvaluateOne(evaluator, ApplySymmetry(s, game));
  ASSERT_EQ(calls.size(), 8u);
  for (const auto& call : calls) {
    ASSERT_EQ(call.size(), 8u);
    EXPECT_EQ(call, calls[0]);
  }
  // Eight different images of this position, in ascending order.
  for (size_t i = 1; i < calls[0].size(); ++i) EXPECT_LT(calls[0][i - 1], calls[0][i]);
}

TEST(SymmetricEvaluator, OneSymmetryIsTheImageMappedBack) {
  const GameState game = RandomGame(6, 9, 5);
  for (uint64_t seed = 0; seed < 16; ++seed) {
    SymmetricEvaluator evaluator = OverFake(SymmetryMode::kRandom, seed);
    const Evaluation random = EvaluateOne(evaluator, game);
    const int s = random.symmetry;
    EXPECT_EQ(s, RandomSymmetryFor(game, seed));
    const Evaluation direct = FakeEvaluator::Evaluate(ApplySymmetry(s, game));
    for (int i = 0; i <= 36; ++i) {
      EXPECT_EQ(random.policy[i], direct.policy[ApplySymmetryToMoveIndex(s, i, 6)]);
      EXPECT_EQ(random.logits[i], direct.logits[ApplySymmetryToMoveIndex(s, i, 6)]);
    }
    EXPECT_EQ(random.value, direct.value);
  }
  SymmetricEvaluator none = OverFake(SymmetryMode::kNone);
  const Evaluation plain = EvaluateOne(none, game);
  EXPECT_EQ(plain.symmetry, 0);
  EXPECT_EQ(plain.policy, FakeEvaluator::Evaluate(game).policy);
}

TEST(SymmetricEvaluator, RandomDoesNotDependOnTheBatch) {
  std::vector<GameState> games;
  for (int i = 0; i < 10; ++i) games.push_back(RandomGame(7, 2 * i + 1, 60 + i));
  games.push_back(RandomGame(5, 6, 1));  // another board size in the batch
  SymmetricEvaluator evaluator = OverFake(SymmetryMode::kRandom, 42);
  std::vector<Evaluation> alone;
  for (const GameState& game : games) alone.push_back(EvaluateOne(evaluator, game));
  // All together, reversed, and each beside a changing companion.
  std::vector<const GameState*> forward, backward;
  for (const GameState& game : games) forward.push_back(&game);
  backward.assign(forward.rbegin(), forward.rend());
  const std::vector<Evaluation> together = Evaluate(evaluator, forward);
  const std::vector<Evaluation> reversed = Evaluate(evaluator, backward);
  for (size_t i = 0; i < games.size(); ++i) {
    SCOPED_TRACE(i);
    ExpectSame(together[i], alone[i]);
    ExpectSame(reversed[games.size() - 1 - i], alone[i]);
    const GameState& companion = games[(i + 3) % games.size()];
    ExpectSame(Evaluate(evaluator, {&companion, &games[i]})[1], alone[i]);
  }
  // The symmetries vary across positions.
  std::set<int> seen;
  for (const Evaluation& e : alone) seen.insert(e.symmetry);
  EXPECT_GE(seen.size(), 4u);
}

TEST(SymmetricEvaluator, ABatchIsOneInnerCall) {
  std::vector<int> batches;
  const GameState a = RandomGame(7, 5, 1), b = RandomGame(7, 9, 2), c = RandomGame(9, 4, 3);
  for (SymmetryMode mode : {SymmetryMode::kNone, SymmetryMode::kRandom, SymmetryMode::kAverage}) {
    SymmetricEvaluator evaluator = OverFake(mode, 1, &batches);
    EXPECT_EQ(Evaluate(evaluator, {&a, &b, &c}).size(), 3u);
  }
  EXPECT_EQ(batches, (std::vector<int>{3, 3, 24}));
}

TEST(SymmetricEvaluator, ThePerCallModeOverridesTheDecoratorsOwn) {
  std::vector<int> batches;
  SymmetricEvaluator evaluator = OverFake(SymmetryMode::kAverage, 1, &batches);
  const GameState game = RandomGame(7, 5, 1);
  const GameState* state = &game;
  absl::StatusOr<std::vector<Evaluation>> random =
      evaluator.EvaluateBatch({&state, 1}, SymmetryMode::kRandom);
  ASSERT_TRUE(random.ok());
  EXPECT_EQ((*random)[0].symmetry, RandomSymmetryFor(game, 1));
  evaluator.set_mode(SymmetryMode::kNone);
  EXPECT_EQ(EvaluateOne(evaluator, game).symmetry, 0);
  EXPECT_EQ(batches, (std::vector<int>{1, 1}));
  EXPECT_EQ(evaluator.Describe(), "fake evaluator, symmetry none");
}

TEST(SymmetricEvaluator, WrappingADecoratorReplacesItsModeInsteadOfStacking) {
  std::vector<int> batches;
  auto random = std::make_unique<SymmetricEvaluator>(std::make_unique<FakeEvaluator>(&batches),
                                                     SymmetryMode::kRandom, 7);
  SymmetricEvaluator average(std::move(random), SymmetryMode::kAverage, 7);
  EXPECT_EQ(average.inner().Describe(), "fake evaluator");
  const GameState game = RandomGame(7, 5, 1);
  const Evaluation outer = EvaluateOne(average, game);
  SymmetricEvaluator direct = OverFake(SymmetryMode::kAverage, 7);
  ExpectSame(outer, EvaluateOne(direct, game));
  EXPECT_EQ(batches, (std::vector<int>{8}));
}

TEST(SymmetricEvaluator, TheOrientedInterfaceGivesTheSameAnswersWithoutBuildingImages) {
  auto owned = std::make_unique<OrientedFake>();
  OrientedFake* oriented = owned.get();
  SymmetricEvaluator through_oriented(std::move(owned), SymmetryMode::kAverage, 3);
  SymmetricEvaluator through_images = OverFake(SymmetryMode::kAverage, 3);
  const GameState a = RandomGame(7, 11, 8), b = RandomGame(9, 20, 9);
  for (SymmetryMode mode : {SymmetryMode::kRandom, SymmetryMode::kAverage}) {
    through_oriented.set_mode(mode);
    through_images.set_mode(mode);
    const std::vector<Evaluation> x = Evaluate(through_oriented, {&a, &b});
    const std::vector<Evaluation> y = Evaluate(through_images, {&a, &b});
    for (int i = 0; i < 2; ++i) ExpectSame(x[i], y[i]);
  }
  EXPECT_EQ(oriented->oriented_calls, 2);
  EXPECT_EQ(oriented->plain_calls, 0);
}

TEST(SymmetricEvaluator, AverageOwnershipIsExactlyMirroredAndTheScoreIdentical) {
  SymmetricEvaluator evaluator(std::make_unique<OwnershipFake>(), SymmetryMode::kAverage, 1);
  for (int g = 0; g < 4; ++g) {
    const GameState game = RandomGame(7, 3 + 8 * g, 20 + g);
    const Evaluation plain = EvaluateOne(evaluator, game);
    ASSERT_TRUE(plain.has_aux());
    ASSERT_EQ(plain.ownership.size(), 49u);
    // The mean of the 8 images mapped back, summed in ascending order.
    for (int i = 0; i < 49; ++i) {
      std::vector<float> column;
      for (int s = 0; s < kNumSymmetries; ++s)
        column.push_back(
            WithOwnership(ApplySymmetry(s, game)).ownership[ApplySymmetryToMoveIndex(s, i, 7)]);
      std::sort(column.begin(), column.end());
      double sum = 0;
      for (float v : column) sum += v;
      ASSERT_EQ(plain.ownership[i], static_cast<float>(sum / 8)) << i;
    }
    for (int s = 0; s < kNumSymmetries; ++s) {
      const Evaluation image = EvaluateOne(evaluator, ApplySymmetry(s, game));
      EXPECT_EQ(image.score, plain.score) << s;
      for (int i = 0; i < 49; ++i)
        ASSERT_EQ(image.ownership[ApplySymmetryToMoveIndex(s, i, 7)], plain.ownership[i])
            << s << " " << i;
    }
  }
}

TEST(SymmetricEvaluator, OneSymmetryMapsTheOwnershipBack) {
  const GameState game = RandomGame(6, 9, 5);
  std::set<int> seen;
  for (uint64_t seed = 0; seed < 16; ++seed) {
    SymmetricEvaluator evaluator(std::make_unique<OwnershipFake>(), SymmetryMode::kRandom, seed);
    const Evaluation random = EvaluateOne(evaluator, game);
    const int s = random.symmetry;
    seen.insert(s);
    const Evaluation direct = WithOwnership(ApplySymmetry(s, game));
    ASSERT_EQ(random.ownership.size(), 36u);
    for (int i = 0; i < 36; ++i)
      EXPECT_EQ(random.ownership[i], direct.ownership[ApplySymmetryToMoveIndex(s, i, 6)])
          << s << " " << i;
    EXPECT_EQ(random.score, direct.score);
  }
  EXPECT_GE(seen.size(), 4u);
  SymmetricEvaluator none(std::make_unique<OwnershipFake>(), SymmetryMode::kNone, 1);
  const Evaluation plain = EvaluateOne(none, game);
  EXPECT_EQ(plain.ownership, WithOwnership(game).ownership);
  EXPECT_EQ(plain.score, WithOwnership(game).score);
}

TEST(SymmetricEvaluator, NoAuxHeadsStayAbsentInEveryMode) {
  const GameState game = RandomGame(7, 10, 4);
  for (SymmetryMode mode : {SymmetryMode::kNone, SymmetryMode::kRandom, SymmetryMode::kAverage}) {
    SymmetricEvaluator evaluator = OverFake(mode);
    const Evaluation e = EvaluateOne(evaluator, game);
    EXPECT_FALSE(e.has_aux()) << SymmetryModeName(mode);
    EXPECT_TRUE(e.ownership.empty());
    EXPECT_EQ(e.score, 0.0f);
  }
}

TEST(SymmetricEvaluator, MixedBoardSizesGetOwnershipOfTheirOwnSize) {
  const GameState a = RandomGame(5, 6, 1), b = RandomGame(9, 20, 2), c = RandomGame(7, 9, 3);
  for (SymmetryMode mode : {SymmetryMode::kNone, SymmetryMode::kRandom, SymmetryMode::kAverage}) {
    SymmetricEvaluator evaluator(std::make_unique<OwnershipFake>(), mode, 2);
    const std::vector<Evaluation> together = Evaluate(evaluator, {&a, &b, &c});
    ASSERT_EQ(together.size(), 3u);
    const GameState* games[] = {&a, &b, &c};
    for (int g = 0; g < 3; ++g) {
      const int n = games[g]->size();
      EXPECT_EQ(together[g].ownership.size(), static_cast<size_t>(n * n))
          << SymmetryModeName(mode) << " " << g;
      ExpectSame(together[g], EvaluateOne(evaluator, *games[g]));
    }
  }
}

TEST(SymmetricEvaluator, TheOrientedInterfaceGivesTheSameOwnership) {
  SymmetricEvaluator through_oriented(std::make_unique<OrientedOwnershipFake>(),
                                      SymmetryMode::kAverage, 3);
  SymmetricEvaluator through_images(std::make_unique<OwnershipFake>(), SymmetryMode::kAverage, 3);
  const GameState a = RandomGame(7, 11, 8), b = RandomGame(9, 20, 9);
  for (SymmetryMode mode : {SymmetryMode::kRandom, SymmetryMode::kAverage}) {
    through_oriented.set_mode(mode);
    through_images.set_mode(mode);
    const std::vector<Evaluation> x = Evaluate(through_oriented, {&a, &b});
    const std::vector<Evaluation> y = Evaluate(through_images, {&a, &b});
    for (int i = 0; i < 2; ++i) {
      EXPECT_TRUE(x[i].has_aux());
      ExpectSame(x[i], y[i]);
    }
  }
}

TEST(RandomSymmetryFor, DependsOnThePositionAndSeedNotOnHowMuchHistoryIsKept) {
  std::set<int> seen;
  int differs_by_seed = 0;
  for (int i = 0; i < 40; ++i) {
    const GameState game = RandomGame(9, 20 + i, 100 + i);
    const int s = RandomSymmetryFor(game, 5);
    ASSERT_GE(s, 0);
    ASSERT_LT(s, kNumSymmetries);
    EXPECT_EQ(RandomSymmetryFor(game.WithRecentHistory(4), 5), s);
    differs_by_seed += RandomSymmetryFor(game, 6) != s;
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_GE(differs_by_seed, 20);
}

}  // namespace
}  // namespace tengen
