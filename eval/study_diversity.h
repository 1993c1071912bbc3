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
// model and measures them (study_diversity_metrics.h). The report's
// "diversity" section:
//   {"games_per_mode", "symmetry": "none", "opening_moves", "checkpoints",
//    "empty_board_policy": [N*N+1], "empty_board_value",
//    "modes": [{"name", "temperature", "games", "distinct_games",
//               "mean_length", "black_wins", "first_move_entropy_bits",
//               "first_move_entropy_bits_exact" (of the distribution sampled
//               from on the empty board), "opening_entropy_bits",
//               "max_entropy_bits" (log2 games), "positions": [{"move",
//               "games_reaching", "distinct", "distinct_up_to_symmetry"}],
//               "first_moves": [{"vertex", "games"}] (most played first)}]}
// Cancelled on StopRequested().
absl::StatusOr<JsonValue> RunDiversityStudy(const DiversityOptions& options,
                                            const StudyContext& context);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_DIVERSITY_H_
