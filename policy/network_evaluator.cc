// CreateNetworkEvaluator: batches positions by board size, applies the
// symmetry mode, runs the inference network and maps the outputs back.
#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <map>

#include "base/random.h"
#include "engine/symmetry.h"
#include "policy/evaluator.h"
#include "policy/features.h"
#include "policy/inference_net.h"
#include "policy/model_internal.h"
#include "policy/torch_errors.h"

namespace tengen {
namespace {

// One network input: position `state` under symmetry `symmetry`. The
// planes are encoded ahead only in the average mode, which orders rows by
// them; otherwise they are written straight into the input tensor.
struct Row {
  int state;
  int symmetry;
  std::vector<float> planes;
};

// Sums values in ascending order, so the same multiset of values always
// gives the same float, whatever order it came in.
float CanonicalMean(std::vector<float>& values) {
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (float v : values) sum += v;
  return static_cast<float>(sum / values.size());
}

// The "random" symmetry of a position: a hash of the seed and the position
// (stones, player to move, ko, move number), so it looks random across
// positions but does not depend on what else is in the batch; a self-play
// game is then the same whatever runs beside it.
int RandomSymmetryFor(const GameState& state, uint64_t seed) {
  uint64_t x = seed ^ state.StateHash() ^ (0x9E3779B97F4A7C15ull * (state.moves().size() + 1));
  return static_cast<int>(SplitMix64(x) % kNumSymmetries);
}

class NetworkEvaluator : public Evaluator {
 public:
  NetworkEvaluator(std::unique_ptr<InferenceNet> net, const EvaluatorOptions& options,
                   std::string description)
      : net_(std::move(net)), options_(options), description_(std::move(description)) {}

  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    return CatchTorchErrors("evaluating positions",
                            [&]() -> absl::StatusOr<std::vector<Evaluation>> {
                              std::vector<Evaluation> evaluations(states.size());
                              std::map<int, std::vector<int>> by_size;
                              for (size_t i = 0; i < states.size(); ++i)
                                by_size[states[i]->size()].push_back(static_cast<int>(i));
                              for (const auto& [size, indices] : by_size)
                                EvaluateSameSize(states, indices, size, evaluations);
                              return evaluations;
                            });
  }

  std::string Describe() const override { return description_; }

 private:
  // The (state, symmetry) pairs to evaluate, in batch order.
  std::vector<Row> MakeRows(std::span<const GameState* const> states,
                            const std::vector<int>& indices, int size) {
    std::vector<Row> rows;
    for (int index : indices) {
      const GameState& state = *states[index];
      if (options_.symmetry != SymmetryMode::kAverage) {
        const int s =
            options_.symmetry == SymmetryMode::kNone ? 0 : RandomSymmetryFor(state, options_.seed);
        rows.push_back(Row{index, s, {}});
        continue;
      }
      // All 8, in an order fixed by their content: a position and its
      // mirror image then present the network with identical batches.
      const size_t plane_floats = static_cast<size_t>(NumFeatureValues(size));
      std::vector<Row> all;
      for (int s = 0; s < kNumSymmetries; ++s) {
        Row row{index, s, std::vector<float>(plane_floats)};
        EncodeFeatures(state, s, row.planes);
        all.push_back(std::move(row));
      }
      std::stable_sort(all.begin(), all.end(),
                       [](const Row& a, const Row& b) { return a.planes < b.planes; });
      for (Row& row : all) rows.push_back(std::move(row));
    }
    return rows;
  }

