#include "policy/inference_net.h"

#include <fmt/format.h>

#include "base/check.h"
#include "policy/torch_errors.h"

namespace tengen {
namespace {

FoldedConv ConvAs(const FoldedConv& conv, torch::ScalarType dtype) {
  return {conv.weight.to(dtype).contiguous(torch::MemoryFormat::ChannelsLast),
          conv.bias.to(dtype).contiguous(), conv.padding};
}

// A 3x3 folded convolution's float32 weights for WinogradTower.
ConvWeights WeightsOf(const FoldedConv& conv) {
  const torch::Tensor weight = conv.weight.to(torch::kCPU, torch::kFloat32).contiguous();
  const torch::Tensor bias = conv.bias.to(torch::kCPU, torch::kFloat32).contiguous();
  TENGEN_CHECK(weight.dim() == 4 && weight.size(2) == 3 && weight.size(3) == 3 &&
               conv.padding == 1);
  return {static_cast<int>(weight.size(1)), static_cast<int>(weight.size(0)),
          std::vector<float>(weight.data_ptr<float>(), weight.data_ptr<float>() + weight.numel()),
          std::vector<float>(bias.data_ptr<float>(), bias.data_ptr<float>() + bias.numel())};
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
  } else if (precision == Precision::kWinograd) {
    return absl::InvalidArgumentError(
        "precision winograd runs on the CPU only; use fp32 or bf16 with a CUDA device");
  }
  return CatchTorchErrors("preparing the network for inference",
                          [&]() -> absl::StatusOr<std::unique_ptr<InferenceNet>> {
                            const FoldedNetwork folded = FoldNetwork(network).To(device);
                            const torch::ScalarType dtype = TorchDtype(precision);
                            // oneDNN's copy of the trunk; Winograd keeps its own.
                            FoldedNetwork trunk;
                            if (precision != Precision::kWinograd) {
                              trunk.input = ConvAs(folded.input, dtype);
                              for (const FoldedConv& conv : folded.block_first)
                                trunk.block_first.push_back(ConvAs(conv, dtype));
                              for (const FoldedConv& conv : folded.block_second)
                                trunk.block_second.push_back(ConvAs(conv, dtype));
                            }
                            std::unique_ptr<InferenceNet> net(
                                new InferenceNet(std::move(trunk), folded, precision, device));
                            if (precision == Precision::kWinograd) {
                              std::vector<ConvWeights> first, second;
                              for (const FoldedConv& conv : folded.block_first)
                                first.push_back(WeightsOf(conv));
                              for (const FoldedConv& conv : folded.block_second)
                                second.push_back(WeightsOf(conv));
                              net->winograd_ = std::make_unique<WinogradTower>(
                                  WeightsOf(folded.input), first, second);
                            }
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

torch::Tensor InferenceNet::Trunk(const torch::Tensor& planes) {
  if (winograd_ != nullptr) {
    // planes are channels-last already: permuting to NHWC is a view.
    const torch::Tensor nhwc = planes.permute({0, 2, 3, 1}).contiguous();
    const int64_t batch = nhwc.size(0), n = nhwc.size(1);
    const float* out =
        winograd_->Run(nhwc.data_ptr<float>(), static_cast<int>(batch), static_cast<int>(n));
    return torch::from_blob(const_cast<float*>(out), {batch, n, n, winograd_->channels()},
                            torch::kFloat32)
        .permute({0, 3, 1, 2});
  }
  torch::Tensor x = Conv(planes, trunk_.input).relu_();
  for (size_t i = 0; i < trunk_.block_first.size(); ++i) {
    torch::Tensor h = Conv(x, trunk_.block_first[i]).relu_();
    h = Conv(h, trunk_.block_second[i]);
    x = h.add_(x).relu_();
  }
  return x.scalar_type() == torch::kFloat32 ? x : x.to(torch::kFloat32);
}

PolicyValueOutput InferenceNet::ForwardChunk(const torch::Tensor& planes) {
  // With Winograd, x views the tower's buffer: the heads read it before the
  // next chunk's Run overwrites it.
  const torch::Tensor x = Trunk(planes);
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
