// `tengen match`: a match between two player specs (player_spec.h) with
// results on disk: every game as SGF under <out>/games/, one CSV line per
// game in <out>/results.csv, and <out>/summary.json with the win rate of
// the first (--black) player and its 95% interval, the Elo difference with
// its interval, and the SPRT state when one was asked for. After Ctrl-C the
// same command keeps the games already saved and plays the rest.
#ifndef TENGEN_MATCH_MATCH_JOB_H_
#define TENGEN_MATCH_MATCH_JOB_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "match/match.h"
#include "match/match_stats.h"
#include "match/player_spec.h"

namespace tengen {

struct MatchJobOptions {
  PlayerSpec first;  // black in even-numbered games, white in odd
  PlayerSpec second;
  MatchOptions match;  // games, parallel, size, rules, ...; sgf_dir is set from out_dir
  PlayerContext context;
  std::optional<SprtOptions> sprt;  // stop early once decided
  std::string out_dir;              // empty: no files
};

struct MatchJobResult {
  MatchResult match;
  EloEstimate elo;
  std::optional<SprtState> sprt;
  JsonValue summary;  // what summary.json holds
};

absl::StatusOr<MatchJobResult> RunMatchJob(const MatchJobOptions& options);

// Human-readable lines: players, games, win rate, Elo, SPRT.
std::string DescribeMatchJob(const MatchJobResult& result);

}  // namespace tengen

#endif  // TENGEN_MATCH_MATCH_JOB_H_
