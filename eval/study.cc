#include "eval/study.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/interrupt.h"
#include "base/text_util.h"
#include "base/utc_time.h"
#include "eval/report/report_html.h"
#include "eval/study_common.h"
#include "eval/study_plan.h"
#include "policy/model.h"
#include "selfplay/run_loop.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

std::string Path(const StudyOptions& options, const std::string& relative) {
  return (fs::path(options.out_dir) / relative).string();
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// GNU Go's binary, or "" when there is none to play.
std::string FindGnuGo(const std::string& requested) {
  if (requested == "none") return "";
  if (!requested.empty()) return requested;
  if (access("/usr/games/gnugo", X_OK) == 0) return "/usr/games/gnugo";
  if (const char* path = std::getenv("PATH"))
    for (std::string_view dir : SplitText(path, ':')) {
      const std::string candidate = (fs::path(dir) / "gnugo").string();
      if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  return "";
}

// Refuses a folder that holds a study with other settings; records ours.
absl::Status CheckSettings(const StudyOptions& options, const JsonValue& settings) {
  const std::string path = Path(options, "study.json");
  if (fs::exists(path)) {
    absl::StatusOr<std::string> text = ReadFileToString(path);
    if (!text.ok()) return text.status();
    absl::StatusOr<JsonValue> stored = ParseJson(*text);
    if (stored.ok() && *stored == settings) return absl::OkStatus();
    return absl::InvalidArgumentError(fmt::format(
        "{} holds a study with other settings (see {}); use another --out, or remove that folder",
        options.out_dir, path));
  }
  return WriteFileAtomically(path, SerializeJson(settings) + "\n");
}

// The studied model: the one given, or the best of a short self-play run.
absl::StatusOr<std::string> PrepareModel(const StudyOptions& options, const StudyPlan& plan,
                                         double& seconds) {
  if (!options.model_path.empty()) return options.model_path;
  const auto start = std::chrono::steady_clock::now();
  const std::string dir = Path(options, "model-run");
  fmt::print(stderr, "eval: making the network to study: a {}-generation self-play run in {}\n",
             plan.model_run.generations, dir);
  if (absl::Status status =
          RunTrainingLoop({.dir = dir, .config = plan.model_run, .binary = options.binary});
      !status.ok())
    return status;
  seconds = SecondsSince(start);
  return (fs::path(dir) / "models/best.tgm").string();
}

JsonValue ModelJson(const std::string& path, const Model& model, bool made_here) {
  const ModelMetadata& m = model.metadata();
  JsonValue json = JsonValue::Object();
  json.Set("path", path)
      .Set("name", m.name)
      .Set("network", m.config.Describe())
      .Set("board_size", m.config.board_size)
      .Set("training_step", m.training_step)
      .Set("made_by_study", made_here);
  return json;
}

using PartRunner = std::function<absl::StatusOr<JsonValue>()>;

// A finished part from its file, or runs it and keeps the result.
absl::StatusOr<JsonValue> RunPart(const StudyOptions& options, const std::string& name,
                                  const PartRunner& run, JsonValue& timing) {
  const std::string path = Path(options, fmt::format("parts/{}.json", name));
  if (fs::exists(path)) {
    absl::StatusOr<std::string> text = ReadFileToString(path);
    if (!text.ok()) return text.status();
    absl::StatusOr<JsonValue> stored = ParseJson(*text);
    if (stored.ok() && stored->Find("result") != nullptr && stored->Find("seconds") != nullptr) {
      fmt::print(stderr, "eval: {} is already done ({})\n", name, path);
      timing.Set(name + "_seconds", *stored->Find("seconds"));
      return *stored->Find("result");
    }
    fmt::print(stderr, "warning: {} is damaged; running {} again\n", path, name);
  }
  fmt::print(stderr, "eval: {}\n", name);
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<JsonValue> result = run();
  if (!result.ok())
    return absl::Status(result.status().code(), fmt::format("{}: {}", name, result.status()));
  const double seconds = SecondsSince(start);
  JsonValue stored = JsonValue::Object();
  stored.Set("seconds", seconds).Set("result", *result);
  if (absl::Status status = WriteFileAtomically(path, SerializeJson(stored) + "\n"); !status.ok())
    return status;
  timing.Set(name + "_seconds", seconds);
  return result;
}

const JsonValue* Section(const JsonValue& report, std::string_view name) {
  const JsonValue* section = report.Find(name);
  return section != nullptr && section->is_object() ? section : nullptr;
}

double NumberAt(const JsonValue* object, std::string_view key) {
  if (object == nullptr) return NAN;
  const JsonValue* value = object->Find(key);
  return value != nullptr && value->is_number() ? value->AsNumber() : NAN;
}

}  // namespace

const std::vector<std::string>& StudyPartNames() {
  static const std::vector<std::string> kNames = {"collapse", "diversity", "strength", "learning",
                                                  "dropout"};
  return kNames;
}

absl::StatusOr<StudyOutcome> RunStudy(const StudyOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& part : options.parts)
    if (std::find(StudyPartNames().begin(), StudyPartNames().end(), part) == StudyPartNames().end())
      return absl::InvalidArgumentError(fmt::format(
          "unknown part '{}': expected collapse, diversity, strength, learning or dropout", part));
  std::error_code error;
  fs::create_directories(Path(options, "parts"), error);
  if (error)
    return absl::UnavailableError(
        fmt::format("cannot create {}: {}", options.out_dir, error.message()));

  const StudyPlan plan = MakeStudyPlan(options.quick, options.seed);
  const std::string gnugo = FindGnuGo(options.gnugo_binary);
  StudyContext context{.seed = options.seed,
                       .threads = options.threads,
                       .binary = options.binary,
                       .show_progress = options.show_progress};
  if (!gnugo.empty()) {
    context.gnugo_command = fmt::format("{} --mode gtp --level {} --chinese-rules --seed {}", gnugo,
                                        options.gnugo_level, options.seed);
    context.gnugo_name = fmt::format("GNU Go level {}", options.gnugo_level);
  }
  JsonValue settings = JsonValue::Object();
  settings.Set("seed", static_cast<double>(options.seed))
      .Set("quick", options.quick)
      .Set("model", options.model_path)
      .Set("gnugo_command", context.gnugo_command)
      .Set("rules", DescribeRules(context.rules))
      .Set("komi", context.rules.komi)
      .Set("plan", plan.ToJson());
  if (absl::Status status = CheckSettings(options, settings); !status.ok()) return status;

  JsonValue timing = JsonValue::Object();
  double model_seconds = 0;
  absl::StatusOr<std::string> model_path = PrepareModel(options, plan, model_seconds);
  if (!model_path.ok()) return model_path.status();
  timing.Set("model_run_seconds", model_seconds);
  absl::StatusOr<Model> model = Model::Load(*model_path);
  if (!model.ok()) return model.status();
  context.model_path = *model_path;
  context.board_size = model->metadata().config.board_size;

  const std::map<std::string, PartRunner> runners = {
      {"collapse",
       [&] {
         CollapseOptions collapse = plan.collapse;
         collapse.show_progress = options.show_progress;
         return RunCollapseStudy(collapse);
       }},
      {"diversity", [&] { return RunDiversityStudy(plan.diversity, context); }},
      {"strength",
       [&] { return RunStrengthStudy(plan.strength, context, Path(options, "strength")); }},
      {"learning",
       [&] { return RunLearningStudy(plan.learning, context, Path(options, "learning")); }},
      {"dropout", [&] { return RunDropoutStudy(plan.dropout, context, Path(options, "dropout")); }},
  };
  JsonValue report = JsonValue::Object();
  report.Set("format", "tengen-eval-report")
      .Set("version", 1)
      .Set("created", UtcNowIso8601())
      .Set("settings", settings)
      .Set("model", ModelJson(*model_path, *model, options.model_path.empty()));
  for (const std::string& name : StudyPartNames()) {
    const bool wanted =
        options.parts.empty() ||
        std::find(options.parts.begin(), options.parts.end(), name) != options.parts.end();
    if (!wanted) {
      report.Set(name, JsonValue());
      continue;
    }
    if (StopRequested()) return absl::CancelledError("study stopped");
    absl::StatusOr<JsonValue> result = RunPart(options, name, runners.at(name), timing);
    if (!result.ok()) return result.status();
    report.Set(name, std::move(*result));
  }
  timing.Set("total_seconds", SecondsSince(start));
  report.Set("timing", std::move(timing));

  StudyOutcome outcome{.json_path = Path(options, "report.json"),
                       .html_path = Path(options, "report.html")};
  if (absl::Status status = WriteFileAtomically(outcome.json_path, SerializeJson(report) + "\n");
      !status.ok())
    return status;
  if (absl::Status status = WriteFileAtomically(outcome.html_path, RenderStudyReport(report));
      !status.ok())
    return status;
  outcome.report = std::move(report);
  return outcome;
}

