// Which moves a pure-policy player may choose among. A network without
// search would otherwise fill its own eyes and pass at random, so games
// would never end or end half-played: Tengen's players never fill one of
// their own one-point eyes (engine/board.h IsSimpleEye) and pass only when
// nothing else is allowed. Games between such players end with every dead
// stone captured, so area scoring of the final position is exact.
#ifndef TENGEN_POLICY_PLAYABLE_MOVES_H_
#define TENGEN_POLICY_PLAYABLE_MOVES_H_

#include <cstdint>
#include <span>
#include <vector>

#include "engine/game_state.h"

namespace tengen {

// N*N + 1 entries (move index, pass last): 1 for legal moves of the player
// to move that do not fill an own simple eye; pass is 1 only when no point
// is. Returns whether a point (not pass) is allowed.
bool WritePlayableMoveMask(const GameState& state, std::span<uint8_t> mask);
std::vector<uint8_t> PlayableMoveMask(const GameState& state);

// The policy restricted to the mask and renormalised. If the policy gives
// the allowed moves no probability at all, they share it equally.
std::vector<float> RestrictPolicy(std::span<const float> policy, std::span<const uint8_t> mask);

}  // namespace tengen

#endif  // TENGEN_POLICY_PLAYABLE_MOVES_H_
