// Numeric precision of network inference, and whether this CPU can run it,
// without LibTorch.
#ifndef TENGEN_POLICY_PRECISION_H_
#define TENGEN_POLICY_PRECISION_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tengen {

enum class Precision {
  kFloat32,
  // bfloat16 trunk (8-bit mantissa) on oneDNN; heads and outputs stay
  // float32. oneDNN runs it on CPUs with AVX-512 (BW, VL and DQ), natively
  // fast with AMX-BF16 or AVX512-BF16; on AVX2-only CPUs it cannot run.
  kBFloat16,
  // float32 arithmetic with the trunk's 3x3 convolutions by Winograd
  // F(3x3, 3x3) in Tengen's own kernels (policy/winograd.h), vectorised
  // for AVX-512 or AVX2 as the CPU has; heads on oneDNN. CPU only. Agrees
  // with fp32 to float rounding (about 1e-5 relative).
  kWinograd,
};

// "fp32", "bf16", "winograd" or "auto". `auto` is the fastest measured
// path that agrees with fp32 on >= 99% of top moves (docs/inference.md):
// bf16 where the CPU has AMX-BF16, else winograd. "bf16" is returned
// whatever the CPU: use CheckPrecisionRuns to know whether it can run.
absl::StatusOr<Precision> PrecisionFromName(std::string_view name);
std::string_view PrecisionName(Precision precision);

// The feature flags of /proc/cpuinfo's first "flags" line, space-separated
// (empty where the file cannot be read). Read once and cached.
const std::string& CpuFlags();

// True if `cpu_flags` (a cpuinfo "flags" line) has AMX-BF16 or AVX512-BF16.
bool HasNativeBFloat16(std::string_view cpu_flags);
// True if this CPU has AMX-BF16 or AVX512-BF16.
bool CpuHasNativeBFloat16();

// The path `auto` picks for a CPU with these flags (see PrecisionFromName).
Precision AutoPrecision(std::string_view cpu_flags);

// The CPU features oneDNN's bf16 convolutions need (avx512bw, avx512vl,
// avx512dq) that `cpu_flags` lacks, in that order; empty when bf16 can run.
std::vector<std::string> MissingBFloat16Features(std::string_view cpu_flags);

// OK when `precision` can run on the CPU of this machine; otherwise
// FailedPrecondition naming the missing CPU features. CUDA devices are not
// judged here (their errors come from LibTorch when the network is built).
absl::Status CheckPrecisionRunsOnCpu(Precision precision);

}  // namespace tengen

#endif  // TENGEN_POLICY_PRECISION_H_
