#include "match/match_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tengen {
namespace {

constexpr double kZ95 = 1.959963984540054;

std::string EloText(double elo) {
  if (std::isinf(elo)) return elo > 0 ? "+inf" : "-inf";
  return fmt::format("{:+.0f}", elo);
}

// Expected score of a player `elo` points stronger.
double ScoreFromElo(double elo) { return 1 / (1 + std::pow(10, -elo / 400)); }

}  // namespace

double WinRate::rate() const { return games() > 0 ? (wins + 0.5 * draws) / games() : 0.5; }

Interval WinRate::Interval95() const {
  const double n = games();
  if (n == 0) return {0, 1};
  const double p = rate();
  const double z2 = kZ95 * kZ95;
  const double center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = kZ95 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  // At a perfect score the bound is exactly 1 (and 0 at a zero score), which
  // rounding would otherwise miss by an ulp.
  return {wins == 0 && draws == 0 ? 0.0 : std::max(0.0, center - half),
          losses == 0 && draws == 0 ? 1.0 : std::min(1.0, center + half)};
}

double EloFromScore(double score) {
  if (score <= 0) return -std::numeric_limits<double>::infinity();
  if (score >= 1) return std::numeric_limits<double>::infinity();
  return -400 * std::log10(1 / score - 1) + 0.0;  // + 0.0: never -0
}

EloEstimate EstimateElo(const WinRate& result) {
  const Interval bounds = result.Interval95();
  return {EloFromScore(result.rate()), {EloFromScore(bounds.low), EloFromScore(bounds.high)}};
}

std::string DescribeWinRate(const WinRate& result) {
  const Interval i = result.Interval95();
  return fmt::format("{:.1f}% [{:.1f}%, {:.1f}%] over {} games (+{} ={} -{})", 100 * result.rate(),
                     100 * i.low, 100 * i.high, result.games(), result.wins, result.draws,
                     result.losses);
}

std::string DescribeElo(const EloEstimate& estimate) {
  return fmt::format("{} [{}, {}] Elo", EloText(estimate.elo), EloText(estimate.interval.low),
                     EloText(estimate.interval.high));
}

SprtState EvaluateSprt(const WinRate& result, const SprtOptions& options) {
  SprtState state;
  state.lower = std::log(options.beta / (1 - options.alpha));
  state.upper = std::log((1 - options.beta) / options.alpha);
  const double n = result.games();
  if (n == 0) return state;
  // Generalized SPRT (Fishtest's approximation): the LLR of the two score
  // hypotheses under a normal model of the mean score with the observed
  // variance, LLR = (s1 - s0) * (2 * mean - s0 - s1) / (2 * var / n).
  const double wins = result.wins / n, draws = result.draws / n, losses = result.losses / n;
  const double mean = wins + 0.5 * draws;
  const double variance =
      wins * (1 - mean) * (1 - mean) + draws * (0.5 - mean) * (0.5 - mean) + losses * mean * mean;
  if (variance <= 0) {
    // All games gave the same score: decide only once it cannot be chance.
    state.llr =
        mean > 0.5
            ? n * std::log(ScoreFromElo(options.elo1) / ScoreFromElo(options.elo0))
            : n * std::log((1 - ScoreFromElo(options.elo1)) / (1 - ScoreFromElo(options.elo0)));
  } else {
    const double s0 = ScoreFromElo(options.elo0), s1 = ScoreFromElo(options.elo1);
    state.llr = (s1 - s0) * (2 * mean - s0 - s1) / (2 * variance / n);
  }
  if (state.llr >= state.upper) state.decision = SprtDecision::kAcceptH1;
  if (state.llr <= state.lower) state.decision = SprtDecision::kAcceptH0;
  return state;
}

}  // namespace tengen
