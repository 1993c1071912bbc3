#include "eval/study_learning.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/random.h"
#include "base/text_util.h"
#include "eval/report/json_fields.h"
#include "eval/study_diversity_metrics.h"
#include "selfplay/run_loop.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

RunConfig RunConfigFor(const LearningOptions& options, double temperature) {
  RunConfig config = options.config;
  config.selfplay.temperature = temperature;
  config.selfplay.symmetry = "none";
  config.evaluate.games = 0;  // no gating match: every generation is promoted
  return config;
}

std::string RunName(double temperature) {
  return temperature <= 0 ? "argmax" : FileSlug(ChoiceLabel(temperature));
}

// The metrics lines of a finished run, by generation.
absl::StatusOr<std::vector<JsonValue>> ReadMetrics(const std::string& run_dir) {
  const std::string path = (fs::path(run_dir) / "metrics.jsonl").string();
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  std::vector<JsonValue> lines;
  for (std::string_view line : SplitText(*text, '\n')) {
    if (line.empty()) continue;
    absl::StatusOr<JsonValue> json = ParseJson(line);
    if (!json.ok()) return absl::DataLossError(fmt::format("{}: {}", path, json.status()));
    lines.push_back(std::move(*json));
  }
  return lines;
}

// How varied the self-play games of one generation were.
GameDiversity SelfPlayDiversity(const std::string& run_dir, int generation,
                                const StudyContext& context) {
  const fs::path sgf_dir = fs::path(run_dir) / fmt::format("selfplay/gen-{:04}/sgf", generation);
  std::vector<std::string> paths;
  std::error_code error;
  for (auto it = fs::directory_iterator(sgf_dir, error); !error && it != fs::directory_iterator();
       it.increment(error))
    if (it->path().extension() == ".sgf") paths.push_back(it->path().string());
  std::sort(paths.begin(), paths.end());
  std::vector<std::vector<Point>> games;
  for (const std::string& path : paths) {
    absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(path);
    if (records.ok())
      for (const GameRecord& record : *records) games.push_back(MovesOfRecord(record));
  }
  return MeasureGameDiversity(games, context.board_size, context.rules, {}, 1);
}

// Member `key` of a metrics line, a win rate: read by its counts (the rest
// follows from them), none where the line has null or nothing. `where`
// names the line in errors.
absl::StatusOr<std::optional<WinRateResult>> MetricsRate(const JsonValue& line,
                                                         std::string_view key,
                                                         const std::string& where) {
  const JsonValue* rate = line.Find(key);
  if (rate == nullptr || rate->is_null()) return std::nullopt;
  WinRate counts;
  JsonObjectReader in(*rate, JsonPath(where, key));
  in.Read("wins", counts.wins).Read("draws", counts.draws).Read("losses", counts.losses);
  if (!in.status().ok()) return absl::DataLossError(in.status().message());
  return WinRateResult::Of(counts);
}

// Member `key` of a metrics line, a number; none where it is anything else.
std::optional<double> MetricsNumber(const JsonValue& line, std::string_view key) {
  const JsonValue* value = line.Find(key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->AsNumber();
}

void AddGames(const std::optional<WinRateResult>& rate, WinRate& total) {
  if (!rate.has_value()) return;
  total.wins += rate->wins;
  total.draws += rate->draws;
  total.losses += rate->losses;
}

// A result with the sizes and evaluation of `config`, and no run yet.
LearningResult LearningSizes(const RunConfig& config) {
  return LearningResult{.generations = config.generations,
                        .games_per_generation = config.selfplay.games,
                        .train_steps_per_generation = config.train.steps,
                        .evaluation = {.games_vs_random = config.evaluate.games_vs_random,
                                       .games_vs_first = config.evaluate.games_vs_first,
                                       .temperature = config.evaluate.temperature}};
}

// What every reader of a run's metrics takes from one line: its generation
// and its scores against the random player and generation 0 (none where
// not played).
struct GenerationScores {
  int64_t generation = 0;
  std::optional<WinRateResult> vs_random, vs_first;
};

absl::StatusOr<GenerationScores> ReadGenerationScores(const JsonValue& line,
                                                      const std::string& run_dir) {
  absl::StatusOr<int64_t> g = line.GetInteger("generation");
  if (!g.ok()) return absl::DataLossError(fmt::format("{}/metrics.jsonl: {}", run_dir, g.status()));
  const std::string where = fmt::format("{}/metrics.jsonl generation {}", run_dir, *g);
  absl::StatusOr<std::optional<WinRateResult>> vs_random = MetricsRate(line, "vs_random", where);
  if (!vs_random.ok()) return vs_random.status();
  absl::StatusOr<std::optional<WinRateResult>> vs_first = MetricsRate(line, "vs_first", where);
  if (!vs_first.ok()) return vs_first.status();
  return GenerationScores{
      .generation = *g, .vs_random = std::move(*vs_random), .vs_first = std::move(*vs_first)};
}

// The run's numbers, generation by generation, from its finished folder.
absl::StatusOr<LearningRun> ReadLearningRun(const LearningRunSpec& spec, const std::string& run_dir,
                                            const StudyContext& context) {
  absl::StatusOr<std::vector<JsonValue>> metrics = ReadMetrics(run_dir);
  if (!metrics.ok()) return metrics.status();
  LearningRun run{.name = spec.name, .temperature = spec.temperature, .dir = run_dir};
  WinRate pooled_vs_random, pooled_vs_first;
  for (const JsonValue& line : *metrics) {
    absl::StatusOr<GenerationScores> scores = ReadGenerationScores(line, run_dir);
    if (!scores.ok()) return scores.status();
    const GameDiversity selfplay =
        SelfPlayDiversity(run_dir, static_cast<int>(scores->generation), context);
    AddGames(scores->vs_random, pooled_vs_random);
    AddGames(scores->vs_first, pooled_vs_first);
    run.generations.push_back(
        {.generation = scores->generation,
         .vs_random = std::move(scores->vs_random),
         .vs_first = std::move(scores->vs_first),
         .policy_loss = MetricsNumber(line, "policy_loss"),
         .policy_entropy = MetricsNumber(line, "policy_entropy"),
         .selfplay_games = selfplay.games,
         .distinct_selfplay_games = selfplay.distinct_games,
         .selfplay_first_move_entropy_bits = selfplay.first_move_entropy_bits});
  }
  run.pooled_vs_random = WinRateResult::Of(pooled_vs_random);
  run.pooled_vs_first = WinRateResult::Of(pooled_vs_first);
  return run;
}

}  // namespace

