#include "eval/study_diversity.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/interrupt.h"
#include "base/progress.h"
#include "engine/coordinates.h"
#include "eval/study_diversity_metrics.h"
#include "policy/playable_moves.h"
#include "selfplay/selfplay_games.h"

namespace tengen {
namespace {

JsonValue IntList(const std::vector<int>& values) {
  JsonValue list = JsonValue::Array();
  for (int v : values) list.Append(v);
  return list;
}

JsonValue ModeJson(double temperature, const GameDiversity& d, int black_wins, double exact_entropy,
                   int size) {
  JsonValue positions = JsonValue::Array();
  for (const PositionDiversity& p : d.positions) {
    JsonValue item = JsonValue::Object();
    item.Set("move", p.move)
        .Set("games_reaching", p.games_reaching)
        .Set("distinct", p.distinct)
        .Set("distinct_up_to_symmetry", p.distinct_up_to_symmetry);
    positions.Append(std::move(item));
  }
  std::vector<std::pair<int, int>> firsts(d.first_move_counts.begin(), d.first_move_counts.end());
  std::stable_sort(firsts.begin(), firsts.end(),
                   [](auto a, auto b) { return a.second > b.second; });
  JsonValue first_moves = JsonValue::Array();
  for (const auto& [move, count] : firsts) {
    JsonValue item = JsonValue::Object();
    item.Set("vertex", GtpVertex(MoveIndexToPoint(move, size), size)).Set("games", count);
    first_moves.Append(std::move(item));
  }
  JsonValue json = JsonValue::Object();
  json.Set("name", ChoiceLabel(temperature))
      .Set("temperature", temperature)
      .Set("games", d.games)
      .Set("distinct_games", d.distinct_games)
      .Set("mean_length", d.mean_length)
      .Set("black_wins", black_wins)
      .Set("first_move_entropy_bits", d.first_move_entropy_bits)
      .Set("first_move_entropy_bits_exact", exact_entropy)
      .Set("opening_entropy_bits", d.opening_entropy_bits)
      .Set("max_entropy_bits", d.games > 0 ? std::log2(static_cast<double>(d.games)) : 0.0)
      .Set("positions", std::move(positions))
      .Set("first_moves", std::move(first_moves));
  return json;
}

}  // namespace

JsonValue DiversityOptions::ToJson() const {
  JsonValue temps = JsonValue::Array();
  for (double t : temperatures) temps.Append(t);
  JsonValue json = JsonValue::Object();
  json.Set("games_per_mode", games_per_mode)
      .Set("temperatures", std::move(temps))
      .Set("checkpoints", IntList(checkpoints))
      .Set("opening_moves", opening_moves)
      .Set("parallel", parallel);
  return json;
}

absl::StatusOr<JsonValue> RunDiversityStudy(const DiversityOptions& options,
                                            const StudyContext& context) {
  absl::StatusOr<std::shared_ptr<Evaluator>> evaluator =
      LoadStudyEvaluator(context.model_path, SymmetryMode::kNone, context.seed);
  if (!evaluator.ok()) return evaluator.status();
  const int n = context.board_size;

  // The policy on the empty board, restricted to the moves a player may choose.
  const GameState empty(n, context.rules);
  const GameState* empty_ptr = &empty;
  absl::StatusOr<std::vector<Evaluation>> first =
      (*evaluator)->EvaluateBatch(std::span(&empty_ptr, 1));
  if (!first.ok()) return first.status();
  const std::vector<float> empty_policy =
      RestrictPolicy((*first)[0].policy, PlayableMoveMask(empty));
  JsonValue policy_json = JsonValue::Array();
  for (float p : empty_policy) policy_json.Append(static_cast<double>(p));

  JsonValue modes = JsonValue::Array();
  std::vector<int> indices(options.games_per_mode);
  std::iota(indices.begin(), indices.end(), 0);
  for (size_t m = 0; m < options.temperatures.size(); ++m) {
    const double temperature = options.temperatures[m];
    SelfPlayOptions play{
        .board_size = n,
        .rules = context.rules,
        .parallel = std::max(1, std::min(options.parallel, options.games_per_mode)),
        .choice = ChoiceAt(temperature),
        .seed = context.seed * 1000 + 17 * m + 1,
        .model_name = "studied model"};
    std::vector<std::vector<Point>> games;
    int black_wins = 0;
    std::unique_ptr<ProgressBar> progress;
    if (context.show_progress)
      progress = std::make_unique<ProgressBar>(
          fmt::format("diversity {}", ChoiceLabel(temperature)), options.games_per_mode, "games");
    absl::Status status = PlaySelfPlayGames(
        **evaluator, play, indices,
        [&](FinishedGame game) {
          games.push_back(MovesOfRecord(game.record));
          black_wins += game.margin > 0;
          if (progress) progress->Update(static_cast<int64_t>(games.size()));
          return absl::OkStatus();
        },
        [] { return StopRequested(); });
    if (!status.ok()) return status;
    if (progress) progress->Finish();
    if (StopRequested()) return absl::CancelledError("stopped during the diversity study");
    // PlaySelfPlayGames hands games over as they end; order them by nothing
    // but their content, so the measures never depend on timing.
    std::sort(games.begin(), games.end());
    const GameDiversity diversity =
        MeasureGameDiversity(games, n, context.rules, options.checkpoints, options.opening_moves);
    const std::vector<double> sampled = SamplingDistribution(empty_policy, temperature, 1.0);
    modes.Append(ModeJson(temperature, diversity, black_wins, DistributionEntropyBits(sampled), n));
  }
  JsonValue json = JsonValue::Object();
  json.Set("games_per_mode", options.games_per_mode)
      .Set("symmetry", "none")
      .Set("opening_moves", options.opening_moves)
      .Set("checkpoints", IntList(options.checkpoints))
      .Set("empty_board_policy", std::move(policy_json))
      .Set("empty_board_value", static_cast<double>((*first)[0].value))
      .Set("modes", std::move(modes));
  return json;
}

}  // namespace tengen
