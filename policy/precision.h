// Numeric precision of network inference, without LibTorch.
#ifndef TENGEN_POLICY_PRECISION_H_
#define TENGEN_POLICY_PRECISION_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tengen {

enum class Precision {
  kFloat32,
  // bfloat16 trunk (8-bit mantissa) on oneDNN, which uses AMX or
  // AVX512-BF16 where the CPU has them; heads and outputs stay float32.
  kBFloat16,
};

// "fp32", "bf16" or "auto" (bf16 where the CPU has native bf16 arithmetic,
// else fp32).
absl::StatusOr<Precision> PrecisionFromName(std::string_view name);
std::string_view PrecisionName(Precision precision);

// True if the CPU has AMX-BF16 or AVX512-BF16 (from /proc/cpuinfo).
bool CpuHasNativeBFloat16();

}  // namespace tengen

#endif  // TENGEN_POLICY_PRECISION_H_
