// What every part of the deterministic-versus-stochastic study (`tengen
// eval`, selfplay/study.h) shares: the context it runs in, and the JSON
// forms of match results that the report reads. No LibTorch here.
#ifndef TENGEN_EVAL_STUDY_COMMON_H_
#define TENGEN_EVAL_STUDY_COMMON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "engine/rules.h"
#include "engine/sgf.h"
#include "match/match.h"
#include "match/match_player.h"
#include "match/match_stats.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"

namespace tengen {

struct StudyContext {
  std::string model_path;  // the network studied (parts b, c, e)
  int board_size = 9;
  Rules rules = Rules::Chinese();
  uint64_t seed = 1;
  // LibTorch threads for in-process training. Evaluation always uses one:
  // the study's networks are small, and on a busy machine a second
  // intra-op thread that waits for a core costs far more than it gives.
  int threads = 2;
  std::string binary;  // the tengen binary, for self-play worker processes
  std::string
      gnugo_command;  // e.g. "/usr/games/gnugo --mode gtp --level 1 --chinese-rules"; empty: none
  std::string gnugo_name;  // e.g. "GNU Go level 1"
  bool show_progress = true;
};

// {"games","wins","draws","losses","rate","low","high","elo","elo_low",
//  "elo_high"}: the score rate (draws count half) with its 95% Wilson
// interval and the Elo difference with its interval (null where infinite),
// the same keys `tengen run` writes to metrics.jsonl.
JsonValue WinRateToJson(const WinRate& rate);

// The moves of a record's main line (passes as kPass), in order.
std::vector<Point> MovesOfRecord(const GameRecord& record);

// Number of different move sequences among the games of a match.
int DistinctGames(const std::vector<MatchGame>& games);

// A network evaluator (one thread) for the model file, as a shareable pointer.
absl::StatusOr<std::shared_ptr<Evaluator>> LoadStudyEvaluator(const std::string& model_path,
                                                              SymmetryMode symmetry, uint64_t seed);

// Choice options: argmax (temperature 0) or sampling at `temperature`.
MoveChoiceOptions ChoiceAt(double temperature);
// "argmax" or e.g. "sample T=0.5".
std::string ChoiceLabel(double temperature);

// Plays a match and returns it with the first player's result in JSON
// ({"player","opponent", WinRateToJson's keys, "distinct_games",
// "failures", "failure_reasons": up to 3 distinct reasons}).
absl::StatusOr<JsonValue> PlayStudyMatch(MatchPlayer& first, MatchPlayer& second,
                                         const StudyContext& context, int games, int parallel,
                                         const std::string& label, const std::string& sgf_dir);

// A name safe in file names: letters and digits kept, runs of anything
// else become one '-' ("sample T=0.5" -> "sample-T-0-5").
std::string FileSlug(std::string_view text);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_COMMON_H_
