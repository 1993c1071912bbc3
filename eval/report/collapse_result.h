// Part a's typed result, the "collapse" section of report.json
// (eval/study_collapse.h runs the part). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_COLLAPSE_RESULT_H_
#define TENGEN_EVAL_REPORT_COLLAPSE_RESULT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"

namespace tengen {

// {"x", "y", "vertex"}: a point of the board, x from the left and y from the
// top, in points (fractions allowed). "vertex" is there only where the point
// is a vertex of the board.
struct CollapsePoint {
  double x = 0, y = 0;
  std::optional<std::string> vertex;  // e.g. "E5"

  JsonValue ToJson() const;
  static absl::StatusOr<CollapsePoint> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const CollapsePoint&) const = default;
};

// One image of the opening move: CollapsePoint's keys and "probability"
// (the softmax's, on the empty board).
struct CollapseTarget {
  CollapsePoint point;
  double probability = 0;

  JsonValue ToJson() const;
  static absl::StatusOr<CollapseTarget> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const CollapseTarget&) const = default;
};

// The coordinate regressor's answer on the empty board. Losses are squared
// distances in points; the floor is the targets' mean squared distance
// from their mean.
struct CollapseRegressor {
  double x = 0, y = 0;
  CollapsePoint nearest;  // the vertex nearest (x, y)
  double distance_to_centre = 0, distance_to_nearest_target = 0;
  double final_loss = 0, loss_floor = 0;

  JsonValue ToJson() const;
  static absl::StatusOr<CollapseRegressor> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const CollapseRegressor&) const = default;
};

// The softmax head on the empty board. Losses are cross-entropy in nats;
// the floor is ln(set size).
struct CollapseSoftmax {
  double mass_on_set = 0, max_probability_off_set = 0;
  CollapsePoint argmax;
  double entropy_bits = 0, final_loss = 0, loss_floor = 0;
  std::vector<double> probabilities;  // N*N, move index order

  JsonValue ToJson() const;
  static absl::StatusOr<CollapseSoftmax> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const CollapseSoftmax&) const = default;
};

// Loss curves (means of windows of steps, `step` the end of each window)
// and the regressor's answer before training and as training goes.
struct CollapseCurves {
  std::vector<int> step;
  std::vector<double> regressor_loss, softmax_loss;
  std::vector<double> regressor_path_x, regressor_path_y;

  JsonValue ToJson() const;
  static absl::StatusOr<CollapseCurves> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const CollapseCurves&) const = default;
};

// {"board_size", "opening", "centre", "symmetric_set", "network",
//  "optimizer", "steps", "batch", "learning_rate", "regressor", "softmax",
//  "curves"}.
struct CollapseResult {
  int board_size = 9;
  CollapsePoint opening, centre;
  std::vector<CollapseTarget> symmetric_set;  // the opening's images
  std::string network, optimizer;             // descriptions
  int steps = 0, batch = 0;
  double learning_rate = 0;
  CollapseRegressor regressor;
  CollapseSoftmax softmax;
  CollapseCurves curves;

  JsonValue ToJson() const;
  static absl::StatusOr<CollapseResult> FromJson(const JsonValue& json,
                                                 std::string_view path = "collapse");
  bool operator==(const CollapseResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_COLLAPSE_RESULT_H_
