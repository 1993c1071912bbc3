// Zobrist keys for position hashing. The table is built at compile time from
// a fixed seed, so there is no initialisation step to forget and hashes are
// the same in every process and on every run.
#ifndef TENGEN_ENGINE_ZOBRIST_H_
#define TENGEN_ENGINE_ZOBRIST_H_

#include <array>
#include <cstdint>

#include "base/random.h"
#include "engine/color.h"
#include "engine/point.h"

namespace tengen {

struct ZobristTable {
  // stone[0][p] for a black stone on p, stone[1][p] for a white one.
  std::array<std::array<uint64_t, kMaxPaddedArea>, 2> stone{};
  // Mixed into state hashes: the simple-ko point and the player to move.
  std::array<uint64_t, kMaxPaddedArea> ko{};
  uint64_t white_to_move = 0;
};

constexpr ZobristTable MakeZobristTable() {
  ZobristTable table;
  uint64_t state = 0x7465'6e67'656e'2121ull;  // "tengen!!"
  for (auto& colour_keys : table.stone)
    for (uint64_t& key : colour_keys) key = SplitMix64(state);
  for (uint64_t& key : table.ko) key = SplitMix64(state);
  table.white_to_move = SplitMix64(state);
  return table;
}

inline constexpr ZobristTable kZobrist = MakeZobristTable();

// Key of a stone of colour c (black or white) on point p.
constexpr uint64_t StoneKey(Color c, Point p) {
  return kZobrist.stone[c == Color::kBlack ? 0 : 1][p];
}

}  // namespace tengen

#endif  // TENGEN_ENGINE_ZOBRIST_H_
