#include "search/search_benchmark.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <vector>

#include "base/random.h"
#include "search/search.h"
#include "search/search_driver.h"

namespace tengen {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Passes every call through, timing it and keeping a sample of positions.
class TimingEvaluator : public Evaluator {
 public:
  explicit TimingEvaluator(Evaluator& inner) : inner_(inner) {}
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    for (const GameState* state : states)
      if (++seen_ % 5 == 0 && sample.size() < 4096) sample.push_back(*state);
    const Clock::time_point start = Clock::now();
    absl::StatusOr<std::vector<Evaluation>> result = inner_.EvaluateBatch(states);
    seconds += Since(start);
    positions += static_cast<int64_t>(states.size());
    ++calls;
    return result;
  }
  std::string Describe() const override { return inner_.Describe(); }

  double seconds = 0;
  int64_t positions = 0, calls = 0;
  std::vector<GameState> sample;

 private:
  Evaluator& inner_;
  int64_t seen_ = 0;
};

GameState Opening(int size, Rng& rng) {
  GameState state(size);
  const int moves = static_cast<int>(rng.Below(4));
  for (int i = 0; i < moves; ++i) {
    const std::vector<Point> legal = state.LegalMoves(state.to_move());
    if (legal.empty()) break;
    (void)state.Play(legal[rng.Below(static_cast<uint32_t>(legal.size()))]);
  }
  return state;
}

}  // namespace

std::string SearchBenchmarkResult::ToJson() const {
  return fmt::format(
      R"({{"bench":"search","root":"{}","parallel":{},"batch":{},"visits_per_s":{:.0f},)"
      R"("positions_per_s":{:.0f},"mean_batch":{:.1f},"network_share":{:.3f},)"
      R"("nn_evals_per_s":{:.0f},"ratio":{:.3f}}})",
      root, searches, batch, visits_per_s, positions_per_s, mean_batch, network_share,
      nn_evals_per_s, nn_evals_per_s > 0 ? visits_per_s / nn_evals_per_s : 0);
}

absl::StatusOr<SearchBenchmarkResult> RunSearchBenchmark(Evaluator& evaluator,
                                                         const SearchBenchmarkOptions& options) {
  if (absl::Status status = options.search.Validate(); !status.ok()) return status;
  if (options.searches < 1 || options.visits < 1 || !(options.seconds > 0))
    return absl::InvalidArgumentError(
        "bench search needs searches >= 1, visits >= 1 and seconds > 0");
  TimingEvaluator timed(evaluator);
  Rng rng(DeriveSeed(options.seed, "search-benchmark"));
  std::vector<std::unique_ptr<Search>> searches;
  std::vector<GameState> games;
  for (int i = 0; i < options.searches; ++i) {
    SearchOptions search = options.search;
    search.seed = DeriveSeed(options.seed, "search-benchmark-game", static_cast<uint64_t>(i));
    searches.push_back(std::make_unique<Search>(search));
    games.push_back(Opening(options.board_size, rng));
  }
  std::vector<Search*> pointers;
  for (auto& search : searches) pointers.push_back(search.get());
  int64_t visits = 0;
  const Clock::time_point start = Clock::now();
  while (Since(start) < options.seconds) {
    for (int i = 0; i < options.searches; ++i) {
      searches[i]->SetPosition(games[i]);
      searches[i]->Begin({.visits = options.visits, .stop_when_decided = false});
    }
    if (absl::Status status = RunSearches(timed, pointers); !status.ok()) return status;
    for (int i = 0; i < options.searches; ++i) {
      const SearchResult result = searches[i]->Result();
      visits += result.new_visits;
      if (games[i].IsOver() || !games[i].Play(result.best_move).ok() || games[i].IsOver() ||
          games[i].move_number() > 2 * options.board_size * options.board_size)
        games[i] = Opening(options.board_size, rng);
    }
  }
  const double wall = Since(start);
  SearchBenchmarkResult result;
  result.searches = options.searches;
  result.batch = options.search.batch_size;
  result.root = std::string(RootPolicyName(options.search.root_policy));
  result.visits_per_s = visits / wall;
  result.positions_per_s = timed.positions / wall;
  result.mean_batch = timed.calls > 0 ? static_cast<double>(timed.positions) / timed.calls : 0;
  result.network_share = timed.seconds / wall;
  // The network alone on the same positions at the mean batch size.
  const int batch = std::max(1, static_cast<int>(std::lround(result.mean_batch)));
  if (!timed.sample.empty()) {
    std::vector<const GameState*> chunk(batch);
    int64_t evaluated = 0;
    size_t next = 0;
    const Clock::time_point alone = Clock::now();
    do {
      for (const GameState*& state : chunk) state = &timed.sample[next++ % timed.sample.size()];
      absl::StatusOr<std::vector<Evaluation>> evaluations = evaluator.EvaluateBatch(chunk);
      if (!evaluations.ok()) return evaluations.status();
      evaluated += batch;
    } while (Since(alone) < options.seconds / 2);
    result.nn_evals_per_s = evaluated / Since(alone);
  }
  return result;
}

}  // namespace tengen
