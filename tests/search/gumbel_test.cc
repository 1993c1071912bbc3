// Gumbel's root arithmetic against computations written out by hand: the
// sequential-halving schedule, the mixed value, sigma of completed Q and
// the improved policy.
#include "search/gumbel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tengen {
namespace {

// Plays a schedule out over actions ranked best first: each simulation goes
// to the best-ranked action that has exactly the scheduled visit count (as
// the search does when the ranking does not change). Returns the visits.
std::vector<int> VisitsByRank(const std::vector<int>& sequence, int actions) {
  std::vector<int> visits(actions, 0);
  for (int target : sequence) {
    const auto it = std::find(visits.begin(), visits.end(), target);
    EXPECT_NE(it, visits.end()) << "no action has " << target << " visits";
    if (it != visits.end()) ++*it;
  }
  return visits;
}

TEST(HalvingVisitSequence, FourMovesTenSimulationsByHand) {
  // Two phases: each of 4 moves once (10 / (2 * 4) = 1), then the best 2
  // get 10 / (2 * 2) = 2 more each, and again while simulations remain.
  EXPECT_EQ(HalvingVisitSequence(4, 10), (std::vector<int>{0, 0, 0, 0, 1, 1, 2, 2, 3, 3}));
  EXPECT_EQ(VisitsByRank(HalvingVisitSequence(4, 10), 4), (std::vector<int>{4, 4, 1, 1}));
}

TEST(HalvingVisitSequence, SixteenMovesTwoHundredSimulationsFollowThePaper) {
  // log2(16) = 4 phases of floor(200 / (4 * |S|)) visits per move for
  // |S| = 16, 8, 4, 2: 3, 6, 12 and 25, which spends 194 simulations; the
  // last 6 go to the final two moves.
  const std::vector<int> sequence = HalvingVisitSequence(16, 200);
  ASSERT_EQ(sequence.size(), 200u);
  std::vector<int> expected = {49, 49, 21, 21, 9, 9, 9, 9};
  expected.insert(expected.end(), 8, 3);
  EXPECT_EQ(VisitsByRank(sequence, 16), expected);
}

TEST(HalvingVisitSequence, OneMoveGetsEverySimulationAndFewSimulationsAreCut) {
  EXPECT_EQ(HalvingVisitSequence(1, 5), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(HalvingVisitSequence(8, 3), (std::vector<int>{0, 0, 0}));
  EXPECT_TRUE(HalvingVisitSequence(8, 0).empty());
  // Every schedule is a valid one: counts never skip a value.
  for (int m : {2, 3, 5, 7, 16, 32}) {
    for (int n : {1, 4, 9, 33, 64, 257}) {
      const std::vector<int> sequence = HalvingVisitSequence(m, n);
      ASSERT_EQ(static_cast<int>(sequence.size()), n);
      std::vector<int> visits = VisitsByRank(sequence, m);
      EXPECT_TRUE(std::is_sorted(visits.rbegin(), visits.rend())) << m << " " << n;
    }
  }
}

// Children for the hand computations below.
std::vector<GumbelChild> Children() {
  return {{.logit = 1.0f, .prior = 0.5f, .visits = 2, .q = 0.6},
          {.logit = 0.0f, .prior = 0.3f, .visits = 0, .q = 0},
          {.logit = -1.0f, .prior = 0.2f, .visits = 1, .q = -0.3}};
}

TEST(MixedValue, WeighsTheVisitedQByPriorAndTheNetworkValueByOne) {
  // (0.2 + 3 * (0.5 * 0.6 + 0.2 * -0.3) / 0.7) / (1 + 3)
  const double expected = (0.2 + 3 * ((0.5 * 0.6 + 0.2 * -0.3) / 0.7)) / 4;
  EXPECT_NEAR(MixedValue(0.2, Children()), expected, 1e-7);
  std::vector<GumbelChild> unvisited = Children();
  for (GumbelChild& child : unvisited) child.visits = 0;
  EXPECT_DOUBLE_EQ(MixedValue(0.2, unvisited), 0.2);
}

TEST(SigmaOfCompletedQ, RescalesCompletedValuesAndScalesByVisits) {
  const double mixed = (0.2 + 3 * ((0.5 * 0.6 + 0.2 * -0.3) / 0.7)) / 4;
  const double low = -0.3, high = 0.6;
  const double scale = (50 + 2) * 0.1;  // c_visit + max visits, times c_scale
  const std::vector<double> sigma = SigmaOfCompletedQ(0.2, Children(), 50, 0.1);
  ASSERT_EQ(sigma.size(), 3u);
  EXPECT_NEAR(sigma[0], scale * (0.6 - low) / (high - low), 1e-6);
  EXPECT_NEAR(sigma[1], scale * (mixed - low) / (high - low), 1e-6);
  EXPECT_NEAR(sigma[2], 0.0, 1e-12);
  // Equal completed values: no preference at all.
  std::vector<GumbelChild> unvisited = Children();
  for (GumbelChild& child : unvisited) child.visits = 0;
  for (double s : SigmaOfCompletedQ(0.2, unvisited, 50, 0.1)) EXPECT_EQ(s, 0.0);
}

TEST(ImprovedPolicy, IsTheSoftmaxOfLogitsPlusSigma) {
  const double mixed = (0.2 + 3 * ((0.5 * 0.6 + 0.2 * -0.3) / 0.7)) / 4;
  const double scale = 5.2;
  const long double x[3] = {1.0L + scale * 1.0L, 0.0L + scale * (mixed + 0.3) / 0.9L, -1.0L};
  const long double top = x[0];
  long double total = 0;
  for (long double v : x) total += std::exp(v - top);
  const std::vector<double> policy = ImprovedPolicy(0.2, Children(), 50, 0.1);
  ASSERT_EQ(policy.size(), 3u);
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(policy[i], static_cast<double>(std::exp(x[i] - top) / total), 1e-6) << i;
  double sum = 0;
  for (double p : policy) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-12);
  // With nothing visited it is the softmax of the logits: the prior.
  std::vector<GumbelChild> unvisited = Children();
  for (GumbelChild& child : unvisited) child.visits = 0;
  const std::vector<double> prior = ImprovedPolicy(0.2, unvisited, 50, 0.1);
  const double z = std::exp(1.0) + std::exp(0.0) + std::exp(-1.0);
  EXPECT_NEAR(prior[0], std::exp(1.0) / z, 1e-9);
  EXPECT_NEAR(prior[2], std::exp(-1.0) / z, 1e-9);
}

}  // namespace
}  // namespace tengen
