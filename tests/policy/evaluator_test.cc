// The evaluator: probabilities, legality, symmetry modes, batching, errors.
#include "policy/evaluator.h"

#include <cmath>
#include <numeric>
#include <set>

#include "engine/symmetry.h"
#include "gtest/gtest.h"
#include "policy/device.h"
#include "policy/features.h"
#include "policy/model.h"
#include "policy/model_internal.h"
#include "policy/symmetric_evaluator.h"
#include "tests/policy/policy_test_util.h"

namespace tengen {
namespace {

std::unique_ptr<Evaluator> MakeEvaluator(const Model& model, SymmetryMode mode, uint64_t seed = 1) {
  absl::StatusOr<std::unique_ptr<Evaluator>> evaluator =
      CreateNetworkEvaluator(model, EvaluatorOptions{.symmetry = mode, .seed = seed});
  EXPECT_TRUE(evaluator.ok()) << evaluator.status();
  return std::move(*evaluator);
}

std::vector<Evaluation> Evaluate(Evaluator& evaluator, const std::vector<GameState>& games) {
  std::vector<const GameState*> states;
  for (const GameState& game : games) states.push_back(&game);
  absl::StatusOr<std::vector<Evaluation>> result = evaluator.EvaluateBatch(states);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : std::vector<Evaluation>{};
}

TEST(EvaluatorTest, ProbabilitiesSumToOneAndVanishOnIllegalMoves) {
  const Model model = SmallModel();
  auto evaluator = MakeEvaluator(model, SymmetryMode::kRandom);
  std::vector<GameState> games;
  for (int i = 0; i < 12; ++i) games.push_back(RandomGame(9, 10 * i, i));
  const std::vector<Evaluation> evaluations = Evaluate(*evaluator, games);
  ASSERT_EQ(evaluations.size(), games.size());
  for (size_t g = 0; g < games.size(); ++g) {
    const Evaluation& e = evaluations[g];
    ASSERT_EQ(e.policy.size(), 82u);
    ASSERT_EQ(e.logits.size(), 82u);
    EXPECT_NEAR(std::accumulate(e.policy.begin(), e.policy.end(), 0.0), 1.0, 1e-5);
    const std::vector<uint8_t> legal = LegalMoveMask(games[g], 0);
    for (int i = 0; i < 82; ++i) {
      if (legal[i]) {
        EXPECT_GT(e.policy[i], 0.0f);
      } else {
        EXPECT_EQ(e.policy[i], 0.0f) << "illegal move " << i;
      }
    }
    EXPECT_GE(e.value, -1.0f);
    EXPECT_LE(e.value, 1.0f);
    EXPECT_GE(e.symmetry, 0);
    EXPECT_LT(e.symmetry, 8);
  }
}

TEST(EvaluatorTest, BatchOfOneEqualsTheSamePositionInABatchOfEight) {
  const Model model = SmallModel();
  auto evaluator = MakeEvaluator(model, SymmetryMode::kNone);
  std::vector<GameState> games;
  for (int i = 0; i < 8; ++i) games.push_back(RandomGame(9, 5 + 7 * i, 100 + i));
  const std::vector<Evaluation> batched = Evaluate(*evaluator, games);
  for (int i = 0; i < 8; ++i) {
    const std::vector<Evaluation> single = Evaluate(*evaluator, {games[i]});
    for (int m = 0; m < 82; ++m) EXPECT_NEAR(single[0].policy[m], batched[i].policy[m], 1e-5);
    EXPECT_NEAR(single[0].value, batched[i].value, 1e-5);
  }
}

TEST(EvaluatorTest, AverageModeIsExactlyInvariantUnderSymmetry) {
  const Model model = SmallModel(7);
  auto evaluator = MakeEvaluator(model, SymmetryMode::kAverage);
  for (int g = 0; g < 3; ++g) {
    const GameState game = RandomGame(7, 6 + 9 * g, 40 + g);
    const Evaluation base = Evaluate(*evaluator, {game})[0];
    EXPECT_EQ(base.symmetry, -1);
    for (int s = 1; s < kNumSymmetries; ++s) {
      const Evaluation image = Evaluate(*evaluator, {ApplySymmetry(s, game)})[0];
      EXPECT_EQ(image.value, base.value) << "symmetry " << s;
      for (int i = 0; i < 50; ++i)
        ASSERT_EQ(image.policy[ApplySymmetryToMoveIndex(s, i, 7)], base.policy[i])
            << "symmetry " << s << " move " << i;
    }
  }
}

TEST(EvaluatorTest, RandomModeIsSeededAndUndoneOnTheOutput) {
  const Model model = SmallModel();
  auto a = MakeEvaluator(model, SymmetryMode::kRandom, 9);
  auto b = MakeEvaluator(model, SymmetryMode::kRandom, 9);
  auto other_seed = MakeEvaluator(model, SymmetryMode::kRandom, 10);
  auto none = MakeEvaluator(model, SymmetryMode::kNone);
  std::set<int> seen;
  int differs_by_seed = 0;
  for (int i = 0; i < 24; ++i) {
    const GameState game = RandomGame(9, 20 + i, 3 + i);
    const Evaluation ea = Evaluate(*a, {game})[0];
    const Evaluation eb = Evaluate(*b, {game})[0];
    EXPECT_EQ(ea.symmetry, eb.symmetry);
    // The rule the GTP engine uses too (tests/gtp/server_engine_test.cc).
    EXPECT_EQ(ea.symmetry, RandomSymmetryFor(game, 9));
    EXPECT_EQ(ea.policy, eb.policy);
    // The same position in another batch gets the same symmetry.
    const Evaluation in_batch = Evaluate(*a, {RandomGame(9, 5, 99), game})[1];
    EXPECT_EQ(in_batch.symmetry, ea.symmetry);
    differs_by_seed += Evaluate(*other_seed, {game})[0].symmetry != ea.symmetry;
    seen.insert(ea.symmetry);
    // Undoing the symmetry: the random-mode evaluation equals the plain
    // evaluation of the mirrored position, mapped back.
    const Evaluation mirrored = Evaluate(*none, {ApplySymmetry(ea.symmetry, game)})[0];
    for (int m = 0; m < 82; ++m)
      EXPECT_NEAR(ea.policy[m], mirrored.policy[ApplySymmetryToMoveIndex(ea.symmetry, m, 9)], 1e-5);
  }
  EXPECT_GE(seen.size(), 5u) << "symmetries vary across positions";
  EXPECT_GE(differs_by_seed, 12) << "and with the seed";
}

// Hides the network evaluator's oriented interface, so a SymmetricEvaluator
// over it builds the images as games (ApplySymmetry).
class PlainOnly : public Evaluator {
 public:
  explicit PlainOnly(std::unique_ptr<Evaluator> inner) : inner_(std::move(inner)) {}
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    return inner_->EvaluateBatch(states);
  }
  std::string Describe() const override { return inner_->Describe(); }

