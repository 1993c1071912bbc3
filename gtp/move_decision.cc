#include "gtp/move_decision.h"

#include <fmt/format.h>

#include <optional>

#include "base/check.h"
#include "policy/playable_moves.h"

namespace tengen {
namespace {

bool OpponentJustPassed(const GameState& state) {
  const std::vector<PlayedMove>& moves = state.moves();
  return !moves.empty() && moves.back().point == kPass &&
         moves.back().color == Opponent(state.to_move());
}

// Area margin after dead-stone removal, from the player to move's view.
double MarginForMover(const GameState& state, const DeadStoneOptions& options) {
  const double margin =
      ScoreWithDeadStonesRemoved(state.board(), state.to_move(), state.rules().komi, options)
          .Margin();
  return state.to_move() == Color::kBlack ? margin : -margin;
}

// Narrows `mask` to the playable points next to the opponent's dead stones
// and forbids passing while any such stone is left. Returns the number of
// dead opponent stones.
int RestrictToCleanup(const GameState& state, const DeadStoneOptions& options,
                      std::vector<uint8_t>& mask) {
  const Board& board = state.board();
  const Color opponent = Opponent(state.to_move());
  const std::vector<bool> dead = EstimateDeadStones(board, state.to_move(), options);
  const int n = state.size();
  int dead_stones = 0;
  std::vector<uint8_t> near_dead(mask.size(), 0);
  bool any_near = false, any_point = false;
  for (int i = 0; i < n * n; ++i) {
    const Point p = MoveIndexToPoint(i, n);
    if (board.At(p) == opponent && dead[p]) ++dead_stones;
    if (!mask[i]) continue;
    any_point = true;
    for (int offset : board.NeighbourOffsets()) {
      const Point q = p + offset;
      if (board.At(q) == opponent && dead[q]) near_dead[i] = 1;
    }
    any_near |= near_dead[i] != 0;
  }
  if (dead_stones == 0) return 0;
  if (any_near) mask = near_dead;
  if (any_point) mask[n * n] = 0;
  return dead_stones;
}

// Rules 1 and 2 of DecideMove, for a position whose value for the player to
// move is `value`; nullopt when neither applies. Cleaning up, resigning is
// off and the friendly pass waits for the dead stones (`dead` of them).
std::optional<MoveDecision> ResignOrFriendlyPass(const GameState& state, double value, int dead,
                                                 const DecisionOptions& options) {
  const int points = state.size() * state.size();
  if (!options.cleanup && value < options.resign_below && state.move_number() >= points / 4) {
    return MoveDecision{
        .point = kPass,
        .resign = true,
        .reason = fmt::format("value {:.3f} is below {}", value, options.resign_below)};
  }
  if (dead == 0 && OpponentJustPassed(state)) {
    const double margin = MarginForMover(state, options.dead_stones);
    if (margin > 0)
      return MoveDecision{
          .point = kPass,
          .reason = fmt::format("the opponent passed and we lead by {} on the board", margin)};
  }
  return std::nullopt;
}

}  // namespace

MoveDecision DecideMove(const GameState& state, const Evaluation& evaluation, MoveChooser& chooser,
                        const DecisionOptions& options) {
  std::vector<uint8_t> mask = PlayableMoveMask(state);
  const int dead = options.cleanup ? RestrictToCleanup(state, options.dead_stones, mask) : 0;
  if (std::optional<MoveDecision> decision =
          ResignOrFriendlyPass(state, evaluation.value, dead, options))
    return *decision;
  const std::vector<float> policy = RestrictPolicy(evaluation.policy, mask);
  const int index = chooser.Choose(policy, state.move_number());
  return {.point = MoveIndexToPoint(index, state.size()),
          .reason = dead > 0 ? fmt::format("cleanup: {} dead opponent stones left", dead) : ""};
}

MoveDecision DecideSearchMove(const GameState& state, const SearchResult& result,
                              MoveChooser& chooser, const DecisionOptions& options) {
  TENGEN_CHECK(!options.cleanup && !result.moves.empty());
  if (std::optional<MoveDecision> decision = ResignOrFriendlyPass(state, result.value, 0, options))
    return *decision;
  const int n = state.size();
  const std::vector<uint8_t> mask = PlayableMoveMask(state);
  const std::vector<float> target = RestrictPolicy(result.policy_target, mask);
  if (chooser.options().mode == ChoiceMode::kSample)
    return {.point = MoveIndexToPoint(chooser.Choose(target, state.move_number()), n)};
  if (mask[PointToMoveIndex(result.best_move, n)]) return {.point = result.best_move};
  for (const RootMove& move : result.moves)  // most visited first
    if (move.visits > 0 && mask[PointToMoveIndex(move.move, n)]) return {.point = move.move};
  return {.point = MoveIndexToPoint(ArgmaxMove(target), n)};
}

}  // namespace tengen
