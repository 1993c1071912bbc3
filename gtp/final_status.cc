#include "gtp/final_status.h"

#include "engine/benson.h"

namespace tengen {
namespace {

// Neither player can fill p without self-atari (or suicide).
bool IsSekiLiberty(const Board& board, Point p) {
  for (Color c : {Color::kBlack, Color::kWhite}) {
    if (board.IsSuicide(p, c)) continue;
    if (board.Captures(p, c) || board.LibertiesAfter(p, c) > 1) return false;
  }
  return true;
}

}  // namespace

std::vector<StoneStatus> FinalStatuses(const Board& board, Color to_move,
                                       const DeadStoneOptions& options) {
  const int area = board.padded_area();
  const std::vector<bool> dead = EstimateDeadStones(board, to_move, options);
  const std::vector<Color> pass_alive = PassAliveOwnership(board);
  std::vector<StoneStatus> statuses(area, StoneStatus::kNone);
  for (Point p = 0; p < area; ++p)
    if (IsPlayer(board.At(p))) statuses[p] = dead[p] ? StoneStatus::kDead : StoneStatus::kAlive;

  std::vector<Point> seki_heads;
  for (Point p = 0; p < area; ++p) {
    if (board.At(p) != Color::kEmpty) continue;
    bool touches[3] = {false, false, false};  // indexed by Color
    for (int offset : board.NeighbourOffsets()) {
      const Point q = p + offset;
      if (IsPlayer(board.At(q)) && !dead[q]) touches[static_cast<int>(board.At(q))] = true;
    }
    if (!touches[1] || !touches[2] || !IsSekiLiberty(board, p)) continue;
    for (int offset : board.NeighbourOffsets()) {
      const Point q = p + offset;
      if (IsPlayer(board.At(q)) && !dead[q] && pass_alive[q] != board.At(q))
        seki_heads.push_back(board.ChainHead(q));
    }
  }
  for (Point head : seki_heads) {
    Point s = head;
    do {
      statuses[s] = StoneStatus::kSeki;
      s = board.NextInChain(s);
    } while (s != head);
  }
  return statuses;
}

std::vector<std::vector<Point>> ChainsWithStatus(const Board& board,
                                                 const std::vector<StoneStatus>& statuses,
                                                 StoneStatus status) {
  std::vector<std::vector<Point>> chains;
  std::vector<int> chain_of_head(board.padded_area(), -1);
  for (int y = 0; y < board.size(); ++y) {
    for (int x = 0; x < board.size(); ++x) {
      const Point p = board.PointAt(x, y);
      if (!IsPlayer(board.At(p)) || statuses[p] != status) continue;
      int& chain = chain_of_head[board.ChainHead(p)];
      if (chain < 0) {
        chain = static_cast<int>(chains.size());
        chains.emplace_back();
      }
      chains[chain].push_back(p);
    }
  }
  return chains;
}

}  // namespace tengen
