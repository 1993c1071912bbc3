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
#include "base/json.h"

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
  bool show_progress = true;

  JsonValue ToJson() const;
};

// Trains the two heads and describes the outcome as the report's
// "collapse" section:
//   {"board_size", "opening": {x, y, vertex}, "centre": {x, y, vertex},
//    "symmetric_set": [{x, y, vertex, probability}] (the softmax's),
//    "network", "optimizer", "steps", "batch", "learning_rate",
//    "regressor": {x, y, "nearest": {x, y, vertex}, "distance_to_centre",
//                  "distance_to_nearest_target", "final_loss", "loss_floor"},
//    "softmax": {"mass_on_set", "max_probability_off_set", "argmax": {x, y,
//                vertex}, "entropy_bits", "final_loss", "loss_floor",
//                "probabilities": [N*N, move index order]},
//    "curves": {"step": [...], "regressor_loss": [...], "softmax_loss": [...],
//               "regressor_path_x": [...], "regressor_path_y": [...]}}
// (the path: the regressor's answer on the empty board before training and
// then every steps/curve_points steps).
// Losses: the regressor's is the squared distance in points (x^2 + y^2
// error), whose floor is the targets' mean squared distance from their mean;
// the softmax's is cross-entropy in nats, whose floor is ln(set size).
// The same options give the same numbers. Stops early (Cancelled) on
// StopRequested().
absl::StatusOr<JsonValue> RunCollapseStudy(const CollapseOptions& options);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_COLLAPSE_H_
