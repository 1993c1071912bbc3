#include "policy/nn_benchmark.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <chrono>
#include <set>

#include "base/random.h"
#include "engine/game_state.h"
#include "policy/device.h"
#include "policy/evaluator.h"
#include "policy/inference_net.h"
#include "policy/model_internal.h"
#include "policy/move_chooser.h"
#include "policy/torch_errors.h"
#include "policy/winograd.h"

namespace tengen {
namespace {

using Clock = std::chrono::steady_clock;

// Calls `run` repeatedly for about `seconds` after a short warm-up; returns
// seconds per call.
template <typename Run>
double TimePerCall(double seconds, Run&& run) {
  for (int i = 0; i < 3; ++i) run();
  const Clock::time_point start = Clock::now();
  int64_t calls = 0;
  double elapsed = 0;
  do {
    run();
    ++calls;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return elapsed / calls;
}

}  // namespace

std::string NnFigure::ToJson() const {
  return fmt::format(
      R"({{"bench":"nn","batch":{},"dtype":"{}","evals_per_s":{:.0f},"gflops":{:.1f},"latency_ms":{:.3f},"of_fma_peak":{:.3f}}})",
      batch, PrecisionName(precision), evals_per_s, gflops, latency_ms, peak_fraction);
}

std::string NnPeak::ToJson() const {
  return fmt::format(R"({{"bench":"nn_fma_peak","kernels":"{}","gflops_per_core":{:.1f}}})",
                     kernels, gflops);
}

std::string NnCeiling::ToJson() const {
  return fmt::format(
      R"({{"bench":"nn_ceiling","dtype":"{}","batch":{},"layout":"{}","gflops":{:.1f}}})",
      PrecisionName(precision), batch, layout, gflops);
}

std::string NnAgreement::ToJson() const {
  return fmt::format(
      R"({{"bench":"nn_agreement","dtype":"{}","versus":"fp32","positions":{},"top1":{:.4f},"max_value_difference":{:.4f}}})",
      PrecisionName(precision), positions, top1, max_value_difference);
}

absl::StatusOr<NnAgreement> MeasureAgreement(const Model& model, Precision precision, int positions,
                                             uint64_t seed, const std::string& device) {
  const int size = model.metadata().config.board_size;
  // Positions from random games, from the opening to crowded boards.
  std::vector<GameState> games;
  Rng rng(seed);
  while (static_cast<int>(games.size()) < positions) {
    GameState game(size);
    const int length = static_cast<int>(rng.Below(static_cast<uint32_t>(size * size + 1)));
    for (int move = 0; move < length; ++move) {
      const std::vector<Point> legal = game.LegalMoves(game.to_move());
      if (legal.size() <= 1) break;
      (void)game.Play(legal[rng.Below(static_cast<uint32_t>(legal.size() - 1))]);
    }
    games.push_back(std::move(game));
  }
  std::vector<const GameState*> states;
  for (const GameState& game : games) states.push_back(&game);
  NnAgreement agreement{.precision = precision, .positions = positions};
  std::vector<std::vector<Evaluation>> results;
  for (Precision p : {Precision::kFloat32, precision}) {
    absl::StatusOr<std::unique_ptr<Evaluator>> evaluator = CreateNetworkEvaluator(
        model, EvaluatorOptions{.symmetry = SymmetryMode::kNone, .device = device, .precision = p});
    if (!evaluator.ok()) return evaluator.status();
    std::vector<Evaluation> all;
    for (size_t start = 0; start < states.size(); start += 64) {
      const size_t count = std::min<size_t>(64, states.size() - start);
      absl::StatusOr<std::vector<Evaluation>> batch =
          (*evaluator)->EvaluateBatch(std::span(states).subspan(start, count));
      if (!batch.ok()) return batch.status();
      for (Evaluation& e : *batch) all.push_back(std::move(e));
    }
    results.push_back(std::move(all));
  }
  int same = 0;
  for (int i = 0; i < positions; ++i) {
    same += ArgmaxMove(results[0][i].policy) == ArgmaxMove(results[1][i].policy);
    agreement.max_value_difference = std::max<double>(
        agreement.max_value_difference, std::abs(results[0][i].value - results[1][i].value));
  }
  agreement.top1 = static_cast<double>(same) / positions;
  return agreement;
}

absl::StatusOr<NnBenchmarkResult> RunNnBenchmark(const Model& model,
                                                 const NnBenchmarkOptions& options) {
  at::set_num_threads(options.threads);
  const NetworkConfig& config = model.metadata().config;
  const int n = config.board_size;
  const double flops = config.FlopsPerEvaluation();
  if (absl::Status status = CheckDevice(options.device); !status.ok()) return status;
  const torch::Device device(options.device);
  NnBenchmarkResult result;
  result.peak = {std::string(WinogradKernelName()), MeasureFmaPeakGflops(options.seconds / 4)};
  const double peak = result.peak.gflops * options.threads;
  for (Precision precision : options.precisions) {
    absl::StatusOr<std::unique_ptr<InferenceNet>> net =
        InferenceNet::Create(*NetworkOf(model), precision, device);
    if (!net.ok()) return net.status();
    absl::Status status = CatchTorchErrors("benchmarking", [&]() -> absl::Status {
      torch::NoGradGuard no_grad;
      for (int batch : options.batches) {
        // Random 0/1 planes stand in for positions: the cost does not
        // depend on the values.
        const torch::Tensor planes =
            torch::randint(0, 2, {batch, config.input_planes, n, n}).to(torch::kFloat32);
        const double seconds = TimePerCall(options.seconds, [&] { (*net)->Forward(planes); });
        const double gflops = flops * batch / seconds / 1e9;
        result.figures.push_back({batch, precision, batch / seconds, gflops, seconds * 1e3,
                                  peak > 0 ? gflops / peak : 0});
      }
      // The ceiling: one trunk convolution alone, on oneDNN, at the best of
      // the requested batch sizes and a fixed set (so it does not depend on
      // which sizes were asked for) and of both memory layouts.
      // Winograd's trunk is not oneDNN: its ceiling would repeat fp32's.
      if (precision == Precision::kWinograd) return absl::OkStatus();
      std::set<int> ceiling_batches(options.batches.begin(), options.batches.end());
      ceiling_batches.insert({8, 32, 64, 256});
      NnCeiling ceiling{.precision = precision};
      for (const torch::MemoryFormat layout :
           {torch::MemoryFormat::Contiguous, torch::MemoryFormat::ChannelsLast}) {
        const torch::Tensor weight = torch::randn({config.channels, config.channels, 3, 3})
                                         .to(device, TorchDtype(precision))
                                         .contiguous(layout);
        const torch::Tensor bias =
            torch::randn({config.channels}).to(device, TorchDtype(precision));
        for (int batch : ceiling_batches) {
          const torch::Tensor x = torch::randn({batch, config.channels, n, n})
                                      .to(device, TorchDtype(precision))
                                      .contiguous(layout);
          const double seconds = TimePerCall(options.seconds / 4, [&] {
            if (device.is_cpu()) {
              torch::mkldnn_convolution(x, weight, bias, {1, 1}, {1, 1}, {1, 1}, 1);
            } else {
              // Reading one value back waits for the GPU to finish the call.
              (void)torch::conv2d(x, weight, bias, 1, 1)[0][0][0][0].item<float>();
            }
          });
          const double gflops =
              2.0 * 9 * config.channels * config.channels * n * n * batch / seconds / 1e9;
          if (gflops > ceiling.gflops) {
            ceiling.gflops = gflops;
            ceiling.batch = batch;
            ceiling.layout = layout == torch::MemoryFormat::ChannelsLast ? "nhwc" : "nchw";
          }
        }
      }
      result.ceilings.push_back(ceiling);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
  }
  return result;
}

}  // namespace tengen
