// The arithmetic of Gumbel MCTS at the root (Danihelka, Guez, Schrittwieser
// and Silver 2022, "Policy improvement by planning with Gumbel"), as pure
// functions over one node's children, so tests can check each against an
// independent computation. search.cc applies them to the tree.
#ifndef TENGEN_SEARCH_GUMBEL_H_
#define TENGEN_SEARCH_GUMBEL_H_

#include <span>
#include <vector>

namespace tengen {

// Sequential halving as a sequence of target visit counts, one per
// simulation: simulation k goes to a considered move that has exactly
// sequence[k] visits in this search. With m considered moves and n
// simulations there are ceil(log2 m) phases; each phase gives every move
// still considered max(1, floor(n / (ceil(log2 m) * considered))) more
// visits, then the considered set halves (to no fewer than 2). m <= 1: the
// one move gets every simulation (0, 1, 2, ...). Returns n entries.
std::vector<int> HalvingVisitSequence(int considered, int simulations);

// The children of a node as Gumbel sees them. q is the mean value from the
// point of view of the player choosing among them, meaningful only where
// visits > 0.
struct GumbelChild {
  float logit = 0;  // the network's logit for the move
  float prior = 0;  // softmax of the logits over the candidates
  int visits = 0;
  double q = 0;
};

// The value given to unvisited children: the network's value of the node
// (for the player choosing) mixed with the prior-weighted mean q of the
// visited children,
//   (raw_value + sum_b N(b) * sum_{visited a} p(a) q(a) / sum_{visited a} p(a))
//   / (1 + sum_b N(b)),
// which is raw_value when no child is visited.
double MixedValue(double raw_value, std::span<const GumbelChild> children);

// sigma(completed q) per child: q for visited children, MixedValue for the
// rest, rescaled to [0, 1] by the minimum and maximum over all children
// (all 0 when they are equal), times (c_visit + max_b N(b)) * c_scale.
std::vector<double> SigmaOfCompletedQ(double raw_value, std::span<const GumbelChild> children,
                                      double c_visit, double c_scale);

// The improved policy softmax(logit + sigma(completed q)) over the children,
// the training target of Gumbel self-play.
std::vector<double> ImprovedPolicy(double raw_value, std::span<const GumbelChild> children,
                                   double c_visit, double c_scale);

}  // namespace tengen

#endif  // TENGEN_SEARCH_GUMBEL_H_
