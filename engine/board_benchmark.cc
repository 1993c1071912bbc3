#include "engine/board_benchmark.h"

#include <fmt/format.h>

#include <chrono>

#include "engine/board.h"
#include "engine/playout.h"

namespace tengen {

std::string BoardBenchmarkResult::ToJson() const {
  return fmt::format(R"({{"bench":"board","size":{},"playouts_per_s":{:.0f},"moves_per_s":{:.4g},)"
                     R"("moves_per_playout":{:.1f},"playouts":{},"seconds":{:.2f},"threads":1}})",
                     size, playouts_per_s(), moves_per_s(),
                     playouts > 0 ? double(moves) / playouts : 0.0, playouts, seconds);
}

BoardBenchmarkResult RunBoardBenchmark(const BoardBenchmarkOptions& options) {
  using Clock = std::chrono::steady_clock;
  const Board empty(options.size);
  Rng rng(options.seed);
  BoardBenchmarkResult result{.size = options.size};
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + std::chrono::duration_cast<Clock::duration>(
                                                 std::chrono::duration<double>(options.seconds));
  Clock::time_point now = start;
  // Check the clock every batch of playouts, not every playout.
  const int batch = options.size <= 9 ? 256 : 32;
  do {
    for (int i = 0; i < batch; ++i) {
      Board board = empty;
      result.moves += RandomPlayout(board, Color::kBlack, rng);
    }
    result.playouts += batch;
    now = Clock::now();
  } while (now < deadline);
  result.seconds = std::chrono::duration<double>(now - start).count();
  return result;
}

}  // namespace tengen