 private:
  std::unique_ptr<Evaluator> inner_;
};

// The network applies symmetries as it encodes; that gives exactly what
// evaluating the mirrored games would.
TEST(EvaluatorTest, SymmetriesAppliedInTheEncodingEqualEvaluatingTheImages) {
  const Model model = SmallModel(7);
  for (SymmetryMode mode : {SymmetryMode::kRandom, SymmetryMode::kAverage}) {
    auto network = MakeEvaluator(model, mode, 4);
    // The plain network under the decorator: the decorator in kNone mode
    // forwards to the network as it is.
    SymmetricEvaluator through_images(
        std::make_unique<PlainOnly>(MakeEvaluator(model, SymmetryMode::kNone)), mode, 4);
    std::vector<GameState> games;
    for (int g = 0; g < 5; ++g) games.push_back(RandomGame(7, 4 + 7 * g, 70 + g));
    const std::vector<Evaluation> encoded = Evaluate(*network, games);
    const std::vector<Evaluation> built = Evaluate(through_images, games);
    for (size_t g = 0; g < games.size(); ++g) {
      EXPECT_EQ(encoded[g].symmetry, built[g].symmetry);
      EXPECT_EQ(encoded[g].policy, built[g].policy) << SymmetryModeName(mode) << " " << g;
      EXPECT_EQ(encoded[g].logits, built[g].logits);
      EXPECT_EQ(encoded[g].value, built[g].value);
      ASSERT_TRUE(encoded[g].has_aux());
      EXPECT_EQ(encoded[g].ownership, built[g].ownership);
      EXPECT_EQ(encoded[g].score, built[g].score);
    }
  }
}

TEST(EvaluatorTest, MixedBoardSizesInOneBatch) {
  const Model model = SmallModel(9);
  auto evaluator = MakeEvaluator(model, SymmetryMode::kNone);
  const std::vector<GameState> games = {RandomGame(9, 10, 1), RandomGame(5, 4, 2),
                                        RandomGame(13, 30, 3), RandomGame(9, 3, 4)};
  const std::vector<Evaluation> together = Evaluate(*evaluator, games);
  for (size_t g = 0; g < games.size(); ++g) {
    const int n = games[g].size();
    ASSERT_EQ(together[g].policy.size(), static_cast<size_t>(n * n + 1));
    const Evaluation alone = Evaluate(*evaluator, {games[g]})[0];
    for (int m = 0; m < n * n + 1; ++m) EXPECT_NEAR(alone.policy[m], together[g].policy[m], 1e-5);
  }
  EXPECT_TRUE(Evaluate(*evaluator, {}).empty());
}

TEST(EvaluatorTest, OwnershipAndScoreAreTheNetworksOutputs) {
  const Model model = SmallModel(9, 2);
  auto evaluator = MakeEvaluator(model, SymmetryMode::kNone);
  std::vector<GameState> games;
  for (int i = 0; i < 3; ++i) games.push_back(RandomGame(9, 10 + 9 * i, 30 + i));
  const std::vector<Evaluation> evaluations = Evaluate(*evaluator, games);
  torch::Tensor planes = torch::empty({3, kNumFeaturePlanes, 9, 9});
  for (int i = 0; i < 3; ++i)
    EncodeFeatures(games[i], 0, std::span<float>(planes[i].data_ptr<float>(), NumFeatureValues(9)));
  PolicyValueNet network = NetworkOf(model);
  network->eval();
  torch::NoGradGuard no_grad;
  const PolicyValueOutput expected = network->forward(planes);
  for (int i = 0; i < 3; ++i) {
    const Evaluation& e = evaluations[i];
    ASSERT_TRUE(e.has_aux());
    ASSERT_EQ(e.ownership.size(), 81u);
    for (int p = 0; p < 81; ++p) {
      EXPECT_NEAR(e.ownership[p], expected.ownership[i][p].item<float>(), 1e-5) << i << " " << p;
      EXPECT_GE(e.ownership[p], -1.0f);
      EXPECT_LE(e.ownership[p], 1.0f);
    }
    EXPECT_NEAR(e.score, expected.score[i].item<float>(), 1e-4) << i;
  }
}

TEST(EvaluatorTest, AverageModeMirrorsTheOwnershipExactlyAndKeepsTheScore) {
  const Model model = SmallModel(7, 3);
  auto evaluator = MakeEvaluator(model, SymmetryMode::kAverage);
  for (int g = 0; g < 3; ++g) {
    const GameState game = RandomGame(7, 6 + 9 * g, 40 + g);
    const Evaluation base = Evaluate(*evaluator, {game})[0];
    ASSERT_EQ(base.ownership.size(), 49u);
    for (int s = 1; s < kNumSymmetries; ++s) {
      const Evaluation image = Evaluate(*evaluator, {ApplySymmetry(s, game)})[0];
      EXPECT_EQ(image.score, base.score) << "symmetry " << s;
      for (int i = 0; i < 49; ++i)
        ASSERT_EQ(image.ownership[ApplySymmetryToMoveIndex(s, i, 7)], base.ownership[i])
            << "symmetry " << s << " point " << i;
    }
  }
}

TEST(EvaluatorTest, RandomModeUndoesTheSymmetryOnTheOwnership) {
  const Model model = SmallModel(9, 4);
  auto random = MakeEvaluator(model, SymmetryMode::kRandom, 9);
  auto none = MakeEvaluator(model, SymmetryMode::kNone);
  std::set<int> seen;
  for (int i = 0; i < 16; ++i) {
    const GameState game = RandomGame(9, 20 + i, 3 + i);
    const Evaluation e = Evaluate(*random, {game})[0];
    const int s = e.symmetry;
    seen.insert(s);
    const Evaluation mirrored = Evaluate(*none, {ApplySymmetry(s, game)})[0];
    ASSERT_EQ(e.ownership.size(), 81u);
    for (int p = 0; p < 81; ++p)
      EXPECT_NEAR(e.ownership[p], mirrored.ownership[ApplySymmetryToMoveIndex(s, p, 9)], 1e-5)
          << "symmetry " << s << " point " << p;
    EXPECT_NEAR(e.score, mirrored.score, 1e-4);
  }
  EXPECT_GE(seen.size(), 4u);
}

TEST(EvaluatorTest, AModelWithoutAuxHeadsGivesNoOwnershipOrScore) {
  const Model model = SmallModelWithoutAuxHeads(7);
  for (SymmetryMode mode : {SymmetryMode::kNone, SymmetryMode::kRandom, SymmetryMode::kAverage}) {
    auto evaluator = MakeEvaluator(model, mode);
    const std::vector<Evaluation> evaluations =
        Evaluate(*evaluator, {RandomGame(7, 8, 1), RandomGame(5, 4, 2)});
    for (const Evaluation& e : evaluations) {
      EXPECT_FALSE(e.has_aux()) << SymmetryModeName(mode);
      EXPECT_EQ(e.score, 0.0f);
      EXPECT_FALSE(e.policy.empty());
    }
  }
}

TEST(EvaluatorTest, MixedBoardSizesGetOwnershipOfTheirOwnSize) {
  const Model model = SmallModel(9);
  const std::vector<GameState> games = {RandomGame(9, 10, 1), RandomGame(5, 4, 2),
                                        RandomGame(13, 30, 3), RandomGame(9, 3, 4)};
  for (SymmetryMode mode : {SymmetryMode::kNone, SymmetryMode::kRandom, SymmetryMode::kAverage}) {
    auto evaluator = MakeEvaluator(model, mode);
    const std::vector<Evaluation> together = Evaluate(*evaluator, games);
    for (size_t g = 0; g < games.size(); ++g) {
      const int n = games[g].size();
      ASSERT_EQ(together[g].ownership.size(), static_cast<size_t>(n * n))
          << SymmetryModeName(mode) << " " << g;
      const Evaluation alone = Evaluate(*evaluator, {games[g]})[0];
      for (int p = 0; p < n * n; ++p)
        EXPECT_NEAR(alone.ownership[p], together[g].ownership[p], 1e-5) << g << " " << p;
      EXPECT_NEAR(alone.score, together[g].score, 1e-4) << g;
    }
  }
}

TEST(EvaluatorTest, OnlyPassLegalGivesPassEverything) {
  const Model model = SmallModel(2);
  auto evaluator = MakeEvaluator(model, SymmetryMode::kNone);
  GameState game(1);
  const Evaluation e = Evaluate(*evaluator, {game})[0];
  EXPECT_EQ(e.policy, (std::vector<float>{0.0f, 1.0f}));
}

TEST(EvaluatorTest, UnavailableDevicesAndBadOptionsAreErrors) {
  const Model model = SmallModel();
  absl::StatusOr<std::unique_ptr<Evaluator>> bad_device =
      CreateNetworkEvaluator(model, EvaluatorOptions{.device = "toaster"});
  EXPECT_FALSE(bad_device.ok());
  EXPECT_NE(bad_device.status().message().find("toaster"), absl::string_view::npos);
  // CUDA works exactly where the device check says it does: with a GPU the
  // evaluator gives the CPU's answers, without one the error names cuda.
  absl::StatusOr<std::unique_ptr<Evaluator>> cuda = CreateNetworkEvaluator(
      model, EvaluatorOptions{.symmetry = SymmetryMode::kNone, .device = "cuda"});
  if (CheckDevice("cuda").ok()) {
    ASSERT_TRUE(cuda.ok()) << cuda.status();
    absl::StatusOr<std::unique_ptr<Evaluator>> cpu =
        CreateNetworkEvaluator(model, EvaluatorOptions{.symmetry = SymmetryMode::kNone});
    ASSERT_TRUE(cpu.ok()) << cpu.status();
    const GameState game(9);
    const Evaluation on_gpu = Evaluate(**cuda, {game})[0];
    const Evaluation on_cpu = Evaluate(**cpu, {game})[0];
    ASSERT_EQ(on_gpu.policy.size(), on_cpu.policy.size());
    for (size_t i = 0; i < on_cpu.policy.size(); ++i)
      EXPECT_NEAR(on_gpu.policy[i], on_cpu.policy[i], 1e-3) << i;
    EXPECT_NEAR(on_gpu.value, on_cpu.value, 1e-3);
  } else {
    ASSERT_FALSE(cuda.ok());
    EXPECT_NE(cuda.status().message().find("cuda"), absl::string_view::npos) << cuda.status();
  }
  EXPECT_FALSE(CreateNetworkEvaluator(model, EvaluatorOptions{.device = "cuda:4096"}).ok())
      << "no machine has that many GPUs";
  EXPECT_FALSE(CreateNetworkEvaluator(model, EvaluatorOptions{.threads = 0}).ok());
  EXPECT_FALSE(SymmetryModeFromName("sometimes").ok());
  EXPECT_EQ(*SymmetryModeFromName("Average"), SymmetryMode::kAverage);
}

TEST(EvaluatorTest, UniformEvaluatorSpreadsEvenlyOverLegalMoves) {
  auto evaluator = CreateUniformEvaluator();
  const GameState game = RandomGame(5, 8, 2);
  const Evaluation e = Evaluate(*evaluator, {game})[0];
  const std::vector<uint8_t> legal = LegalMoveMask(game, 0);
  const int count = std::accumulate(legal.begin(), legal.end(), 0);
  for (int i = 0; i < 26; ++i) EXPECT_FLOAT_EQ(e.policy[i], legal[i] ? 1.0f / count : 0.0f);
}

}  // namespace
}  // namespace tengen
