// Part c's typed result, the "strength" section of report.json
// (eval/study_strength.h runs the part). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_STRENGTH_RESULT_H_
#define TENGEN_EVAL_REPORT_STRENGTH_RESULT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/match_results.h"

namespace tengen {

// {"name", "temperature", "symmetry"}: one way the network plays.
struct StrengthPlayer {
  std::string name;        // "argmax" or e.g. "sample T=1"
  double temperature = 0;  // 0: argmax
  std::string symmetry;    // how the network is evaluated: "none"

  JsonValue ToJson() const;
  static absl::StatusOr<StrengthPlayer> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const StrengthPlayer&) const = default;
};

// GNU Go as the study played it.
struct GnuGoOpponent {
  std::string name;     // e.g. "GNU Go level 1"
  std::string command;  // the command line it ran with

  bool operator==(const GnuGoOpponent&) const = default;
};

// The JSON member a section holds for an optional GNU Go opponent:
// {"available", "name", "command"}, the names empty when GNU Go was not
// available.
struct GnuGoMember {
  std::optional<GnuGoOpponent> opponent;

  JsonValue ToJson() const;
  static absl::StatusOr<GnuGoMember> FromJson(const JsonValue& json, std::string_view path);
};

// Whom a network player met: "random", "gnugo" or "head_to_head" in JSON.
enum class PairingKind { kRandom, kGnuGo, kHeadToHead };
std::string_view PairingKindName(PairingKind kind);

// A match of the part: StudyMatchResult's keys, then "kind". In a
// head-to-head pairing the player is argmax and the opponent a sampled
// player.
struct StrengthPairing {
  StudyMatchResult match;
  PairingKind kind = PairingKind::kRandom;

  JsonValue ToJson() const;
  static absl::StatusOr<StrengthPairing> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const StrengthPairing&) const = default;
};

// {"players", "gnugo": {"available", "name", "command"}, "pairings"}.
struct StrengthResult {
  std::vector<StrengthPlayer> players;
  // None when GNU Go was not found (then "available" is false in JSON and
  // no pairing is of kind gnugo).
  std::optional<GnuGoOpponent> gnugo;
  std::vector<StrengthPairing> pairings;

  JsonValue ToJson() const;
  static absl::StatusOr<StrengthResult> FromJson(const JsonValue& json,
                                                 std::string_view path = "strength");
  bool operator==(const StrengthResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_STRENGTH_RESULT_H_
