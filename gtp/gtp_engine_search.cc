// GtpEngine: the tree search behind genmove, analysis and the search tools.
#include <fmt/format.h>

#include "base/fmt_absl.h"
#include "base/random.h"
#include "gtp/gtp_engine.h"
#include "gtp/gtp_protocol.h"
#include "search/search_driver.h"

namespace tengen {
namespace {

// The engine's evaluator in one symmetry mode, as the search wants it.
class ModeEvaluator final : public Evaluator {
 public:
  ModeEvaluator(SymmetricEvaluator& evaluator, SymmetryMode mode)
      : evaluator_(evaluator), mode_(mode) {}
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    return evaluator_.EvaluateBatch(states, mode_);
  }
  std::string Describe() const override { return evaluator_.Describe(); }

 private:
  SymmetricEvaluator& evaluator_;
  SymmetryMode mode_;
};

}  // namespace

Search& GtpEngine::search() {
  if (!search_) {
    SearchOptions options = options_.search;
    options.seed = DeriveSeed(options_.seed, "gtp-search");
    // One cache for the engine's life: trees come and go (komi, loadsgf,
    // tengen-search), the network's answers for a position do not.
    if (!cache_) cache_ = std::make_shared<EvalCache>(options.cache_entries);
    search_ = std::make_unique<Search>(options, cache_);
  }
  return *search_;
}

void GtpEngine::ResetSearch() { search_.reset(); }

absl::StatusOr<SearchResult> GtpEngine::RunSearch(Color c, const SearchLimits& limits,
                                                  const std::function<bool()>& on_step) {
  return RunSearch(c, limits, options_.symmetry, on_step);
}

absl::StatusOr<SearchResult> GtpEngine::RunSearch(Color c, const SearchLimits& limits,
                                                  SymmetryMode mode,
                                                  const std::function<bool()>& on_step) {
  Search& tree = search();
  // Evaluations differ by symmetry mode, and random symmetries by seed.
  tree.set_cache_salt(DeriveSeed(options_.seed, "gtp-eval-cache", static_cast<uint64_t>(mode)));
  tree.SetPosition(PositionFor(c));
  tree.Begin(limits);
  ModeEvaluator evaluator(evaluator_, mode);
  Search* const searches[] = {&tree};
  if (absl::Status status = RunSearches(evaluator, searches, StopToken(), on_step); !status.ok()) {
    ResetSearch();  // leaves may still be waiting for their evaluation
    return status;
  }
  return tree.Result();
}

void GtpEngine::Ponder(const std::function<bool()>& stop) {
  if (!options_.ponder || !searching() || game_.IsOver()) return;
  const SearchLimits limits{.visits = kAnalysisVisits, .stop_when_decided = false};
  absl::StatusOr<SearchResult> result = RunSearch(game_.to_move(), limits, stop);
  if (!result.ok()) {
    Log(fmt::format("pondering stopped: {}", result.status()));
    return;
  }
  Log(fmt::format("pondered {} visits with {} to move", result->new_visits,
                  ColorName(game_.to_move())));
}

SearchResult GtpEngine::SearchSoFar() const { return search_ ? search_->Result() : SearchResult(); }

absl::Status GtpEngine::SetVisits(int visits) {
  if (visits < 0 || visits > kMaxVisits) return GtpError("invalid visits");
  options_.visits = visits;
  return absl::OkStatus();
}

void GtpEngine::SetRootPolicy(RootPolicy policy) {
  options_.search.root_policy = policy;
  ResetSearch();
}

}  // namespace tengen
