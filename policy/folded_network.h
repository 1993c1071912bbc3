// A network frozen for inference: every batch norm folded into the
// convolution before it, so each convolution is one op with a bias. Shared
// by the fast inference path and the TorchScript export. Includes LibTorch.
#ifndef TENGEN_POLICY_FOLDED_NETWORK_H_
#define TENGEN_POLICY_FOLDED_NETWORK_H_

#include <torch/torch.h>

#include <vector>

#include "policy/network.h"

namespace tengen {

struct FoldedConv {
  torch::Tensor weight;  // [out, in, k, k]
  torch::Tensor bias;    // [out]
  int padding = 0;
};

struct FoldedDense {
  torch::Tensor weight;  // [out, in]
  torch::Tensor bias;    // [out]
};

struct FoldedNetwork {
  FoldedConv input;
  std::vector<FoldedConv> block_first, block_second;
  FoldedConv policy_conv, policy_out, value_conv;
  FoldedDense pass, value_hidden, value_out;
  // Auxiliary heads: present (defined tensors) when the network has them.
  FoldedConv ownership;
  FoldedDense score;
  bool has_aux() const { return ownership.weight.defined(); }

  // The same tensors converted to dtype (biases and the heads stay float32
  // when dtype is bfloat16, see InferenceNet) and moved to device.
  FoldedNetwork To(torch::Device device) const;
};

// Folds the network's batch norms (with their running statistics, i.e. as
// in evaluation mode) into its convolutions. The copies are detached.
FoldedNetwork FoldNetwork(PolicyValueNetImpl& network);

}  // namespace tengen

#endif  // TENGEN_POLICY_FOLDED_NETWORK_H_
