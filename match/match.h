// Matches between two players: games in lockstep (each player chooses moves
// for all games where it is to move in one call, so networks batch), colours
// alternating, every game recorded. A player that fails in a game (crash,
// hang, garbage, illegal move) loses that game with the reason recorded and
// the match goes on. No LibTorch here.
#ifndef TENGEN_MATCH_MATCH_H_
#define TENGEN_MATCH_MATCH_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
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
  std::string label = "match";
  bool show_progress = false;
  // Checked after every finished game with the result so far: true stops
  // the match (for example when an SPRT has decided).
  std::function<bool(const WinRate& first_player)> stop_early;
};

struct MatchGame;

struct MatchGame {
  int index = 0;
  bool first_is_black = true;
  Color winner = Color::kEmpty;  // kEmpty: draw
  double margin = 0;             // area score, black's view (0 after a resignation or failure)
  int moves = 0;
  std::string reason;  // "score", "resignation", "move limit", or the failure
  GameRecord record;
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
