#include "search/gumbel.h"

#include <algorithm>
#include <cmath>

namespace tengen {

std::vector<int> HalvingVisitSequence(int considered, int simulations) {
  std::vector<int> sequence;
  if (simulations <= 0) return sequence;
  sequence.reserve(simulations);
  if (considered <= 1) {
    for (int k = 0; k < simulations; ++k) sequence.push_back(k);
    return sequence;
  }
  const int phases = static_cast<int>(std::ceil(std::log2(static_cast<double>(considered))));
  std::vector<int> visits(considered, 0);
  int remaining = considered;
  while (static_cast<int>(sequence.size()) < simulations) {
    const int extra = std::max(1, simulations / (phases * remaining));
    for (int round = 0; round < extra; ++round) {
      for (int i = 0; i < remaining; ++i) {
        sequence.push_back(visits[i]);
        ++visits[i];
      }
    }
    remaining = std::max(2, remaining / 2);
  }
  sequence.resize(simulations);
  return sequence;
}

double MixedValue(double raw_value, std::span<const GumbelChild> children) {
  double total_visits = 0, visited_prior = 0, weighted_q = 0;
  for (const GumbelChild& child : children) {
    total_visits += child.visits;
    if (child.visits == 0) continue;
    const double p = std::max<double>(child.prior, 1e-30);
    visited_prior += p;
    weighted_q += p * child.q;
  }
  if (visited_prior <= 0) return raw_value;
  return (raw_value + total_visits * (weighted_q / visited_prior)) / (1 + total_visits);
}

std::vector<double> SigmaOfCompletedQ(double raw_value, std::span<const GumbelChild> children,
                                      double c_visit, double c_scale) {
  const double mixed = MixedValue(raw_value, children);
  std::vector<double> completed(children.size());
  int max_visits = 0;
  for (size_t i = 0; i < children.size(); ++i) {
    completed[i] = children[i].visits > 0 ? children[i].q : mixed;
    max_visits = std::max(max_visits, children[i].visits);
  }
  if (completed.empty()) return completed;
  const auto [low, high] = std::minmax_element(completed.begin(), completed.end());
  const double min_q = *low, range = *high - *low;
  const double scale = (c_visit + max_visits) * c_scale;
  for (double& q : completed) q = range > 1e-12 ? scale * (q - min_q) / range : 0.0;
  return completed;
}

std::vector<double> ImprovedPolicy(double raw_value, std::span<const GumbelChild> children,
                                   double c_visit, double c_scale) {
  std::vector<double> policy = SigmaOfCompletedQ(raw_value, children, c_visit, c_scale);
  if (policy.empty()) return policy;
  for (size_t i = 0; i < policy.size(); ++i) policy[i] += children[i].logit;
  const double top = *std::max_element(policy.begin(), policy.end());
  double total = 0;
  for (double& x : policy) total += (x = std::exp(x - top));
  for (double& x : policy) x /= total;
  return policy;
}

}  // namespace tengen
