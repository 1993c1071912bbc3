// Deterministic stand-ins for the policy network, for tests that need an
// evaluator but no LibTorch.
#ifndef TENGEN_TESTS_SUPPORT_FAKE_EVALUATORS_H_
#define TENGEN_TESTS_SUPPORT_FAKE_EVALUATORS_H_

#include <cmath>
#include <cstdint>
#include <numeric>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/game_state.h"
#include "engine/point.h"
#include "engine/scoring.h"
#include "policy/evaluator.h"

namespace tengen {

// An evaluator whose probabilities differ from move to move, so a policy
// vector moved to the wrong place is noticed: over the legal moves, point
// (x, y) gets weight 1 + x + 2 * size * y + (the position's move count mod
// 3), pass weight 0.5; then normalised. Its value is a fixed function of
// the move count in (-1, 1). Deterministic.
class GradedEvaluator : public Evaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    std::vector<Evaluation> out;
    for (const GameState* state : states) {
      const int n = state->size();
      Evaluation e;
      e.policy.assign(n * n + 1, 0.0f);
      e.logits.assign(n * n + 1, 0.0f);
      const int shift = static_cast<int>(state->moves().size() % 3);
      double total = 0;
      for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
          if (state->IsLegal(MakePoint(x, y, n))) {
            e.policy[y * n + x] = static_cast<float>(1 + x + 2 * n * y + shift);
            total += e.policy[y * n + x];
          }
      e.policy[n * n] = 0.5f;
      total += 0.5;
      for (float& p : e.policy) p = static_cast<float>(p / total);
      e.value = static_cast<float>(((state->moves().size() * 7) % 19) / 10.0 - 0.9);
      out.push_back(std::move(e));
    }
    return out;
  }
  std::string Describe() const override { return "graded fake"; }
};

// Uniform logits (pass a little lower) and value tanh(margin / scale) for
// the player to move, margin by the area score: enough for a search to read
// captures. Its auxiliary heads are exact for the board as it stands: the
// area ownership (+1 the mover's, -1 the opponent's, 0 neutral) and the
// margin for the mover. Counts calls and batch sizes.
class ScoreEvaluator : public Evaluator {
 public:
  explicit ScoreEvaluator(double scale = 4) : scale_(scale) {}
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    batch_sizes.push_back(static_cast<int>(states.size()));
    std::vector<Evaluation> out;
    for (const GameState* state : states) {
      const int n = state->size();
      Evaluation e;
      e.logits.assign(n * n + 1, 0.0f);
      e.logits[n * n] = -1.0f;
      e.policy = MaskedSoftmax(e.logits, *state);
      const double margin = ScoreArea(state->board(), state->rules().komi).Margin();
      const double mover = state->to_move() == Color::kBlack ? margin : -margin;
      e.value = static_cast<float>(std::tanh(mover / scale_));
      e.score = static_cast<float>(mover);
      const std::vector<Color> owner = AreaOwnership(state->board());
      e.ownership.assign(n * n, 0.0f);
      for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
          const Color c = owner[MakePoint(x, y, n)];
          if (c == Color::kBlack || c == Color::kWhite)
            e.ownership[y * n + x] = c == state->to_move() ? 1.0f : -1.0f;
        }
      out.push_back(std::move(e));
    }
    return out;
  }
  std::string Describe() const override { return "score evaluator"; }
  int64_t positions() const { return std::accumulate(batch_sizes.begin(), batch_sizes.end(), 0); }
  std::vector<int> batch_sizes;

 private:
  double scale_;
};

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

#endif  // TENGEN_TESTS_SUPPORT_FAKE_EVALUATORS_H_
