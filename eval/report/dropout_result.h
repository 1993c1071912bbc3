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
#include "eval/report/synthetic_result.h"

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

// One trained network: {"name", "dropout", "batch", "steps", "curve",
// "final_train_loss", "final_held_out_loss", "final_held_out_top1",
// "vs_random", "vs_reference"}; a match the plan does not play is left out.
// (Reports from before batch and steps were kept read them as the
// section's.)
struct DropoutRun {
  std::string name;  // "no dropout", e.g. "dropout 0.1" or "batch 1024"
  double dropout = 0;
  int batch = 0, steps = 0;
  DropoutCurve curve;
  double final_train_loss = 0, final_held_out_loss = 0, final_held_out_top1 = 0;
  std::optional<StudyMatchResult> vs_random;
  std::optional<StudyMatchResult> vs_reference;  // against the studied model

  JsonValue ToJson() const;
  static absl::StatusOr<DropoutRun> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const DropoutRun&) const = default;
};

// {"rates", "large_batch", "games", "held_out_games", "train_positions",
//  "held_out_positions", "steps", "batch", "learning_rate", "objective",
//  "network", "runs", "synthetic"}; "synthetic" left out when not run.
// (Reports from before rates were kept have "dropout", the one rate
// beside 0, instead.)
struct DropoutResult {
  std::vector<double> rates;  // the dropout rates compared at `batch`
  int large_batch = 0;        // the large-batch run's batch; 0: none
  int games = 0, held_out_games = 0;
  int64_t train_positions = 0, held_out_positions = 0;
  int steps = 0, batch = 0;
  double learning_rate = 0;
  std::string objective, network;  // descriptions
  std::vector<DropoutRun> runs;
  std::optional<SyntheticResult> synthetic;

  JsonValue ToJson() const;
  static absl::StatusOr<DropoutResult> FromJson(const JsonValue& json,
                                                std::string_view path = "dropout");
  bool operator==(const DropoutResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_DROPOUT_RESULT_H_
