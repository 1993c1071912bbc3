// A deterministic stand-in for the policy network, for the GTP tests and the
// GTP fuzz target: no LibTorch, the same answer for the same position, and
// deliberately not symmetric, so that symmetry handling shows.
#ifndef TENGEN_TESTS_GTP_FAKE_EVALUATOR_H_
#define TENGEN_TESTS_GTP_FAKE_EVALUATOR_H_

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "policy/evaluator.h"

namespace tengen {

// Logits prefer points near the centre and lean towards the bottom-right
// (so no two points tie), pass gets -3; probabilities are the masked
// softmax. The value is tanh((own stones - opponent stones) / 10), for the
// player to move. Each call's batch size is appended to *batch_sizes when
// it is given.
class FakeEvaluator : public Evaluator {
 public:
  explicit FakeEvaluator(std::vector<int>* batch_sizes = nullptr) : batch_sizes_(batch_sizes) {}

  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    if (batch_sizes_ != nullptr) batch_sizes_->push_back(static_cast<int>(states.size()));
    std::vector<Evaluation> evaluations;
    for (const GameState* state : states) evaluations.push_back(Evaluate(*state));
    return evaluations;
  }

  std::string Describe() const override { return "fake evaluator"; }

  static Evaluation Evaluate(const GameState& state) {
    const int n = state.size();
    const double centre = (n - 1) / 2.0;
    Evaluation evaluation;
    evaluation.logits.resize(n * n + 1);
    int balance = 0;
    for (int y = 0; y < n; ++y) {
      for (int x = 0; x < n; ++x) {
        evaluation.logits[y * n + x] = static_cast<float>(
            -0.4 * (std::abs(x - centre) + std::abs(y - centre)) + 0.05 * x + 0.013 * y);
        const Color c = state.board().At(state.board().PointAt(x, y));
        if (IsPlayer(c)) balance += c == state.to_move() ? 1 : -1;
      }
    }
    evaluation.logits[n * n] = -3.0f;
    evaluation.policy = MaskedSoftmax(evaluation.logits, state);
    evaluation.value = static_cast<float>(std::tanh(balance / 10.0));
    return evaluation;
  }

 private:
  std::vector<int>* batch_sizes_;
};

}  // namespace tengen

#endif  // TENGEN_TESTS_GTP_FAKE_EVALUATOR_H_
