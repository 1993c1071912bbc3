// Settings of `tengen run`, the self-play training loop: read from a JSON
// file, every key optional (defaults below are the embedded config the
// README's first command runs: 9x9, a small network, about ten minutes on
// two cores, self-play by search). Unknown keys are errors, so typos do not
// pass silently.
#ifndef TENGEN_SELFPLAY_RUN_CONFIG_H_
#define TENGEN_SELFPLAY_RUN_CONFIG_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "engine/rules.h"
#include "policy/network_config.h"
#include "selfplay/selfplay_games.h"

namespace tengen {

struct RunConfig {
  int generations = 10;  // then stop (0: run until Ctrl-C)
  uint64_t seed = 1;
  std::string rules = "chinese";
  double komi = 7.5;
  NetworkConfig network{.board_size = 9, .blocks = 4, .channels = 32};
  // Generation 0: a copy of this model file (for example one trained on a
  // teacher's games with `tengen train --sgf`), whose network must be the
  // config's; empty: random weights from `seed`.
  std::string init_model;

  struct SelfPlay {
    int games = 128;    // per generation
    int parallel = 64;  // games per batch in each worker
    // Local worker processes; 0: the run plays no games itself and waits
    // until followers (`tengen selfplay --follow`) fill each generation.
    int workers = 2;
    double temperature = 1.0;
    int opening_moves = 0;
    double opening_temperature = 1.0;
    std::string symmetry = "random";
    std::string precision = "auto";
    // Search (selfplay/search_selfplay.h): visits of a full search, 0 for
    // moves drawn from the raw policy; root policy gumbel or puct (with
    // root noise); Gumbel's considered moves; playout-cap randomisation.
    int visits = 16;
    std::string search = "gumbel";
    int considered = 8;
    double full_fraction = 1.0;
    int cheap_visits = 0;
  } selfplay;

  struct Train {
    int64_t steps = 100;  // per generation
    int batch = 256;
    std::string optimizer = "sgd";
    double lr = 0.01;
    double momentum = 0.9;
    double weight_decay = 1e-4;
    std::string schedule = "constant";
    // auto: supervised towards the search's policy targets when self-play
    // searches, else reinforce (policy gradient); or either by name.
    std::string objective = "auto";
    double value_weight = 1.0;
    double ownership_weight = 1.0;  // networks with auxiliary heads
    double score_weight = 0.5;
    double entropy_bonus = 0.02;  // keeps pure-policy self-play diverse
    int window_generations = 2;   // train on the newest this many generations (1: on-policy)
    int threads = 2;
    int checkpoint_every = 50;
    std::string device = "cpu";  // or cuda where this LibTorch has it
  } train;

  struct Evaluate {
    // Gating: the candidate plays the current best this many games and is
    // promoted when its score rate is above promote_above. 0 (the
    // default, as AlphaZero and KataGo do): every candidate is promoted;
    // with a young net, noisy 64-game gates held back the learning.
    int games = 0;
    double promote_above = 0.5;
    int games_vs_random = 32;  // metrics: against a uniform random player
    int games_vs_first = 32;   // metrics: against generation 0
    double temperature = 1.0;  // both sides sample their moves
    // Visits of the candidate's (and its network opponents') search in
    // these matches (Gumbel, sampling from the improved policy at
    // `temperature`): the engine as it plays; 0: the raw policy.
    int visits = 16;
    // Metrics: against GNU Go at gnugo_level. gnugo_command: its binary;
    // empty finds it (match/gtp_player.h FindGnuGo), "none" skips these
    // games, as does a binary that does not start (with a log line).
    int games_vs_gnugo = 16;
    int gnugo_level = 0;
    std::string gnugo_command;
  } evaluate;

  JsonValue ToJson() const;
  // The self-play search the selfplay section describes (PUCT with root
  // noise, Gumbel without).
  SelfPlaySearchOptions SelfPlaySearch() const;
  // How the run's self-play picks moves the search does not (the sampled
  // opening; every move without search): the selfplay section's
  // temperatures. Local workers and followers alike play by it.
  MoveChoiceOptions SelfPlayChoice() const;
  // train.objective with auto resolved by whether self-play searches:
  // "supervised" (towards the search's policy targets) or "reinforce".
  std::string Objective() const;
  // Ok when every value is in range.
  absl::Status Validate() const;
};

// Parses a config; keys not given keep their defaults.
absl::StatusOr<RunConfig> RunConfigFromJson(std::string_view text);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_RUN_CONFIG_H_
