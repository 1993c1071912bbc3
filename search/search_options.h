// Settings of the tree search over the policy/value network (search.h).
// Defaults are those of AlphaZero and KataGo for PUCT and of Danihelka et
// al. 2022 ("Policy improvement by planning with Gumbel", and DeepMind's
// mctx library) for Gumbel; docs/search.md explains each choice.
#ifndef TENGEN_SEARCH_SEARCH_OPTIONS_H_
#define TENGEN_SEARCH_SEARCH_OPTIONS_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"

namespace tengen {

// How the move at the root is searched and chosen. Below the root both use
// PUCT (see search.h).
enum class RootPolicy {
  kPuct,    // AlphaZero: PUCT at the root too; the most visited move is best
  kGumbel,  // Gumbel-top-k and sequential halving over the visit budget
};
absl::StatusOr<RootPolicy> RootPolicyFromName(std::string_view name);  // puct|gumbel
std::string_view RootPolicyName(RootPolicy policy);

struct SearchOptions {
  RootPolicy root_policy = RootPolicy::kPuct;

  // PUCT: U(a) = c(N) * P(a) * sqrt(N) / (1 + N(a)) with the exploration
  // rate growing with the parent's visits N as in AlphaZero:
  // c(N) = c_puct + log((N + c_puct_base + 1) / c_puct_base).
  double c_puct = 1.25;
  double c_puct_base = 19652;
  // First-play urgency: an unvisited move's value is the parent's value
  // minus fpu_reduction * sqrt(policy mass of the visited moves) (KataGo).
  // At the root, root_fpu_reduction (0 with noise, as KataGo does).
  double fpu_reduction = 0.2;
  double root_fpu_reduction = 0.1;

  // Root Dirichlet noise (self-play): P' = (1 - weight) P + weight * Dir(alpha)
  // with alpha = dirichlet_alpha_19x19 * 361 / N^2 (0.03 on 19x19, 0.48 on
  // 9x9), as AlphaZero scaled it to the number of moves.
  bool root_noise = false;
  double dirichlet_weight = 0.25;
  double dirichlet_alpha_19x19 = 0.03;
  // The root prior is P^(1/T) renormalised (1: unchanged; > 1 flatter).
  double root_policy_temperature = 1.0;

  // Gumbel: considered moves m at the root, and sigma(q) = (c_visit + max_b
  // N(b)) * c_scale * q over completed Q-values rescaled to [0, 1].
  int gumbel_considered = 16;
  double gumbel_c_visit = 50;
  double gumbel_c_scale = 1.0;

  // Leaves gathered (with virtual loss) before one network call.
  int batch_size = 8;
  // Visits a pending leaf counts as, each a loss, while its evaluation is
  // in flight: this spreads one batch's leaves over the tree.
  int virtual_loss = 1;

  // Memory bounds. The tree holds at most max_nodes nodes: when a search
  // reaches it, it stops adding nodes and the move is chosen from the
  // visits so far (SearchResult::node_limit_reached says so). The cache
  // keeps at most cache_entries evaluations, evicting the oldest.
  int64_t max_nodes = 2'000'000;
  int64_t cache_entries = 100'000;

  // Pass is a candidate move only where it can make sense: once the
  // opponent has passed (passing back ends the game, which the search then
  // scores exactly), when no other move is playable, or, if this is below
  // 1, from move number pass_after_fraction * N^2 on. The default, 1, plays
  // on until only own eyes are left, as Tengen's policy players do: games
  // then end with every dead stone captured, so the area score the search
  // values finished games by is the true result, whatever the value
  // network believes. (Measured: a search allowed to pass from move N^2/2
  // with an untrained network passed while a random player filled its
  // territory, and lost every game.)
  double pass_after_fraction = 1.0;

  // Leaf values mixed with fast playouts (AlphaGo 2016's lambda): a new
  // leaf's value is (1 - playout_mix) * the network's value + playout_mix *
  // the mean result (+1 win, -1 loss, 0 draw, by the area score) of
  // playouts_per_leaf light random playouts from it (engine/playout.h).
  // 0: the network's value alone. docs/search.md has the measurement.
  double playout_mix = 0;
  int playouts_per_leaf = 1;

  uint64_t seed = 1;

  // Ok when every value is in range; the error names the setting.
  absl::Status Validate() const;
};

}  // namespace tengen

#endif  // TENGEN_SEARCH_SEARCH_OPTIONS_H_
