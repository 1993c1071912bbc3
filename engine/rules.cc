#include "engine/rules.h"

#include <fmt/format.h>

#include "base/text_util.h"

namespace tengen {

absl::StatusOr<Rules> RulesFromPresetName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "chinese") return Rules::Chinese();
  if (lower == "tromp-taylor") return Rules::TrompTaylor();
  return absl::InvalidArgumentError(
      fmt::format("unknown rules '{}': expected chinese or tromp-taylor", name));
}

absl::StatusOr<KoRule> KoRuleFromName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "simple") return KoRule::kSimple;
  if (lower == "positional") return KoRule::kPositional;
  if (lower == "situational") return KoRule::kSituational;
  return absl::InvalidArgumentError(
      fmt::format("unknown ko rule '{}': expected simple, positional or situational", name));
}

std::string_view KoRuleName(KoRule rule) {
  switch (rule) {
    case KoRule::kSimple:
      return "simple";
    case KoRule::kPositional:
      return "positional";
    case KoRule::kSituational:
      return "situational";
  }
  return "?";
}

std::string DescribeRules(const Rules& rules) {
  return fmt::format("ko {}, suicide {}, komi {}", KoRuleName(rules.ko),
                     rules.suicide_allowed ? "allowed" : "forbidden", rules.komi);
}

}  // namespace tengen
