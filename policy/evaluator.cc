// The torch-free parts of evaluation: names, the masked softmax and the
// uniform evaluator.
#include "policy/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/check.h"
#include "base/text_util.h"
#include "policy/features.h"

namespace tengen {

absl::StatusOr<SymmetryMode> SymmetryModeFromName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "none") return SymmetryMode::kNone;
  if (lower == "random") return SymmetryMode::kRandom;
  if (lower == "average") return SymmetryMode::kAverage;
  return absl::InvalidArgumentError(
      fmt::format("unknown symmetry mode '{}': expected none, random or average", name));
}

std::string_view SymmetryModeName(SymmetryMode mode) {
  switch (mode) {
    case SymmetryMode::kNone:
      return "none";
    case SymmetryMode::kRandom:
      return "random";
    case SymmetryMode::kAverage:
      return "average";
  }
  return "?";
}

std::vector<float> MaskedSoftmax(std::span<const float> logits, const GameState& state) {
  return MaskedSoftmax(logits, LegalMoveMask(state, 0));
}

std::vector<float> MaskedSoftmax(std::span<const float> logits, std::span<const uint8_t> legal) {
  TENGEN_CHECK(legal.size() == logits.size());
  std::vector<float> policy(logits.size(), 0.0f);
  float max_logit = -std::numeric_limits<float>::infinity();
  for (size_t i = 0; i < logits.size(); ++i)
    if (legal[i]) max_logit = std::max(max_logit, logits[i]);
  double total = 0;
  for (size_t i = 0; i < logits.size(); ++i) {
    if (!legal[i]) continue;
    policy[i] = std::exp(logits[i] - max_logit);
    total += policy[i];
  }
  for (float& p : policy) p = static_cast<float>(p / total);
  return policy;
}

namespace {

class UniformEvaluator : public Evaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    std::vector<Evaluation> evaluations;
    evaluations.reserve(states.size());
    for (const GameState* state : states) {
      const int moves = state->size() * state->size() + 1;
      Evaluation evaluation;
      evaluation.logits.assign(moves, 0.0f);
      evaluation.policy = MaskedSoftmax(evaluation.logits, *state);
      evaluations.push_back(std::move(evaluation));
    }
    return evaluations;
  }
  std::string Describe() const override { return "uniform over legal moves"; }
};

}  // namespace

std::unique_ptr<Evaluator> CreateUniformEvaluator() { return std::make_unique<UniformEvaluator>(); }

}  // namespace tengen
