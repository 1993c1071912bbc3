// Light random playouts: the benchmark of the board and the sampler behind
// the dead-stone estimate.
#ifndef TENGEN_ENGINE_PLAYOUT_H_
#define TENGEN_ENGINE_PLAYOUT_H_

#include "base/random.h"
#include "engine/board.h"

namespace tengen {

struct PlayoutOptions {
  // Stop after this many moves; 0 means 3 * N * N.
  int max_moves = 0;
  // Also refuse moves that leave the mover's own chain of two or more stones
  // in atari without capturing, so that seki and big groups survive random
  // play (single stones may still be thrown in).
  bool avoid_self_atari = false;
};

// A uniformly random move for c among the empty points that are legal under
// simple ko (no suicide), that do not fill one of c's own simple eyes
// (Board::IsSimpleEye) and, with avoid_self_atari, that are not self-atari;
// kPass if there is none. Each acceptable point is equally likely. May
// reorder the board's empty list.
Point ChooseRandomMove(Board& board, Color c, Rng& rng, const PlayoutOptions& options);

// Plays random moves (ChooseRandomMove) from `board` with `to_move` first
// until two consecutive passes or the move limit. Returns the number of moves
// played, passes included.
int RandomPlayout(Board& board, Color to_move, Rng& rng, const PlayoutOptions& options = {});

}  // namespace tengen

#endif  // TENGEN_ENGINE_PLAYOUT_H_
