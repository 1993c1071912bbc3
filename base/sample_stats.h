// Statistics of a few numbers measured once per replicate (one per random
// seed): the mean with a Student-t 95% interval, and a paired comparison of
// two conditions measured on the same seeds (paired t-test and exact sign
// test). For a study's replicates, where R is small (3 to 10) and a normal
// interval would be too narrow.
#ifndef TENGEN_BASE_SAMPLE_STATS_H_
#define TENGEN_BASE_SAMPLE_STATS_H_

#include <span>

namespace tengen {

// Mean, sample standard deviation and the two-sided 95% interval of the
// mean, mean +- t(0.975, n-1) * sd / sqrt(n). With n = 1 the interval is
// the point and sd is 0; n = 0 gives all zeros (and n = 0).
struct SampleSummary {
  int n = 0;
  double mean = 0, sd = 0;
  double low = 0, high = 0;
};
SampleSummary SummarizeSample(std::span<const double> values);

// Two conditions measured on the same n replicates: differences a[i] -
// b[i] summarised as above, the paired t statistic and its two-sided p
// value (1 when n < 2 or every difference is 0), and the exact two-sided
// sign test's p value over the nonzero differences. a and b must have the
// same length.
struct PairedComparison {
  SampleSummary difference;
  double t = 0;
  double t_p_value = 1;
  int a_higher = 0, b_higher = 0, ties = 0;
  double sign_p_value = 1;
};
PairedComparison ComparePaired(std::span<const double> a, std::span<const double> b);

// The Student t distribution with `df` degrees of freedom (df >= 1): its
// CDF and the quantile of probability p in (0, 1).
double StudentTCdf(double t, double df);
double StudentTQuantile(double p, double df);

}  // namespace tengen

#endif  // TENGEN_BASE_SAMPLE_STATS_H_
