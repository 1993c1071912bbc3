#include "engine/dead_stones.h"

#include "base/random.h"
#include "engine/benson.h"
#include "engine/playout.h"

namespace tengen {
namespace {

// The empty point next to `stone`, a lone stone in atari.
Point OnlyLiberty(const Board& board, Point stone) {
  for (int offset : board.NeighbourOffsets())
    if (board.At(stone + offset) == Color::kEmpty) return stone + offset;
  return kPass;
}

// True if `stone` is a lone stone in atari that the opponent can take only
// by a ko capture (the capturing stone would take just this stone and be
// left in atari itself), while its owner can connect at that point instead
// and keep two or more liberties.
bool IsConnectableKoStone(const Board& board, Point stone) {
  const Color c = board.At(stone);
  if (!IsPlayer(c) || board.ChainSize(stone) != 1 || board.ChainLiberties(stone) != 1) return false;
  const Point liberty = OnlyLiberty(board, stone);
  for (int offset : board.NeighbourOffsets()) {
    const Point n = liberty + offset;
    if (n == stone || board.At(n) == Color::kOffBoard) continue;
    // Another own chain in atari there would be captured too: no ko.
    if (board.At(n) != c || board.ChainLiberties(n) < 2) return false;
  }
  return board.LibertiesAfter(liberty, c) >= 2;
}

// The same stones and ko as `board`, set up point by point, so that the
// board's internal order (its list of empty points, which the playouts draw
// from) depends on the position alone, not on how it was reached.
Board CanonicalCopy(const Board& board) {
  Board copy(board.size());
  for (Point p = 0; p < board.padded_area(); ++p)
    if (board.IsOnBoard(p) && IsPlayer(board.At(p))) copy.SetStone(p, board.At(p));
  copy.SetKoPoint(board.ko_point(), board.ko_color());
  return copy;
}

// Connects every connectable ko stone (IsConnectableKoStone) at its
// liberty. At the end of a game such a stone stands: the capture is a ko
// the defender answers by connecting, so it lives or dies with the chains
// it connects to, not by who moves first. Random playouts get this wrong:
// the attacker captures and fills the ko at once, the defender connects only
// by chance.
void ConnectKoStones(Board& board) {
  for (Point p = 0; p < board.padded_area(); ++p) {
    if (board.IsOnBoard(p) && IsConnectableKoStone(board, p))
      board.Play(OnlyLiberty(board, p), board.At(p));
  }
}

}  // namespace

std::vector<bool> EstimateDeadStones(const Board& board, Color to_move,
                                     const DeadStoneOptions& options) {
  const int area = board.padded_area();
  const std::vector<Color> pass_alive = PassAliveOwnership(board);
  // own_area[p] - opponent_area[p] for the stone on p, summed over playouts.
  std::vector<int> balance(area, 0);
  Rng rng(DeriveSeed(options.seed, "dead-stones", board.hash()));  // per position
  const PlayoutOptions playout_options{.avoid_self_atari = true};
  Board start = CanonicalCopy(board);
  ConnectKoStones(start);
  for (int i = 0; i < options.playouts; ++i) {
    Board playout = start;
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
