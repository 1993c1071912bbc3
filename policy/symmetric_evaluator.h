// The symmetry modes (SymmetryMode) on top of any Evaluator, in one place:
// the network evaluator (CreateNetworkEvaluator) and the GTP engine both
// evaluate through a SymmetricEvaluator. No LibTorch here.
#ifndef TENGEN_POLICY_SYMMETRIC_EVALUATOR_H_
#define TENGEN_POLICY_SYMMETRIC_EVALUATOR_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/game_state.h"
#include "policy/evaluator.h"

namespace tengen {

// The symmetry (engine/symmetry.h index) that SymmetryMode::kRandom gives
// `state` with `seed`: a hash of the seed, the position (GameState::
// StateHash: stones, player to move, ko) and its move number (GameState::
// move_number, so a WithRecentHistory copy gets the same one), through
// DeriveSeed(seed, "random-symmetry", ...). It looks random across
// positions and seeds, but the same position and seed always get the same
// symmetry, whatever else is in the batch, so a self-play game does not
// depend on the games evaluated beside it.
int RandomSymmetryFor(const GameState& state, uint64_t seed);

// One position to evaluate as its image under a symmetry:
// ApplySymmetry(symmetry, *state) (engine/symmetry.h).
struct OrientedPosition {
  const GameState* state;
  int symmetry;
};

// An evaluator that evaluates symmetric images of positions without
// building them (the network evaluator encodes the features with the
// symmetry applied), so SymmetricEvaluator need not copy and replay the
// game (ApplySymmetry on a GameState does). SymmetricEvaluator uses this
// interface when its inner evaluator has it.
class OrientedEvaluator : public Evaluator {
 public:
  // Evaluation i is what EvaluateBatch would give for the image
  // ApplySymmetry(positions[i].symmetry, *positions[i].state): in the
  // image's orientation, with symmetry 0. One call, as EvaluateBatch.
  virtual absl::StatusOr<std::vector<Evaluation>> EvaluateOriented(
      std::span<const OrientedPosition> positions) = 0;
};

// Evaluates through an inner evaluator (which evaluates positions as they
// are) in a symmetry mode:
// - kNone: the positions as they are; symmetry 0.
// - kRandom: each position's image under RandomSymmetryFor(state, seed).
// - kAverage: all 8 images; policy, logits, value, ownership and score are
//   the means, each summed in ascending order, so that a position and its
//   mirror image get exactly mirrored results. The 8 images of a position go to the inner
//   evaluator in the order of their feature planes (policy/features.h), so
//   mirrored positions present it with identical batches. Symmetry -1.
// Results are in each position's own orientation, as Evaluation documents.
// A batch of n positions is one inner EvaluateBatch (or EvaluateOriented)
// call of n images, or 8n for kAverage, in the order of the positions. Not
// thread-safe, as Evaluator.
class SymmetricEvaluator : public Evaluator {
 public:
  // Wrapping a SymmetricEvaluator wraps its inner evaluator instead: modes
  // do not stack, the new one replaces the old.
  SymmetricEvaluator(std::unique_ptr<Evaluator> inner, SymmetryMode mode, uint64_t seed);

  // In mode().
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override;
  // In `mode`, for callers that change it per call (the GTP engine when time
  // is short).
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(std::span<const GameState* const> states,
                                                        SymmetryMode mode);
  // The inner evaluator's line, then ", symmetry <mode>".
  std::string Describe() const override;

  SymmetryMode mode() const { return mode_; }
  void set_mode(SymmetryMode mode) { mode_ = mode; }
  uint64_t seed() const { return seed_; }
  void set_seed(uint64_t seed) { seed_ = seed; }
  const Evaluator& inner() const { return *inner_; }

 private:
  // The inner evaluations of the images, in order, in their orientation.
  absl::StatusOr<std::vector<Evaluation>> EvaluateImages(std::span<const OrientedPosition> images);

  std::unique_ptr<Evaluator> inner_;
  OrientedEvaluator* oriented_;  // inner_ when it is one, else null
  SymmetryMode mode_;
  uint64_t seed_;
};

}  // namespace tengen

#endif  // TENGEN_POLICY_SYMMETRIC_EVALUATOR_H_
