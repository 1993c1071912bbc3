// Points of the padded board array, and their relation to board coordinates.
//
// A board of size N is stored as a one-dimensional array with one padding
// column (shared by the left and right edges) and one padding row above and
// below. The point of column x (0 = left) and row y (0 = top) is
//     (y + 1) * (N + 1) + (x + 1),
// so the four neighbours of p are p - 1, p + 1, p - (N + 1) and p + (N + 1).
// Point 0 lies in the padding and stands for "pass". Points are only
// meaningful together with the board size they were made for.
//
// Move indices (used by policies and training data) number the on-board
// points row by row from the top-left, y * N + x, with pass last at N * N.
#ifndef TENGEN_ENGINE_POINT_H_
#define TENGEN_ENGINE_POINT_H_

namespace tengen {

using Point = int;

inline constexpr Point kPass = 0;
inline constexpr Point kNoPoint = -1;

inline constexpr int kMinBoardSize = 1;
inline constexpr int kMaxBoardSize = 25;

// Number of array entries a board of `size` needs, padding included.
constexpr int PaddedArea(int size) { return (size + 2) * (size + 1) + 1; }
inline constexpr int kMaxPaddedArea = PaddedArea(kMaxBoardSize);

constexpr Point MakePoint(int x, int y, int size) { return (y + 1) * (size + 1) + (x + 1); }
constexpr int PointX(Point p, int size) { return p % (size + 1) - 1; }
constexpr int PointY(Point p, int size) { return p / (size + 1) - 1; }

// True for the N * N playing points; false for padding, pass and kNoPoint.
constexpr bool IsOnBoardPoint(Point p, int size) {
  if (p <= 0 || p >= PaddedArea(size)) return false;
  const int x = PointX(p, size), y = PointY(p, size);
  return x >= 0 && x < size && y >= 0 && y < size;
}

// Move index of p: y * N + x for a board point, N * N for pass.
constexpr int PointToMoveIndex(Point p, int size) {
  return p == kPass ? size * size : PointY(p, size) * size + PointX(p, size);
}

// Inverse of PointToMoveIndex; index must be in [0, N * N].
constexpr Point MoveIndexToPoint(int index, int size) {
  return index == size * size ? kPass : MakePoint(index % size, index / size, size);
}

}  // namespace tengen

#endif  // TENGEN_ENGINE_POINT_H_
