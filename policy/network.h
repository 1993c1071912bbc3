// The policy-value network as a LibTorch module, for training and for the
// generic (any device) inference path. Includes torch: only policy/ and the
// trainer may include this header.
#ifndef TENGEN_POLICY_NETWORK_H_
#define TENGEN_POLICY_NETWORK_H_

#include <torch/torch.h>

#include <vector>

#include "policy/network_config.h"

namespace tengen {

struct PolicyValueOutput {
  // [B, N*N + 1] logits: move index y*N + x, pass last. No softmax and no
  // legality mask have been applied.
  torch::Tensor policy_logits;
  // [B] expected game result in [-1, 1] (tanh) for the player to move.
  torch::Tensor value;
};

// conv3x3-BN-ReLU-(dropout)-conv3x3-BN, plus the input, then ReLU.
class ResidualBlockImpl : public torch::nn::Module {
 public:
  ResidualBlockImpl(int channels, double dropout);
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
  torch::nn::Dropout2d dropout{nullptr};
  bool use_dropout = false;
};
TORCH_MODULE(ResidualBlock);

// Trunk: conv3x3-BN-ReLU then `blocks` residual blocks. Policy head:
// conv1x1-BN-ReLU-conv1x1 gives one logit per point; the pass logit is a
// linear function of the trunk averaged over the board. Value head:
// conv1x1-BN-ReLU, averaged over the board, then dense-ReLU-dense-tanh.
// Every head pools over the board, so any board size can be evaluated; all
// positions of one forward call must have the same size.
class PolicyValueNetImpl : public torch::nn::Module {
 public:
  explicit PolicyValueNetImpl(const NetworkConfig& config);

  // planes: [B, input_planes, N, N] float32 (policy/features.h layout).
  PolicyValueOutput forward(const torch::Tensor& planes);

  const NetworkConfig& config() const { return config_; }

  torch::nn::Conv2d input_conv{nullptr};
  torch::nn::BatchNorm2d input_bn{nullptr};
  std::vector<ResidualBlock> blocks;
  torch::nn::Conv2d policy_conv{nullptr};
  torch::nn::BatchNorm2d policy_bn{nullptr};
  torch::nn::Conv2d policy_out{nullptr};
  torch::nn::Linear pass_fc{nullptr};
  torch::nn::Conv2d value_conv{nullptr};
  torch::nn::BatchNorm2d value_bn{nullptr};
  torch::nn::Linear value_fc1{nullptr}, value_fc2{nullptr};

 private:
  NetworkConfig config_;
};
TORCH_MODULE(PolicyValueNet);

}  // namespace tengen

#endif  // TENGEN_POLICY_NETWORK_H_
