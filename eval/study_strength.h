// Part c of the study: the strength of argmax and of sampled play by the
// same network, against fixed opponents (the uniform random player and GNU
// Go at a low level) and against each other. The network is evaluated
// without symmetries, so the players differ in the move choice alone. No
// LibTorch here.
#ifndef TENGEN_EVAL_STUDY_STRENGTH_H_
#define TENGEN_EVAL_STUDY_STRENGTH_H_

#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/strength_result.h"
#include "eval/study_common.h"

namespace tengen {

struct StrengthOptions {
  std::vector<double> temperatures = {0, 1};  // the network players; 0: argmax
  int games_vs_random = 64;
  int games_vs_gnugo = 32;      // skipped when the context has no GNU Go
  int games_head_to_head = 64;  // the argmax player against each sampled one
  int parallel = 32;            // games in flight (internal players)
  int gnugo_parallel = 4;       // games in flight against GNU Go (one process each)
  int move_timeout_s = 60;

  JsonValue ToJson() const;
};

// Plays the matches (SGF under <sgf_root>/<player>-vs-<opponent>/) and
// returns the report's "strength" section (eval/report/strength_result.h):
// each network player against the random player, then against GNU Go,
// then argmax against each sampled player. Rates, intervals and Elo are
// the player's against the opponent.
// Cancelled on a stop request (context.hooks.stop).
absl::StatusOr<StrengthResult> RunStrengthStudy(const StrengthOptions& options,
                                                const StudyContext& context,
                                                const std::string& sgf_root);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_STRENGTH_H_
