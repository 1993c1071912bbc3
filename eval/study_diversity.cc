#include "eval/study_diversity.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/random.h"
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

DiversityMode ModeOf(double temperature, const GameDiversity& d, int black_wins,
                     double exact_entropy, int size) {
  DiversityMode mode{
      .name = ChoiceLabel(temperature),
      .temperature = temperature,
      .games = d.games,
      .distinct_games = d.distinct_games,
      .mean_length = d.mean_length,
      .black_wins = black_wins,
      .first_move_entropy_bits = d.first_move_entropy_bits,
      .first_move_entropy_bits_exact = exact_entropy,
      .opening_entropy_bits = d.opening_entropy_bits,
      .max_entropy_bits = d.games > 0 ? std::log2(static_cast<double>(d.games)) : 0.0};
  mode.positions = PositionCountsOf(d);
  mode.first_moves = FirstMovesOf(d, size);
  return mode;
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

absl::StatusOr<DiversityResult> RunDiversityStudy(const DiversityOptions& options,
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
  DiversityResult result{.games_per_mode = options.games_per_mode,
                         .symmetry = "none",
                         .opening_moves = options.opening_moves,
                         .checkpoints = options.checkpoints,
                         .empty_board_policy = {empty_policy.begin(), empty_policy.end()},
                         .empty_board_value = static_cast<double>((*first)[0].value)};
  for (size_t m = 0; m < options.temperatures.size(); ++m) {
    const double temperature = options.temperatures[m];
    SelfPlayOptions play{
        .board_size = n,
        .rules = context.rules,
        .parallel = std::max(1, std::min(options.parallel, options.games_per_mode)),
        .choice = ChoiceAt(temperature),
        .seed = DeriveSeed(context.seed, "diversity-games", m),
        .model_name = "studied model"};
    absl::StatusOr<CollectedGames> games = PlayAndCollectGames(
        **evaluator, play, options.games_per_mode, context,
        fmt::format("diversity {}", ChoiceLabel(temperature)), "diversity study");
    if (!games.ok()) return games.status();
    const GameDiversity diversity = MeasureGameDiversity(
        games->moves, n, context.rules, options.checkpoints, options.opening_moves);
    const std::vector<double> sampled = SamplingDistribution(empty_policy, temperature, 1.0);
    result.modes.push_back(
        ModeOf(temperature, diversity, games->black_wins, DistributionEntropyBits(sampled), n));
  }
  return result;
}

}  // namespace tengen
