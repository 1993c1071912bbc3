#include "policy/inference_net.h"

#include <fmt/format.h>

#include "policy/torch_errors.h"

namespace tengen {
namespace {

FoldedConv ConvAs(const FoldedConv& conv, torch::ScalarType dtype) {
  return {conv.weight.to(dtype).contiguous(torch::MemoryFormat::ChannelsLast),
          conv.bias.to(dtype).contiguous(), conv.padding};
}

torch::Tensor Dense(const torch::Tensor& x, const FoldedDense& dense) {
  return torch::addmm(dense.bias, x, dense.weight.t());
}

}  // namespace

torch::ScalarType TorchDtype(Precision precision) {
  return precision == Precision::kBFloat16 ? torch::kBFloat16 : torch::kFloat32;
}

absl::StatusOr<std::unique_ptr<InferenceNet>> InferenceNet::Create(PolicyValueNetImpl& network,
                                                                   Precision precision,
                                                                   torch::Device device) {
  if (device.is_cuda() && !torch::cuda::is_available())
    return absl::FailedPreconditionError(
        "device cuda was asked for, but this LibTorch has no CUDA support or sees no GPU; use "
        "--device cpu");
  if (device.is_cpu()) {
    if (absl::Status runs = CheckPrecisionRunsOnCpu(precision); !runs.ok()) return runs;
  }
  return CatchTorchErrors("preparing the network for inference",
                          [&]() -> absl::StatusOr<std::unique_ptr<InferenceNet>> {
                            const FoldedNetwork folded = FoldNetwork(network).To(device);
                            const torch::ScalarType dtype = TorchDtype(precision);
                            FoldedNetwork trunk;
                            trunk.input = ConvAs(folded.input, dtype);
                            for (const FoldedConv& conv : folded.block_first)
                              trunk.block_first.push_back(ConvAs(conv, dtype));
                            for (const FoldedConv& conv : folded.block_second)
                              trunk.block_second.push_back(ConvAs(conv, dtype));
                            std::unique_ptr<InferenceNet> net(
                                new InferenceNet(std::move(trunk), folded, precision, device));
                            // Run once so an unsupported precision fails here, not later.
                            const int n = network.config().board_size;
                            net->Forward(torch::zeros({1, network.config().input_planes, n, n}));
                            return net;
                          });
}

torch::Tensor InferenceNet::Conv(const torch::Tensor& x, const FoldedConv& conv) const {
  if (device_.is_cpu()) {
    return torch::mkldnn_convolution(x, conv.weight, conv.bias, {conv.padding, conv.padding},
                                     {1, 1}, {1, 1}, 1);
  }
  return torch::conv2d(x, conv.weight, conv.bias, 1, conv.padding);
}

PolicyValueOutput InferenceNet::ForwardChunk(const torch::Tensor& planes) {
  torch::Tensor x = Conv(planes, trunk_.input).relu_();
  for (size_t i = 0; i < trunk_.block_first.size(); ++i) {
    torch::Tensor h = Conv(x, trunk_.block_first[i]).relu_();
    h = Conv(h, trunk_.block_second[i]);
    x = h.add_(x).relu_();
  }
  if (x.scalar_type() != torch::kFloat32) x = x.to(torch::kFloat32);
  const torch::Tensor pooled = x.mean({2, 3});
  const torch::Tensor board_logits =
      Conv(Conv(x, heads_.policy_conv).relu_(), heads_.policy_out).flatten(1);
  const torch::Tensor pass_logit = Dense(pooled, heads_.pass);
  const torch::Tensor value_features = Conv(x, heads_.value_conv).relu_();
  const torch::Tensor hidden = Dense(value_features.mean({2, 3}), heads_.value_hidden).relu_();
  PolicyValueOutput out{torch::cat({board_logits, pass_logit}, 1),
                        torch::tanh(Dense(hidden, heads_.value_out)).squeeze(1)};
  if (heads_.has_aux()) {
    out.ownership = Conv(value_features, heads_.ownership).tanh_().flatten(1);
    out.score = Dense(hidden, heads_.score).squeeze(1).mul_(static_cast<double>(x.size(2)));
  }
  return out;
}

PolicyValueOutput InferenceNet::Forward(const torch::Tensor& planes) {
  torch::NoGradGuard no_grad;
  const torch::Tensor input =
      planes.to(device_, TorchDtype(precision_)).contiguous(torch::MemoryFormat::ChannelsLast);
  const int64_t batch = input.size(0);
  if (!device_.is_cpu() || batch <= chunk()) {
    PolicyValueOutput out = ForwardChunk(input);
    if (!device_.is_cpu()) {
      for (torch::Tensor* t : {&out.policy_logits, &out.value, &out.ownership, &out.score})
        if (t->defined()) *t = t->to(torch::kCPU);
    }
    return out;
  }
  std::vector<torch::Tensor> logits, values, ownership, score;
  for (int64_t start = 0; start < batch; start += chunk()) {
    PolicyValueOutput out = ForwardChunk(input.slice(0, start, std::min(batch, start + chunk())));
    logits.push_back(out.policy_logits);
    values.push_back(out.value);
    if (out.ownership.defined()) {
      ownership.push_back(out.ownership);
      score.push_back(out.score);
    }
  }
  PolicyValueOutput out{torch::cat(logits), torch::cat(values)};
  if (!ownership.empty()) {
    out.ownership = torch::cat(ownership);
    out.score = torch::cat(score);
  }
  return out;
}

}  // namespace tengen
