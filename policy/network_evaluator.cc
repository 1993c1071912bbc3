// CreateNetworkEvaluator: a SymmetricEvaluator (policy/symmetric_evaluator.h)
// over the network evaluator here, which batches positions by board size,
// encodes each with its symmetry applied, and runs the inference network.
#include <fmt/format.h>
#include <torch/torch.h>

#include <map>

#include "policy/evaluator.h"
#include "policy/features.h"
#include "policy/inference_net.h"
#include "policy/model_internal.h"
#include "policy/symmetric_evaluator.h"
#include "policy/torch_errors.h"

namespace tengen {
namespace {

class NetworkEvaluator : public OrientedEvaluator {
 public:
  NetworkEvaluator(std::unique_ptr<InferenceNet> net, std::string description)
      : net_(std::move(net)), description_(std::move(description)) {}

  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    std::vector<OrientedPosition> positions;
    positions.reserve(states.size());
    for (const GameState* state : states) positions.push_back({state, 0});
    return EvaluateOriented(positions);
  }

  absl::StatusOr<std::vector<Evaluation>> EvaluateOriented(
      std::span<const OrientedPosition> positions) override {
    return CatchTorchErrors("evaluating positions",
                            [&]() -> absl::StatusOr<std::vector<Evaluation>> {
                              std::vector<Evaluation> evaluations(positions.size());
                              std::map<int, std::vector<int>> by_size;
                              for (size_t i = 0; i < positions.size(); ++i)
                                by_size[positions[i].state->size()].push_back(static_cast<int>(i));
                              for (const auto& [size, indices] : by_size)
                                EvaluateSameSize(positions, indices, size, evaluations);
                              return evaluations;
                            });
  }

  std::string Describe() const override { return description_; }

 private:
  // Evaluates positions[indices] (all of board size `size`) as one network
  // batch, in the order of `indices`.
  void EvaluateSameSize(std::span<const OrientedPosition> positions,
                        const std::vector<int>& indices, int size,
                        std::vector<Evaluation>& evaluations) {
    const int64_t rows = static_cast<int64_t>(indices.size());
    const int64_t plane_floats = NumFeatureValues(size);
    torch::Tensor input = torch::empty({rows, kNumFeaturePlanes, size, size});
    float* data = input.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r) {
      const OrientedPosition& position = positions[indices[r]];
      EncodeFeatures(*position.state, position.symmetry,
                     std::span<float>(data + r * plane_floats, plane_floats));
    }
    const PolicyValueOutput output = net_->Forward(input);
    const torch::Tensor logits = output.policy_logits.contiguous();
    const torch::Tensor values = output.value.contiguous();
    const float* logit_data = logits.data_ptr<float>();
    const float* value_data = values.data_ptr<float>();
    const bool aux = output.ownership.defined();
    const torch::Tensor ownership = aux ? output.ownership.contiguous() : torch::Tensor();
    const torch::Tensor score = aux ? output.score.contiguous() : torch::Tensor();
    const int moves = size * size + 1, points = size * size;
    for (int64_t r = 0; r < rows; ++r) {
      const OrientedPosition& position = positions[indices[r]];
      Evaluation& evaluation = evaluations[indices[r]];
      // The network saw the image: its outputs are in the image's
      // orientation, and so is the legality mask they are softmaxed under.
      evaluation.logits.assign(logit_data + r * moves, logit_data + (r + 1) * moves);
      evaluation.policy =
          MaskedSoftmax(evaluation.logits, LegalMoveMask(*position.state, position.symmetry));
      evaluation.value = value_data[r];
      evaluation.symmetry = 0;
      if (aux) {
        const float* owned = ownership.data_ptr<float>() + r * points;
        evaluation.ownership.assign(owned, owned + points);
        evaluation.score = score.data_ptr<float>()[r];
      }
    }
  }

  std::unique_ptr<InferenceNet> net_;
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
  std::string description =
      fmt::format("network {}, {}, {}, {} thread{}", model.metadata().config.Describe(),
                  PrecisionName(options.precision), options.device, options.threads,
                  options.threads == 1 ? "" : "s");
  return std::unique_ptr<Evaluator>(std::make_unique<SymmetricEvaluator>(
      std::make_unique<NetworkEvaluator>(std::move(*net), std::move(description)), options.symmetry,
      options.seed));
}

}  // namespace tengen
