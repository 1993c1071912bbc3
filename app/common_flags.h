// Flags several subcommands share: the evaluator, the rules and the move
// choice. Each Add function binds flags to a plain struct; each To function
// checks the values and builds the options the lower layers take.
#ifndef TENGEN_APP_COMMON_FLAGS_H_
#define TENGEN_APP_COMMON_FLAGS_H_

#include <cmath>
#include <cstdint>
#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "app/flags.h"
#include "engine/rules.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"
#include "policy/precision.h"

namespace tengen {

// The evaluator's flags: --device and --threads are bound to `options`;
// --symmetry and --precision are names: symmetry by default that of
// `options`, precision by default "auto" (the fastest path this CPU runs).
struct EvaluatorFlags {
  EvaluatorOptions options;  // the seed is not a flag: ToEvaluatorOptions sets it
  std::string symmetry = std::string(SymmetryModeName(options.symmetry));
  std::string precision = "auto";
};
void AddEvaluatorFlags(FlagSet& flags, EvaluatorFlags* values);
absl::StatusOr<EvaluatorOptions> ToEvaluatorOptions(const EvaluatorFlags& values, uint64_t seed);

// The rules: a preset by name, and the parts of it a flag may change.
struct RulesFlags {
  std::string rules = "chinese";
  std::string ko;       // empty: the preset's
  std::string suicide;  // empty: the preset's; else allowed|forbidden
  double komi = NAN;    // NaN: the preset's
};
void AddRulesFlags(FlagSet& flags, RulesFlags* values);
absl::StatusOr<Rules> ToRules(const RulesFlags& values);

// The move choice: every number is bound to `options`; --policy is the name
// of its mode, by default that of `options`.
struct ChoiceFlags {
  MoveChoiceOptions options;
  std::string policy = std::string(ChoiceModeName(options.mode));
};
void AddChoiceFlags(FlagSet& flags, ChoiceFlags* values);
absl::StatusOr<MoveChoiceOptions> ToChoiceOptions(const ChoiceFlags& values);

// Parses args into flags and handles --help: prints the help on stdout and
// returns 0, or prints the error (prefixed with the command) on stderr and
// returns 2. Returns -1 to carry on.
int ParseFlagsOrExit(FlagSet& flags, std::span<const std::string> args);

}  // namespace tengen

#endif  // TENGEN_APP_COMMON_FLAGS_H_
