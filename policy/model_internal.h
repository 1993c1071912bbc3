// What a Model holds, for policy/ and the trainer (includes LibTorch).
#ifndef TENGEN_POLICY_MODEL_INTERNAL_H_
#define TENGEN_POLICY_MODEL_INTERNAL_H_

#include "policy/model.h"
#include "policy/network.h"

namespace tengen {

struct ModelState {
  explicit ModelState(const NetworkConfig& config) : network(config) {}
  PolicyValueNet network;
};

inline PolicyValueNet& NetworkOf(const Model& model) { return model.state().network; }

}  // namespace tengen

#endif  // TENGEN_POLICY_MODEL_INTERNAL_H_
