#include "policy/network.h"

#include <string>

namespace tengen {
namespace {

torch::nn::Conv2d Conv(int in, int out, int kernel, bool bias) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(in, out, kernel).padding(kernel / 2).bias(bias));
}

}  // namespace

ResidualBlockImpl::ResidualBlockImpl(int channels, double dropout_rate)
    : conv1(register_module("conv1", Conv(channels, channels, 3, false))),
      conv2(register_module("conv2", Conv(channels, channels, 3, false))),
      bn1(register_module("bn1", torch::nn::BatchNorm2d(channels))),
      bn2(register_module("bn2", torch::nn::BatchNorm2d(channels))),
      dropout(register_module("dropout", torch::nn::Dropout2d(dropout_rate))),
      use_dropout(dropout_rate > 0) {}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) {
  torch::Tensor h = torch::relu(bn1(conv1(x)));
  if (use_dropout) h = dropout(h);
  h = bn2(conv2(h));
  return torch::relu(h + x);
}

PolicyValueNetImpl::PolicyValueNetImpl(const NetworkConfig& config) : config_(config) {
  const int c = config.channels;
  input_conv = register_module("input_conv", Conv(config.input_planes, c, 3, false));
  input_bn = register_module("input_bn", torch::nn::BatchNorm2d(c));
  for (int i = 0; i < config.blocks; ++i)
    blocks.push_back(
        register_module("block" + std::to_string(i), ResidualBlock(c, config.dropout)));
  policy_conv = register_module("policy_conv", Conv(c, config.policy_channels, 1, false));
  policy_bn = register_module("policy_bn", torch::nn::BatchNorm2d(config.policy_channels));
  policy_out = register_module("policy_out", Conv(config.policy_channels, 1, 1, true));
  pass_fc = register_module("pass_fc", torch::nn::Linear(c, 1));
  value_conv = register_module("value_conv", Conv(c, config.value_channels, 1, false));
  value_bn = register_module("value_bn", torch::nn::BatchNorm2d(config.value_channels));
  value_fc1 =
      register_module("value_fc1", torch::nn::Linear(config.value_channels, config.value_hidden));
  value_fc2 = register_module("value_fc2", torch::nn::Linear(config.value_hidden, 1));
  if (config.aux_heads) {
    ownership_out = register_module("ownership_out", Conv(config.value_channels, 1, 1, true));
    score_fc = register_module("score_fc", torch::nn::Linear(config.value_hidden, 1));
  }
}

PolicyValueOutput PolicyValueNetImpl::forward(const torch::Tensor& planes) {
  torch::Tensor x = torch::relu(input_bn(input_conv(planes)));
  for (ResidualBlock& block : blocks) x = block(x);
  const torch::Tensor pooled = x.mean({2, 3});
  const torch::Tensor board_logits = policy_out(torch::relu(policy_bn(policy_conv(x)))).flatten(1);
  const torch::Tensor pass_logit = pass_fc(pooled);
  const torch::Tensor value_features = torch::relu(value_bn(value_conv(x)));
  const torch::Tensor hidden = torch::relu(value_fc1(value_features.mean({2, 3})));
  PolicyValueOutput out{torch::cat({board_logits, pass_logit}, 1),
                        torch::tanh(value_fc2(hidden)).squeeze(1)};
  if (config_.aux_heads) {
    out.ownership = torch::tanh(ownership_out(value_features)).flatten(1);
    out.score = score_fc(hidden).squeeze(1) * static_cast<double>(planes.size(2));
  }
  return out;
}

}  // namespace tengen
