#include "eval/study_learning.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/interrupt.h"
#include "base/text_util.h"
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

// Adds the games of a WinRateToJson object (if it is one) to `total`.
void AddGames(const JsonValue& rate, WinRate& total) {
  total.wins += static_cast<int>(rate.GetInteger("wins").value_or(0));
  total.draws += static_cast<int>(rate.GetInteger("draws").value_or(0));
  total.losses += static_cast<int>(rate.GetInteger("losses").value_or(0));
}

JsonValue Member(const JsonValue& object, std::string_view key) {
  const JsonValue* value = object.Find(key);
  return value != nullptr ? *value : JsonValue();
}

}  // namespace

JsonValue LearningOptions::ToJson() const {
  JsonValue temps = JsonValue::Array();
  for (double t : temperatures) temps.Append(t);
  JsonValue json = JsonValue::Object();
  json.Set("config", config.ToJson()).Set("temperatures", std::move(temps));
  return json;
}

absl::StatusOr<JsonValue> RunLearningStudy(const LearningOptions& options,
                                           const StudyContext& context, const std::string& dir) {
  const RunConfig& base = options.config;
  JsonValue runs = JsonValue::Array();
  for (double temperature : options.temperatures) {
    const std::string run_dir = (fs::path(dir) / RunName(temperature)).string();
    fmt::print(stderr, "learning: self-play by {} in {}\n", ChoiceLabel(temperature), run_dir);
    absl::Status status = RunTrainingLoop(
        {.dir = run_dir, .config = RunConfigFor(options, temperature), .binary = context.binary});
    if (!status.ok()) return status;
    if (StopRequested()) return absl::CancelledError("stopped during the learning study");
    absl::StatusOr<std::vector<JsonValue>> metrics = ReadMetrics(run_dir);
    if (!metrics.ok()) return metrics.status();
    JsonValue generations = JsonValue::Array();
    WinRate pooled_vs_random, pooled_vs_first;
    for (const JsonValue& line : *metrics) {
      absl::StatusOr<int64_t> g = line.GetInteger("generation");
      if (!g.ok())
        return absl::DataLossError(fmt::format("{}/metrics.jsonl: {}", run_dir, g.status()));
      const GameDiversity selfplay = SelfPlayDiversity(run_dir, static_cast<int>(*g), context);
      AddGames(Member(line, "vs_random"), pooled_vs_random);
      AddGames(Member(line, "vs_first"), pooled_vs_first);
      JsonValue item = JsonValue::Object();
      item.Set("generation", *g)
          .Set("vs_random", Member(line, "vs_random"))
          .Set("vs_first", Member(line, "vs_first"))
          .Set("policy_loss", Member(line, "policy_loss"))
          .Set("policy_entropy", Member(line, "policy_entropy"))
          .Set("selfplay_games", selfplay.games)
          .Set("distinct_selfplay_games", selfplay.distinct_games)
          .Set("selfplay_first_move_entropy_bits", selfplay.first_move_entropy_bits);
      generations.Append(std::move(item));
    }
    JsonValue run = JsonValue::Object();
    run.Set("name", fmt::format("self-play by {}", ChoiceLabel(temperature)))
        .Set("temperature", temperature)
        .Set("dir", run_dir)
        .Set("pooled_vs_random", WinRateToJson(pooled_vs_random))
        .Set("pooled_vs_first", WinRateToJson(pooled_vs_first))
        .Set("generations", std::move(generations));
    runs.Append(std::move(run));
  }

  // Generation 0, shared by both runs, against the random player, measured
  // as the loop measures every later generation.
  JsonValue generation_0 = JsonValue::Object();
  if (!options.temperatures.empty() && base.evaluate.games_vs_random > 0) {
    const std::string first_model =
        (fs::path(dir) / RunName(options.temperatures[0]) / "models/gen-0000.tgm").string();
    absl::StatusOr<std::shared_ptr<Evaluator>> evaluator =
        LoadStudyEvaluator(first_model, SymmetryMode::kRandom, base.seed);
    if (!evaluator.ok()) return evaluator.status();
    std::unique_ptr<MatchPlayer> player = CreateNetworkPlayer(
        "gen-0000", *evaluator,
        {.mode = ChoiceMode::kSample, .temperature = base.evaluate.temperature}, base.seed);
    std::unique_ptr<MatchPlayer> random = CreateRandomPlayer(base.seed);
    absl::StatusOr<JsonValue> result = PlayStudyMatch(
        *player, *random, context, base.evaluate.games_vs_random, base.evaluate.games_vs_random,
        "gen 0 vs random", (fs::path(dir) / "gen-0000-vs-random").string());
    if (!result.ok()) return result.status();
    generation_0.Set("vs_random", std::move(*result));
  }

  JsonValue evaluation = JsonValue::Object();
  evaluation.Set("games_vs_random", base.evaluate.games_vs_random)
      .Set("games_vs_first", base.evaluate.games_vs_first)
      .Set("temperature", base.evaluate.temperature);
  JsonValue json = JsonValue::Object();
  json.Set("generations", base.generations)
      .Set("games_per_generation", base.selfplay.games)
      .Set("train_steps_per_generation", base.train.steps)
      .Set("evaluation", std::move(evaluation))
      .Set("generation_0", std::move(generation_0))
      .Set("runs", std::move(runs));
  return json;
}

}  // namespace tengen
