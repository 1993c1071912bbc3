// Checking a device name ("cpu", "cuda", "cuda:N") against the LibTorch in
// use, without including LibTorch.
#ifndef TENGEN_POLICY_DEVICE_H_
#define TENGEN_POLICY_DEVICE_H_

#include <string>

#include "absl/status/status.h"

namespace tengen {

// Ok when the device can run here: "cpu" always; "cuda" and "cuda:N" only
// when this LibTorch has CUDA and sees that GPU. Otherwise an error that
// says what is wrong and suggests --device cpu.
absl::Status CheckDevice(const std::string& device);

}  // namespace tengen

#endif  // TENGEN_POLICY_DEVICE_H_
