#include "policy/playable_moves.h"

#include "base/check.h"
#include "policy/features.h"

namespace tengen {

bool WritePlayableMoveMask(const GameState& state, std::span<uint8_t> mask) {
  const int n = state.size();
  TENGEN_CHECK(static_cast<int>(mask.size()) == n * n + 1);
  WriteLegalMoveMask(state, 0, mask);
  const Board& board = state.board();
  const Color mover = state.to_move();
  bool any_point = false;
  for (int i = 0; i < n * n; ++i) {
    if (mask[i] && board.IsSimpleEye(MoveIndexToPoint(i, n), mover)) mask[i] = 0;
    any_point |= mask[i] != 0;
  }
  mask[n * n] = any_point ? 0 : 1;
  return any_point;
}

std::vector<uint8_t> PlayableMoveMask(const GameState& state) {
  std::vector<uint8_t> mask(state.size() * state.size() + 1);
  WritePlayableMoveMask(state, mask);
  return mask;
}

std::vector<float> RestrictPolicy(std::span<const float> policy, std::span<const uint8_t> mask) {
  TENGEN_CHECK(policy.size() == mask.size());
  std::vector<float> restricted(policy.size(), 0.0f);
  double total = 0;
  int allowed = 0;
  for (size_t i = 0; i < policy.size(); ++i) {
    if (!mask[i]) continue;
    restricted[i] = policy[i];
    total += policy[i];
    ++allowed;
  }
  TENGEN_CHECK(allowed > 0);
  for (size_t i = 0; i < policy.size(); ++i) {
    if (!mask[i]) continue;
    restricted[i] = total > 0 ? static_cast<float>(restricted[i] / total) : 1.0f / allowed;
  }
  return restricted;
}

}  // namespace tengen
