#include "base/sample_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/check.h"

namespace tengen {
namespace {

// The continued fraction of the regularised incomplete beta function
// (modified Lentz's method), which converges fast for x < (a+1)/(a+b+2).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double result = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    // The even step, then the odd step, of the fraction.
    double numerator = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + numerator * d;
    c = 1 + numerator / c;
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    c = std::abs(c) < kTiny ? kTiny : c;
    result *= d * c;
    numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + numerator * d;
    c = 1 + numerator / c;
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    c = std::abs(c) < kTiny ? kTiny : c;
    const double step = d * c;
    result *= step;
    if (std::abs(step - 1) < 1e-15) break;
  }
  return result;
}

// I_x(a, b), the regularised incomplete beta function.
double RegularizedBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return std::exp(log_front) * BetaContinuedFraction(a, b, x) / a;
  return 1 - std::exp(log_front) * BetaContinuedFraction(b, a, 1 - x) / b;
}

}  // namespace

double StudentTCdf(double t, double df) {
  TENGEN_CHECK(df >= 1);
  const double x = df / (df + t * t);
  const double tail = 0.5 * RegularizedBeta(df / 2, 0.5, x);  // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}

double StudentTQuantile(double p, double df) {
  TENGEN_CHECK(p > 0 && p < 1 && df >= 1);
  if (p == 0.5) return 0;
  // Bisection on the CDF, which is increasing; |t| < 1e7 covers p down to
  // about 3e-8 at one degree of freedom.
  double low = -1e7, high = 1e7;
  for (int i = 0; i < 200 && high - low > 1e-12 * std::max(1.0, std::abs(low)); ++i) {
    const double middle = 0.5 * (low + high);
    (StudentTCdf(middle, df) < p ? low : high) = middle;
  }
  return 0.5 * (low + high);
}

SampleSummary SummarizeSample(std::span<const double> values) {
  SampleSummary s;
  s.n = static_cast<int>(values.size());
  if (s.n == 0) return s;
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / s.n;
  s.low = s.high = s.mean;
  if (s.n == 1) return s;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(squares / (s.n - 1));
  const double half_width = StudentTQuantile(0.975, s.n - 1) * s.sd / std::sqrt(s.n);
  s.low = s.mean - half_width;
  s.high = s.mean + half_width;
  return s;
}

PairedComparison ComparePaired(std::span<const double> a, std::span<const double> b) {
  TENGEN_CHECK(a.size() == b.size());
  PairedComparison c;
  std::vector<double> differences;
  for (size_t i = 0; i < a.size(); ++i) {
    const double d = a[i] - b[i];
    differences.push_back(d);
    if (d > 0) ++c.a_higher;
    if (d < 0) ++c.b_higher;
    if (d == 0) ++c.ties;
  }
  c.difference = SummarizeSample(differences);
  if (c.difference.n >= 2 && c.difference.sd > 0) {
    c.t = c.difference.mean / (c.difference.sd / std::sqrt(c.difference.n));
    c.t_p_value = 2 * (1 - StudentTCdf(std::abs(c.t), c.difference.n - 1));
  } else if (c.difference.n >= 2 && c.difference.mean != 0) {
    // Every difference equal and nonzero: no spread, as certain as it gets.
    c.t = c.difference.mean > 0 ? INFINITY : -INFINITY;
    c.t_p_value = 0;
  }
  // Exact sign test: P(X <= min) * 2 under Binomial(k, 1/2), at most 1.
  const int k = c.a_higher + c.b_higher, fewer = std::min(c.a_higher, c.b_higher);
  if (k > 0) {
    double tail = 0, choose = 1;  // C(k, 0)
    for (int i = 0; i <= fewer; ++i) {
      tail += choose;
      choose = choose * (k - i) / (i + 1);
    }
    c.sign_p_value = std::min(1.0, 2 * tail / std::pow(2.0, k));
  }
  return c;
}

}  // namespace tengen
