#include "engine/playout.h"

namespace tengen {
namespace {

bool IsAcceptable(const Board& board, Point p, Color c, const PlayoutOptions& options) {
  if (p == board.ko_point() && c == board.ko_color()) return false;
  if (board.IsSimpleEye(p, c) || board.IsSuicide(p, c)) return false;
  if (options.avoid_self_atari && board.LibertiesAfter(p, c) == 1 && !board.Captures(p, c)) {
    // Allowed only for a lone stone (a throw-in), not for a chain.
    for (int offset : board.NeighbourOffsets())
      if (board.At(p + offset) == c) return false;
  }
  return true;
}

}  // namespace

Point ChooseRandomMove(Board& board, Color c, Rng& rng, const PlayoutOptions& options) {
  // Rejection sampling without replacement: draw from the first `remaining`
  // entries of the empty list and move each rejected point behind them, so
  // every acceptable point is equally likely and each is tried at most once.
  for (int remaining = board.num_empty(); remaining > 0; --remaining) {
    const int i = static_cast<int>(rng.Below(static_cast<uint32_t>(remaining)));
    const Point p = board.EmptyPoint(i);
    if (IsAcceptable(board, p, c, options)) return p;
    board.SwapEmptyPoints(i, remaining - 1);
  }
  return kPass;
}

int RandomPlayout(Board& board, Color to_move, Rng& rng, const PlayoutOptions& options) {
  const int max_moves = options.max_moves > 0 ? options.max_moves : 3 * board.size() * board.size();
  int moves = 0, passes = 0;
  Color c = to_move;
  while (passes < 2 && moves < max_moves) {
    const Point p = ChooseRandomMove(board, c, rng, options);
    board.Play(p, c);
    passes = p == kPass ? passes + 1 : 0;
    ++moves;
    c = Opponent(c);
  }
  return moves;
}

}  // namespace tengen
