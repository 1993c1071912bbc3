// Deterministic and stochastic move choice.
#include "policy/move_chooser.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace tengen {
namespace {

TEST(ArgmaxTest, PicksTheLargestAndBreaksTiesTowardsTheLowestIndex) {
  EXPECT_EQ(ArgmaxMove(std::vector<float>{0.1f, 0.5f, 0.4f}), 1);
  EXPECT_EQ(ArgmaxMove(std::vector<float>{0.0f, 0.4f, 0.4f, 0.2f}), 1);
  EXPECT_EQ(ArgmaxMove(std::vector<float>{0.5f, 0.0f, 0.5f}), 0) << "point before pass";
  EXPECT_EQ(ArgmaxMove(std::vector<float>{0.0f, 0.0f, 0.0f}), 2) << "nothing legal: pass";
}

TEST(ArgmaxTest, ChooserInArgmaxModeIsDeterministic) {
  MoveChooser a(MoveChoiceOptions{.mode = ChoiceMode::kArgmax}, 1);
  MoveChooser b(MoveChoiceOptions{.mode = ChoiceMode::kArgmax}, 999);
  const std::vector<float> policy = {0.2f, 0.3f, 0.25f, 0.25f};
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(a.Choose(policy, i), 1);
    EXPECT_EQ(b.Choose(policy, i), 1);
  }
}

// Pearson's chi-square statistic of observed counts against expected
// probabilities (entries with probability 0 must have no counts).
double ChiSquare(const std::vector<int>& counts, const std::vector<double>& p, int draws) {
  double chi2 = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) {
      EXPECT_EQ(counts[i], 0) << "drew an impossible move " << i;
      continue;
    }
    const double expected = p[i] * draws;
    chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
  }
  return chi2;
}

std::vector<int> Draw(MoveChooser& chooser, const std::vector<float>& policy, int draws,
                      int move_number = 50) {
  std::vector<int> counts(policy.size(), 0);
  for (int i = 0; i < draws; ++i) ++counts[chooser.Choose(policy, move_number)];
  return counts;
}

// Critical values of chi-square at p = 0.001 for the degrees of freedom used.
constexpr double kChi2Critical5Dof = 20.52;
constexpr double kChi2Critical3Dof = 16.27;

TEST(SamplingTest, FrequenciesMatchThePolicyAtTemperatureOne) {
  const std::vector<float> policy = {0.05f, 0.30f, 0.0f, 0.15f, 0.25f, 0.10f, 0.15f};
  MoveChooser chooser(MoveChoiceOptions{.mode = ChoiceMode::kSample}, 12345);
  const int draws = 200000;
  const std::vector<int> counts = Draw(chooser, policy, draws);
  std::vector<double> p(policy.begin(), policy.end());
  EXPECT_LT(ChiSquare(counts, p, draws), kChi2Critical5Dof);
}

