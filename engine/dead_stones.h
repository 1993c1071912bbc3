// Which stones are dead at the end of a game, for final_score and
// final_status_list: good enough for games that were played out.
#ifndef TENGEN_ENGINE_DEAD_STONES_H_
#define TENGEN_ENGINE_DEAD_STONES_H_

#include <cstdint>
#include <vector>

#include "engine/board.h"
#include "engine/color.h"
#include "engine/scoring.h"

namespace tengen {

struct DeadStoneOptions {
  int playouts = 256;
  // Seeds the playouts together with the position's hash, so the same
  // position always gives the same answer.
  uint64_t seed = 0;
};

// dead[p] for each point of the padded array. Pass-alive stones (Benson) are
// alive and stones in the opponent's pass-alive territory dead. Every other
// chain is dead when, over random playouts from the position (simple ko, no
// eye filling, no self-atari of chains), its points end up the opponent's
// area more often than its own. Seki survives such playouts, so its stones
// stay alive and its shared liberties remain dame. Before the playouts, a
// lone stone in atari that the opponent could take only by a ko capture is
// connected by its owner at that point when that leaves it two or more
// liberties: such a stone is not dead by itself, it shares the fate of the
// chains it connects to (random playouts would let whoever moves first
// decide, and the attacker fill the ko at once).
// The answer depends only on the position (stones, ko), the player to move
// and the options, not on the moves that led to the position.
std::vector<bool> EstimateDeadStones(const Board& board, Color to_move,
                                     const DeadStoneOptions& options = {});

// Area score after removing the estimated dead stones.
AreaScore ScoreWithDeadStonesRemoved(const Board& board, Color to_move, double komi,
                                     const DeadStoneOptions& options = {});

}  // namespace tengen

#endif  // TENGEN_ENGINE_DEAD_STONES_H_
