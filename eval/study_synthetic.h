// The known-information experiment of part e (the seed's claim that noise
// limits the information a network carries): networks trained, with and
// without dropout, on synthetic positions whose labels carry a known number
// of bits about the input (eval/report/synthetic_result.h says how the data
// are made and what each figure means), scored against that number. No
// LibTorch here: it trains through train/trainer.h and measures through a
// network evaluator.
#ifndef TENGEN_EVAL_STUDY_SYNTHETIC_H_
#define TENGEN_EVAL_STUDY_SYNTHETIC_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "base/json.h"
#include "eval/report/synthetic_result.h"
#include "policy/network_config.h"

namespace tengen {

struct SyntheticOptions {
  // Bits of a code, one stone each on points no two of which touch:
  // 1..16 on boards of 7x7 and up (2^code_bits inputs are all measured).
  int code_bits = 8;
  double label_noise = 0.5;  // in [0, 1): the share of labels drawn uniformly
  int examples_per_code = 4;
  std::vector<double> dropout_rates = {0, 0.3};  // one network each
  int steps = 800;                               // optimiser steps, for each network
  int segments = 8;                              // figures measured after each of this many parts
  int batch = 32;
  double learning_rate = 0.01;  // SGD with momentum 0.9, as the trainer does

  JsonValue ToJson() const;
  absl::Status Validate() const;
};

// Makes the data from `seed`, trains one network of `network`'s shape (its
// dropout replaced by each rate, every one from the same initial weights
// and on the same batches, no symmetry augmentation) per rate, and measures
// the figures after each segment. Progress through hooks.on_progress; a
// stop request (hooks.stop) ends it with Cancelled.
absl::StatusOr<SyntheticResult> RunSyntheticStudy(const SyntheticOptions& options,
                                                  const NetworkConfig& network, uint64_t seed,
                                                  int threads, const JobHooks& hooks);

// The exact entropies of the labels in bits, for `labels` possible points,
// noise `label_noise` and `answer_counts[y]` codes whose answer is point y:
// H(label), H(label | input) and their difference.
struct LabelEntropies {
  double label_bits = 0, conditional_bits = 0, information_bits = 0;
};
LabelEntropies SyntheticLabelEntropies(int labels, double label_noise,
                                       const std::vector<int>& answer_counts);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_SYNTHETIC_H_
