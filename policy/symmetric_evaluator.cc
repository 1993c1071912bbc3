#include "policy/symmetric_evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>

#include "base/check.h"
#include "base/random.h"
#include "engine/symmetry.h"
#include "policy/features.h"

namespace tengen {
namespace {

// Sums in ascending order, so the same values in any order give the same
// float.
float CanonicalMean(std::vector<float>& values) {
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (float v : values) sum += v;
  return static_cast<float>(sum / static_cast<double>(values.size()));
}

// `image` is an evaluation of ApplySymmetry(s, state); entry i of the result
// belongs to move i of the state, whose image is move s(i). Works for the
// N*N + 1 moves and for the N*N points (ownership) alike.
void Unmap(int s, int size, std::vector<float>& image) {
  if (s == 0 || image.empty()) return;
  std::vector<float> out(image.size());
  for (int i = 0; i < static_cast<int>(image.size()); ++i)
    out[i] = image[ApplySymmetryToMoveIndex(s, i, size)];
  image = std::move(out);
}

// The 8 symmetries in the order of the feature planes of their images
// (ties, which are identical images, in index order): an order fixed by the
// images' content, the same for a position and its mirror image. The planes
// come from one encoding, moved as policy/features.h promises.
std::array<int, kNumSymmetries> CanonicalOrder(const GameState& state) {
  const int size = state.size();
  std::vector<float> encoded(NumFeatureValues(size));
  EncodeFeatures(state, 0, encoded);
  const std::vector<uint8_t> planes(encoded.begin(), encoded.end());  // all 0 or 1
  std::array<std::vector<uint8_t>, kNumSymmetries> images;
  for (int s = 0; s < kNumSymmetries; ++s) {
    images[s].resize(planes.size());
    ApplySymmetryToPlanes<uint8_t>(s, kNumFeaturePlanes, size, planes, images[s]);
  }
  std::array<int, kNumSymmetries> order;
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return images[a] < images[b]; });
  return order;
}

// The mean of the 8 image evaluations of one position, mapped back to its
// orientation; logits (and ownership and score) only when every image has
// them.
Evaluation Average(std::span<const OrientedPosition> images, std::span<const Evaluation> results,
                   int size) {
  const int moves = size * size + 1;
  const bool with_logits = std::all_of(results.begin(), results.end(), [&](const Evaluation& e) {
    return static_cast<int>(e.logits.size()) == moves;
  });
  Evaluation mean;
  mean.policy.resize(moves);
  if (with_logits) mean.logits.resize(moves);
  std::vector<float> column(results.size());
  for (int i = 0; i < moves; ++i) {
    for (size_t k = 0; k < results.size(); ++k)
      column[k] = results[k].policy[ApplySymmetryToMoveIndex(images[k].symmetry, i, size)];
    mean.policy[i] = CanonicalMean(column);
    if (!with_logits) continue;
    for (size_t k = 0; k < results.size(); ++k)
      column[k] = results[k].logits[ApplySymmetryToMoveIndex(images[k].symmetry, i, size)];
    mean.logits[i] = CanonicalMean(column);
  }
  for (size_t k = 0; k < results.size(); ++k) column[k] = results[k].value;
  mean.value = CanonicalMean(column);
  mean.symmetry = -1;
  const bool with_aux = std::all_of(results.begin(), results.end(), [&](const Evaluation& e) {
    return static_cast<int>(e.ownership.size()) == size * size;
  });
  if (!with_aux) return mean;
  mean.ownership.resize(size * size);
  for (int i = 0; i < size * size; ++i) {
    for (size_t k = 0; k < results.size(); ++k)
      column[k] = results[k].ownership[ApplySymmetryToMoveIndex(images[k].symmetry, i, size)];
    mean.ownership[i] = CanonicalMean(column);
  }
  for (size_t k = 0; k < results.size(); ++k) column[k] = results[k].score;
  mean.score = CanonicalMean(column);
  return mean;
}

}  // namespace

