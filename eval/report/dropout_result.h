// Part e's typed result, the "dropout" section of report.json
// (eval/study_dropout.h runs the part). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_DROPOUT_RESULT_H_
#define TENGEN_EVAL_REPORT_DROPOUT_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/match_results.h"

namespace tengen {

// {"step", "train_loss", "held_out_loss", "held_out_top1"}: the policy's
// loss (mean cross-entropy in nats of the move played, dropout off) as
// training goes, from step 0; one entry per measurement in each.
struct DropoutCurve {
  std::vector<double> step, train_loss, held_out_loss, held_out_top1;

  JsonValue ToJson() const;
  static absl::StatusOr<DropoutCurve> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const DropoutCurve&) const = default;
};

// One trained network: {"name", "dropout", "curve", "final_train_loss",
// "final_held_out_loss", "final_held_out_top1", "vs_random",
// "vs_reference"}; a match the plan does not play is left out.
struct DropoutRun {
  std::string name;  // "no dropout" or e.g. "dropout 0.2"
  double dropout = 0;
  DropoutCurve curve;
  double final_train_loss = 0, final_held_out_loss = 0, final_held_out_top1 = 0;
  std::optional<StudyMatchResult> vs_random;
  std::optional<StudyMatchResult> vs_reference;  // against the studied model

  JsonValue ToJson() const;
  static absl::StatusOr<DropoutRun> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const DropoutRun&) const = default;
};

// {"dropout", "games", "held_out_games", "train_positions",
//  "held_out_positions", "steps", "batch", "learning_rate", "objective",
//  "network", "runs"}.
struct DropoutResult {
  double dropout = 0;  // the rate of the dropout network
  int games = 0, held_out_games = 0;
  int64_t train_positions = 0, held_out_positions = 0;
  int steps = 0, batch = 0;
  double learning_rate = 0;
  std::string objective, network;  // descriptions
  std::vector<DropoutRun> runs;

  JsonValue ToJson() const;
  static absl::StatusOr<DropoutResult> FromJson(const JsonValue& json,
                                                std::string_view path = "dropout");
  bool operator==(const DropoutResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_DROPOUT_RESULT_H_
