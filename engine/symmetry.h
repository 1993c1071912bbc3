// The 8 symmetries of the square board (the dihedral group D4), acting on
// points, moves, move indices, planes of values, boards and games.
//
// Symmetry s maps the point of column x (0 = left) and row y (0 = top) of an
// N x N board by, in this order: if s & 4, swap x and y (transpose); if s & 1,
// x -> N-1-x (mirror left-right); if s & 2, y -> N-1-y (mirror top-bottom).
// So the indices are:
//   0 identity              4 transpose (main diagonal)
//   1 mirror left-right     5 rotate 90 degrees clockwise
//   2 mirror top-bottom     6 rotate 90 degrees counter-clockwise
//   3 rotate 180 degrees    7 transpose along the anti-diagonal
// Pass maps to pass under every symmetry.
#ifndef TENGEN_ENGINE_SYMMETRY_H_
#define TENGEN_ENGINE_SYMMETRY_H_

#include <array>
#include <span>
#include <utility>

#include "base/check.h"
#include "engine/board.h"
#include "engine/game_state.h"
#include "engine/point.h"

namespace tengen {

inline constexpr int kNumSymmetries = 8;

// (x, y) -> its image under s on a size x size board.
constexpr std::pair<int, int> ApplySymmetry(int s, int x, int y, int size) {
  if (s & 4) std::swap(x, y);
  if (s & 1) x = size - 1 - x;
  if (s & 2) y = size - 1 - y;
  return {x, y};
}

namespace symmetry_internal {
constexpr bool SameAction(int a, int b) {
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 3; ++x)
      if (ApplySymmetry(a, x, y, 3) != ApplySymmetry(b, x, y, 3)) return false;
  return true;
}
constexpr std::array<std::array<int, kNumSymmetries>, kNumSymmetries> MakeCompositionTable() {
  std::array<std::array<int, kNumSymmetries>, kNumSymmetries> table{};
  for (int first = 0; first < kNumSymmetries; ++first)
    for (int second = 0; second < kNumSymmetries; ++second)
      for (int result = 0; result < kNumSymmetries; ++result) {
        bool same = true;
        for (int y = 0; y < 3 && same; ++y)
          for (int x = 0; x < 3 && same; ++x) {
            const auto [x1, y1] = ApplySymmetry(first, x, y, 3);
            same = ApplySymmetry(second, x1, y1, 3) == ApplySymmetry(result, x, y, 3);
          }
        if (same) table[first][second] = result;
      }
  return table;
}
inline constexpr auto kComposition = MakeCompositionTable();
}  // namespace symmetry_internal

// The symmetry equal to applying `first`, then `second`.
constexpr int ComposeSymmetries(int first, int second) {
  return symmetry_internal::kComposition[first][second];
}

// The symmetry that undoes s.
constexpr int InverseSymmetry(int s) {
  for (int t = 0; t < kNumSymmetries; ++t)
    if (ComposeSymmetries(s, t) == 0) return t;
  return -1;
}

// The image of a board point (or kPass) under s.
constexpr Point ApplySymmetry(int s, Point p, int size) {
  if (p == kPass) return kPass;
  const auto [x, y] = ApplySymmetry(s, PointX(p, size), PointY(p, size), size);
  return MakePoint(x, y, size);
}

// The image of a move index (y * N + x, pass = N * N) under s.
constexpr int ApplySymmetryToMoveIndex(int s, int index, int size) {
  if (index == size * size) return index;
  const auto [x, y] = ApplySymmetry(s, index % size, index / size, size);
  return y * size + x;
}

// Moves the values of `channels` planes of size x size (layout [C][y][x])
// so that out at the image of (x, y) holds in at (x, y). in and out must not
// overlap; each holds channels * size * size values.
template <typename T>
void ApplySymmetryToPlanes(int s, int channels, int size, std::span<const T> in, std::span<T> out) {
  const int area = size * size;
  TENGEN_CHECK(static_cast<int>(in.size()) == channels * area);
  TENGEN_CHECK(static_cast<int>(out.size()) == channels * area);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const auto [tx, ty] = ApplySymmetry(s, x, y, size);
      for (int c = 0; c < channels; ++c)
        out[c * area + ty * size + tx] = in[c * area + y * size + x];
    }
}

// The policy-vector form: N * N board values then pass, which stays last.
template <typename T>
void ApplySymmetryToPolicy(int s, int size, std::span<const T> in, std::span<T> out) {
  const int area = size * size;
  TENGEN_CHECK(static_cast<int>(in.size()) == area + 1 && static_cast<int>(out.size()) == area + 1);
  ApplySymmetryToPlanes<T>(s, 1, size, in.first(area), out.first(area));
  out[area] = in[area];
}

// The board with every stone (and the ko point) moved by s.
Board ApplySymmetry(int s, const Board& board);

// The game with its starting position and every move moved by s: the same
// rules, history, superko bans and player to move, mirrored.
GameState ApplySymmetry(int s, const GameState& game);

}  // namespace tengen

#endif  // TENGEN_ENGINE_SYMMETRY_H_
