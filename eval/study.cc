#include "eval/study.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/text_util.h"
#include "base/utc_time.h"
#include "eval/report/json_fields.h"
#include "eval/report/report_html.h"
#include "eval/study_common.h"
#include "eval/study_plan.h"
#include "match/gtp_player.h"
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

// Refuses a folder that holds a study with other settings; records ours.
absl::Status CheckSettings(const StudyOptions& options, const StudySettings& typed) {
  const JsonValue settings = typed.ToJson();
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

// The highest temperature of the learning part's runs: the sampled run,
// whose best generation the study studies when no model is given.
double StudiedRunTemperature(const LearningOptions& learning) {
  return learning.temperatures.empty()
             ? 1.0
             : *std::max_element(learning.temperatures.begin(), learning.temperatures.end());
}

// The network the study measures when none is given, and how it was
// chosen: the learning part's sampled self-play run (run, or resumed, here
// in <out>/learning/<its folder>, so that the learning part later finds it
// finished and only runs the argmax run), at its best generation against
// the random player. One run thus both makes the studied network and is
// half of part d, and a late collapse of the policy-gradient run does not
// hand the other parts a broken network.
struct PreparedModel {
  std::string path;
  std::optional<std::string> chosen_as;
};

absl::StatusOr<PreparedModel> PrepareModel(const StudyOptions& options, const StudyPlan& plan,
                                           double& seconds) {
  if (!options.model_path.empty()) return PreparedModel{.path = options.model_path};
  const auto start = std::chrono::steady_clock::now();
  const LearningRunSpec spec =
      LearningRunSpecFor(plan.learning, StudiedRunTemperature(plan.learning));
  const std::string dir = (fs::path(Path(options, "learning")) / spec.folder).string();
  options.hooks.Log(fmt::format(
      "eval: making the network to study: {}, {} generations in {}; the best against the random "
      "player is studied",
      spec.name, spec.config.generations, dir));
  if (absl::Status status =
          RunTrainingLoop({.dir = dir, .config = spec.config, .hooks = options.hooks});
      !status.ok())
    return status;
  if (options.hooks.stop_requested()) return absl::CancelledError("study stopped");
  absl::StatusOr<PickedGeneration> best = BestGenerationVsRandom(dir);
  if (!best.ok()) return best.status();
  seconds = SecondsSince(start);
  const WinRateResult& score = best->vs_random;
  return PreparedModel{
      .path = best->model_path,
      .chosen_as = fmt::format(
          "generation {} of {} of {} (part d), the best against the random player: {:.1f}% over "
          "{} games",
          best->generation, best->generations, spec.name, 100 * score.rate.value_or(0),
          score.games)};
}

StudyModel ModelOf(const std::string& path, const Model& model, bool made_here) {
  const ModelMetadata& m = model.metadata();
  return StudyModel{.path = path,
                    .name = m.name,
                    .network = m.config.Describe(),
                    .board_size = m.config.board_size,
                    .training_step = m.training_step,
                    .made_by_study = made_here};
}

// A finished part as parts/<name>.json keeps it: {"seconds", "result"}.
template <typename Result>
struct StoredPart {
  double seconds = 0;
  Result result;

  JsonValue ToJson() const {
    JsonValue json = JsonValue::Object();
    json.Set("seconds", seconds).Set("result", result.ToJson());
    return json;
  }
  // `path` names the part, so errors read "strength.pairings[2].rate: missing".
  static absl::StatusOr<StoredPart> FromJson(const JsonValue& json, std::string_view path) {
    StoredPart stored;
    JsonValue result;
    JsonObjectReader in(json, "");
    in.Read("seconds", stored.seconds).Read("result", result);
    if (in.status().ok()) in.Keep(ReadJson(result, std::string(path), stored.result));
    return in.Finish(std::move(stored));
  }
};

// A finished part from its file (one that does not read strictly as the
// part's result counts as damaged and runs again), or runs it and keeps the
// result.
template <typename Result>
absl::StatusOr<Result> RunPart(const StudyOptions& options, const std::string& name,
                               const std::function<absl::StatusOr<Result>()>& run,
                               std::optional<double>& seconds_spent) {
  const std::string path = Path(options, fmt::format("parts/{}.json", name));
  if (fs::exists(path)) {
    absl::StatusOr<std::string> text = ReadFileToString(path);
    if (!text.ok()) return text.status();
    absl::StatusOr<JsonValue> json = ParseJson(*text);
    absl::StatusOr<StoredPart<Result>> stored =
        json.ok() ? StoredPart<Result>::FromJson(*json, name) : json.status();
    if (stored.ok()) {
      options.hooks.Log(fmt::format("eval: {} is already done ({})", name, path));
      seconds_spent = stored->seconds;
      return std::move(stored->result);
    }
    options.hooks.Log(fmt::format("warning: {} is damaged ({}); running {} again", path,
                                  stored.status().message(), name));
  }
  options.hooks.Log(fmt::format("eval: {}", name));
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<Result> result = run();
  if (!result.ok())
    return absl::Status(result.status().code(), fmt::format("{}: {}", name, result.status()));
  const StoredPart<Result> stored{.seconds = SecondsSince(start), .result = *result};
  if (absl::Status status = WriteFileAtomically(path, SerializeJson(stored.ToJson()) + "\n");
      !status.ok())
    return status;
  seconds_spent = stored.seconds;
  return result;
}

}  // namespace

