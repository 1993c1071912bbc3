// Self-play: K games stepped together, one batched network evaluation per
// step, every move drawn from the policy (restricted to playable moves, see
// policy/playable_moves.h) with a temperature schedule. No LibTorch here.
#ifndef TENGEN_SELFPLAY_SELFPLAY_GAMES_H_
#define TENGEN_SELFPLAY_SELFPLAY_GAMES_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "engine/rules.h"
#include "engine/sgf.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"
#include "search/search_options.h"
#include "train/training_data.h"

namespace tengen {

// How self-play searches (selfplay/search_selfplay.h); visits 0 plays from
// the raw policy instead, every move drawn by `choice`.
struct SelfPlaySearchOptions {
  int visits = 0;  // simulations of a full search
  // Gumbel at the root with 8 considered moves by default, so that a small
  // budget still searches deeper than one ply (with 16 and 32 visits, 16
  // considered moves would spend them all at the root).
  SearchOptions search = DefaultSelfPlaySearch();
  // Playout-cap randomisation: the share of moves that get a full search
  // and are recorded; the others get cheap_visits and are not recorded.
  double full_search_fraction = 1.0;
  int cheap_visits = 0;

  static SearchOptions DefaultSelfPlaySearch();
  // Ok when the settings are in range (and the search options valid).
  absl::Status Validate() const;
  // E.g. "gumbel, 32 visits, 8 considered" or "puct, 100 visits (25% full, else 20), noise".
  std::string Describe() const;
};

struct SelfPlayOptions {
  int board_size = 9;
  Rules rules = Rules::Chinese();
  // Games in flight at once; each step evaluates one position of each.
  int parallel = 32;
  MoveChoiceOptions choice;  // sampling at temperature 1 by default
  // With search.visits > 0 the games are searched; `choice` then only
  // draws the opening moves, from the search's policy target.
  SelfPlaySearchOptions search;
  // A game stops after this many moves and is scored as it stands; 0 means
  // 3 * N * N. Games normally end long before: players never fill their own
  // eyes and pass only when nothing else is left.
  int max_moves = 0;
  uint64_t seed = 1;
  std::string model_name;  // recorded as both players in the SGF
  std::string worker;      // recorded in the SGF game name

  absl::Status Validate() const;
  int MoveLimit() const { return max_moves > 0 ? max_moves : 3 * board_size * board_size; }
  // A game ends with two passes or at the move limit.
  bool GameOver(const GameState& state) const {
    return state.IsOver() || static_cast<int>(state.moves().size()) >= MoveLimit();
  }
};

struct FinishedGame {
  int index = 0;       // the game's number (its seed and file name follow it)
  GameRecord record;   // SGF: moves, result, rules, komi, players
  TrainingChunk data;  // one position per chosen move (forced passes left out)
  int moves = 0;
  double margin = 0;  // area score, black minus white minus komi
  bool hit_move_limit = false;
};

// The finished game `index` (state: its last position; positions: what
// was recorded) as PlaySelfPlayGames hands it over: SGF record, training
// data with outcomes and final ownership, margin.
FinishedGame FinishSelfPlayGame(int index, const GameState& state,
                                std::span<const RecordedPosition> positions,
                                const SelfPlayOptions& options);

// The seed of game `index` of a run seeded with `seed`: games are
// reproducible one by one, whatever else ran beside them.
uint64_t GameSeed(uint64_t seed, int index);

// Plays the games with the given numbers (by search when
// options.search.visits > 0: PlaySearchSelfPlayGames) and hands each to
// on_finished as it ends (in the order they end). Stops early, with unfinished games
// dropped, when `should_stop` returns true between steps, or with
// on_finished's first error. Errors from the evaluator are returned.
absl::Status PlaySelfPlayGames(Evaluator& evaluator, const SelfPlayOptions& options,
                               std::span<const int> indices,
                               const std::function<absl::Status(FinishedGame)>& on_finished,
                               const std::function<bool()>& should_stop = {});

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_SELFPLAY_GAMES_H_
