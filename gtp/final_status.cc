#include "gtp/final_status.h"

#include <cstdint>

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

// dead[p] for every point: Benson's verdict where it has one, then a
// confident `ownership` (for `to_move`), then EstimateDeadStones for the
// chains left (computed only when some are).
std::vector<bool> DeadStones(const Board& board, Color to_move, const DeadStoneOptions& options,
                             std::span<const float> ownership,
                             const std::vector<Color>& pass_alive) {
  const int n = board.size();
  if (static_cast<int>(ownership.size()) != n * n)
    return EstimateDeadStones(board, to_move, options);
  const int area = board.padded_area();
  // Per chain head: the sum and count of its stones' ownership from its own
  // colour's view, and Benson's verdict.
  std::vector<double> sum(area, 0.0);
  std::vector<int> stones(area, 0);
  std::vector<int8_t> benson(area, -1);  // 1 dead, 0 alive, -1 none
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      const Point p = board.PointAt(x, y);
      const Color c = board.At(p);
      if (!IsPlayer(c)) continue;
      const Point head = board.ChainHead(p);
      sum[head] += (c == to_move ? 1.0 : -1.0) * ownership[y * n + x];
      ++stones[head];
      if (pass_alive[p] == c) benson[head] = 0;
      if (pass_alive[p] == Opponent(c)) benson[head] = 1;
    }
  }
  std::vector<bool> dead(area, false);
  std::vector<bool> undecided(area, false);
  bool any_undecided = false;
  for (Point p = 0; p < area; ++p) {
    if (!IsPlayer(board.At(p))) continue;
    const Point head = board.ChainHead(p);
    const double mean = sum[head] / stones[head];
    if (benson[head] >= 0) {
      dead[p] = benson[head] == 1;
    } else if (mean <= -kConfidentOwnership || mean >= kConfidentOwnership) {
      dead[p] = mean < 0;
    } else {
      undecided[p] = any_undecided = true;
    }
  }
  if (!any_undecided) return dead;
  const std::vector<bool> estimate = EstimateDeadStones(board, to_move, options);
  for (Point p = 0; p < area; ++p)
    if (undecided[p]) dead[p] = estimate[p];
  return dead;
}

}  // namespace

std::vector<StoneStatus> FinalStatuses(const Board& board, Color to_move,
                                       const DeadStoneOptions& options,
                                       std::span<const float> ownership) {
  const int area = board.padded_area();
  const std::vector<Color> pass_alive = PassAliveOwnership(board);
  const std::vector<bool> dead = DeadStones(board, to_move, options, ownership, pass_alive);
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

AreaScore ScoreWithStatuses(const Board& board, const std::vector<StoneStatus>& statuses,
                            double komi) {
  std::vector<bool> dead(board.padded_area(), false);
  for (Point p = 0; p < board.padded_area(); ++p) dead[p] = statuses[p] == StoneStatus::kDead;
  return ScoreAreaWithDeadRemoved(board, dead, komi);
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
