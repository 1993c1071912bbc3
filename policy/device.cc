#include "policy/device.h"

#include <fmt/format.h>
#include <torch/torch.h>

namespace tengen {

absl::Status CheckDevice(const std::string& device) {
  try {
    const torch::Device parsed(device);
    if (parsed.is_cpu()) return absl::OkStatus();
    if (!parsed.is_cuda())
      return absl::InvalidArgumentError(
          fmt::format("device '{}' is not supported: use cpu or cuda", device));
    if (!torch::cuda::is_available())
      return absl::FailedPreconditionError(
          fmt::format("device {} was asked for, but this LibTorch has no CUDA support or sees no "
                      "GPU; use --device cpu",
                      device));
    if (parsed.has_index() && parsed.index() >= static_cast<int>(torch::cuda::device_count()))
      return absl::FailedPreconditionError(
          fmt::format("device {} does not exist: this machine has {} GPU(s)", device,
                      torch::cuda::device_count()));
    return absl::OkStatus();
  } catch (const std::exception&) {
    return absl::InvalidArgumentError(
        fmt::format("unknown device '{}': expected cpu, cuda or cuda:N", device));
  }
}

}  // namespace tengen