const std::vector<std::string>& StudyPartNames() {
  static const std::vector<std::string> kNames = {"collapse", "diversity", "strength",
                                                  "learning", "dropout",   "search"};
  return kNames;
}

absl::StatusOr<StudyOutcome> RunStudy(const StudyOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& part : options.parts)
    if (std::find(StudyPartNames().begin(), StudyPartNames().end(), part) == StudyPartNames().end())
      return absl::InvalidArgumentError(fmt::format(
          "unknown part '{}': expected collapse, diversity, strength, learning, dropout or search",
          part));
  std::error_code error;
  fs::create_directories(Path(options, "parts"), error);
  if (error)
    return absl::UnavailableError(
        fmt::format("cannot create {}: {}", options.out_dir, error.message()));

  const StudyPlan plan = MakeStudyPlan(options.quick, options.seed);
  const std::string gnugo = FindGnuGo(options.gnugo_binary);
  StudyContext context{.seed = options.seed, .threads = options.threads, .hooks = options.hooks};
  if (!gnugo.empty()) {
    context.gnugo_command = fmt::format("{} --mode gtp --level {} --chinese-rules --seed {}", gnugo,
                                        options.gnugo_level, options.seed);
    context.gnugo_name = fmt::format("GNU Go level {}", options.gnugo_level);
  }
  StudyResults results{.settings = {.seed = options.seed,
                                    .quick = options.quick,
                                    .model = options.model_path,
                                    .gnugo_command = context.gnugo_command,
                                    .rules = DescribeRules(context.rules),
                                    .komi = context.rules.komi,
                                    .plan = plan.ToJson()}};
  if (absl::Status status = CheckSettings(options, results.settings); !status.ok()) return status;

  absl::StatusOr<PreparedModel> prepared =
      PrepareModel(options, plan, results.timing.model_run_seconds);
  if (!prepared.ok()) return prepared.status();
  absl::StatusOr<Model> model = Model::Load(prepared->path);
  if (!model.ok()) return model.status();
  context.model_path = prepared->path;
  context.board_size = model->metadata().config.board_size;
  results.created = UtcNowIso8601();
  results.model = ModelOf(prepared->path, *model, options.model_path.empty());
  results.model.chosen_as = prepared->chosen_as;

  // Runs part `name` into `slot` unless the options leave it out.
  auto part = [&]<typename Result>(const std::string& name, std::optional<Result>& slot,
                                   auto run) -> absl::Status {
    const bool wanted =
        options.parts.empty() ||
        std::find(options.parts.begin(), options.parts.end(), name) != options.parts.end();
    if (!wanted) return absl::OkStatus();
    if (options.hooks.stop_requested()) return absl::CancelledError("study stopped");
    absl::StatusOr<Result> result =
        RunPart<Result>(options, name, run, *results.timing.PartSeconds(name));
    if (!result.ok()) return result.status();
    slot = std::move(*result);
    return absl::OkStatus();
  };
  absl::Status status = part("collapse", results.collapse, [&] {
    CollapseOptions collapse = plan.collapse;
    collapse.hooks = options.hooks;
    return RunCollapseStudy(collapse);
  });
  if (status.ok())
    status = part("diversity", results.diversity,
                  [&] { return RunDiversityStudy(plan.diversity, context); });
  if (status.ok())
    status = part("strength", results.strength, [&] {
      return RunStrengthStudy(plan.strength, context, Path(options, "strength"));
    });
  if (status.ok())
    status = part("learning", results.learning, [&] {
      return RunLearningStudy(plan.learning, context, Path(options, "learning"));
    });
  if (status.ok())
    status = part("dropout", results.dropout,
                  [&] { return RunDropoutStudy(plan.dropout, context, Path(options, "dropout")); });
  if (status.ok())
    status = part("search", results.search,
                  [&] { return RunSearchEraStudy(plan.search, context, Path(options, "search")); });
  if (!status.ok()) return status;
  results.timing.total_seconds = SecondsSince(start);

  StudyOutcome outcome{.json_path = Path(options, "report.json"),
                       .html_path = Path(options, "report.html")};
  if (absl::Status status =
          WriteFileAtomically(outcome.json_path, SerializeJson(results.ToJson()) + "\n");
      !status.ok())
    return status;
  if (absl::Status status = WriteFileAtomically(outcome.html_path, RenderStudyReport(results));
      !status.ok())
    return status;
  outcome.results = std::move(results);
  return outcome;
}

