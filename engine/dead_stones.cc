#include "engine/dead_stones.h"

#include "engine/benson.h"
#include "engine/playout.h"
#include "engine/random.h"

namespace tengen {

std::vector<bool> EstimateDeadStones(const Board& board, Color to_move,
                                     const DeadStoneOptions& options) {
  const int area = board.padded_area();
  const std::vector<Color> pass_alive = PassAliveOwnership(board);
  // own_area[p] - opponent_area[p] for the stone on p, summed over playouts.
  std::vector<int> balance(area, 0);
  Rng rng(options.seed ^ board.hash());
  const PlayoutOptions playout_options{.avoid_self_atari = true};
  for (int i = 0; i < options.playouts; ++i) {
    Board playout = board;
    RandomPlayout(playout, i % 2 == 0 ? to_move : Opponent(to_move), rng, playout_options);
    const std::vector<Color> owner = AreaOwnership(playout);
    for (Point p = 0; p < area; ++p) {
      const Color c = board.At(p);
      if (IsPlayer(c)) balance[p] += owner[p] == c ? 1 : owner[p] == Opponent(c) ? -1 : 0;
    }
  }
  std::vector<bool> dead(area, false);
  std::vector<bool> decided(area, false);
  for (Point p = 0; p < area; ++p) {
    const Color c = board.At(p);
    if (!IsPlayer(c) || decided[p]) continue;
    // Decide whole chains at once, from the sum over their stones.
    int chain_balance = 0;
    bool alive_for_sure = false, dead_for_sure = false;
    Point s = p;
    do {
      chain_balance += balance[s];
      alive_for_sure |= pass_alive[s] == c;
      dead_for_sure |= pass_alive[s] == Opponent(c);
      s = board.NextInChain(s);
    } while (s != p);
    const bool is_dead = !alive_for_sure && (dead_for_sure || chain_balance < 0);
    s = p;
    do {
      dead[s] = is_dead;
      decided[s] = true;
      s = board.NextInChain(s);
    } while (s != p);
  }
  return dead;
}

AreaScore ScoreWithDeadStonesRemoved(const Board& board, Color to_move, double komi,
                                     const DeadStoneOptions& options) {
  return ScoreAreaWithDeadRemoved(board, EstimateDeadStones(board, to_move, options), komi);
}

}  // namespace tengen
