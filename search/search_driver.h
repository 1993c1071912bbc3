// Many searches stepping together: one network call per step for the
// leaves of all of them (parallel self-play or match games), and the loop
// that runs one search to its limits.
#ifndef TENGEN_SEARCH_SEARCH_DRIVER_H_
#define TENGEN_SEARCH_SEARCH_DRIVER_H_

#include <functional>
#include <span>

#include "absl/status/status.h"
#include "base/stop_token.h"
#include "policy/evaluator.h"
#include "search/search.h"

namespace tengen {

// One step of the searches not yet Done (each already Begin-ed): gathers
// their leaves, evaluates them all in one EvaluateBatch call and hands each
// search its evaluations. Returns false when every search was already Done
// (nothing was stepped). Errors are the evaluator's.
absl::StatusOr<bool> StepSearches(Evaluator& evaluator, std::span<Search* const> searches);

// Runs every search (each already Begin-ed) until it is Done: each step
// gathers the leaves of every search not yet done and evaluates them all in
// one EvaluateBatch call. Stops early, leaving the searches usable (their
// Result is the search so far), when `stop` asks or `on_step` (called after
// each step, may be empty) returns true. Errors are the evaluator's.
absl::Status RunSearches(Evaluator& evaluator, std::span<Search* const> searches,
                         const StopToken& stop = {}, const std::function<bool()>& on_step = {});

// One search: SetPosition, Begin and RunSearches, then its Result.
absl::StatusOr<SearchResult> SearchPosition(Evaluator& evaluator, Search& search,
                                            const GameState& state, const SearchLimits& limits,
                                            const StopToken& stop = {});

}  // namespace tengen

#endif  // TENGEN_SEARCH_SEARCH_DRIVER_H_
