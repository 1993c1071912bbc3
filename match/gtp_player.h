// An external GTP engine (GNU Go, another Tengen, ...) as a match player.
// Each game in flight gets its own engine process; finished games hand their
// engine to the next game. Moves for different games are asked for in
// parallel threads, so slow engines overlap. An engine that crashes, hangs
// (per-command timeout), answers garbage or rejects a legal move fails that
// game only; its process is dropped and the next game starts a fresh one.
#ifndef TENGEN_MATCH_GTP_PLAYER_H_
#define TENGEN_MATCH_GTP_PLAYER_H_

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "match/match_player.h"

namespace tengen {

struct GtpPlayerOptions {
  std::string name;  // empty: the engine's own `name`
  std::chrono::milliseconds move_timeout{60000};
  std::chrono::milliseconds startup_timeout{60000};
};

// Starts one engine to check that the command works (and to learn its
// name), then returns the player. Errors when the engine cannot be started
// or does not speak GTP.
absl::StatusOr<std::unique_ptr<MatchPlayer>> CreateGtpPlayer(const std::string& command_line,
                                                             const GtpPlayerOptions& options);

// GNU Go's binary: `requested` when given, "" for "none" (no GNU Go
// wanted); otherwise /usr/games/gnugo (where Debian installs it, often not
// on the PATH) or the first gnugo on the PATH, or "" when there is none.
std::string FindGnuGo(const std::string& requested);

}  // namespace tengen

#endif  // TENGEN_MATCH_GTP_PLAYER_H_
