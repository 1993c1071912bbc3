// Settings of `tengen run`, the self-play training loop: read from a JSON
// file, every key optional (defaults below are the embedded config the
// README's first command runs: 9x9, a small network, about ten minutes on
// two cores). Unknown keys are errors, so typos do not pass silently.
#ifndef TENGEN_SELFPLAY_RUN_CONFIG_H_
#define TENGEN_SELFPLAY_RUN_CONFIG_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "engine/rules.h"
#include "policy/network_config.h"

namespace tengen {

struct RunConfig {
  int generations = 10;  // then stop (0: run until Ctrl-C)
  uint64_t seed = 1;
  std::string rules = "chinese";
  double komi = 7.5;
  NetworkConfig network{.board_size = 9, .blocks = 4, .channels = 32};

  struct SelfPlay {
    int games = 1024;   // per generation
    int parallel = 64;  // games per batch in each worker
    int workers = 2;    // local worker processes
    double temperature = 1.0;
    int opening_moves = 0;
    double opening_temperature = 1.0;
    std::string symmetry = "random";
    std::string precision = "fp32";
  } selfplay;

  struct Train {
    int64_t steps = 200;  // per generation
    int batch = 512;
    std::string optimizer = "sgd";
    double lr = 0.003;
    double momentum = 0.9;
    double weight_decay = 1e-4;
    std::string schedule = "constant";
    double value_weight = 1.0;
    double entropy_bonus = 0.02;  // keeps self-play diverse
    int window_generations = 1;   // train on the newest this many generations (1: on-policy)
    int threads = 2;
    int checkpoint_every = 50;
    std::string device = "cpu";  // or cuda where this LibTorch has it
  } train;

  struct Evaluate {
    int games = 64;              // candidate against the current best
    double promote_above = 0.5;  // promote when its score rate is above this
    int games_vs_random = 32;    // metrics: against a uniform random player
    int games_vs_first = 32;     // metrics: against generation 0
    double temperature = 1.0;    // both sides sample their moves
  } evaluate;

  JsonValue ToJson() const;
  // Ok when every value is in range.
  absl::Status Validate() const;
};

// Parses a config; keys not given keep their defaults.
absl::StatusOr<RunConfig> RunConfigFromJson(std::string_view text);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_RUN_CONFIG_H_
