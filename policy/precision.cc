#include "policy/precision.h"

#include <fmt/format.h>

#include <fstream>
#include <string>

#include "engine/text_util.h"

namespace tengen {

bool CpuHasNativeBFloat16() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    return line.find(" amx_bf16") != std::string::npos ||
           line.find(" avx512_bf16") != std::string::npos;
  }
  return false;
}

absl::StatusOr<Precision> PrecisionFromName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "fp32") return Precision::kFloat32;
  if (lower == "bf16") return Precision::kBFloat16;
  if (lower == "auto") return CpuHasNativeBFloat16() ? Precision::kBFloat16 : Precision::kFloat32;
  return absl::InvalidArgumentError(
      fmt::format("unknown precision '{}': expected fp32, bf16 or auto", name));
}

std::string_view PrecisionName(Precision precision) {
  return precision == Precision::kBFloat16 ? "bf16" : "fp32";
}

}  // namespace tengen
