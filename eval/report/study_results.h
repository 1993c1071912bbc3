// The whole study's typed results, as report.json holds them: the
// settings, the studied model, each part that ran and the timing. The
// study (eval/study.h) builds them and writes their ToJson; the report
// (report_html.h) reads nothing else, so a field renamed here fails to
// compile there instead of rendering as a gap. FromJson is strict (see
// json_fields.h): every member must be there with its type, and an error
// names the first that is not ("strength.pairings[2].rate: missing").
// No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_STUDY_RESULTS_H_
#define TENGEN_EVAL_REPORT_STUDY_RESULTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/collapse_result.h"
#include "eval/report/diversity_result.h"
#include "eval/report/dropout_result.h"
#include "eval/report/learning_result.h"
#include "eval/report/search_result.h"
#include "eval/report/strength_result.h"

namespace tengen {

// {"seed", "quick", "model", "gnugo_command", "rules", "komi", "plan"}: what
// the study was asked to do. A folder holding a study with other settings
// is refused, so these identify a study.
struct StudySettings {
  uint64_t seed = 1;  // written as a JSON double, as it always was
  bool quick = false;
  std::string model;          // the model given; empty: made by the study
  std::string gnugo_command;  // empty: no GNU Go
  std::string rules;          // e.g. "Chinese"
  double komi = 7.5;
  JsonValue plan = JsonValue::Object();  // every size of every part (study_plan.h)

  JsonValue ToJson() const;
  static absl::StatusOr<StudySettings> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const StudySettings&) const = default;
};

// {"path", "name", "network", "board_size", "training_step",
// "made_by_study", "chosen_as" (optional)}: the network studied.
struct StudyModel {
  std::string path, name;
  std::string network;  // its shape, described
  int board_size = 9;
  int64_t training_step = 0;
  bool made_by_study = false;  // by the study's own self-play run
  // How the study chose it among its run's generations, in words (e.g.
  // "generation 7 of 10 of self-play by sampling (T = 1), the best against
  // the random player: 98.4% over 64 games"); none for a given model and in
  // reports from before the choice was recorded.
  std::optional<std::string> chosen_as;

  JsonValue ToJson() const;
  static absl::StatusOr<StudyModel> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const StudyModel&) const = default;
};

// {"model_run_seconds", "<part>_seconds" for each part that ran,
// "total_seconds"}: seconds spent, a resumed part counting the time its
// first run took.
struct StudyTiming {
  double model_run_seconds = 0;  // 0 when a model was given
  std::optional<double> collapse_seconds, diversity_seconds, strength_seconds, learning_seconds,
      dropout_seconds, search_seconds;
  double total_seconds = 0;

  // The part's field by its name ("collapse", ...), or nullptr.
  std::optional<double>* PartSeconds(std::string_view part);
  // Every time there is, by its JSON key, in JSON order.
  std::vector<std::pair<std::string, double>> Entries() const;

  JsonValue ToJson() const;
  static absl::StatusOr<StudyTiming> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const StudyTiming&) const = default;
};

// report.json: {"format": "tengen-eval-report", "version": 1, "created",
// "settings", "model", "collapse", "diversity", "strength", "learning",
// "dropout", "search", "timing"}, a part not run being null ("search" may
// also be absent: reports from before part f).
struct StudyResults {
  std::string created;  // UTC, ISO 8601
  StudySettings settings;
  StudyModel model;
  std::optional<CollapseResult> collapse;
  std::optional<DiversityResult> diversity;
  std::optional<StrengthResult> strength;
  std::optional<LearningResult> learning;
  std::optional<DropoutResult> dropout;
  std::optional<SearchEraResult> search;
  StudyTiming timing;

  JsonValue ToJson() const;
  static absl::StatusOr<StudyResults> FromJson(const JsonValue& json, std::string_view path = "");
  bool operator==(const StudyResults&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_STUDY_RESULTS_H_
