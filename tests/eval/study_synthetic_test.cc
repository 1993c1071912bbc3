// The known-information experiment of part e on its own: the entropies are
// exact, and a network trained on noisy labels fits more than the labels
// carry while what it generalises never exceeds it.
#include "eval/study_synthetic.h"

#include <cmath>

#include "gtest/gtest.h"

namespace tengen {
namespace {

// Four blocks: every point's policy logit sees the whole 9x9 board, as the
// answers need (the policy head is a 1x1 convolution).
NetworkConfig TinyNetwork() { return {.board_size = 9, .blocks = 4, .channels = 16}; }

TEST(SyntheticEntropyTest, NoiselessAnswersSpreadEvenlyCarryEveryBit) {
  const LabelEntropies h = SyntheticLabelEntropies(8, 0, std::vector<int>(8, 2));
  EXPECT_NEAR(h.label_bits, 3, 1e-12);
  EXPECT_NEAR(h.conditional_bits, 0, 1e-12);
  EXPECT_NEAR(h.information_bits, 3, 1e-12);
}

TEST(SyntheticEntropyTest, NoiseTakesItsShare) {
  // Two points, half the labels uniform: the answer with 3/4, the other 1/4.
  const LabelEntropies h = SyntheticLabelEntropies(2, 0.5, {1, 1});
  const double binary = -(0.75 * std::log2(0.75) + 0.25 * std::log2(0.25));
  EXPECT_NEAR(h.label_bits, 1, 1e-12);
  EXPECT_NEAR(h.conditional_bits, binary, 1e-12);
  EXPECT_NEAR(h.information_bits, 1 - binary, 1e-12);
  // Every code with the same answer: the labels say nothing about the input.
  const LabelEntropies same = SyntheticLabelEntropies(4, 0.3, {5, 0, 0, 0});
  EXPECT_NEAR(same.information_bits, 0, 1e-12);
}

TEST(SyntheticStudyTest, RefusesBadOptionsWithTheReason) {
  SyntheticOptions o;
  o.code_bits = 17;
  EXPECT_NE(o.Validate().message().find("code_bits 17"), std::string_view::npos);
  o = SyntheticOptions{};
  o.label_noise = 1;
  EXPECT_NE(o.Validate().message().find("label_noise 1"), std::string_view::npos);
  o = SyntheticOptions{};
  o.dropout_rates = {0, 1.5};
  EXPECT_NE(o.Validate().message().find("dropout rate 1.5"), std::string_view::npos);
  o = SyntheticOptions{};
  o.code_bits = 10;  // 5x5 has 9 points on even rows and columns
  absl::StatusOr<SyntheticResult> r =
      RunSyntheticStudy(o, {.board_size = 5, .blocks = 1, .channels = 8}, 1, 1, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("room for 9 code bits"), std::string_view::npos)
      << r.status();
}

TEST(SyntheticStudyTest, TheFitOutgrowsTheInformationAndTheGeneralisationNever) {
  SyntheticOptions o{.code_bits = 4,
                     .label_noise = 0.5,
                     .examples_per_code = 6,
                     .dropout_rates = {0, 0.3},
                     .steps = 150,
                     .segments = 3,
                     .batch = 32,
                     .learning_rate = 0.02};
  absl::StatusOr<SyntheticResult> r = RunSyntheticStudy(o, TinyNetwork(), 5, 1, {});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->labels, 81 - 4);
  EXPECT_EQ(r->train_examples, 16 * 6);
  EXPECT_GT(r->information_bits, 0.5);
  EXPECT_LT(r->information_bits, 4);  // 16 codes: at most log2(16) bits
  ASSERT_EQ(r->runs.size(), 2u);
  for (const SyntheticRun& run : r->runs) {
    ASSERT_EQ(run.step, (std::vector<double>{0, 50, 100, 150})) << run.name;
    // What generalises is the known information less a KL divergence.
    for (double g : run.generalised_curve) EXPECT_LE(g, r->information_bits + 1e-9) << run.name;
    EXPECT_GT(run.fit_curve.back(), run.fit_curve.front() + 1) << run.name;
    EXPECT_NEAR(run.memorised_bits, run.fit_bits - run.generalised_bits, 1e-12);
    EXPECT_GT(run.answer_accuracy, 0.5) << run.name;  // it learned the answers, not only the noise
  }
  // Six noisy labels per code: the network without dropout fits beyond
  // what the labels carry about the input.
  EXPECT_GT(r->runs[0].fit_bits, r->information_bits) << r->runs[0].fit_bits;
  EXPECT_GT(r->runs[0].memorised_bits, 0.2);
}

TEST(SyntheticStudyTest, TheSameSeedGivesTheSameFigures) {
  const SyntheticOptions o{.code_bits = 3, .dropout_rates = {0.3}, .steps = 10, .segments = 1};
  absl::StatusOr<SyntheticResult> a = RunSyntheticStudy(o, TinyNetwork(), 9, 1, {});
  absl::StatusOr<SyntheticResult> b = RunSyntheticStudy(o, TinyNetwork(), 9, 1, {});
  ASSERT_TRUE(a.ok() && b.ok()) << a.status() << b.status();
  EXPECT_EQ(*a, *b);
}

TEST(SyntheticStudyTest, AStopRequestCancels) {
  StopSource source;
  source.RequestStop();
  JobHooks hooks{.stop = source.token()};
  absl::StatusOr<SyntheticResult> r = RunSyntheticStudy(
      SyntheticOptions{.code_bits = 3, .steps = 20, .segments = 2}, TinyNetwork(), 1, 1, hooks);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kCancelled) << r.status();
}

}  // namespace
}  // namespace tengen
