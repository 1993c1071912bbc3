#include "gtp/symmetric_evaluation.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "base/check.h"
#include "engine/symmetry.h"

namespace tengen {
namespace {

// Sums in ascending order, so the same values in any order give the same float.
float CanonicalMean(std::vector<float>& values) {
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (float v : values) sum += v;
  return static_cast<float>(sum / static_cast<double>(values.size()));
}

// `image` is the evaluation of ApplySymmetry(s, state); entry i of the
// result belongs to move i of the state, whose image is move s(i).
std::vector<float> Unmap(int s, int size, const std::vector<float>& image) {
  std::vector<float> out(image.size());
  for (int i = 0; i < static_cast<int>(image.size()); ++i)
    out[i] = image[ApplySymmetryToMoveIndex(s, i, size)];
  return out;
}

absl::StatusOr<Evaluation> EvaluateImage(Evaluator& evaluator, const GameState& state, int s) {
  std::optional<GameState> image;
  if (s != 0) image.emplace(ApplySymmetry(s, state));
  const GameState* batch[] = {image ? &*image : &state};
  absl::StatusOr<std::vector<Evaluation>> result = evaluator.EvaluateBatch(batch);
  if (!result.ok()) return result.status();
  TENGEN_CHECK(result->size() == 1);
  Evaluation evaluation = std::move((*result)[0]);
  TENGEN_CHECK(static_cast<int>(evaluation.policy.size()) == state.size() * state.size() + 1);
  evaluation.policy = Unmap(s, state.size(), evaluation.policy);
  if (!evaluation.logits.empty()) evaluation.logits = Unmap(s, state.size(), evaluation.logits);
  evaluation.symmetry = s;
  return evaluation;
}

absl::StatusOr<Evaluation> EvaluateAverage(Evaluator& evaluator, const GameState& state) {
  std::vector<GameState> images;
  images.reserve(kNumSymmetries);
  for (int s = 0; s < kNumSymmetries; ++s) images.push_back(ApplySymmetry(s, state));
  std::vector<const GameState*> batch;
  for (const GameState& image : images) batch.push_back(&image);
  absl::StatusOr<std::vector<Evaluation>> results = evaluator.EvaluateBatch(batch);
  if (!results.ok()) return results.status();
  TENGEN_CHECK(static_cast<int>(results->size()) == kNumSymmetries);
  std::vector<std::vector<float>> policies, logits;
  std::vector<float> values;
  for (int s = 0; s < kNumSymmetries; ++s) {
    const Evaluation& image = (*results)[s];
    TENGEN_CHECK(image.policy.size() == (*results)[0].policy.size());
    policies.push_back(Unmap(s, state.size(), image.policy));
    if (!image.logits.empty()) logits.push_back(Unmap(s, state.size(), image.logits));
    values.push_back(image.value);
  }
  auto mean_of = [](const std::vector<std::vector<float>>& rows) {
    std::vector<float> mean(rows.empty() ? 0 : rows[0].size());
    std::vector<float> column;
    for (size_t i = 0; i < mean.size(); ++i) {
      column.clear();
      for (const std::vector<float>& row : rows) column.push_back(row[i]);
      mean[i] = CanonicalMean(column);
    }
    return mean;
  };
  Evaluation evaluation;
  evaluation.policy = mean_of(policies);
  if (logits.size() == policies.size()) evaluation.logits = mean_of(logits);
  evaluation.value = CanonicalMean(values);
  evaluation.symmetry = -1;
  return evaluation;
}

}  // namespace

absl::StatusOr<Evaluation> EvaluateWithSymmetry(Evaluator& evaluator, const GameState& state,
                                                SymmetryMode mode, Rng& rng) {
  switch (mode) {
    case SymmetryMode::kNone:
      return EvaluateImage(evaluator, state, 0);
    case SymmetryMode::kRandom:
      return EvaluateImage(evaluator, state, static_cast<int>(rng.Below(kNumSymmetries)));
    case SymmetryMode::kAverage:
      return EvaluateAverage(evaluator, state);
  }
  TENGEN_CHECK(false);
  return absl::InternalError("unreachable");
}

}  // namespace tengen
