// Flags several subcommands share: the evaluator, the rules and the move
// choice. Each Add function binds flags to a plain struct; each To function
// checks the values and builds the options the lower layers take.
#ifndef TENGEN_APP_COMMON_FLAGS_H_
#define TENGEN_APP_COMMON_FLAGS_H_

#include <cmath>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "app/flags.h"
#include "engine/rules.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"

namespace tengen {

struct EvaluatorFlags {
  std::string symmetry = "random";
  std::string device = "cpu";
  int threads = 1;
  std::string precision = "fp32";
};
void AddEvaluatorFlags(FlagSet& flags, EvaluatorFlags* values);
absl::StatusOr<EvaluatorOptions> ToEvaluatorOptions(const EvaluatorFlags& values, uint64_t seed);

struct RulesFlags {
  std::string rules = "chinese";
  std::string ko;       // empty: the preset's
  std::string suicide;  // empty: the preset's; else allowed|forbidden
  double komi = NAN;    // NaN: the preset's
};
void AddRulesFlags(FlagSet& flags, RulesFlags* values);
absl::StatusOr<Rules> ToRules(const RulesFlags& values);

struct ChoiceFlags {
  std::string policy = "sample";
  double temperature = 1.0;
  int opening_moves = 0;
  double opening_temperature = 1.0;
  double top_p = 1.0;
};
void AddChoiceFlags(FlagSet& flags, ChoiceFlags* values);
absl::StatusOr<MoveChoiceOptions> ToChoiceOptions(const ChoiceFlags& values);

// Parses args into flags and handles --help and stray arguments. Returns an
// exit code to stop with, or -1 to carry on.
int ParseFlagsOrExit(FlagSet& flags, std::span<const std::string> args, size_t max_positional);

}  // namespace tengen

#endif  // TENGEN_APP_COMMON_FLAGS_H_
