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
  // Auxiliary heads (NetworkConfig::aux_heads; undefined tensors without):
  // [B, N*N] final ownership of each point (index y*N + x) in [-1, 1]
  // (tanh), +1 = the player to move's, -1 = the opponent's.
  torch::Tensor ownership;
  // [B] final area-score margin in points for the player to move (komi
  // included): positive when the player to move is ahead.
  torch::Tensor score;
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
// Auxiliary heads (config.aux_heads), on the value head's features as in
// KataGo: ownership is a conv1x1-tanh of the value head's per-point
// features; the score is a dense layer on its hidden layer, times the
// board's N (so the layer learns values of order 1 for margins of order N
// points).
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
  torch::nn::Conv2d ownership_out{nullptr};  // aux_heads only
  torch::nn::Linear score_fc{nullptr};       // aux_heads only

 private:
  NetworkConfig config_;
};
TORCH_MODULE(PolicyValueNet);

}  // namespace tengen

#endif  // TENGEN_POLICY_NETWORK_H_