TEST(SamplingTest, TemperatureSharpensAndFlattensAsFormulaSays) {
  const std::vector<float> policy = {0.1f, 0.2f, 0.3f, 0.4f};
  for (double t : {0.5, 2.0}) {
    MoveChooser chooser(MoveChoiceOptions{.temperature = t}, 7);
    const int draws = 200000;
    const std::vector<int> counts = Draw(chooser, policy, draws);
    std::vector<double> p;
    double total = 0;
    for (float v : policy) total += std::pow(v, 1 / t);
    for (float v : policy) p.push_back(std::pow(v, 1 / t) / total);
    EXPECT_LT(ChiSquare(counts, p, draws), kChi2Critical3Dof) << "T=" << t;
    const std::vector<double> shown = SamplingDistribution(policy, t, 1.0);
    for (size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(shown[i], p[i], 1e-9);
  }
}

TEST(SamplingTest, ScheduleSwitchesTemperatureAfterTheOpening) {
  const MoveChoiceOptions options{
      .opening_temperature = 1.0, .opening_moves = 10, .temperature = 0.0};
  EXPECT_EQ(options.TemperatureAt(9), 1.0);
  EXPECT_EQ(options.TemperatureAt(10), 0.0);
  MoveChooser chooser(options, 3);
  const std::vector<float> policy = {0.4f, 0.6f};
  std::vector<int> opening = Draw(chooser, policy, 4000, 0);
  EXPECT_GT(opening[0], 1400) << "the opening samples";
  std::vector<int> later = Draw(chooser, policy, 100, 10);
  EXPECT_EQ(later[1], 100) << "T=0 afterwards is argmax";
}

TEST(SamplingTest, TopPKeepsTheSmallestLikelySet) {
  const std::vector<float> policy = {0.5f, 0.3f, 0.15f, 0.05f};
  const std::vector<double> p = SamplingDistribution(policy, 1.0, 0.75);
  EXPECT_NEAR(p[0], 0.5 / 0.8, 1e-7);
  EXPECT_NEAR(p[1], 0.3 / 0.8, 1e-7);
  EXPECT_EQ(p[2], 0.0);
  EXPECT_EQ(p[3], 0.0);
  MoveChooser chooser(MoveChoiceOptions{.top_p = 0.75}, 5);
  const std::vector<int> counts = Draw(chooser, policy, 20000);
  EXPECT_EQ(counts[2] + counts[3], 0);
}

TEST(SamplingTest, SameSeedSameChoicesDifferentSeedDifferentChoices) {
  const std::vector<float> policy(82, 1.0f / 82);
  MoveChooser a(MoveChoiceOptions{}, 42), b(MoveChoiceOptions{}, 42), c(MoveChoiceOptions{}, 43);
  std::vector<int> from_a, from_b, from_c;
  for (int i = 0; i < 50; ++i) {
    from_a.push_back(a.Choose(policy, i));
    from_b.push_back(b.Choose(policy, i));
    from_c.push_back(c.Choose(policy, i));
  }
  EXPECT_EQ(from_a, from_b);
  EXPECT_NE(from_a, from_c);
}

TEST(SamplingTest, TinyTemperatureDoesNotUnderflow) {
  // 0.6^1000 and 1e-30^1000 underflow a double; the ratio must survive.
  const std::vector<float> policy = {1e-30f, 0.6f, 0.4f};
  const std::vector<double> p = SamplingDistribution(policy, 1e-3, 1.0);
  EXPECT_NEAR(p[1], 1.0, 1e-12);
  EXPECT_EQ(p[0], 0.0);
  double total = 0;
  for (double v : p) total += v;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

// The error says which setting is wrong and what it was.
void ExpectInvalidSaying(const absl::Status& status, std::string_view part) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_NE(std::string(status.message()).find(part), std::string::npos)
      << "'" << status.message() << "' does not say '" << part << "'";
}

TEST(MoveChoiceOptionsTest, ValidationNamesTheProblem) {
  EXPECT_TRUE(MoveChoiceOptions{}.Validate().ok());
  ExpectInvalidSaying(MoveChoiceOptions{.temperature = -1}.Validate(), "temperature");
  ExpectInvalidSaying(MoveChoiceOptions{.temperature = -1}.Validate(), "-1");
  ExpectInvalidSaying(MoveChoiceOptions{.opening_temperature = NAN}.Validate(), "temperature");
  ExpectInvalidSaying(MoveChoiceOptions{.opening_moves = -3}.Validate(), "opening moves");
  ExpectInvalidSaying(MoveChoiceOptions{.top_p = 0}.Validate(), "top-p");
  ExpectInvalidSaying(MoveChoiceOptions{.top_p = 1.5}.Validate(), "1.5");
  EXPECT_FALSE(ChoiceModeFromName("greedy").ok());
  EXPECT_NE(std::string(ChoiceModeFromName("greedy").status().message()).find("greedy"),
            std::string::npos);
  EXPECT_EQ(*ChoiceModeFromName("ARGMAX"), ChoiceMode::kArgmax);
}

}  // namespace
}  // namespace tengen
