// The status of every stone at the end of a game, for final_status_list and
// kgs-genmove_cleanup.
#ifndef TENGEN_GTP_FINAL_STATUS_H_
#define TENGEN_GTP_FINAL_STATUS_H_

#include <span>
#include <vector>

#include "engine/board.h"
#include "engine/dead_stones.h"
#include "engine/scoring.h"

namespace tengen {

enum class StoneStatus { kNone, kAlive, kDead, kSeki };

// How sure an ownership estimate must be to decide a chain: the mean
// ownership of its stones, from its own colour's view, at most
// -kConfidentOwnership (dead) or at least +kConfidentOwnership (alive).
inline constexpr float kConfidentOwnership = 0.8f;

// One entry per point of the padded board array (kNone on empty points and
// padding); the three statuses are disjoint and each holds whole chains.
// - dead: a chain in the opponent's pass-alive area (Benson) is dead and a
//   pass-alive chain alive, whatever else says so. Otherwise, given an
//   `ownership` estimate (N*N values, index y*N + x, in [-1, 1] for
//   `to_move`: a network's ownership head), a chain whose mean ownership is
//   confidently the opponent's (kConfidentOwnership) is dead and one
//   confidently its own's is not; the other chains, and every chain without
//   an estimate (empty `ownership`), are decided by EstimateDeadStones
//   (Benson, then random playouts that keep seki).
// - seki: a chain that is neither dead nor pass-alive (Benson) and touches
//   a "seki liberty": an empty point next to a chain of each colour, neither
//   of them dead, where a stone of either colour would capture nothing and
//   leave its own chain with at most one liberty. Neither player can fill
//   such a point without putting their own group in atari, which is what
//   keeps a seki standing; ordinary dame (filling them is safe) and
//   pass-alive groups (nothing can take them) never count.
// - alive: every other chain that is not dead.
std::vector<StoneStatus> FinalStatuses(const Board& board, Color to_move,
                                       const DeadStoneOptions& options = {},
                                       std::span<const float> ownership = {});

// The area score after removing the stones `statuses` (FinalStatuses of
// `board`) call dead.
AreaScore ScoreWithStatuses(const Board& board, const std::vector<StoneStatus>& statuses,
                            double komi);

// The chains with the given status, one vector of points per chain (chains
// ordered by their first stone top-left first, stones in the same order).
std::vector<std::vector<Point>> ChainsWithStatus(const Board& board,
                                                 const std::vector<StoneStatus>& statuses,
                                                 StoneStatus status);

}  // namespace tengen

#endif  // TENGEN_GTP_FINAL_STATUS_H_
