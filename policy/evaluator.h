// Batched position evaluation: the only interface the layers above use to
// ask a network anything. No LibTorch here.
#ifndef TENGEN_POLICY_EVALUATOR_H_
#define TENGEN_POLICY_EVALUATOR_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/game_state.h"
#include "policy/precision.h"

namespace tengen {

class Model;

// How a position is evaluated with the board's 8 symmetries; applied by
// SymmetricEvaluator (policy/symmetric_evaluator.h), which says exactly how.
enum class SymmetryMode {
  kNone,     // evaluate the position as it is
  kRandom,   // one random symmetry per position, undone on the output:
             // RandomSymmetryFor(position, seed), a hash of the seed and the
             // position, so the same position always gets the same one,
             // whatever else is in the batch
  kAverage,  // all 8 symmetries; probabilities, logits and values averaged
};

absl::StatusOr<SymmetryMode> SymmetryModeFromName(std::string_view name);  // none|random|average
std::string_view SymmetryModeName(SymmetryMode mode);

struct Evaluation {
  // Probabilities over the N*N + 1 moves of the position's board (move index
  // y*N + x, pass last at N*N), in the position's own orientation. Exactly 0
  // on moves illegal for the player to move; sums to 1.
  std::vector<float> policy;
  // The network's raw logits in the same order and orientation, before the
  // legality mask (for the average mode: the mean over the 8 symmetries).
  std::vector<float> logits;
  // Expected game result in [-1, 1] for the player to move.
  float value = 0;
  // The symmetry evaluated (engine/symmetry.h index), or -1 for the average.
  int symmetry = 0;
  // The auxiliary heads (empty / 0 when the network has none, see
  // has_aux()): final ownership of the N*N points (index y*N + x, in the
  // position's own orientation) in [-1, 1], +1 = the player to move's; and
  // the expected final score margin in points for the player to move.
  std::vector<float> ownership;
  float score = 0;

  bool has_aux() const { return !ownership.empty(); }
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // Evaluates any number of positions (of any sizes) together. Not
  // thread-safe: one caller at a time.
  virtual absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) = 0;
  // One line saying what evaluates, e.g. "network 6x64 for 9x9, fp32, cpu".
  virtual std::string Describe() const = 0;
};

struct EvaluatorOptions {
  SymmetryMode symmetry = SymmetryMode::kRandom;
  // "cpu", "cuda" or "cuda:N"; cuda only where this LibTorch has CUDA.
  std::string device = "cpu";
  // Intra-op threads LibTorch may use (a process-wide setting).
  int threads = 1;
  Precision precision = Precision::kFloat32;
  // Seeds the random symmetries (RandomSymmetryFor).
  uint64_t seed = 1;
};

// Evaluates with the model's network, frozen as it is now (later training of
// the model does not change this evaluator), in options.symmetry with
// options.seed: a SymmetricEvaluator (policy/symmetric_evaluator.h) over the
// network, which applies each symmetry as it encodes the features.
absl::StatusOr<std::unique_ptr<Evaluator>> CreateNetworkEvaluator(const Model& model,
                                                                  const EvaluatorOptions& options);

// Uniform probabilities over the legal moves and value 0: a network-free
// player and a fake for tests.
std::unique_ptr<Evaluator> CreateUniformEvaluator();

// Turns logits into probabilities over the legal moves of `state`: softmax
// over the legal entries, exactly 0 elsewhere.
std::vector<float> MaskedSoftmax(std::span<const float> logits, const GameState& state);
// The same over the moves where legal[i] is nonzero (a LegalMoveMask, of the
// same length as logits).
std::vector<float> MaskedSoftmax(std::span<const float> logits, std::span<const uint8_t> legal);

}  // namespace tengen

#endif  // TENGEN_POLICY_EVALUATOR_H_
