// `tengen bench selfplay` and `tengen bench train`.
#ifndef TENGEN_SELFPLAY_BENCHMARKS_H_
#define TENGEN_SELFPLAY_BENCHMARKS_H_

#include <string>

#include "absl/status/statusor.h"
#include "policy/evaluator.h"
#include "policy/model.h"

namespace tengen {

struct SelfPlayBenchmarkOptions {
  int parallel = 64;  // games stepped together = the batch size
  double seconds = 10;
  EvaluatorOptions evaluator;
};

struct SelfPlayBenchmarkResult {
  int parallel = 0;
  Precision precision = Precision::kFloat32;  // the evaluator's, after `auto` was resolved
  double positions_per_s = 0;                 // self-play moves (evaluated positions) per second
  double nn_evals_per_s = 0;  // the evaluator alone at the same batch size, same run
  std::string ToJson() const;
};

// Self-play with the model, timed for `seconds` after a short warm-up, in
// one-second slices alternating with the evaluator alone on batches of
// positions self-play met, timed for as long. Games run on across slices,
// so every stage of a game is in both figures.
absl::StatusOr<SelfPlayBenchmarkResult> RunSelfPlayBenchmark(
    const Model& model, const SelfPlayBenchmarkOptions& options);

struct TrainBenchmarkOptions {
  int batch = 256;
  int threads = 1;
  double seconds = 10;
};

struct TrainBenchmarkResult {
  int batch = 0;
  int threads = 0;
  double samples_per_s = 0;
  std::string ToJson() const;
};

// Training steps (policy gradient + value loss, SGD, augmentation) on
// self-play-like positions for `seconds`; a copy of the model is trained.
absl::StatusOr<TrainBenchmarkResult> RunTrainBenchmark(const Model& model,
                                                       const TrainBenchmarkOptions& options);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_BENCHMARKS_H_
