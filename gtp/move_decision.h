// How the GTP engine turns an evaluation or a search into a move: the
// policy (or the search's choice) restricted to playable moves, plus the
// rules a network alone does not know about (when to resign, when to pass,
// and cleaning up dead stones for KGS).
#ifndef TENGEN_GTP_MOVE_DECISION_H_
#define TENGEN_GTP_MOVE_DECISION_H_

#include <string>

#include "engine/dead_stones.h"
#include "engine/game_state.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"
#include "search/search.h"

namespace tengen {

struct DecisionOptions {
  // Resign when the value for the player to move is below this (values lie
  // in [-1, 1], so -1 or less never resigns), but never before a quarter of
  // the board's points have been played: early values are too rough.
  double resign_below = -0.95;
  // kgs-genmove_cleanup: never resign or pass while the opponent has dead
  // stones on the board; play next to them until they are captured.
  bool cleanup = false;
  DeadStoneOptions dead_stones;
};

struct MoveDecision {
  Point point = kPass;
  bool resign = false;
  // Why, when it is not the policy's own choice (for the log); else empty.
  std::string reason;
};

// The move for the player to move of `state`, from `evaluation` (of that
// same state). In order:
// 1. resign (see DecisionOptions::resign_below), unless cleaning up;
// 2. a friendly pass: the opponent has just passed and the area score after
//    removing estimated dead stones says the player to move wins, so the
//    game can end now (when cleaning up, only once no dead opponent stone
//    is left);
// 3. otherwise a move drawn by `chooser` from the policy restricted to
//    policy/playable_moves.h's mask: legal moves that do not fill an own
//    one-point eye, pass only when no such point is left. The network's own
//    pass probability is not used, as in self-play. When cleaning up and the
//    opponent has dead stones: never pass while a point is playable, and
//    only the points next to the dead stones if any of those is playable.
MoveDecision DecideMove(const GameState& state, const Evaluation& evaluation, MoveChooser& chooser,
                        const DecisionOptions& options);

// The move for the player to move of `state` from a search of that same
// state (result.moves not empty). options.cleanup must be false: cleaning up
// decides by DecideMove. In order:
// 1. resign as DecideMove does, judged by the search's root value
//    (SearchResult::value);
// 2. the friendly pass of DecideMove;
// 3. otherwise the search's move: result.best_move when the chooser takes
//    the argmax, else a draw by `chooser` from result.policy_target (at the
//    chooser's temperature for this move number). Only playable moves
//    (policy/playable_moves.h) count, as in DecideMove: the search's pass
//    while a point is playable gives way to the most visited playable point
//    (argmax), or is taken out of the target (sampling).
MoveDecision DecideSearchMove(const GameState& state, const SearchResult& result,
                              MoveChooser& chooser, const DecisionOptions& options);

}  // namespace tengen

#endif  // TENGEN_GTP_MOVE_DECISION_H_
