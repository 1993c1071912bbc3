// Symmetry modes on top of any Evaluator, chosen per call: the GTP engine
// switches between them at run time (tengen-symmetry, and time control
// degrading "average" when a move must be fast), which an evaluator's fixed
// EvaluatorOptions::symmetry cannot do.
#ifndef TENGEN_GTP_SYMMETRIC_EVALUATION_H_
#define TENGEN_GTP_SYMMETRIC_EVALUATION_H_

#include "absl/status/statusor.h"
#include "base/random.h"
#include "engine/game_state.h"
#include "policy/evaluator.h"

namespace tengen {

// Evaluates `state` with `mode`, asking `evaluator` about mirrored copies of
// the position (engine/symmetry.h ApplySymmetry) and mapping the answers
// back, so the evaluator itself must evaluate positions as they are
// (EvaluatorOptions::symmetry = kNone for a network evaluator).
// - kNone: one evaluation of the position; symmetry 0.
// - kRandom: one evaluation of the image under a symmetry drawn from rng.
// - kAverage: the 8 images in one batch; policy, logits and value are the
//   means, summed in ascending order so that mirrored positions give
//   exactly mirrored results; symmetry -1.
// The result is in the position's own orientation, as Evaluation documents.
absl::StatusOr<Evaluation> EvaluateWithSymmetry(Evaluator& evaluator, const GameState& state,
                                                SymmetryMode mode, Rng& rng);

}  // namespace tengen

#endif  // TENGEN_GTP_SYMMETRIC_EVALUATION_H_
