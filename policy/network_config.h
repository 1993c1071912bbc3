// The shape of a policy-value network, without LibTorch, so that any layer
// can describe, store and print it.
#ifndef TENGEN_POLICY_NETWORK_CONFIG_H_
#define TENGEN_POLICY_NETWORK_CONFIG_H_

#include <string>

#include "absl/status/status.h"

namespace tengen {

struct NetworkConfig {
  // The board size the network is made and trained for. The network itself
  // is fully convolutional with pooled heads, so it evaluates other sizes
  // too, but its strength is only known on this one.
  int board_size = 9;
  int blocks = 6;         // residual blocks in the trunk
  int channels = 64;      // trunk width
  int input_planes = 15;  // must equal policy/features.h's kNumFeaturePlanes
  int policy_channels = 32;
  int value_channels = 32;
  int value_hidden = 64;
  // Spatial dropout after the first convolution of every block, active in
  // training only; 0 turns it off (the default).
  double dropout = 0.0;
  // Ownership and score heads (policy/network.h), trained on self-play's
  // final positions. Models made before they existed have none.
  bool aux_heads = true;

  bool operator==(const NetworkConfig&) const = default;
  // E.g. "6x64 for 9x9, dropout 0".
  std::string Describe() const;
  // Ok when every field is in range (sizes 1..25, 1..64 blocks, 1..1024
  // channels, dropout in [0, 1)); otherwise says which field is wrong.
  absl::Status Validate() const;
  // Multiply-accumulates of one evaluation times two, i.e. floating-point
  // operations, at the configured board size.
  double FlopsPerEvaluation() const;
};

}  // namespace tengen

#endif  // TENGEN_POLICY_NETWORK_CONFIG_H_