JsonValue LearningOptions::ToJson() const {
  JsonValue temps = JsonValue::Array();
  for (double t : temperatures) temps.Append(t);
  JsonValue json = JsonValue::Object();
  json.Set("config", config.ToJson()).Set("temperatures", std::move(temps));
  return json;
}

LearningRunSpec LearningRunSpecFor(const LearningOptions& options, double temperature) {
  return {.name = fmt::format("self-play by {}", ChoiceLabel(temperature)),
          .folder = RunName(temperature),
          .temperature = temperature,
          .config = RunConfigFor(options, temperature)};
}

absl::StatusOr<PickedGeneration> BestGenerationVsRandom(const std::string& run_dir) {
  absl::StatusOr<std::vector<JsonValue>> metrics = ReadMetrics(run_dir);
  if (!metrics.ok()) return metrics.status();
  std::optional<PickedGeneration> best;
  int64_t generations = 0;
  for (const JsonValue& line : *metrics) {
    absl::StatusOr<GenerationScores> scores = ReadGenerationScores(line, run_dir);
    if (!scores.ok()) return scores.status();
    const int64_t g = scores->generation;
    generations = std::max(generations, g);
    const std::optional<WinRateResult>& vs_random = scores->vs_random;
    if (!vs_random.has_value() || !vs_random->rate.has_value()) continue;
    if (best.has_value() && *vs_random->rate < *best->vs_random.rate) continue;
    best = PickedGeneration{
        .generation = g,
        .model_path = (fs::path(run_dir) / fmt::format("models/gen-{:04}.tgm", g)).string(),
        .vs_random = *vs_random};
  }
  if (!best.has_value())
    return absl::NotFoundError(
        fmt::format("{}/metrics.jsonl: no generation played the random player", run_dir));
  best->generations = generations;
  return *best;
}

absl::StatusOr<LearningResult> RunLearningComparison(const std::vector<LearningRunSpec>& runs,
                                                     const StudyContext& context,
                                                     const std::string& dir) {
  if (runs.empty()) return absl::InvalidArgumentError("a learning comparison needs a run");
  std::set<std::string> folders;
  for (const LearningRunSpec& spec : runs)
    if (!folders.insert(spec.folder).second)
      return absl::InvalidArgumentError(
          fmt::format("two learning runs share the folder '{}'", spec.folder));
  const RunConfig& base = runs[0].config;
  LearningResult result = LearningSizes(base);
  for (const LearningRunSpec& spec : runs) {
    const std::string run_dir = (fs::path(dir) / spec.folder).string();
    context.hooks.Log(fmt::format("learning: {} in {}", spec.name, run_dir));
    absl::Status status =
        RunTrainingLoop({.dir = run_dir, .config = spec.config, .hooks = context.hooks});
    if (!status.ok()) return status;
    if (context.hooks.stop_requested())
      return absl::CancelledError("stopped during the learning study");
    absl::StatusOr<LearningRun> run = ReadLearningRun(spec, run_dir, context);
    if (!run.ok()) return run.status();
    result.runs.push_back(std::move(*run));
  }

  // Generation 0, shared by the runs, against the random player, measured
  // as the loop measures every later generation.
  if (base.evaluate.games_vs_random > 0) {
    const std::string first_model =
        (fs::path(dir) / runs[0].folder / "models/gen-0000.tgm").string();
    absl::StatusOr<std::shared_ptr<Evaluator>> evaluator =
        LoadStudyEvaluator(first_model, SymmetryMode::kRandom, base.seed);
    if (!evaluator.ok()) return evaluator.status();
    std::unique_ptr<MatchPlayer> player =
        CreateNetworkPlayer("gen-0000", *evaluator,
                            {.mode = ChoiceMode::kSample, .temperature = base.evaluate.temperature},
                            DeriveSeed(base.seed, "learning-gen0-player"));
    std::unique_ptr<MatchPlayer> random =
        CreateRandomPlayer(DeriveSeed(base.seed, "learning-gen0-random"));
    absl::StatusOr<StudyMatchResult> match = PlayStudyMatch(
        *player, *random, context, base.evaluate.games_vs_random, base.evaluate.games_vs_random,
        "gen 0 vs random", (fs::path(dir) / "gen-0000-vs-random").string());
    if (!match.ok()) return match.status();
    result.generation_0_vs_random = std::move(*match);
  }
  return result;
}

absl::StatusOr<LearningResult> RunLearningStudy(const LearningOptions& options,
                                                const StudyContext& context,
                                                const std::string& dir) {
  // No temperature: no run, and no generation 0 to measure either.
  if (options.temperatures.empty()) {
    return LearningSizes(options.config);
  }
  std::vector<LearningRunSpec> runs;
  for (double temperature : options.temperatures)
    runs.push_back(LearningRunSpecFor(options, temperature));
  return RunLearningComparison(runs, context, dir);
}

}  // namespace tengen