std::string DescribeStudy(const StudyOutcome& outcome) {
  const StudyResults& r = outcome.results;
  std::string text = fmt::format("report: {}\ndata:   {}\n", outcome.html_path, outcome.json_path);
  if (const std::optional<CollapseResult>& collapse = r.collapse) {
    const CollapseRegressor& regressor = collapse->regressor;
    text += fmt::format(
        "a. collapse: the regressor answers ({:.2f}, {:.2f}), nearest point {}, {:.2f} points from "
        "the centre; "
        "the softmax puts {:.1f}% on the {} symmetric images of the opening\n",
        regressor.x, regressor.y, regressor.nearest.vertex.value_or("off the board"),
        regressor.distance_to_centre, 100 * collapse->softmax.mass_on_set,
        collapse->symmetric_set.size());
  }
  if (const std::optional<DiversityResult>& diversity = r.diversity) {
    std::string line = "b. distinct games:";
    for (const DiversityMode& mode : diversity->modes)
      line += fmt::format(" {} {}/{};", mode.name, mode.distinct_games, mode.games);
    text += line + "\n";
  }
  // "61.5% [49.1%, 72.6%] over 32 games", or "no games".
  auto rate_text = [](const WinRateResult& rate) {
    if (!rate.rate.has_value()) return std::string("no games");
    return fmt::format("{:.1f}% [{:.1f}%, {:.1f}%] over {} games", 100 * *rate.rate, 100 * rate.low,
                       100 * rate.high, rate.games);
  };
  if (const std::optional<StrengthResult>& strength = r.strength)
    for (const StrengthPairing& p : strength->pairings)
      text += fmt::format("c. {} vs {}: {}\n", p.match.player, p.match.opponent,
                          rate_text(p.match.score));
  if (const std::optional<LearningResult>& learning = r.learning)
    for (const LearningRun& run : learning->runs) {
      if (run.generations.empty()) continue;
      const LearningGeneration& last = run.generations.back();
      auto last_rate = [&](const std::optional<WinRateResult>& rate) {
        return rate.has_value() ? rate_text(*rate) : std::string("not played");
      };
      text += fmt::format(
          "d. {}: all generations score {} against random, {} against generation 0; "
          "generation {} alone {} and {}\n",
          run.name, rate_text(run.pooled_vs_random), rate_text(run.pooled_vs_first),
          last.generation, last_rate(last.vs_random), last_rate(last.vs_first));
    }
  if (const std::optional<DropoutResult>& dropout = r.dropout) {
    for (const DropoutRun& run : dropout->runs)
      text += fmt::format(
          "e. {}: held-out loss {:.3f} (train {:.3f}), {} against random\n", run.name,
          run.final_held_out_loss, run.final_train_loss,
          run.vs_random.has_value() ? rate_text(run.vs_random->score) : std::string("not played"));
    if (const std::optional<SyntheticResult>& synthetic = dropout->synthetic)
      for (const SyntheticRun& run : synthetic->runs)
        text += fmt::format(
            "e. synthetic, {}: {:.2f} of the {:.2f} known bits generalised, {:.2f} bits of noise "
            "memorised\n",
            run.name, run.generalised_bits, synthetic->information_bits, run.memorised_bits);
  }
  if (const std::optional<SearchEraResult>& search = r.search) {
    for (const SearchDiversityMode& mode : search->diversity.modes)
      text += fmt::format("f. {}: {}/{} distinct self-play games\n", mode.name, mode.distinct_games,
                          mode.games);
    for (const SearchPairing& p : search->strength.pairings)
      text += fmt::format("f. {} vs {}: {}\n", p.match.player, p.match.opponent,
                          rate_text(p.match.score));
    for (const LearningRun& run : search->learning.runs.runs)
      text +=
          fmt::format("f. {}: all generations score {} against random, {} against generation 0\n",
                      run.name, rate_text(run.pooled_vs_random), rate_text(run.pooled_vs_first));
  }
  return text;
}

}  // namespace tengen
