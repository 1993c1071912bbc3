#include "eval/report/search_result.h"

#include <fmt/format.h>

#include "eval/report/json_fields.h"

namespace tengen {
namespace {

constexpr SearchPairingKind kSearchPairingKinds[] = {
    SearchPairingKind::kGnuGo, SearchPairingKind::kHeadToHead, SearchPairingKind::kPolicy};

}  // namespace

JsonValue SearchEraSearch::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("root_policy", root_policy)
      .Set("visits", visits)
      .Set("considered", considered)
      .Set("root_noise", root_noise)
      .Set("description", description)
      .Set("temperature", temperature);
  return json;
}

absl::StatusOr<SearchEraSearch> SearchEraSearch::FromJson(const JsonValue& json,
                                                          std::string_view path) {
  SearchEraSearch s;
  JsonObjectReader in(json, std::string(path));
  in.Read("root_policy", s.root_policy)
      .Read("visits", s.visits)
      .Read("considered", s.considered)
      .Read("root_noise", s.root_noise)
      .Read("description", s.description)
      .Read("temperature", s.temperature);
  return in.Finish(std::move(s));
}

JsonValue SearchDiversityMode::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("name", name)
      .Set("temperature", temperature)
      .Set("deterministic", deterministic)
      .Set("games", games)
      .Set("distinct_games", distinct_games)
      .Set("mean_length", mean_length)
      .Set("black_wins", black_wins)
      .Set("first_move_entropy_bits", first_move_entropy_bits)
      .Set("opening_entropy_bits", opening_entropy_bits)
      .Set("max_entropy_bits", max_entropy_bits)
      .Set("positions", WriteJson(positions))
      .Set("first_moves", WriteJson(first_moves));
  return json;
}

absl::StatusOr<SearchDiversityMode> SearchDiversityMode::FromJson(const JsonValue& json,
                                                                  std::string_view path) {
  SearchDiversityMode m;
  JsonObjectReader in(json, std::string(path));
  in.Read("name", m.name)
      .Read("temperature", m.temperature)
      .Read("deterministic", m.deterministic)
      .Read("games", m.games)
      .Read("distinct_games", m.distinct_games)
      .Read("mean_length", m.mean_length)
      .Read("black_wins", m.black_wins)
      .Read("first_move_entropy_bits", m.first_move_entropy_bits)
      .Read("opening_entropy_bits", m.opening_entropy_bits)
      .Read("max_entropy_bits", m.max_entropy_bits)
      .Read("positions", m.positions)
      .Read("first_moves", m.first_moves);
  return in.Finish(std::move(m));
}

JsonValue SearchDiversity::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("games_per_mode", games_per_mode)
      .Set("symmetry", symmetry)
      .Set("opening_moves", opening_moves)
      .Set("checkpoints", WriteJson(checkpoints))
      .Set("empty_board_target", WriteJson(empty_board_target))
      .Set("empty_board_best", empty_board_best)
      .Set("empty_board_target_entropy_bits", empty_board_target_entropy_bits)
      .Set("modes", WriteJson(modes));
  return json;
}

absl::StatusOr<SearchDiversity> SearchDiversity::FromJson(const JsonValue& json,
                                                          std::string_view path) {
  SearchDiversity d;
  JsonObjectReader in(json, std::string(path));
  in.Read("games_per_mode", d.games_per_mode)
      .Read("symmetry", d.symmetry)
      .Read("opening_moves", d.opening_moves)
      .Read("checkpoints", d.checkpoints)
      .Read("empty_board_target", d.empty_board_target)
      .Read("empty_board_best", d.empty_board_best)
      .Read("empty_board_target_entropy_bits", d.empty_board_target_entropy_bits)
      .Read("modes", d.modes);
  return in.Finish(std::move(d));
}

std::string_view SearchPairingKindName(SearchPairingKind kind) {
  switch (kind) {
    case SearchPairingKind::kGnuGo:
      return "gnugo";
    case SearchPairingKind::kHeadToHead:
      return "head_to_head";
    case SearchPairingKind::kPolicy:
      return "policy";
  }
  return "head_to_head";
}

JsonValue SearchPairing::ToJson() const {
  JsonValue json = match.ToJson();
  json.Set("kind", SearchPairingKindName(kind));
  return json;
}

absl::StatusOr<SearchPairing> SearchPairing::FromJson(const JsonValue& json,
                                                      std::string_view path) {
  SearchPairing p;
  std::string kind;
  JsonObjectReader in(json, std::string(path));
  in.ReadInline(p.match).Read("kind", kind);
  if (in.status().ok()) {
    bool known = false;
    for (SearchPairingKind k : kSearchPairingKinds)
      if (SearchPairingKindName(k) == kind) {
        p.kind = k;
        known = true;
      }
    if (!known)
      in.Keep(absl::InvalidArgumentError(
          fmt::format("{}: should be \"gnugo\", \"head_to_head\" or \"policy\", not \"{}\"",
                      JsonPath(path, "kind"), kind)));
  }
  return in.Finish(std::move(p));
}

JsonValue SearchStrength::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("players", WriteJson(players))
      .Set("gnugo", GnuGoMember{gnugo}.ToJson())
      .Set("policy_player", policy_player)
      .Set("pairings", WriteJson(pairings));
  return json;
}

absl::StatusOr<SearchStrength> SearchStrength::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  SearchStrength s;
  GnuGoMember gnugo;
  JsonObjectReader in(json, std::string(path));
  in.Read("players", s.players)
      .Read("gnugo", gnugo)
      .Read("policy_player", s.policy_player)
      .Read("pairings", s.pairings);
  s.gnugo = std::move(gnugo.opponent);
  return in.Finish(std::move(s));
}

JsonValue SearchLearningVariant::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("name", name)
      .Set("opening_moves", opening_moves)
      .Set("opening_temperature", opening_temperature)
      .Set("randomness", randomness);
  return json;
}

absl::StatusOr<SearchLearningVariant> SearchLearningVariant::FromJson(const JsonValue& json,
                                                                      std::string_view path) {
  SearchLearningVariant v;
  JsonObjectReader in(json, std::string(path));
  in.Read("name", v.name)
      .Read("opening_moves", v.opening_moves)
      .Read("opening_temperature", v.opening_temperature)
      .Read("randomness", v.randomness);
  return in.Finish(std::move(v));
}

JsonValue SearchLearning::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("selfplay_search", selfplay_search)
      .Set("variants", WriteJson(variants))
      .Set("runs", runs.ToJson());
  return json;
}

absl::StatusOr<SearchLearning> SearchLearning::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  SearchLearning l;
  JsonObjectReader in(json, std::string(path));
  in.Read("selfplay_search", l.selfplay_search).Read("variants", l.variants).Read("runs", l.runs);
  if (in.status().ok() && l.variants.size() != l.runs.runs.size())
    in.Keep(absl::InvalidArgumentError(fmt::format("{}: {} variants but {} runs", in.path(),
                                                   l.variants.size(), l.runs.runs.size())));
  return in.Finish(std::move(l));
}

JsonValue SearchEraResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("search", search.ToJson())
      .Set("diversity", diversity.ToJson())
      .Set("strength", strength.ToJson())
      .Set("learning", learning.ToJson());
  return json;
}

absl::StatusOr<SearchEraResult> SearchEraResult::FromJson(const JsonValue& json,
                                                          std::string_view path) {
  SearchEraResult r;
  JsonObjectReader in(json, std::string(path));
  in.Read("search", r.search)
      .Read("diversity", r.diversity)
      .Read("strength", r.strength)
      .Read("learning", r.learning);
  return in.Finish(std::move(r));
}

}  // namespace tengen
