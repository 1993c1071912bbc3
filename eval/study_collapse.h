// Part a of the study: the averaging collapse.
//
// On the empty board the good first moves form a symmetric set: the 8
// images of the 3-4 point under the board's symmetries. Training targets
// made from one recorded move by symmetry augmentation (training_batch.h,
// exactly as the trainer augments) spread over that set. One small
// convolutional trunk feeds two heads trained together on the same batches:
//  - a deterministic regressor: two numbers (x, y), mean squared error to
//    the target point's coordinates. Its optimum is the mean of the targets,
//    which for any symmetric set is the centre point, tengen;
//  - a softmax over the N*N points, cross-entropy to the target move. Its
//    optimum spreads the probability evenly over the set.
// The header is torch-free; the .cc trains with LibTorch directly.
#ifndef TENGEN_EVAL_STUDY_COLLAPSE_H_
#define TENGEN_EVAL_STUDY_COLLAPSE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "base/json.h"
#include "eval/report/collapse_result.h"

namespace tengen {

struct CollapseOptions {
  int board_size = 9;
  // The recorded opening move, x from the left and y from the top; the
  // default is the 3-4 point C6 on 9x9.
  int opening_x = 2, opening_y = 3;
  int layers = 3;  // conv3x3 + ReLU layers of the trunk
  int channels = 32;
  int steps = 400;
  int batch = 64;
  double learning_rate = 3e-3;  // Adam, decayed to 0 along a cosine
  int curve_points = 40;        // loss-curve points kept for the report
  uint64_t seed = 1;
  JobHooks hooks;  // progress as "collapse" in steps; stop between steps

  JsonValue ToJson() const;
};

// Trains the two heads and describes the outcome as the report's
// "collapse" section (eval/report/collapse_result.h); the softmax's
// probabilities on the symmetric set, and the regressor's path: its answer
// on the empty board before training and then every steps/curve_points
// steps.
// Losses: the regressor's is the squared distance in points (x^2 + y^2
// error), whose floor is the targets' mean squared distance from their mean;
// the softmax's is cross-entropy in nats, whose floor is ln(set size).
// The same options give the same numbers. Stops early (Cancelled) on
// a stop request (hooks.stop).
absl::StatusOr<CollapseResult> RunCollapseStudy(const CollapseOptions& options);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_COLLAPSE_H_
