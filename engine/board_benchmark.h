// The board benchmark: light random playouts from the empty board on one
// thread, as libego and Pachi measure theirs.
#ifndef TENGEN_ENGINE_BOARD_BENCHMARK_H_
#define TENGEN_ENGINE_BOARD_BENCHMARK_H_

#include <cstdint>
#include <string>

namespace tengen {

struct BoardBenchmarkOptions {
  int size = 9;
  double seconds = 5.0;
  uint64_t seed = 1;
};

struct BoardBenchmarkResult {
  int size = 0;
  int64_t playouts = 0;
  int64_t moves = 0;  // passes included
  double seconds = 0.0;
  double playouts_per_s() const { return playouts / seconds; }
  double moves_per_s() const { return moves / seconds; }
  // One JSON line, e.g. {"bench":"board","size":9,"playouts_per_s":52000,...}.
  std::string ToJson() const;
};

// Runs playouts (RandomPlayout, simple ko, no eye filling, two passes end)
// until `seconds` have passed; size must be a valid board size.
BoardBenchmarkResult RunBoardBenchmark(const BoardBenchmarkOptions& options);

}  // namespace tengen

#endif  // TENGEN_ENGINE_BOARD_BENCHMARK_H_
