// Part d's typed result, the "learning" section of report.json
// (eval/study_learning.h runs the part). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_LEARNING_RESULT_H_
#define TENGEN_EVAL_REPORT_LEARNING_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/match_results.h"

namespace tengen {

// {"games_vs_random", "games_vs_first", "temperature"}: how every
// generation is measured (both sides sample at the temperature).
struct LearningEvaluation {
  int games_vs_random = 0, games_vs_first = 0;
  double temperature = 1;

  JsonValue ToJson() const;
  static absl::StatusOr<LearningEvaluation> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const LearningEvaluation&) const = default;
};

// One generation of a run, from its metrics line and its self-play games.
// The scores are the generation's, null where no games were played; the
// training numbers are null where the run did not record them.
struct LearningGeneration {
  int64_t generation = 0;
  std::optional<WinRateResult> vs_random, vs_first;   // vs_first: against generation 0
  std::optional<double> policy_loss, policy_entropy;  // nats, at the end of training
  int selfplay_games = 0, distinct_selfplay_games = 0;
  double selfplay_first_move_entropy_bits = 0;

  JsonValue ToJson() const;
  static absl::StatusOr<LearningGeneration> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const LearningGeneration&) const = default;
};

// {"name", "temperature", "dir", "pooled_vs_random", "pooled_vs_first",
//  "generations"}: one run; the pooled scores add every generation's games.
struct LearningRun {
  std::string name;        // e.g. "self-play by argmax"
  double temperature = 0;  // of self-play; 0: argmax
  std::string dir;         // the run's folder
  WinRateResult pooled_vs_random, pooled_vs_first;
  std::vector<LearningGeneration> generations;  // 1..G

  JsonValue ToJson() const;
  static absl::StatusOr<LearningRun> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const LearningRun&) const = default;
};

// {"generations", "games_per_generation", "train_steps_per_generation",
//  "evaluation", "generation_0": {"vs_random"}, "runs"}.
struct LearningResult {
  int generations = 0, games_per_generation = 0;
  int64_t train_steps_per_generation = 0;
  LearningEvaluation evaluation;
  // Generation 0 (shared by the runs) against the random player; none (an
  // empty "generation_0" object) when the evaluation plays no such games.
  std::optional<StudyMatchResult> generation_0_vs_random;
  std::vector<LearningRun> runs;

  JsonValue ToJson() const;
  static absl::StatusOr<LearningResult> FromJson(const JsonValue& json,
                                                 std::string_view path = "learning");
  bool operator==(const LearningResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_LEARNING_RESULT_H_
