#include "policy/move_chooser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "base/text_util.h"

namespace tengen {

absl::StatusOr<ChoiceMode> ChoiceModeFromName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "argmax") return ChoiceMode::kArgmax;
  if (lower == "sample") return ChoiceMode::kSample;
  return absl::InvalidArgumentError(
      fmt::format("unknown move choice '{}': expected argmax or sample", name));
}

std::string_view ChoiceModeName(ChoiceMode mode) {
  return mode == ChoiceMode::kArgmax ? "argmax" : "sample";
}

absl::Status MoveChoiceOptions::Validate() const {
  for (double t : {opening_temperature, temperature}) {
    if (!(t >= 0) || !std::isfinite(t))
      return absl::InvalidArgumentError(
          fmt::format("temperature must be a finite number >= 0, not {}", t));
  }
  if (opening_moves < 0)
    return absl::InvalidArgumentError("the number of opening moves cannot be negative");
  if (!(top_p > 0 && top_p <= 1))
    return absl::InvalidArgumentError(fmt::format("top-p must be in (0, 1], not {}", top_p));
  return absl::OkStatus();
}

double MoveChoiceOptions::TemperatureAt(int move_number) const {
  return move_number < opening_moves ? opening_temperature : temperature;
}

std::string MoveChoiceOptions::Describe() const {
  if (mode == ChoiceMode::kArgmax) return "argmax";
  if (opening_moves > 0)
    return fmt::format("sample, T={} for {} moves then T={}, top-p {}", opening_temperature,
                       opening_moves, temperature, top_p);
  return fmt::format("sample, T={}, top-p {}", temperature, top_p);
}

int ArgmaxMove(std::span<const float> policy) {
  int best = static_cast<int>(policy.size()) - 1;
  float best_p = 0;
  for (int i = 0; i < static_cast<int>(policy.size()); ++i) {
    if (policy[i] > best_p) {
      best_p = policy[i];
      best = i;
    }
  }
  return best;
}

std::vector<double> SamplingDistribution(std::span<const float> policy, double temperature,
                                         double top_p) {
  std::vector<double> p(policy.size(), 0.0);
  if (temperature == 0) {
    p[ArgmaxMove(policy)] = 1.0;
    return p;
  }
  // Work in log space so small temperatures do not underflow.
  double max_log = -INFINITY;
  for (size_t i = 0; i < policy.size(); ++i)
    if (policy[i] > 0)
      max_log = std::max(max_log, std::log(static_cast<double>(policy[i])) / temperature);
  if (max_log == -INFINITY) {
    p.back() = 1.0;  // nothing has probability: pass
    return p;
  }
  double total = 0;
  for (size_t i = 0; i < policy.size(); ++i) {
    if (policy[i] <= 0) continue;
    p[i] = std::exp(std::log(static_cast<double>(policy[i])) / temperature - max_log);
    total += p[i];
  }
  for (double& v : p) v /= total;
  if (top_p < 1) {
    // Keep the smallest set of most likely moves reaching top_p (ties by
    // index), drop the rest, renormalise.
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return p[a] > p[b]; });
    double kept = 0;
    size_t keep = 0;
    while (keep < order.size() && p[order[keep]] > 0 && (keep == 0 || kept < top_p)) {
      kept += p[order[keep]];
      ++keep;
    }
    for (size_t k = keep; k < order.size(); ++k) p[order[k]] = 0;
    for (double& v : p) v /= kept;
  }
  return p;
}

int MoveChooser::Choose(std::span<const float> policy, int move_number) {
  const double temperature = options_.TemperatureAt(move_number);
  if (options_.mode == ChoiceMode::kArgmax || temperature == 0) return ArgmaxMove(policy);
  const std::vector<double> p = SamplingDistribution(policy, temperature, options_.top_p);
  const double draw = rng_.Uniform();
  double cumulative = 0;
  int last_possible = static_cast<int>(p.size()) - 1;
  for (int i = 0; i < static_cast<int>(p.size()); ++i) {
    if (p[i] <= 0) continue;
    last_possible = i;
    cumulative += p[i];
    if (draw < cumulative) return i;
  }
  return last_possible;  // rounding left the draw just above the total
}

}  // namespace tengen
