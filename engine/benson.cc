#include "engine/benson.h"

#include <algorithm>

namespace tengen {
namespace {

struct Region {
  std::vector<Point> points;
  std::vector<Point> empty_points;
  std::vector<Point> bordering_heads;  // distinct heads of the player's chains
  bool alive = true;
};

// The regions of points not holding `player` stones.
std::vector<Region> FindRegions(const Board& board, Color player) {
  std::vector<Region> regions;
  std::vector<bool> seen(board.padded_area(), false);
  std::vector<Point> frontier;
  for (int y = 0; y < board.size(); ++y) {
    for (int x = 0; x < board.size(); ++x) {
      const Point start = board.PointAt(x, y);
      if (board.At(start) == player || seen[start]) continue;
      Region region;
      frontier.assign(1, start);
      seen[start] = true;
      while (!frontier.empty()) {
        const Point p = frontier.back();
        frontier.pop_back();
        region.points.push_back(p);
        if (board.At(p) == Color::kEmpty) region.empty_points.push_back(p);
        for (int offset : board.NeighbourOffsets()) {
          const Point n = p + offset;
          const Color c = board.At(n);
          if (c == player) {
            const Point head = board.ChainHead(n);
            if (std::find(region.bordering_heads.begin(), region.bordering_heads.end(), head) ==
                region.bordering_heads.end())
              region.bordering_heads.push_back(head);
          } else if (c != Color::kOffBoard && !seen[n]) {
            seen[n] = true;
            frontier.push_back(n);
          }
        }
      }
      regions.push_back(std::move(region));
    }
  }
  return regions;
}

bool IsLibertyOf(const Board& board, Point empty_point, Point head) {
  for (int offset : board.NeighbourOffsets()) {
    const Point n = empty_point + offset;
    if (IsPlayer(board.At(n)) && board.ChainHead(n) == head) return true;
  }
  return false;
}

bool IsVital(const Board& board, const Region& region, Point head) {
  if (region.empty_points.empty()) return false;
  for (Point e : region.empty_points)
    if (!IsLibertyOf(board, e, head)) return false;
  return true;
}

void MarkPassAlive(const Board& board, Color player, std::vector<Color>& owner) {
  std::vector<Region> regions = FindRegions(board, player);
  // Candidate chains, by head; alive until shown otherwise.
  std::vector<Point> heads;
  for (const Region& region : regions)
    for (Point head : region.bordering_heads)
      if (std::find(heads.begin(), heads.end(), head) == heads.end()) heads.push_back(head);
  // A chain bordering no region at all (a full board of one colour) has no
  // vital region and is removed like any other.
  for (int y = 0; y < board.size(); ++y)
    for (int x = 0; x < board.size(); ++x) {
      const Point p = board.PointAt(x, y);
      if (board.At(p) == player && board.ChainHead(p) == p &&
          std::find(heads.begin(), heads.end(), p) == heads.end())
        heads.push_back(p);
    }
  std::vector<bool> chain_alive(heads.size(), true);
  auto head_index = [&](Point head) {
    return static_cast<size_t>(std::find(heads.begin(), heads.end(), head) - heads.begin());
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < heads.size(); ++i) {
      if (!chain_alive[i]) continue;
      int vital = 0;
      for (const Region& region : regions) {
        if (region.alive && IsVital(board, region, heads[i]) &&
            std::find(region.bordering_heads.begin(), region.bordering_heads.end(), heads[i]) !=
                region.bordering_heads.end())
          ++vital;
      }
      if (vital < 2) {
        chain_alive[i] = false;
        changed = true;
      }
    }
    for (Region& region : regions) {
      if (!region.alive) continue;
      for (Point head : region.bordering_heads) {
        if (!chain_alive[head_index(head)]) {
          region.alive = false;
          changed = true;
          break;
        }
      }
    }
  }
  for (size_t i = 0; i < heads.size(); ++i) {
    if (!chain_alive[i]) continue;
    Point s = heads[i];
    do {
      owner[s] = player;
      s = board.NextInChain(s);
    } while (s != heads[i]);
  }
  for (const Region& region : regions) {
    if (!region.alive) continue;
    const bool territory = std::any_of(
        region.bordering_heads.begin(), region.bordering_heads.end(),
        [&](Point head) { return chain_alive[head_index(head)] && IsVital(board, region, head); });
    if (territory)
      for (Point p : region.points) owner[p] = player;
  }
}

}  // namespace

std::vector<Color> PassAliveOwnership(const Board& board) {
  std::vector<Color> owner(board.padded_area(), Color::kOffBoard);
  for (int y = 0; y < board.size(); ++y)
    for (int x = 0; x < board.size(); ++x) owner[board.PointAt(x, y)] = Color::kEmpty;
  MarkPassAlive(board, Color::kBlack, owner);
  MarkPassAlive(board, Color::kWhite, owner);
  return owner;
}

}  // namespace tengen