int RandomSymmetryFor(const GameState& state, uint64_t seed) {
  const uint64_t position = DeriveSeed(seed, "random-symmetry", state.StateHash());
  const uint64_t key =
      DeriveSeed(position, "random-symmetry", static_cast<uint64_t>(state.move_number()));
  return static_cast<int>(key % kNumSymmetries);
}

SymmetricEvaluator::SymmetricEvaluator(std::unique_ptr<Evaluator> inner, SymmetryMode mode,
                                       uint64_t seed)
    : inner_(std::move(inner)), mode_(mode), seed_(seed) {
  TENGEN_CHECK(inner_ != nullptr);
  if (auto* wrapped = dynamic_cast<SymmetricEvaluator*>(inner_.get())) {
    std::unique_ptr<Evaluator> unwrapped = std::move(wrapped->inner_);
    inner_ = std::move(unwrapped);
  }
  oriented_ = dynamic_cast<OrientedEvaluator*>(inner_.get());
}

std::string SymmetricEvaluator::Describe() const {
  return fmt::format("{}, symmetry {}", inner_->Describe(), SymmetryModeName(mode_));
}

absl::StatusOr<std::vector<Evaluation>> SymmetricEvaluator::EvaluateBatch(
    std::span<const GameState* const> states) {
  return EvaluateBatch(states, mode_);
}

absl::StatusOr<std::vector<Evaluation>> SymmetricEvaluator::EvaluateImages(
    std::span<const OrientedPosition> images) {
  if (oriented_ != nullptr) return oriented_->EvaluateOriented(images);
  std::vector<GameState> copies;  // the images other than identities
  copies.reserve(images.size());
  std::vector<const GameState*> batch;
  batch.reserve(images.size());
  for (const OrientedPosition& image : images) {
    if (image.symmetry == 0) {
      batch.push_back(image.state);
    } else {
      copies.push_back(ApplySymmetry(image.symmetry, *image.state));
      batch.push_back(&copies.back());
    }
  }
  return inner_->EvaluateBatch(batch);
}

absl::StatusOr<std::vector<Evaluation>> SymmetricEvaluator::EvaluateBatch(
    std::span<const GameState* const> states, SymmetryMode mode) {
  if (mode == SymmetryMode::kNone) {
    absl::StatusOr<std::vector<Evaluation>> results = inner_->EvaluateBatch(states);
    if (results.ok())
      for (Evaluation& evaluation : *results) evaluation.symmetry = 0;
    return results;
  }
  const size_t per_state = mode == SymmetryMode::kAverage ? kNumSymmetries : 1;
  std::vector<OrientedPosition> images;
  images.reserve(states.size() * per_state);
  for (const GameState* state : states) {
    if (mode == SymmetryMode::kRandom) {
      images.push_back({state, RandomSymmetryFor(*state, seed_)});
    } else {
      for (int s : CanonicalOrder(*state)) images.push_back({state, s});
    }
  }
  absl::StatusOr<std::vector<Evaluation>> results = EvaluateImages(images);
  if (!results.ok()) return results.status();
  TENGEN_CHECK(results->size() == images.size());
  std::vector<Evaluation> evaluations;
  evaluations.reserve(states.size());
  for (size_t i = 0; i < states.size(); ++i) {
    const int size = states[i]->size();
    const std::span<const OrientedPosition> mine(images.data() + i * per_state, per_state);
    const std::span<Evaluation> answers(results->data() + i * per_state, per_state);
    for (const Evaluation& answer : answers)
      TENGEN_CHECK(static_cast<int>(answer.policy.size()) == size * size + 1);
    if (per_state == kNumSymmetries) {
      evaluations.push_back(Average(mine, answers, size));
      continue;
    }
    Evaluation& evaluation = answers[0];
    Unmap(mine[0].symmetry, size, evaluation.policy);
    Unmap(mine[0].symmetry, size, evaluation.logits);
    Unmap(mine[0].symmetry, size, evaluation.ownership);
    evaluation.symmetry = mine[0].symmetry;
    evaluations.push_back(std::move(evaluation));
  }
  return evaluations;
}

}  // namespace tengen
