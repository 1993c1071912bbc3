#include "search/search_driver.h"

#include <vector>

namespace tengen {

absl::StatusOr<bool> StepSearches(Evaluator& evaluator, std::span<Search* const> searches) {
  std::vector<const GameState*> batch;
  std::vector<size_t> counts(searches.size());
  bool any_running = false;
  for (size_t i = 0; i < searches.size(); ++i) {
    if (searches[i]->Done()) continue;
    any_running = true;
    const std::vector<const GameState*> leaves = searches[i]->Gather();
    counts[i] = leaves.size();
    batch.insert(batch.end(), leaves.begin(), leaves.end());
  }
  if (!any_running) return false;
  std::vector<Evaluation> evaluations;
  if (!batch.empty()) {
    absl::StatusOr<std::vector<Evaluation>> evaluated = evaluator.EvaluateBatch(batch);
    if (!evaluated.ok()) return evaluated.status();
    evaluations = std::move(*evaluated);
    if (evaluations.size() != batch.size())
      return absl::InternalError("the evaluator answered for a different number of positions");
  }
  size_t offset = 0;
  for (size_t i = 0; i < searches.size(); ++i) {
    if (counts[i] == 0 && searches[i]->Done()) continue;
    const std::span<const Evaluation> mine(evaluations.data() + offset, counts[i]);
    offset += counts[i];
    if (absl::Status status = searches[i]->Finish(mine); !status.ok()) return status;
  }
  return true;
}

absl::Status RunSearches(Evaluator& evaluator, std::span<Search* const> searches,
                         const StopToken& stop, const std::function<bool()>& on_step) {
  while (!stop.stop_requested()) {
    absl::StatusOr<bool> stepped = StepSearches(evaluator, searches);
    if (!stepped.ok()) return stepped.status();
    if (!*stepped) break;
    if (on_step && on_step()) break;
  }
  return absl::OkStatus();
}

absl::StatusOr<SearchResult> SearchPosition(Evaluator& evaluator, Search& search,
                                            const GameState& state, const SearchLimits& limits,
                                            const StopToken& stop) {
  search.SetPosition(state);
  search.Begin(limits);
  Search* const one[] = {&search};
  if (absl::Status status = RunSearches(evaluator, one, stop); !status.ok()) return status;
  return search.Result();
}

}  // namespace tengen
