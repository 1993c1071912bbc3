// `tengen bench search`: search speed against the network alone, in one run.
#ifndef TENGEN_SEARCH_SEARCH_BENCHMARK_H_
#define TENGEN_SEARCH_SEARCH_BENCHMARK_H_

#include <string>

#include "absl/status/statusor.h"
#include "policy/evaluator.h"
#include "search/search_options.h"

namespace tengen {

struct SearchBenchmarkOptions {
  int board_size = 9;
  int searches = 1;  // games searched together (one network call per step for all)
  int visits = 200;  // per move
  double seconds = 10;
  SearchOptions search;
  uint64_t seed = 1;
};

struct SearchBenchmarkResult {
  int searches = 0;
  int batch = 0;  // SearchOptions::batch_size
  std::string root;
  double visits_per_s = 0;     // search visits (simulations) per second
  double positions_per_s = 0;  // positions sent to the network per second of search
  double mean_batch = 0;       // positions per network call during the search
  double network_share = 0;    // fraction of the search's time spent in the network
  double nn_evals_per_s = 0;   // the network alone at the mean batch size, same run
  std::string ToJson() const;
};

// Plays games from a few random opening moves, each move searched with
// `visits` visits (the best move played, a new game after each end), for
// `seconds`; then times the evaluator alone for half as long on batches of
// the positions the search evaluated, of the search's mean batch size.
absl::StatusOr<SearchBenchmarkResult> RunSearchBenchmark(Evaluator& evaluator,
                                                         const SearchBenchmarkOptions& options);

}  // namespace tengen

#endif  // TENGEN_SEARCH_SEARCH_BENCHMARK_H_
