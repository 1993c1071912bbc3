// The replicate statistics against published values: Student t quantiles
// from the standard tables, a hand-computed interval, a paired t-test
// and the exact sign test.
#include "base/sample_stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace tengen {
namespace {

TEST(SampleStatsTest, StudentTQuantilesMatchTheTables) {
  EXPECT_NEAR(StudentTQuantile(0.975, 1), 12.7062, 1e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 2), 4.3027, 1e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 4), 2.7764, 1e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 9), 2.2622, 1e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 30), 2.0423, 1e-4);
  EXPECT_NEAR(StudentTQuantile(0.95, 10), 1.8125, 1e-4);
  EXPECT_NEAR(StudentTQuantile(0.025, 4), -2.7764, 1e-4);
  // Many degrees of freedom approach the normal distribution.
  EXPECT_NEAR(StudentTQuantile(0.975, 100000), 1.9600, 1e-3);
}

TEST(SampleStatsTest, TheCdfIsSymmetricAndInvertsTheQuantile) {
  for (double df : {1.0, 2.0, 3.5, 7.0, 50.0}) {
    EXPECT_NEAR(StudentTCdf(0, df), 0.5, 1e-12);
    for (double t : {0.3, 1.0, 2.5, 8.0}) {
      EXPECT_NEAR(StudentTCdf(t, df) + StudentTCdf(-t, df), 1, 1e-12) << t << " " << df;
      EXPECT_GT(StudentTCdf(t, df), StudentTCdf(t / 2, df));
    }
    for (double p : {0.01, 0.2, 0.7, 0.999})
      EXPECT_NEAR(StudentTCdf(StudentTQuantile(p, df), df), p, 1e-9) << p << " " << df;
  }
  // One degree of freedom is the Cauchy distribution: 1/2 + atan(t)/pi.
  EXPECT_NEAR(StudentTCdf(2.0, 1), 0.5 + std::atan(2.0) / M_PI, 1e-12);
  EXPECT_NEAR(StudentTCdf(2.0, 5), 0.94903, 1e-5);
}

TEST(SampleStatsTest, TheMeanHasAStudentTInterval) {
  const std::vector<double> values = {1, 2, 3, 4, 5};
  const SampleSummary s = SummarizeSample(values);
  EXPECT_EQ(s.n, 5);
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_NEAR(s.sd, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(s.high - s.mean, 2.7764 * std::sqrt(2.5) / std::sqrt(5.0), 1e-4);
  EXPECT_NEAR(s.mean - s.low, s.high - s.mean, 1e-12);

  const std::vector<double> one = {0.7};
  const SampleSummary single = SummarizeSample(one);
  EXPECT_EQ(single.n, 1);
  EXPECT_EQ(single.low, 0.7);
  EXPECT_EQ(single.high, 0.7);
  EXPECT_EQ(SummarizeSample({}).n, 0);
}

TEST(SampleStatsTest, PairedComparisonGivesTheTTestAndTheSignTest) {
  const std::vector<double> a = {0.8, 0.7, 0.9}, b = {0.6, 0.65, 0.7};
  const PairedComparison c = ComparePaired(a, b);
  EXPECT_NEAR(c.difference.mean, 0.15, 1e-12);
  EXPECT_NEAR(c.t, 3.0, 1e-9);
  // Two-sided p of t = 3 with 2 degrees of freedom: 1 - 3/sqrt(11) = 0.0955.
  EXPECT_NEAR(c.t_p_value, 1 - 3 / std::sqrt(11.0), 1e-9);
  EXPECT_EQ(c.a_higher, 3);
  EXPECT_EQ(c.b_higher, 0);
  EXPECT_NEAR(c.sign_p_value, 0.25, 1e-12);  // 2 x (1/2)^3

  // Swapping the conditions flips the sign, not the evidence.
  const PairedComparison swapped = ComparePaired(b, a);
  EXPECT_NEAR(swapped.t, -3.0, 1e-9);
  EXPECT_NEAR(swapped.t_p_value, c.t_p_value, 1e-12);

  // Ties do not count for the sign test; a split is no evidence.
  const std::vector<double> x = {1, 2, 3, 4}, y = {1, 3, 2, 4};
  const PairedComparison split = ComparePaired(x, y);
  EXPECT_EQ(split.ties, 2);
  EXPECT_EQ(split.a_higher, 1);
  EXPECT_EQ(split.b_higher, 1);
  EXPECT_DOUBLE_EQ(split.sign_p_value, 1);
  EXPECT_NEAR(split.t_p_value, 1, 1e-12);

  // 9 of 10 one way: exact two-sided p = 2 x 11 / 1024.
  std::vector<double> many_a(10, 1), many_b(10, 0);
  many_b[0] = 2;
  EXPECT_NEAR(ComparePaired(many_a, many_b).sign_p_value, 22.0 / 1024, 1e-12);
}

}  // namespace
}  // namespace tengen
