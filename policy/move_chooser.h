// Choosing a move from a policy: deterministic (argmax) or stochastic
// (sampling with a temperature and optional top-p). No LibTorch here.
#ifndef TENGEN_POLICY_MOVE_CHOOSER_H_
#define TENGEN_POLICY_MOVE_CHOOSER_H_

#include <cstdint>
#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "base/random.h"

namespace tengen {

enum class ChoiceMode { kArgmax, kSample };

absl::StatusOr<ChoiceMode> ChoiceModeFromName(std::string_view name);  // argmax|sample
std::string_view ChoiceModeName(ChoiceMode mode);

struct MoveChoiceOptions {
  ChoiceMode mode = ChoiceMode::kSample;
  // Temperature T for moves numbered below opening_moves (the first move is
  // number 0), then `temperature`: p_i is raised to 1/T and renormalised.
  // T = 0 means argmax; T = 1 samples the policy as it is.
  double opening_temperature = 1.0;
  int opening_moves = 0;
  double temperature = 1.0;
  // Keep only the most likely moves whose probabilities sum to at least
  // top_p (1 keeps all), before sampling.
  double top_p = 1.0;

  // Ok when temperatures are >= 0 and finite, opening_moves >= 0 and top_p
  // is in (0, 1].
  absl::Status Validate() const;
  // The temperature for move number `move_number`.
  double TemperatureAt(int move_number) const;
  // E.g. "sample, T=1 for 10 moves then T=0.5, top-p 1".
  std::string Describe() const;
};

// Index of the largest probability; ties go to the lowest index (so the
// top-left point before others, any point before pass). If every
// probability is zero, the last index (pass).
int ArgmaxMove(std::span<const float> policy);

// The probabilities actually sampled from at temperature T with top_p (for
// tests and for showing users): zero entries stay zero; sums to 1.
std::vector<double> SamplingDistribution(std::span<const float> policy, double temperature,
                                         double top_p);

class MoveChooser {
 public:
  MoveChooser(const MoveChoiceOptions& options, uint64_t seed) : options_(options), rng_(seed) {}

  // A move index for a position at move number `move_number`, drawn from
  // `policy` (probabilities over N*N + 1 moves, zero on illegal moves).
  // The same seed and calls give the same choices.
  int Choose(std::span<const float> policy, int move_number);

  const MoveChoiceOptions& options() const { return options_; }
  void set_options(const MoveChoiceOptions& options) { options_ = options; }
  void Reseed(uint64_t seed) { rng_.Seed(seed); }

 private:
  MoveChoiceOptions options_;
  Rng rng_;
};

}  // namespace tengen

#endif  // TENGEN_POLICY_MOVE_CHOOSER_H_
