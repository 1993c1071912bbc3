#include "policy/precision.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <string>

#include "base/text_util.h"

namespace tengen {
namespace {

bool HasFlag(std::string_view cpu_flags, std::string_view flag) {
  for (std::string_view word : SplitText(cpu_flags, ' '))
    if (word == flag) return true;
  return false;
}

std::string ReadCpuFlags() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    const size_t colon = line.find(':');
    return colon == std::string::npos ? std::string() : line.substr(colon + 1);
  }
  return std::string();
}

}  // namespace

const std::string& CpuFlags() {
  static const std::string flags = ReadCpuFlags();
  return flags;
}

bool HasNativeBFloat16(std::string_view cpu_flags) {
  return HasFlag(cpu_flags, "amx_bf16") || HasFlag(cpu_flags, "avx512_bf16");
}

bool CpuHasNativeBFloat16() { return HasNativeBFloat16(CpuFlags()); }

std::vector<std::string> MissingBFloat16Features(std::string_view cpu_flags) {
  std::vector<std::string> missing;
  for (std::string_view feature : {"avx512bw", "avx512vl", "avx512dq"})
    if (!HasFlag(cpu_flags, feature)) missing.emplace_back(feature);
  return missing;
}

absl::Status CheckPrecisionRunsOnCpu(Precision precision) {
  if (precision != Precision::kBFloat16) return absl::OkStatus();
  const std::vector<std::string> missing = MissingBFloat16Features(CpuFlags());
  if (missing.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(fmt::format(
      "precision bf16 cannot run on this CPU: oneDNN's bf16 convolutions need {}, and this CPU "
      "lacks {}; use --precision fp32, winograd or auto",
      "avx512bw, avx512vl and avx512dq", fmt::join(missing, ", ")));
}

Precision AutoPrecision(std::string_view cpu_flags) {
  // AMX multiplies bf16 tiles at many times the fp32 FMA rate; without it
  // (AVX2, or AVX-512 with or without AVX512-BF16) Winograd's 3.24x fewer
  // multiplies win: measured in docs/inference.md.
  return HasFlag(cpu_flags, "amx_bf16") ? Precision::kBFloat16 : Precision::kWinograd;
}

absl::StatusOr<Precision> PrecisionFromName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "fp32") return Precision::kFloat32;
  if (lower == "bf16") return Precision::kBFloat16;
  if (lower == "winograd") return Precision::kWinograd;
  if (lower == "auto") return AutoPrecision(CpuFlags());
  return absl::InvalidArgumentError(
      fmt::format("unknown precision '{}': expected fp32, bf16, winograd or auto", name));
}

std::string_view PrecisionName(Precision precision) {
  switch (precision) {
    case Precision::kBFloat16:
      return "bf16";
    case Precision::kWinograd:
      return "winograd";
    case Precision::kFloat32:
      break;
  }
  return "fp32";
}

}  // namespace tengen
