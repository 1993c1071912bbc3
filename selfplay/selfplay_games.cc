#include "selfplay/selfplay_games.h"

#include <fmt/format.h>

#include <memory>
#include <vector>

#include "base/check.h"
#include "base/random.h"
#include "engine/scoring.h"
#include "policy/features.h"
#include "policy/playable_moves.h"
#include "selfplay/search_selfplay.h"

namespace tengen {
namespace {

// One game in flight.
struct ActiveGame {
  ActiveGame(int index, const SelfPlayOptions& options)
      : index(index),
        state(options.board_size, options.rules),
        chooser(options.choice, GameSeed(options.seed, index)) {}
  int index;
  GameState state;
  MoveChooser chooser;
  std::vector<RecordedPosition> positions;
};

// Records the position, chooses and plays a move for one game.
void StepGame(ActiveGame& game, const Evaluation& evaluation) {
  const int n = game.state.size();
  RecordedPosition position;
  position.mask.resize(n * n + 1);
  const bool has_choice = WritePlayableMoveMask(game.state, position.mask);
  int move = n * n;  // pass
  if (has_choice) {
    position.policy = RestrictPolicy(evaluation.policy, position.mask);
    move = game.chooser.Choose(position.policy, static_cast<int>(game.state.moves().size()));
    thread_local std::vector<float> planes;
    planes.resize(NumFeatureValues(n));
    EncodeFeatures(game.state, 0, planes);
    position.planes.assign(planes.begin(), planes.end());
    position.move = move;
    position.mover = game.state.to_move();
    position.value = evaluation.value;
    game.positions.push_back(std::move(position));
  }
  const absl::Status played = game.state.Play(MoveIndexToPoint(move, n));
  TENGEN_CHECK(played.ok());  // the mask allows legal moves only
}

}  // namespace

FinishedGame FinishSelfPlayGame(int index, const GameState& state,
                                std::span<const RecordedPosition> positions,
                                const SelfPlayOptions& options) {
  FinishedGame finished;
  finished.index = index;
  finished.moves = static_cast<int>(state.moves().size());
  finished.hit_move_limit = !state.IsOver();
  finished.margin = ScoreArea(state.board(), options.rules.komi).Margin();
  finished.data = ChunkOfGame(options.board_size, positions, FinalPositionOf(state));
  finished.data.rules = DescribeRules(options.rules);
  finished.data.komi = options.rules.komi;
  finished.data.model = options.model_name;
  finished.data.source = "selfplay";
  finished.record = RecordFromGame(state);
  finished.record.black_player = options.model_name;
  finished.record.white_player = options.model_name;
  finished.record.result = FormatResult(finished.margin);
  finished.record.application = "Tengen";
  finished.record.game_name = fmt::format("selfplay {} game {}", options.worker, index);
  if (finished.hit_move_limit)
    finished.record.nodes.back().comment =
        fmt::format("stopped at the {}-move limit", options.MoveLimit());
  return finished;
}

absl::Status SelfPlayOptions::Validate() const {
  if (board_size < 1 || board_size > 25)
    return absl::InvalidArgumentError(fmt::format("board size {} is not in 1..25", board_size));
  if (parallel < 1 || parallel > 4096)
    return absl::InvalidArgumentError(fmt::format("parallel games {} is not in 1..4096", parallel));
  if (max_moves < 0) return absl::InvalidArgumentError("the move limit cannot be negative");
  if (absl::Status status = search.Validate(); !status.ok()) return status;
  return choice.Validate();
}

uint64_t GameSeed(uint64_t seed, int index) {
  return DeriveSeed(seed, "selfplay-game", static_cast<uint64_t>(index));
}

absl::Status PlaySelfPlayGames(Evaluator& evaluator, const SelfPlayOptions& options,
                               std::span<const int> indices,
                               const std::function<absl::Status(FinishedGame)>& on_finished,
                               const std::function<bool()>& should_stop) {
  if (absl::Status status = options.Validate(); !status.ok()) return status;
  if (options.search.visits > 0)
    return PlaySearchSelfPlayGames(evaluator, options, indices, on_finished, should_stop);
  std::vector<std::unique_ptr<ActiveGame>> active;
  size_t next = 0;
  auto refill = [&] {
    while (static_cast<int>(active.size()) < options.parallel && next < indices.size())
      active.push_back(std::make_unique<ActiveGame>(indices[next++], options));
  };
  refill();
  std::vector<const GameState*> states;
  while (!active.empty()) {
    if (should_stop && should_stop()) return absl::OkStatus();
    states.clear();
    for (const auto& game : active) states.push_back(&game->state);
    absl::StatusOr<std::vector<Evaluation>> evaluations = evaluator.EvaluateBatch(states);
    if (!evaluations.ok()) return evaluations.status();
    for (size_t i = 0; i < active.size(); ++i) StepGame(*active[i], (*evaluations)[i]);
    // Hand over finished games, keeping the others in order.
    std::vector<std::unique_ptr<ActiveGame>> still_running;
    for (auto& game : active) {
      if (!options.GameOver(game->state)) {
        still_running.push_back(std::move(game));
        continue;
      }
      if (absl::Status status =
              on_finished(FinishSelfPlayGame(game->index, game->state, game->positions, options));
          !status.ok())
        return status;
    }
    active = std::move(still_running);
    refill();
  }
  return absl::OkStatus();
}

}  // namespace tengen
