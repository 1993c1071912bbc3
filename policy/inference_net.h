// The fast inference path: a folded network (batch norm inside the
// convolutions) whose convolutions call oneDNN directly on CPU.
//
// Why directly: LibTorch 1.13 picks its convolution algorithm by a size
// heuristic that sends a single small input (batch 1, 9x9) to a slow
// im2col + reference-BLAS path (about 1.3 ms per 64-channel layer here);
// oneDNN does the same layer in about 0.08 ms. Activations and weights are
// kept channels-last (NHWC): oneDNN then writes each convolution's output
// straight into the tensor, where in NCHW every layer paid a reorder back
// from oneDNN's blocked layout (a fifth of the time; bf16 ran 1.7x slower).
// Large batches are run in chunks. With Precision::kWinograd the trunk runs
// on WinogradTower (policy/winograd.h) instead and only the heads on oneDNN.
// Includes LibTorch.
#ifndef TENGEN_POLICY_INFERENCE_NET_H_
#define TENGEN_POLICY_INFERENCE_NET_H_

#include <torch/torch.h>

#include <memory>

#include "absl/status/statusor.h"
#include "policy/folded_network.h"
#include "policy/network.h"
#include "policy/precision.h"
#include "policy/winograd.h"

namespace tengen {

// The tensor type that computes in `precision`.
torch::ScalarType TorchDtype(Precision precision);

class InferenceNet {
 public:
  // Freezes the network's current weights. Errors when the device or the
  // precision cannot run here (for example CUDA without a CUDA build).
  static absl::StatusOr<std::unique_ptr<InferenceNet>> Create(PolicyValueNetImpl& network,
                                                              Precision precision,
                                                              torch::Device device);

  // planes: [B, C, N, N] float32 on the CPU. Returns float32 CPU tensors in
  // PolicyValueOutput's layout. May throw LibTorch exceptions.
  PolicyValueOutput Forward(const torch::Tensor& planes);

  // Positions per oneDNN call; larger batches are split. Measured best on
  // this machine's 6x64 9x9 net in NHWC: 32 for float32, 64 for bfloat16
  // (AMX tiles want larger blocks).
  static constexpr int64_t kFloat32Chunk = 32;
  static constexpr int64_t kBFloat16Chunk = 64;
  // Winograd blocks its own work by tiles: no chunks needed.
  static constexpr int64_t kWinogradChunk = 1024;
  int64_t chunk() const {
    switch (precision_) {
      case Precision::kBFloat16:
        return kBFloat16Chunk;
      case Precision::kWinograd:
        return kWinogradChunk;
      case Precision::kFloat32:
        break;
    }
    return kFloat32Chunk;
  }

 private:
  InferenceNet(FoldedNetwork trunk, FoldedNetwork heads, Precision precision, torch::Device device)
      : trunk_(std::move(trunk)),
        heads_(std::move(heads)),
        precision_(precision),
        device_(device) {}
  torch::Tensor Conv(const torch::Tensor& x, const FoldedConv& conv) const;
  PolicyValueOutput ForwardChunk(const torch::Tensor& planes);
  // The trunk's output for NCHW float planes: [B, C, N, N] (channels-last).
  torch::Tensor Trunk(const torch::Tensor& planes);

  FoldedNetwork trunk_;  // input and residual convolutions, in the chosen precision
  FoldedNetwork heads_;  // head layers, float32
  Precision precision_;
  torch::Device device_;
  std::unique_ptr<WinogradTower> winograd_;  // the trunk, with Precision::kWinograd
};

}  // namespace tengen

#endif  // TENGEN_POLICY_INFERENCE_NET_H_
