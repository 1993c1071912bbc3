#include "eval/report/strength_result.h"

#include <fmt/format.h>

#include "eval/report/json_fields.h"

namespace tengen {

JsonValue StrengthPlayer::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("name", name).Set("temperature", temperature).Set("symmetry", symmetry);
  return json;
}

absl::StatusOr<StrengthPlayer> StrengthPlayer::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  StrengthPlayer p;
  JsonObjectReader in(json, std::string(path));
  in.Read("name", p.name).Read("temperature", p.temperature).Read("symmetry", p.symmetry);
  return in.Finish(std::move(p));
}

JsonValue GnuGoMember::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("available", opponent.has_value())
      .Set("name", opponent.has_value() ? opponent->name : "")
      .Set("command", opponent.has_value() ? opponent->command : "");
  return json;
}

absl::StatusOr<GnuGoMember> GnuGoMember::FromJson(const JsonValue& json, std::string_view path) {
  bool available = false;
  GnuGoOpponent gnugo;
  JsonObjectReader in(json, std::string(path));
  in.Read("available", available).Read("name", gnugo.name).Read("command", gnugo.command);
  GnuGoMember member;
  if (available) member.opponent = std::move(gnugo);
  return in.Finish(std::move(member));
}

std::string_view PairingKindName(PairingKind kind) {
  switch (kind) {
    case PairingKind::kRandom:
      return "random";
    case PairingKind::kGnuGo:
      return "gnugo";
    case PairingKind::kHeadToHead:
      return "head_to_head";
  }
  return "random";
}

JsonValue StrengthPairing::ToJson() const {
  JsonValue json = match.ToJson();
  json.Set("kind", PairingKindName(kind));
  return json;
}

absl::StatusOr<StrengthPairing> StrengthPairing::FromJson(const JsonValue& json,
                                                          std::string_view path) {
  StrengthPairing p;
  std::string kind;
  JsonObjectReader in(json, std::string(path));
  in.ReadInline(p.match).Read("kind", kind);
  if (in.status().ok()) {
    bool known = false;
    for (PairingKind k : {PairingKind::kRandom, PairingKind::kGnuGo, PairingKind::kHeadToHead})
      if (PairingKindName(k) == kind) {
        p.kind = k;
        known = true;
      }
    if (!known)
      in.Keep(absl::InvalidArgumentError(
          fmt::format("{}: should be \"random\", \"gnugo\" or \"head_to_head\", not \"{}\"",
                      JsonPath(path, "kind"), kind)));
  }
  return in.Finish(std::move(p));
}

JsonValue StrengthResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("players", WriteJson(players))
      .Set("gnugo", GnuGoMember{gnugo}.ToJson())
      .Set("pairings", WriteJson(pairings));
  return json;
}

absl::StatusOr<StrengthResult> StrengthResult::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  StrengthResult s;
  GnuGoMember gnugo;
  JsonObjectReader in(json, std::string(path));
  in.Read("players", s.players).Read("gnugo", gnugo).Read("pairings", s.pairings);
  s.gnugo = std::move(gnugo.opponent);
  return in.Finish(std::move(s));
}

}  // namespace tengen
