// Part b of the study: how varied self-play is when moves are chosen by
// argmax and when they are sampled at several temperatures, all from the
// same network. The network is evaluated without symmetries (symmetry
// "none"), so argmax play is exactly deterministic and every difference
// between games comes from the move choice alone. No LibTorch here.
#ifndef TENGEN_EVAL_STUDY_DIVERSITY_H_
#define TENGEN_EVAL_STUDY_DIVERSITY_H_

#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/diversity_result.h"
#include "eval/study_common.h"

namespace tengen {

struct DiversityOptions {
  int games_per_mode = 64;
  std::vector<double> temperatures = {0, 0.5, 1, 1.5};  // 0: argmax
  std::vector<int> checkpoints = {10, 20};  // count distinct positions after these moves
  int opening_moves = 4;                    // opening entropy over the first this many moves
  int parallel = 64;

  JsonValue ToJson() const;
};

// Plays games_per_mode self-play games per temperature with the context's
// model and measures them (study_diversity_metrics.h), as the report's
// "diversity" section (eval/report/diversity_result.h), one mode per
// temperature.
// Cancelled on a stop request (context.hooks.stop).
absl::StatusOr<DiversityResult> RunDiversityStudy(const DiversityOptions& options,
                                                  const StudyContext& context);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_DIVERSITY_H_
