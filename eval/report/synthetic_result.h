// The typed result of the known-information experiment inside part e
// (eval/study_synthetic.h runs it): the "synthetic" member of the report's
// "dropout" section. No LibTorch here.
//
// Every input is one of 2^code_bits boards, a code's bits read as stones on
// fixed points, so an input carries exactly code_bits bits. Each code has a
// fixed answer (a point drawn once); a training label is that answer with
// probability 1 - label_noise and otherwise a point drawn uniformly, so the
// labels carry a known amount of information about the input:
//   information_bits = H(label) - H(label | input).
// A network's predictions q are scored in bits per position against that:
//   fit_bits         = H(label) - its cross-entropy on the training labels
//   generalised_bits = H(label) - its expected cross-entropy under the
//                      true label distribution of every code
//                    = information_bits - E[KL(true || q)] <= information_bits
//   memorised_bits   = fit_bits - generalised_bits: what the fit holds
//                      beyond what generalises (the training sample's noise).
#ifndef TENGEN_EVAL_REPORT_SYNTHETIC_RESULT_H_
#define TENGEN_EVAL_REPORT_SYNTHETIC_RESULT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"

namespace tengen {

// One trained network: {"name", "dropout", "fit_bits", "generalised_bits",
// "memorised_bits", "answer_accuracy", "step", "fit_curve",
// "generalised_curve"}.
struct SyntheticRun {
  std::string name;  // "no dropout" or e.g. "dropout 0.3"
  double dropout = 0;
  double fit_bits = 0, generalised_bits = 0, memorised_bits = 0;
  // Share of the codes whose most likely point is the code's answer.
  double answer_accuracy = 0;
  // The two figures as training went, from step 0.
  std::vector<double> step, fit_curve, generalised_curve;

  JsonValue ToJson() const;
  static absl::StatusOr<SyntheticRun> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const SyntheticRun&) const = default;
};

// {"code_bits", "label_noise", "labels", "train_examples", "steps", "batch",
//  "network", "label_entropy_bits", "conditional_entropy_bits",
//  "information_bits", "runs"}.
struct SyntheticResult {
  int code_bits = 0;
  double label_noise = 0;
  int labels = 0;  // the points a label can be
  int train_examples = 0, steps = 0, batch = 0;
  std::string network;
  double label_entropy_bits = 0;        // H(label)
  double conditional_entropy_bits = 0;  // H(label | input): the noise
  double information_bits = 0;          // their difference
  std::vector<SyntheticRun> runs;

  JsonValue ToJson() const;
  static absl::StatusOr<SyntheticResult> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const SyntheticResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_SYNTHETIC_RESULT_H_
