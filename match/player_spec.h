// Player specifications for `tengen match` and the study:
//   random                         uniform among playable moves
//   model:PATH[,key=value...]      a Tengen model; keys: policy=argmax|sample,
//                                  temperature=T, opening=K:T1 (T1 for the first
//                                  K moves), top_p=P, symmetry=none|random|average,
//                                  precision=fp32|bf16|winograd|auto (default), name=NAME,
//                                  visits=N (search N visits per move; 0, the
//                                  default, plays the policy alone),
//                                  seconds=S (search S seconds a move, with
//                                  or without a visit limit; PUCT only),
//                                  search=puct|gumbel, considered=M (Gumbel),
//                                  playouts=L (leaf values mixed with fast
//                                  playouts, SearchOptions::playout_mix)
//   gtp:COMMAND LINE               any GTP engine, e.g. "gtp:gnugo --mode gtp --level 10"
// A bare path ending in .tgm means model:PATH.
#ifndef TENGEN_MATCH_PLAYER_SPEC_H_
#define TENGEN_MATCH_PLAYER_SPEC_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "match/match_player.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"
#include "search/search_options.h"

namespace tengen {

struct PlayerSpec {
  enum class Kind { kRandom, kModel, kGtp };
  Kind kind = Kind::kRandom;
  std::string model_path;    // kModel
  MoveChoiceOptions choice;  // kModel
  SymmetryMode symmetry = SymmetryMode::kRandom;
  Precision precision = AutoPrecision(CpuFlags());  // precision=auto
  int visits = 0;        // kModel: search visits per move (0: no visit limit)
  double seconds = 0;    // kModel: search seconds per move (0: no time limit)
  SearchOptions search;  // kModel when it searches
  // A model player searches when it has a visit or a time limit.
  bool searches() const { return visits > 0 || seconds > 0; }
  std::string command_line;  // kGtp
  std::string name;          // empty: a name made from the spec
};

absl::StatusOr<PlayerSpec> ParsePlayerSpec(std::string_view text);

struct PlayerContext {
  uint64_t seed = 1;
  int threads = 1;
  // The longest wait for an external engine: one command, and its start-up.
  std::chrono::milliseconds move_timeout{60000};
};

// Builds the player: loads the model (errors for a bad file), or starts the
// engine once to check it works.
absl::StatusOr<std::unique_ptr<MatchPlayer>> CreatePlayer(const PlayerSpec& spec,
                                                          const PlayerContext& context);

}  // namespace tengen

#endif  // TENGEN_MATCH_PLAYER_SPEC_H_
