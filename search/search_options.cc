#include "search/search_options.h"

#include <fmt/format.h>

#include <cmath>

#include "base/text_util.h"

namespace tengen {

absl::StatusOr<RootPolicy> RootPolicyFromName(std::string_view name) {
  if (EqualsIgnoreCase(name, "puct")) return RootPolicy::kPuct;
  if (EqualsIgnoreCase(name, "gumbel")) return RootPolicy::kGumbel;
  return absl::InvalidArgumentError(
      fmt::format("unknown search '{}': expected puct or gumbel", name));
}

std::string_view RootPolicyName(RootPolicy policy) {
  return policy == RootPolicy::kGumbel ? "gumbel" : "puct";
}

absl::Status SearchOptions::Validate() const {
  auto bad = [](std::string_view what) {
    return absl::InvalidArgumentError(fmt::format("search: {}", what));
  };
  auto finite_positive = [](double x) { return std::isfinite(x) && x > 0; };
  auto finite_non_negative = [](double x) { return std::isfinite(x) && x >= 0; };
  if (!finite_non_negative(c_puct)) return bad("c_puct must be >= 0");
  if (!finite_positive(c_puct_base)) return bad("c_puct_base must be > 0");
  if (!finite_non_negative(fpu_reduction) || !finite_non_negative(root_fpu_reduction))
    return bad("fpu reductions must be >= 0");
  if (!(dirichlet_weight >= 0 && dirichlet_weight <= 1))
    return bad("dirichlet_weight must be in [0, 1]");
  if (!finite_positive(dirichlet_alpha_19x19)) return bad("dirichlet alpha must be > 0");
  if (!finite_positive(root_policy_temperature)) return bad("root policy temperature must be > 0");
  if (gumbel_considered < 1) return bad("gumbel considered moves must be >= 1");
  if (!finite_non_negative(gumbel_c_visit) || !finite_non_negative(gumbel_c_scale))
    return bad("gumbel c_visit and c_scale must be >= 0");
  if (batch_size < 1 || batch_size > 4096) return bad("batch size must be in 1..4096");
  if (virtual_loss < 0 || virtual_loss > 100) return bad("virtual loss must be in 0..100");
  if (max_nodes < 1000) return bad("max_nodes must be at least 1000");
  if (cache_entries < 0) return bad("cache entries must be >= 0");
  if (!(pass_after_fraction >= 0 && pass_after_fraction <= 1))
    return bad("pass_after_fraction must be in [0, 1]");
  if (!(playout_mix >= 0 && playout_mix <= 1)) return bad("playout mix must be in [0, 1]");
  if (playouts_per_leaf < 1 || playouts_per_leaf > 1024)
    return bad("playouts per leaf must be in 1..1024");
  return absl::OkStatus();
}

}  // namespace tengen
