// Rules as data: how repetition and suicide are treated, and komi. Scoring is
// always area scoring (Tromp-Taylor: stones plus empty regions that reach
// only one colour).
#ifndef TENGEN_ENGINE_RULES_H_
#define TENGEN_ENGINE_RULES_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tengen {

enum class KoRule {
  kSimple,       // only the immediate recapture of a single-stone ko is banned
  kPositional,   // no move may recreate any earlier arrangement of stones
  kSituational,  // no move may recreate an earlier arrangement with the same player to move
};

struct Rules {
  KoRule ko = KoRule::kPositional;
  // Multi-stone suicide; single-stone suicide is never legal.
  bool suicide_allowed = false;
  // Points given to white, added to white's area score. Any value is accepted.
  double komi = 7.5;

  // Positional superko, no suicide, komi 7.5. The default.
  static Rules Chinese() { return Rules{}; }
  // Positional superko, suicide allowed, komi 7.5.
  static Rules TrompTaylor() { return Rules{.ko = KoRule::kPositional, .suicide_allowed = true}; }

  bool operator==(const Rules&) const = default;
};

// "chinese" or "tromp-taylor" (case-insensitive).
absl::StatusOr<Rules> RulesFromPresetName(std::string_view name);
// "simple", "positional" or "situational" (case-insensitive).
absl::StatusOr<KoRule> KoRuleFromName(std::string_view name);
std::string_view KoRuleName(KoRule rule);
// A short description, e.g. "ko positional, suicide forbidden, komi 7.5".
std::string DescribeRules(const Rules& rules);

}  // namespace tengen

#endif  // TENGEN_ENGINE_RULES_H_
