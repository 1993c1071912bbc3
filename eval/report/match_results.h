// The study's typed match results, as report.json holds them: a score
// against one opponent (the WIN RATE object) and one match of the study
// (study_common.h's PlayStudyMatch). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_MATCH_RESULTS_H_
#define TENGEN_EVAL_REPORT_MATCH_RESULTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "match/match_stats.h"

namespace tengen {

// {"games", "wins", "draws", "losses", "rate", "low", "high", "elo",
// "elo_low", "elo_high"}: the score rate (draws count half) with its 95%
// Wilson interval and the Elo difference with its interval, from the first
// player's view; the same keys `tengen run` writes to metrics.jsonl.
struct WinRateResult {
  int games = 0, wins = 0, draws = 0, losses = 0;
  std::optional<double> rate;  // null without games
  double low = 0, high = 1;
  std::optional<double> elo, elo_low, elo_high;  // null where infinite

  // The numbers of `counts`.
  static WinRateResult Of(const WinRate& counts);
  WinRate counts() const { return WinRate{.wins = wins, .draws = draws, .losses = losses}; }

  JsonValue ToJson() const;
  static absl::StatusOr<WinRateResult> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const WinRateResult&) const = default;
};

// {"player", "opponent", WinRateResult's keys, "distinct_games",
//  "failures", "failure_reasons"}.
struct StudyMatchResult {
  std::string player, opponent;
  WinRateResult score;     // the player's; its members sit beside the others
  int distinct_games = 0;  // different move sequences among the games
  int failures = 0;        // games a player lost by failing (crash, hang, bad reply)
  std::vector<std::string> failure_reasons;  // up to 3 distinct ones

  JsonValue ToJson() const;
  static absl::StatusOr<StudyMatchResult> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const StudyMatchResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_MATCH_RESULTS_H_
