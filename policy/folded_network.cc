#include "policy/folded_network.h"

namespace tengen {
namespace {

FoldedConv Fold(torch::nn::Conv2dImpl& conv, torch::nn::BatchNorm2dImpl* bn) {
  torch::NoGradGuard no_grad;
  const int padding = static_cast<int>(conv.options.kernel_size()->at(0) / 2);
  torch::Tensor weight = conv.weight.detach().clone();
  torch::Tensor bias =
      conv.bias.defined() ? conv.bias.detach().clone() : torch::zeros({weight.size(0)});
  if (bn != nullptr) {
    const torch::Tensor scale =
        bn->weight.detach() / torch::sqrt(bn->running_var.detach() + bn->options.eps());
    weight = weight * scale.view({-1, 1, 1, 1});
    bias = (bias - bn->running_mean.detach()) * scale + bn->bias.detach();
  }
  return {weight.contiguous(), bias.contiguous(), padding};
}

FoldedDense Dense(torch::nn::LinearImpl& linear) {
  return {linear.weight.detach().clone().contiguous(), linear.bias.detach().clone().contiguous()};
}

FoldedConv ConvTo(const FoldedConv& conv, torch::Device device) {
  return {conv.weight.to(device), conv.bias.to(device), conv.padding};
}

}  // namespace

FoldedNetwork FoldNetwork(PolicyValueNetImpl& network) {
  FoldedNetwork folded;
  folded.input = Fold(*network.input_conv, network.input_bn.get());
  for (ResidualBlock& block : network.blocks) {
    folded.block_first.push_back(Fold(*block->conv1, block->bn1.get()));
    folded.block_second.push_back(Fold(*block->conv2, block->bn2.get()));
  }
  folded.policy_conv = Fold(*network.policy_conv, network.policy_bn.get());
  folded.policy_out = Fold(*network.policy_out, nullptr);
  folded.value_conv = Fold(*network.value_conv, network.value_bn.get());
  folded.pass = Dense(*network.pass_fc);
  folded.value_hidden = Dense(*network.value_fc1);
  folded.value_out = Dense(*network.value_fc2);
  if (network.config().aux_heads) {
    folded.ownership = Fold(*network.ownership_out, nullptr);
    folded.score = Dense(*network.score_fc);
  }
  return folded;
}

FoldedNetwork FoldedNetwork::To(torch::Device device) const {
  FoldedNetwork moved;
  moved.input = ConvTo(input, device);
  for (const FoldedConv& conv : block_first) moved.block_first.push_back(ConvTo(conv, device));
  for (const FoldedConv& conv : block_second) moved.block_second.push_back(ConvTo(conv, device));
  moved.policy_conv = ConvTo(policy_conv, device);
  moved.policy_out = ConvTo(policy_out, device);
  moved.value_conv = ConvTo(value_conv, device);
  for (auto [from, to] :
       {std::pair{&pass, &moved.pass}, std::pair{&value_hidden, &moved.value_hidden},
        std::pair{&value_out, &moved.value_out}})
    *to = {from->weight.to(device), from->bias.to(device)};
  if (has_aux()) {
    moved.ownership = ConvTo(ownership, device);
    moved.score = {score.weight.to(device), score.bias.to(device)};
  }
  return moved;
}

}  // namespace tengen