  void EvaluateSameSize(std::span<const GameState* const> states, const std::vector<int>& indices,
                        int size, std::vector<Evaluation>& evaluations) {
    std::vector<Row> rows = MakeRows(states, indices, size);
    const int64_t plane_floats = static_cast<int64_t>(kNumFeaturePlanes) * size * size;
    torch::Tensor input =
        torch::empty({static_cast<int64_t>(rows.size()), kNumFeaturePlanes, size, size});
    float* data = input.data_ptr<float>();
    for (size_t r = 0; r < rows.size(); ++r) {
      const std::span<float> slot(data + r * plane_floats, plane_floats);
      if (rows[r].planes.empty()) {
        EncodeFeatures(*states[rows[r].state], rows[r].symmetry, slot);
      } else {
        std::copy(rows[r].planes.begin(), rows[r].planes.end(), slot.begin());
      }
    }
    const PolicyValueOutput output = net_->Forward(input);
    const torch::Tensor logits = output.policy_logits.contiguous();
    const torch::Tensor values = output.value.contiguous();
    const float* logit_data = logits.data_ptr<float>();
    const float* value_data = values.data_ptr<float>();
    const int moves = size * size + 1;

    // Per state: the rows' logits mapped back to the state's orientation.
    std::map<int, std::vector<std::pair<std::vector<float>, float>>> results;
    for (size_t r = 0; r < rows.size(); ++r) {
      std::vector<float> oriented(moves);
      for (int i = 0; i < moves; ++i)
        oriented[i] = logit_data[r * moves + ApplySymmetryToMoveIndex(rows[r].symmetry, i, size)];
      results[rows[r].state].emplace_back(std::move(oriented), value_data[r]);
    }
    for (auto& [index, outputs] : results) {
      Evaluation& evaluation = evaluations[index];
      const GameState& state = *states[index];
      if (outputs.size() == 1) {
        evaluation.logits = std::move(outputs[0].first);
        evaluation.policy = MaskedSoftmax(evaluation.logits, state);
        evaluation.value = outputs[0].second;
        evaluation.symmetry =
            rows[std::find_if(rows.begin(), rows.end(),
                              [&](const Row& row) { return row.state == index; }) -
                 rows.begin()]
                .symmetry;
        continue;
      }
      std::vector<std::vector<float>> probabilities;
      for (const auto& [row_logits, value] : outputs)
        probabilities.push_back(MaskedSoftmax(row_logits, state));
      evaluation.policy.resize(moves);
      evaluation.logits.resize(moves);
      std::vector<float> column;
      for (int i = 0; i < moves; ++i) {
        column.clear();
        for (const auto& p : probabilities) column.push_back(p[i]);
        evaluation.policy[i] = CanonicalMean(column);
        column.clear();
        for (const auto& o : outputs) column.push_back(o.first[i]);
        evaluation.logits[i] = CanonicalMean(column);
      }
      column.clear();
      for (const auto& o : outputs) column.push_back(o.second);
      evaluation.value = CanonicalMean(column);
      evaluation.symmetry = -1;
    }
  }

  std::unique_ptr<InferenceNet> net_;
  EvaluatorOptions options_;
  std::string description_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Evaluator>> CreateNetworkEvaluator(const Model& model,
                                                                  const EvaluatorOptions& options) {
  if (options.threads < 1 || options.threads > 1024)
    return absl::InvalidArgumentError(
        fmt::format("threads must be 1 or more, not {}", options.threads));
  absl::StatusOr<torch::Device> device = CatchTorchErrors(
      "device", [&]() -> absl::StatusOr<torch::Device> { return torch::Device(options.device); });
  if (!device.ok())
    return absl::InvalidArgumentError(
        fmt::format("unknown device '{}': expected cpu, cuda or cuda:N", options.device));
  at::set_num_threads(options.threads);
  PolicyValueNet network = NetworkOf(model);
  absl::StatusOr<std::unique_ptr<InferenceNet>> net =
      InferenceNet::Create(*network, options.precision, *device);
  if (!net.ok()) return net.status();
  std::string description = fmt::format(
      "network {}, {}, {}, symmetry {}, {} thread{}", model.metadata().config.Describe(),
      PrecisionName(options.precision), options.device, SymmetryModeName(options.symmetry),
      options.threads, options.threads == 1 ? "" : "s");
  return std::unique_ptr<Evaluator>(
      std::make_unique<NetworkEvaluator>(std::move(*net), options, std::move(description)));
}

}  // namespace tengen
