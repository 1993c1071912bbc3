#include "selfplay/search_selfplay.h"

#include <fmt/format.h>

#include <memory>
#include <vector>

#include "base/check.h"
#include "base/random.h"
#include "policy/features.h"
#include "policy/playable_moves.h"
#include "search/eval_cache.h"
#include "search/search.h"
#include "search/search_driver.h"

namespace tengen {
namespace {

SearchOptions SeededSearch(SearchOptions search, uint64_t seed) {
  search.seed = seed;
  return search;
}

// One game in flight with its search.
struct SearchedGame {
  SearchedGame(int index, const SelfPlayOptions& options)
      : index(index),
        state(options.board_size, options.rules),
        search(SeededSearch(options.search.search, GameSeed(options.seed, index)),
               std::make_shared<EvalCache>(options.search.search.cache_entries)),
        chooser(options.choice, DeriveSeed(GameSeed(options.seed, index), "opening")),
        rng(DeriveSeed(GameSeed(options.seed, index), "playout-cap")) {}
  int index;
  GameState state;
  Search search;
  MoveChooser chooser;
  Rng rng;
  std::vector<RecordedPosition> positions;
  bool full = true;  // this move's search is a full one (recorded)
};

// Starts the search of the game's next move: full or cheap by the
// playout cap, reusing the subtree of the move just played.
void BeginMove(SearchedGame& game, const SelfPlaySearchOptions& o) {
  game.full = o.full_search_fraction >= 1 || game.rng.Uniform() < o.full_search_fraction;
  SearchLimits limits;
  limits.visits = game.full ? o.visits : o.cheap_visits;
  // A full search spends its budget: its visits are the training target.
  limits.stop_when_decided = !game.full;
  limits.root_noise = game.full;
  game.search.SetPosition(game.state);
  game.search.Begin(limits);
}

// The move the finished search gives (drawn from its policy target in the
// opening); records the position when the search was a full one.
void PlayMove(SearchedGame& game, const SelfPlayOptions& options) {
  const SearchResult result = game.search.Result();
  const int n = game.state.size(), pass = n * n;
  const int number = static_cast<int>(game.state.moves().size());
  int move = PointToMoveIndex(result.best_move, n);
  double target_mass = 0;
  for (float p : result.policy_target) target_mass += p;
  if (number < options.choice.opening_moves && target_mass > 0)
    move = game.chooser.Choose(result.policy_target, number);
  std::vector<uint8_t> mask = PlayableMoveMask(game.state);
  // The search may also pass where the playable mask does not (after the
  // opponent's pass, to end a won game): its candidates are the mask.
  if (result.policy_target[pass] > 0 || move == pass) mask[pass] = 1;
  int choices = 0;
  for (uint8_t allowed : mask) choices += allowed;
  if (game.full && choices > 1) {
    RecordedPosition position;
    position.policy = RestrictPolicy(result.policy_target, mask);
    position.mask = std::move(mask);
    thread_local std::vector<float> planes;
    planes.resize(NumFeatureValues(n));
    EncodeFeatures(game.state, 0, planes);
    position.planes.assign(planes.begin(), planes.end());
    position.move = move;
    position.mover = game.state.to_move();
    position.value = static_cast<float>(result.value);
    game.positions.push_back(std::move(position));
  }
  const absl::Status played = game.state.Play(MoveIndexToPoint(move, n));
  TENGEN_CHECK(played.ok());  // search candidates and samples of its target are legal
}

}  // namespace

SearchOptions SelfPlaySearchOptions::DefaultSelfPlaySearch() {
  SearchOptions search;
  search.root_policy = RootPolicy::kGumbel;
  search.gumbel_considered = 8;
  search.batch_size = 4;
  // A cache per game (a shared one would make a game's tree depend on
  // what the games beside it evaluated first); small, since consecutive
  // searches of a game reuse their subtree anyway.
  search.cache_entries = 4096;
  return search;
}

absl::Status SelfPlaySearchOptions::Validate() const {
  if (visits < 0 || visits > 1'000'000)
    return absl::InvalidArgumentError(fmt::format("search visits {} is not in 0..1000000", visits));
  if (visits == 0) return absl::OkStatus();
  if (!(full_search_fraction > 0 && full_search_fraction <= 1))
    return absl::InvalidArgumentError(
        fmt::format("the full-search fraction {} is not in (0, 1]", full_search_fraction));
  if (full_search_fraction < 1 && (cheap_visits < 1 || cheap_visits > visits))
    return absl::InvalidArgumentError(fmt::format(
        "cheap searches need 1..{} visits (the full search's), not {}", visits, cheap_visits));
  return search.Validate();
}

std::string SelfPlaySearchOptions::Describe() const {
  if (visits == 0) return "no search";
  std::string text = fmt::format("{}, {} visits", RootPolicyName(search.root_policy), visits);
  if (search.root_policy == RootPolicy::kGumbel)
    text += fmt::format(", {} considered", search.gumbel_considered);
  if (full_search_fraction < 1)
    text += fmt::format(" ({:.0f}% full, else {})", 100 * full_search_fraction, cheap_visits);
  if (search.root_noise) text += ", root noise";
  return text;
}

absl::Status PlaySearchSelfPlayGames(Evaluator& evaluator, const SelfPlayOptions& options,
                                     std::span<const int> indices,
                                     const std::function<absl::Status(FinishedGame)>& on_finished,
                                     const std::function<bool()>& should_stop) {
  if (absl::Status status = options.Validate(); !status.ok()) return status;
  if (options.search.visits < 1)
    return absl::InvalidArgumentError("search self-play needs search visits of 1 or more");
  std::vector<std::unique_ptr<SearchedGame>> active;
  size_t next = 0;
  while (true) {
    while (static_cast<int>(active.size()) < options.parallel && next < indices.size()) {
      active.push_back(std::make_unique<SearchedGame>(indices[next++], options));
      BeginMove(*active.back(), options.search);
    }
    if (active.empty()) return absl::OkStatus();
    if (should_stop && should_stop()) return absl::OkStatus();
    // Play the moves whose searches are done; hand over the games that end.
    std::vector<std::unique_ptr<SearchedGame>> still_running;
    for (auto& game : active) {
      bool over = false;
      while (!over && game->search.Done()) {
        PlayMove(*game, options);
        over = options.GameOver(game->state);
        if (!over) BeginMove(*game, options.search);
      }
      if (!over) {
        still_running.push_back(std::move(game));
        continue;
      }
      if (absl::Status status =
              on_finished(FinishSelfPlayGame(game->index, game->state, game->positions, options));
          !status.ok())
        return status;
    }
    active = std::move(still_running);
    if (active.empty()) continue;  // refill, or return when no game is left
    // One network call for the leaves of every search.
    std::vector<Search*> searches;
    for (auto& game : active) searches.push_back(&game->search);
    if (absl::StatusOr<bool> stepped = StepSearches(evaluator, searches); !stepped.ok())
      return stepped.status();
  }
}

}  // namespace tengen
