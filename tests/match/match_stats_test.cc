// Match arithmetic against values computed by hand and published tables.
#include "match/match_stats.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace tengen {
namespace {

// The Wilson score interval written out from its textbook form, with the
// 97.5% normal quantile.
Interval Wilson(double score, double n) {
  const double z = 1.959963984540054;
  const double denominator = 1 + z * z / n;
  const double center = score / n + z * z / (2 * n);
  const double spread = z * std::sqrt(score / n * (1 - score / n) / n + z * z / (4 * n * n));
  return {(center - spread) / denominator, (center + spread) / denominator};
}

TEST(MatchStatsTest, WilsonIntervalsMatchHandComputedAndPublishedValues) {
  const WinRate seven_three{.wins = 7, .losses = 3};
  EXPECT_EQ(seven_three.games(), 10);
  EXPECT_DOUBLE_EQ(seven_three.rate(), 0.7);
  const Interval i = seven_three.Interval95();
  EXPECT_NEAR(i.low, Wilson(7, 10).low, 1e-12);
  EXPECT_NEAR(i.high, Wilson(7, 10).high, 1e-12);
  // Published: 7 of 10, 95% Wilson interval 0.3968 to 0.8922.
  EXPECT_NEAR(i.low, 0.3968, 5e-5);
  EXPECT_NEAR(i.high, 0.8922, 5e-5);
  // 10 of 10: 0.7225 to 1; 0 of 10: 0 to 0.2775.
  EXPECT_NEAR(WinRate{.wins = 10}.Interval95().low, 0.7225, 5e-5);
  EXPECT_NEAR(WinRate{.wins = 10}.Interval95().high, 1.0, 1e-12);
  EXPECT_NEAR(WinRate{.losses = 10}.Interval95().low, 0.0, 1e-12);
  EXPECT_NEAR(WinRate{.losses = 10}.Interval95().high, 0.2775, 5e-5);
  // Draws count half: 6 wins, 1 draw, 3 losses scores 6.5 of 10.
  const WinRate with_draw{.wins = 6, .draws = 1, .losses = 3};
  EXPECT_DOUBLE_EQ(with_draw.rate(), 0.65);
  EXPECT_NEAR(with_draw.Interval95().low, Wilson(6.5, 10).low, 1e-12);
  EXPECT_NEAR(with_draw.Interval95().high, Wilson(6.5, 10).high, 1e-12);
  // 55 of 100: 0.4524 to 0.6439.
  const WinRate fifty_five{.wins = 55, .losses = 45};
  EXPECT_NEAR(fifty_five.Interval95().low, 0.4524, 5e-5);
  EXPECT_NEAR(fifty_five.Interval95().high, 0.6439, 5e-5);
  // No games: no information.
  EXPECT_EQ(WinRate{}.rate(), 0.5);
  EXPECT_EQ(WinRate{}.Interval95().low, 0.0);
  EXPECT_EQ(WinRate{}.Interval95().high, 1.0);
}

TEST(MatchStatsTest, EloFromScore) {
  EXPECT_DOUBLE_EQ(EloFromScore(0.5), 0.0);
  EXPECT_NEAR(EloFromScore(0.75), 400 * std::log10(3.0), 1e-9);
  EXPECT_NEAR(EloFromScore(0.75), 190.85, 0.005);
  EXPECT_NEAR(EloFromScore(0.25), -190.85, 0.005);
  EXPECT_NEAR(EloFromScore(0.9), 381.70, 0.005);
  EXPECT_NEAR(EloFromScore(0.7), 147.19, 0.005);
  EXPECT_EQ(EloFromScore(1.0), std::numeric_limits<double>::infinity());
  EXPECT_EQ(EloFromScore(0.0), -std::numeric_limits<double>::infinity());
  // Monotonic and antisymmetric.
  for (double p = 0.01; p < 0.995; p += 0.01) {
    EXPECT_LT(EloFromScore(p), EloFromScore(p + 0.005));
    EXPECT_NEAR(EloFromScore(p), -EloFromScore(1 - p), 1e-9);
  }
  const EloEstimate estimate = EstimateElo({.wins = 7, .losses = 3});
  EXPECT_NEAR(estimate.elo, 147.19, 0.005);
  EXPECT_NEAR(estimate.interval.low, -72.77, 0.005);
  EXPECT_NEAR(estimate.interval.high, 367.15, 0.005);
}

TEST(MatchStatsTest, DescriptionsGiveRatesIntervalsAndElo) {
  EXPECT_EQ(DescribeWinRate({.wins = 7, .losses = 3}),
            "70.0% [39.7%, 89.2%] over 10 games (+7 =0 -3)");
  EXPECT_EQ(DescribeWinRate({.wins = 10}), "100.0% [72.2%, 100.0%] over 10 games (+10 =0 -0)");
  EXPECT_EQ(DescribeWinRate({.wins = 6, .draws = 1, .losses = 3}),
            "65.0% [35.4%, 86.3%] over 10 games (+6 =1 -3)");
  EXPECT_EQ(DescribeElo(EstimateElo({.wins = 7, .losses = 3})), "+147 [-73, +367] Elo");
  // A clean sweep: the Wilson interval reaches 1 (0 for a whitewash), so
  // the Elo interval is open on that side.
  EXPECT_EQ(WinRate{.wins = 10}.Interval95().high, 1.0)
      << fmt::format("high bound {:.17g}", WinRate{.wins = 10}.Interval95().high);
  EXPECT_EQ(WinRate{.losses = 10}.Interval95().low, 0.0);
  EXPECT_EQ(DescribeElo(EstimateElo({.wins = 10})), "+inf [+166, +inf] Elo");
  EXPECT_EQ(DescribeElo(EstimateElo({.losses = 10})), "-inf [-inf, -166] Elo");
  EXPECT_EQ(DescribeElo(EstimateElo({.wins = 55, .losses = 45})), "+35 [-33, +103] Elo");
  // An even score is +0 Elo, not -0 (-400 log10(1) is minus zero).
  EXPECT_FALSE(std::signbit(EloFromScore(0.5)));
  EXPECT_EQ(DescribeElo(EstimateElo({.wins = 5, .losses = 5})), "+0 [-204, +204] Elo");
}

TEST(MatchStatsTest, SprtBoundsAndAHandComputedLikelihoodRatio) {
  const SprtOptions options{.elo0 = 0, .elo1 = 20, .alpha = 0.05, .beta = 0.05};
  SprtState state = EvaluateSprt({}, options);
  EXPECT_NEAR(state.lower, std::log(0.05 / 0.95), 1e-12);
  EXPECT_NEAR(state.upper, std::log(0.95 / 0.05), 1e-12);
  EXPECT_NEAR(state.upper, 2.944439, 1e-6);
  EXPECT_EQ(state.llr, 0.0);
  EXPECT_EQ(state.decision, SprtDecision::kContinue);
  // Other error rates move the bounds: log(0.1 / 0.95) and log(0.9 / 0.05).
  state = EvaluateSprt({}, {.alpha = 0.05, .beta = 0.1});
  EXPECT_NEAR(state.lower, std::log(0.1 / 0.95), 1e-12);
  EXPECT_NEAR(state.upper, std::log(0.9 / 0.05), 1e-12);
  // 60 wins, 30 draws, 10 losses: mean 0.75, per-game variance 0.1125;
  // s0 = 0.5, s1 = 1 / (1 + 10^(-20/400)) = 0.52875;
  // LLR = 100 (s1 - s0)(2 * 0.75 - s0 - s1) / (2 * 0.1125) = 6.0216.
  state = EvaluateSprt({.wins = 60, .draws = 30, .losses = 10}, options);
  EXPECT_NEAR(state.llr, 6.02164, 1e-4);
  EXPECT_EQ(state.decision, SprtDecision::kAcceptH1);
}

// Feeds results one game at a time and returns the number of games at the
// first decision (0 if none) and the decision.
template <typename NextResult>
std::pair<int, SprtDecision> FirstDecision(NextResult next, int max_games,
                                           const SprtOptions& options) {
  WinRate result;
  for (int game = 1; game <= max_games; ++game) {
    switch (next(game)) {
      case 1:
        ++result.wins;
        break;
      case 0:
        ++result.draws;
        break;
      default:
        ++result.losses;
    }
    const SprtState state = EvaluateSprt(result, options);
    if (state.decision != SprtDecision::kContinue) return {game, state.decision};
  }
  return {0, SprtDecision::kContinue};
}

TEST(MatchStatsTest, SprtDecidesOnSyntheticResultStreams) {
  const SprtOptions options{.elo0 = 0, .elo1 = 20};
  // Clearly stronger (3 wins in 4): H1, within a hundred games.
  auto [games, decision] = FirstDecision([](int g) { return g % 4 == 0 ? -1 : 1; }, 10000, options);
  EXPECT_EQ(decision, SprtDecision::kAcceptH1);
  EXPECT_GT(games, 20);
  EXPECT_LT(games, 150);
  // Equal (wins and losses alternate): H0, eventually.
  std::tie(games, decision) = FirstDecision([](int g) { return g % 2 ? 1 : -1; }, 10000, options);
  EXPECT_EQ(decision, SprtDecision::kAcceptH0);
  EXPECT_GT(games, 500);
  // Equal, all draws: H0 too.
  std::tie(games, decision) = FirstDecision([](int) { return 0; }, 10000, options);
  EXPECT_EQ(decision, SprtDecision::kAcceptH0);
  // Clearly weaker: H0 quickly.
  std::tie(games, decision) =
      FirstDecision([](int g) { return g % 4 == 0 ? 1 : -1; }, 10000, options);
  EXPECT_EQ(decision, SprtDecision::kAcceptH0);
  EXPECT_LT(games, 100);
  // Winning every game: H1 once it cannot be chance, not after one game.
  std::tie(games, decision) = FirstDecision([](int) { return 1; }, 10000, options);
  EXPECT_EQ(decision, SprtDecision::kAcceptH1);
  EXPECT_GT(games, 10);
  // Exactly the hypothesised strength, 52.9%: a stream between H0 and H1
  // (about 53 in 100 wins) leans to neither quickly.
  std::tie(games, decision) =
      FirstDecision([](int g) { return (g * 53) % 100 < 53 ? 1 : -1; }, 100, options);
  EXPECT_EQ(decision, SprtDecision::kContinue);
}

}  // namespace
}  // namespace tengen
