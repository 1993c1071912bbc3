// Players for matches: a network with its move choice, a uniform random
// player, and (in the match runner) external GTP engines. A player chooses
// moves for many games at once, so networks evaluate them in one batch.
#ifndef TENGEN_MATCH_MATCH_PLAYER_H_
#define TENGEN_MATCH_MATCH_PLAYER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/game_state.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"

namespace tengen {

// A player's answer for one game.
struct PlayerMove {
  Point point = kPass;
  bool resign = false;
  // Set when the player failed in this game (crashed, hung, answered
  // garbage, chose an illegal move): the game is lost for that reason.
  std::string failure;
};

class MatchPlayer {
 public:
  virtual ~MatchPlayer() = default;
  virtual std::string name() const = 0;

  // A new game numbered `game` starts on `state`: the empty board, or the
  // position after a random opening (MatchOptions::opening_moves), whose
  // moves the player must take as played.
  virtual absl::Status StartGame(int game, const GameState& state) {
    (void)game;
    (void)state;
    return absl::OkStatus();
  }
  // Chooses a move in each game (this player is to move in all of them).
  // Returns one answer per game; a Status error means the player as a whole
  // is unusable.
  virtual absl::StatusOr<std::vector<PlayerMove>> ChooseMoves(
      std::span<const int> games, std::span<const GameState* const> states) = 0;
  // The opponent played `move` (of `color`) in game `game`.
  virtual void OpponentMoved(int game, Color color, Point move) {
    (void)game;
    (void)color;
    (void)move;
  }
  // Game `game` is over; the player may release what it holds for it.
  virtual void EndGame(int game) { (void)game; }
};

// A network player: the policy restricted to playable moves (never filling
// its own eyes, passing only when nothing else is left), then argmax or
// sampling as `choice` says. Each game gets its own seeded chooser.
std::unique_ptr<MatchPlayer> CreateNetworkPlayer(std::string name,
                                                 std::shared_ptr<Evaluator> evaluator,
                                                 const MoveChoiceOptions& choice, uint64_t seed);

// Uniformly random among the playable moves (the same eye and pass rules).
std::unique_ptr<MatchPlayer> CreateRandomPlayer(uint64_t seed);

}  // namespace tengen

#endif  // TENGEN_MATCH_MATCH_PLAYER_H_
