#include "policy/features.h"

#include <algorithm>

#include "base/check.h"
#include "engine/board.h"
#include "engine/color.h"
#include "engine/point.h"
#include "engine/symmetry.h"

namespace tengen {
namespace {

// Where symmetry s sends the board point (x, y) in an array of rows of
// `stride` values: cell = origin + x * step_x + y * step_y. Every symmetry is
// affine in (x, y), so three images fix it, and the hot loops need no
// per-point branches or temporary planes.
struct CellMap {
  int origin;
  int step_x;
  int step_y;

  CellMap(int s, int size, int stride) {
    const auto cell = [&](int x, int y) {
      const auto [tx, ty] = ApplySymmetry(s, x, y, size);
      return ty * stride + tx;
    };
    origin = cell(0, 0);
    step_x = cell(1, 0) - origin;
    step_y = cell(0, 1) - origin;
  }

  int At(int x, int y) const { return origin + x * step_x + y * step_y; }
};

// The liberty plane of a chain with `liberties` liberties, or -1 for none.
int LibertyPlane(bool own, int liberties) {
  if (liberties <= 0) return -1;
  const int base = own ? kPlaneOwnLiberties1 : kPlaneOpponentLiberties1;
  return base + std::min(liberties, 3) - 1;
}

}  // namespace

void EncodeFeatures(const GameState& state, int symmetry, std::span<float> out) {
  EncodeFeaturesPadded(state, symmetry, state.size(), out);
}

void EncodeFeaturesPadded(const GameState& state, int symmetry, int padded_size,
                          std::span<float> out) {
  const int size = state.size();
  TENGEN_CHECK(symmetry >= 0 && symmetry < kNumSymmetries);
  TENGEN_CHECK(padded_size >= size);
  TENGEN_CHECK(static_cast<int>(out.size()) == NumFeatureValues(padded_size));
  std::fill(out.begin(), out.end(), 0.0f);

  const int area = padded_size * padded_size;
  float* const planes = out.data();
  const auto set = [planes, area](int plane, int cell) { planes[plane * area + cell] = 1.0f; };
  const CellMap map(symmetry, size, padded_size);
  const Board& board = state.board();
  const Color me = state.to_move();
  const bool black_to_move = me == Color::kBlack;

  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const int cell = map.At(x, y);
      const Point p = board.PointAt(x, y);
      set(kPlaneOnBoard, cell);
      if (black_to_move) set(kPlaneBlackToMove, cell);
      const Color c = board.At(p);
      if (c == Color::kEmpty) {
        if (!state.IsLegal(p)) set(kPlaneIllegal, cell);
        continue;
      }
      const bool own = c == me;
      set(own ? kPlaneOwnStones : kPlaneOpponentStones, cell);
      const int liberty_plane = LibertyPlane(own, board.ChainLiberties(p));
      if (liberty_plane >= 0) set(liberty_plane, cell);
    }
  }

  const std::vector<PlayedMove>& moves = state.moves();
  const int recorded = static_cast<int>(moves.size());
  for (int k = 0; k < kNumLastMovePlanes && k < recorded; ++k) {
    const Point p = moves[recorded - 1 - k].point;
    if (p == kPass) continue;
    set(kPlaneLastMove1 + k, map.At(PointX(p, size), PointY(p, size)));
  }
}

void WriteLegalMoveMask(const GameState& state, int symmetry, std::span<uint8_t> out) {
  const int size = state.size();
  TENGEN_CHECK(symmetry >= 0 && symmetry < kNumSymmetries);
  TENGEN_CHECK(static_cast<int>(out.size()) == size * size + 1);
  const CellMap map(symmetry, size, size);
  const Board& board = state.board();
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const Point p = board.PointAt(x, y);
      out[map.At(x, y)] = board.At(p) == Color::kEmpty && state.IsLegal(p) ? 1 : 0;
    }
  }
  out[size * size] = 1;  // pass
}

std::vector<uint8_t> LegalMoveMask(const GameState& state, int symmetry) {
  std::vector<uint8_t> mask(state.size() * state.size() + 1);
  WriteLegalMoveMask(state, symmetry, mask);
  return mask;
}

}  // namespace tengen
