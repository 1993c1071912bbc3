// Matches between two players: games in lockstep (each player chooses moves
// for all games where it is to move in one call, so networks batch), colours
// alternating, every game recorded. A player that fails in a game (crash,
// hang, garbage, illegal move) loses that game with the reason recorded and
// the match goes on. No LibTorch here.
#ifndef TENGEN_MATCH_MATCH_H_
#define TENGEN_MATCH_MATCH_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "engine/rules.h"
#include "engine/sgf.h"
#include "match/match_player.h"
#include "match/match_stats.h"

namespace tengen {

struct MatchOptions {
  int games = 20;
  int parallel = 16;  // games in flight at once
  int board_size = 9;
  Rules rules = Rules::Chinese();
  int max_moves = 0;    // 0: 3 * N * N, then the game is scored as it stands
  std::string sgf_dir;  // when set, game i is written to <sgf_dir>/game-<i>.sgf
  // Random openings, so that deterministic players (GNU Go, argmax
  // networks) meet in many different games: the first opening_moves moves
  // of game i are uniformly random playable moves (legal, not filling an own
  // one-point eye, never a pass), drawn from opening_seed and i / 2, so
  // games 2j and 2j + 1 share an opening with the colours swapped. Players
  // get the position after them in StartGame.
  int opening_moves = 0;
  uint64_t opening_seed = 1;
  std::string label = "match";
  // Progress as `label` in games; stop ends the match between moves
  // (Cancelled; finished games are kept in sgf_dir).
  JobHooks hooks;
  // Checked after every finished game with the result so far: true stops
  // the match (for example when an SPRT has decided).
  std::function<bool(const WinRate& first_player)> stop_early;
};

// How a match game ended.
enum class GameEnd {
  kScore,        // the game was over (two passes) and was scored
  kResignation,  // the loser resigned
  kMoveLimit,    // it reached the move limit and was scored as it stood
  kFailure,      // the loser failed: crashed, hung, answered garbage, played an illegal move
};

// "score", "resignation", "move limit" or "failure".
std::string_view GameEndName(GameEnd end);

struct MatchGame {
  int index = 0;
  bool first_is_black = true;
  Color winner = Color::kEmpty;  // kEmpty: draw
  double margin = 0;             // area score, black's view (0 after a resignation or failure)
  int moves = 0;
  GameEnd end = GameEnd::kScore;
  // kFailure only: what went wrong, naming the player ("bad failed: engine
  // crashed (exit status 139)", "bad played the illegal move A1 (...)").
  std::string failure;
  GameRecord record;

  // The end in words, as results.csv and the last SGF comment give it: the
  // failure for kFailure, else GameEndName(end).
  std::string Reason() const;
};

struct MatchResult {
  std::string first_name, second_name;
  std::vector<MatchGame> games;  // in the order they ended
  WinRate first;                 // from the first player's view
  bool stopped_early = false;
};

// Plays options.games games between `first` and `second`; the first player
// takes black in even-numbered games. Games in `finished` (from an earlier,
// interrupted run of the same match) count as played and are not replayed.
// Errors only when a player is unusable as a whole (not for a failure inside
// one game), a file cannot be written, or Ctrl-C (Cancelled).
absl::StatusOr<MatchResult> PlayMatch(MatchPlayer& first, MatchPlayer& second,
                                      const MatchOptions& options,
                                      std::vector<MatchGame> finished = {});

// The games of an interrupted match found in `sgf_dir` (as PlayMatch writes
// them), rebuilt from their SGF results; unreadable files are ignored (and
// those games replayed).
std::vector<MatchGame> FinishedGamesIn(const std::string& sgf_dir, int games);

}  // namespace tengen

#endif  // TENGEN_MATCH_MATCH_H_
