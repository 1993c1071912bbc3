// Match arithmetic: win rates with 95% intervals, Elo differences, SPRT.
#ifndef TENGEN_MATCH_MATCH_STATS_H_
#define TENGEN_MATCH_MATCH_STATS_H_

#include <string>

namespace tengen {

struct Interval {
  double low = 0, high = 0;
};

// Score rate of a player with `wins`, `draws` and `losses` (draws count
// half) and its 95% Wilson score interval.
struct WinRate {
  int wins = 0, draws = 0, losses = 0;
  int games() const { return wins + draws + losses; }
  double rate() const;
  Interval Interval95() const;
};

// Elo difference implied by a score rate: -400 log10(1/p - 1); +-infinity
// at p = 1 or 0.
double EloFromScore(double score);

// The Elo difference and its 95% interval (the Wilson bounds mapped through
// EloFromScore).
struct EloEstimate {
  double elo = 0;
  Interval interval;
};
EloEstimate EstimateElo(const WinRate& result);

// "61.5% [49.1%, 72.6%]" and "+81 [-6, +169] Elo" style text.
std::string DescribeWinRate(const WinRate& result);
std::string DescribeElo(const EloEstimate& estimate);

// Sequential probability ratio test of H0: Elo = elo0 against H1: Elo =
// elo1 on a stream of game results, with error rates alpha and beta (the
// generalized SPRT with a trinomial model, as chess engine testers use).
struct SprtOptions {
  double elo0 = 0, elo1 = 20;
  double alpha = 0.05, beta = 0.05;
};
enum class SprtDecision { kContinue, kAcceptH0, kAcceptH1 };
struct SprtState {
  double llr = 0;               // log-likelihood ratio so far
  double lower = 0, upper = 0;  // stop bounds: log(beta/(1-alpha)), log((1-beta)/alpha)
  SprtDecision decision = SprtDecision::kContinue;
};
SprtState EvaluateSprt(const WinRate& result, const SprtOptions& options);

}  // namespace tengen

#endif  // TENGEN_MATCH_MATCH_STATS_H_
