// The network benchmark: evaluations per second by batch size and precision,
// and, in the same run, the raw 3x3 convolution throughput of the same
// LibTorch at the network's shape as the ceiling to compare with.
#ifndef TENGEN_POLICY_NN_BENCHMARK_H_
#define TENGEN_POLICY_NN_BENCHMARK_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "policy/precision.h"

namespace tengen {

class Model;

struct NnBenchmarkOptions {
  std::vector<int> batches = {1, 2, 8, 64};
  std::vector<Precision> precisions = {Precision::kFloat32};
  double seconds = 2.0;  // per figure
  int threads = 1;
  std::string device = "cpu";  // "cpu", "cuda" or "cuda:N"
};

struct NnFigure {
  int batch = 0;
  Precision precision = Precision::kFloat32;
  double evals_per_s = 0;
  double gflops = 0;
  double latency_ms = 0;  // per forward call of the whole batch
  // gflops (the network's direct-convolution FLOPs x evaluations/s, so a
  // Winograd path counts the multiplies it saved) over the FMA peak.
  double peak_fraction = 0;
  std::string ToJson() const;
};

// One core's fused multiply-add peak, measured in the same run.
struct NnPeak {
  std::string kernels;  // the widest vectors used: "avx512", "avx2" or "generic"
  double gflops = 0;
  std::string ToJson() const;
};

struct NnCeiling {
  Precision precision = Precision::kFloat32;
  int batch = 0;
  std::string layout;  // "nchw" or "nhwc": the memory layout that was fastest
  double gflops = 0;
  std::string ToJson() const;
};

struct NnBenchmarkResult {
  std::vector<NnFigure> figures;
  std::vector<NnCeiling> ceilings;  // one per precision
  NnPeak peak;
};

struct NnAgreement {
  Precision precision = Precision::kBFloat16;
  int positions = 0;
  double top1 = 0;  // fraction of positions whose argmax move equals fp32's
  double max_value_difference = 0;
  std::string ToJson() const;
};

// Compares `precision` with float32 on `positions` positions from seeded
// random games of the model's board size (symmetry none, same weights).
absl::StatusOr<NnAgreement> MeasureAgreement(const Model& model, Precision precision, int positions,
                                             uint64_t seed, const std::string& device = "cpu");

// Measures the FMA peak (per thread: the figures use options.threads
// threads, so the fraction is over threads x one core's peak), then full evaluations (feature
// planes in on the CPU, policy and value back on the CPU) through the inference path on
// `options.device`, on random planes of the model's board size. The ceiling is the fastest single
// 3x3 channels->channels convolution over the batch sizes asked for and 8, 32, 64 and 256, in
// either memory layout (oneDNN on the CPU, torch::conv2d on CUDA). Errors when the device or a
// precision cannot run.
absl::StatusOr<NnBenchmarkResult> RunNnBenchmark(const Model& model,
                                                 const NnBenchmarkOptions& options);

}  // namespace tengen

#endif  // TENGEN_POLICY_NN_BENCHMARK_H_