std::string DescribeStudy(const StudyOutcome& outcome) {
  const JsonValue& report = outcome.report;
  std::string text = fmt::format("report: {}\ndata:   {}\n", outcome.html_path, outcome.json_path);
  if (const JsonValue* collapse = Section(report, "collapse")) {
    const JsonValue* regressor = collapse->Find("regressor");
    const JsonValue* softmax = collapse->Find("softmax");
    const JsonValue* nearest = regressor != nullptr ? regressor->Find("nearest") : nullptr;
    const JsonValue* vertex = nearest != nullptr ? nearest->Find("vertex") : nullptr;
    text += fmt::format(
        "a. collapse: the regressor answers ({:.2f}, {:.2f}), nearest point {}, {:.2f} points from "
        "the centre; "
        "the softmax puts {:.1f}% on the 8 symmetric 3-4 points\n",
        NumberAt(regressor, "x"), NumberAt(regressor, "y"),
        vertex != nullptr && vertex->is_string() ? vertex->AsString() : "?",
        NumberAt(regressor, "distance_to_centre"), 100 * NumberAt(softmax, "mass_on_set"));
  }
  if (const JsonValue* diversity = Section(report, "diversity")) {
    std::string line = "b. distinct games:";
    if (const JsonValue* modes = diversity->Find("modes"); modes != nullptr && modes->is_array())
      for (const JsonValue& mode : modes->AsArray()) {
        const JsonValue* name = mode.Find("name");
        line +=
            fmt::format(" {} {}/{};", name != nullptr && name->is_string() ? name->AsString() : "?",
                        NumberAt(&mode, "distinct_games"), NumberAt(&mode, "games"));
      }
    text += line + "\n";
  }
  if (const JsonValue* strength = Section(report, "strength"))
    if (const JsonValue* pairings = strength->Find("pairings");
        pairings != nullptr && pairings->is_array())
      for (const JsonValue& p : pairings->AsArray()) {
        const JsonValue* player = p.Find("player");
        const JsonValue* opponent = p.Find("opponent");
        text +=
            fmt::format("c. {} vs {}: {:.1f}% [{:.1f}%, {:.1f}%] over {} games\n",
                        player != nullptr && player->is_string() ? player->AsString() : "?",
                        opponent != nullptr && opponent->is_string() ? opponent->AsString() : "?",
                        100 * NumberAt(&p, "rate"), 100 * NumberAt(&p, "low"),
                        100 * NumberAt(&p, "high"), NumberAt(&p, "games"));
      }
  if (const JsonValue* learning = Section(report, "learning"))
    if (const JsonValue* runs = learning->Find("runs"); runs != nullptr && runs->is_array())
      for (const JsonValue& run : runs->AsArray()) {
        const JsonValue* generations = run.Find("generations");
        if (generations == nullptr || !generations->is_array() || generations->AsArray().empty())
          continue;
        const JsonValue& last = generations->AsArray().back();
        const JsonValue* name = run.Find("name");
        text += fmt::format(
            "d. {}: all generations score {:.1f}% against random, {:.1f}% against generation 0; "
            "generation {} alone {:.1f}% and {:.1f}%\n",
            name != nullptr && name->is_string() ? name->AsString() : "?",
            100 * NumberAt(run.Find("pooled_vs_random"), "rate"),
            100 * NumberAt(run.Find("pooled_vs_first"), "rate"), NumberAt(&last, "generation"),
            100 * NumberAt(last.Find("vs_random"), "rate"),
            100 * NumberAt(last.Find("vs_first"), "rate"));
      }
  if (const JsonValue* dropout = Section(report, "dropout"))
    if (const JsonValue* runs = dropout->Find("runs"); runs != nullptr && runs->is_array())
      for (const JsonValue& run : runs->AsArray()) {
        const JsonValue* name = run.Find("name");
        text +=
            fmt::format("e. {}: held-out loss {:.3f} (train {:.3f}), {:.1f}% against random\n",
                        name != nullptr && name->is_string() ? name->AsString() : "?",
                        NumberAt(&run, "final_held_out_loss"), NumberAt(&run, "final_train_loss"),
                        100 * NumberAt(run.Find("vs_random"), "rate"));
      }
  return text;
}

}  // namespace tengen
