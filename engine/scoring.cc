#include "engine/scoring.h"

#include <fmt/format.h>

#include "base/check.h"

namespace tengen {

std::vector<Color> AreaOwnership(const Board& board, const std::vector<bool>& dead) {
  const int area = board.padded_area();
  TENGEN_CHECK(dead.empty() || static_cast<int>(dead.size()) == area);
  // The colour a point counts as: dead stones are empty.
  auto colour_at = [&](Point p) {
    const Color c = board.At(p);
    return IsPlayer(c) && !dead.empty() && dead[p] ? Color::kEmpty : c;
  };
  std::vector<Color> owner(area, Color::kOffBoard);
  std::vector<bool> visited(area, false);
  std::vector<Point> region, frontier;
  for (Point p = 0; p < area; ++p) {
    const Color c = colour_at(p);
    if (c != Color::kEmpty) {
      owner[p] = c;
      continue;
    }
    if (visited[p]) continue;
    // Flood the empty region and note which colours it touches.
    bool reaches_black = false, reaches_white = false;
    region.clear();
    frontier.assign(1, p);
    visited[p] = true;
    while (!frontier.empty()) {
      const Point q = frontier.back();
      frontier.pop_back();
      region.push_back(q);
      for (int offset : board.NeighbourOffsets()) {
        const Point n = q + offset;
        const Color nc = colour_at(n);
        reaches_black |= nc == Color::kBlack;
        reaches_white |= nc == Color::kWhite;
        if (nc == Color::kEmpty && !visited[n]) {
          visited[n] = true;
          frontier.push_back(n);
        }
      }
    }
    const Color region_owner = reaches_black == reaches_white ? Color::kEmpty
                               : reaches_black                ? Color::kBlack
                                                              : Color::kWhite;
    for (Point q : region) owner[q] = region_owner;
  }
  return owner;
}

namespace {

AreaScore CountOwnership(const std::vector<Color>& owner, double komi) {
  AreaScore score{.komi = komi};
  for (Color c : owner) {
    score.black += c == Color::kBlack;
    score.white += c == Color::kWhite;
  }
  return score;
}

}  // namespace

AreaScore ScoreArea(const Board& board, double komi) {
  return CountOwnership(AreaOwnership(board), komi);
}

AreaScore ScoreAreaWithDeadRemoved(const Board& board, const std::vector<bool>& dead, double komi) {
  return CountOwnership(AreaOwnership(board, dead), komi);
}

std::string FormatResult(double margin) {
  if (margin == 0) return "0";
  return fmt::format("{}+{}", margin > 0 ? 'B' : 'W', margin > 0 ? margin : -margin);
}

}  // namespace tengen
