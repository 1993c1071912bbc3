// What every part of the deterministic-versus-stochastic study (`tengen
// eval`, eval/study.h) shares: the context it runs in, and the matches it
// plays, as the typed results the report reads (eval/report/). No LibTorch
// here.
#ifndef TENGEN_EVAL_STUDY_COMMON_H_
#define TENGEN_EVAL_STUDY_COMMON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "engine/rules.h"
#include "engine/sgf.h"
#include "eval/report/match_results.h"
#include "match/match.h"
#include "match/match_player.h"
#include "match/match_stats.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"
#include "selfplay/selfplay_games.h"

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
  std::string
      gnugo_command;  // e.g. "/usr/games/gnugo --mode gtp --level 1 --chinese-rules"; empty: none
  std::string gnugo_name;  // e.g. "GNU Go level 1"
  JobHooks hooks;          // progress, log lines and stop for every part
};

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

// Plays a match and returns it with the first player's result.
absl::StatusOr<StudyMatchResult> PlayStudyMatch(MatchPlayer& first, MatchPlayer& second,
                                                const StudyContext& context, int games,
                                                int parallel, const std::string& label,
                                                const std::string& sgf_dir);

// A pairing of a part: a stop request ends it with Cancelled ("stopped
// during the <part>"), else PlayStudyMatch labelled "<first> vs <second>"
// with its SGF in <sgf_root>/<that label as a file slug>/.
absl::StatusOr<StudyMatchResult> PlayStudyPairing(MatchPlayer& first, MatchPlayer& second,
                                                  const StudyContext& context, int games,
                                                  int parallel, const std::string& sgf_root,
                                                  std::string_view part);

// The context's GNU Go as a match player (FailedPrecondition "GNU Go: ..."
// when it cannot start); context.gnugo_command must not be empty.
absl::StatusOr<std::unique_ptr<MatchPlayer>> CreateStudyGnuGo(const StudyContext& context,
                                                              int move_timeout_s);

// The move sequences of self-play games, sorted by nothing but their
// content (games end in any order, and the measures must never depend on
// timing), and how many of them black won.
struct CollectedGames {
  std::vector<std::vector<Point>> moves;
  int black_wins = 0;
};

// Plays games 0..games-1 with `play` (by search when play.search has
// visits), with progress as `task`; Cancelled ("stopped during the
// <part>") on a stop request.
absl::StatusOr<CollectedGames> PlayAndCollectGames(Evaluator& evaluator,
                                                   const SelfPlayOptions& play, int games,
                                                   const StudyContext& context,
                                                   const std::string& task, std::string_view part);

// A name safe in file names: letters and digits kept, runs of anything
// else become one '-' ("sample T=0.5" -> "sample-T-0-5").
std::string FileSlug(std::string_view text);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_COMMON_H_
