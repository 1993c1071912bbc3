// Part f of the study, the search era: argmax against sampled move choice
// at the root of a tree search. The same network, evaluated without
// symmetries, searches every move; the "argmax" player plays the search's
// best move (the most visited for PUCT, the sequential-halving winner for
// Gumbel) and the sampled player draws its move from the search's policy
// target (PUCT's visit distribution, Gumbel's improved policy) at a
// temperature. Root noise is off. What stays random: nothing for PUCT
// argmax (its games all repeat); for Gumbel argmax, the Gumbel noise that
// picks the considered moves and the winner (the search has no switch for
// it: with Gumbel the "argmax" is itself a Gumbel-max sample).
//
// Three measures: the diversity of search self-play (as part b measures
// the raw policy's), the strength of the two players against GNU Go, each
// other and the raw policy, and two short runs of the generation loop with
// search self-play that differ only in the opening: sampled from the
// search's target for the first moves, or not at all. No LibTorch here.
#ifndef TENGEN_EVAL_STUDY_SEARCH_H_
#define TENGEN_EVAL_STUDY_SEARCH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/search_result.h"
#include "eval/study_common.h"
#include "selfplay/run_config.h"

namespace tengen {

struct SearchEraOptions {
  // The search of the diversity and strength parts (and nothing else):
  // root policy "gumbel" or "puct" and Gumbel's considered moves as the
  // run loop's self-play has them by default, and the visits of every move.
  int visits = 32;
  std::string root_policy = RunConfig{}.selfplay.search;
  int considered = RunConfig{}.selfplay.considered;
  double temperature = 1;  // the sampled player's, > 0

  // Diversity: search self-play games per way of choosing, counted as
  // part b counts them.
  int games_per_mode = 16;
  std::vector<int> checkpoints = {10, 20};
  int opening_moves = 4;  // the opening entropy's sequence length
  int parallel = 16;      // games in flight (self-play and internal matches)

  // Strength: each search player against GNU Go (skipped when the context
  // has none) and against the raw policy sampled at T = 1, and argmax
  // against the sampled player; 0 games skips a kind.
  int games_vs_gnugo = 8;
  int games_head_to_head = 16;
  int games_vs_policy = 8;
  int gnugo_parallel = 4;  // games in flight against GNU Go (one process each)
  int move_timeout_s = 60;

  // Learning: the loop's settings both runs share (their selfplay.visits
  // must be > 0: self-play searches). RunSearchEraStudy overrides
  // selfplay.symmetry ("none"), evaluate.games (0: every generation is
  // promoted), evaluate.visits (0: every generation, like generation 0,
  // is measured by its raw policy sampled at evaluate.temperature) and,
  // per run, selfplay.opening_moves, opening_temperature and temperature.
  RunConfig learning;
  int learning_opening_moves = 8;  // of the sampled-opening run
  double learning_opening_temperature = 1;

  JsonValue ToJson() const;
  // Ok when every value is in range; the error names the option.
  absl::Status Validate() const;
};

// Runs the three measures and returns the report's "search" section
// (eval/report/search_result.h). Match SGF goes to <dir>/matches/<player>-vs-
// <opponent>/, the learning runs to <dir>/learning/<run>/ (resumed when
// there). The network is context.model_path (diversity, strength); the
// learning runs start from learning.init_model or random weights.
// InvalidArgument for bad options; Cancelled on a stop request
// (context.hooks.stop).
absl::StatusOr<SearchEraResult> RunSearchEraStudy(const SearchEraOptions& options,
                                                  const StudyContext& context,
                                                  const std::string& dir);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_SEARCH_H_
