#include "eval/report/match_results.h"

#include <cmath>

#include "eval/report/json_fields.h"

namespace tengen {
namespace {

std::optional<double> Finite(double value) {
  return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

}  // namespace

WinRateResult WinRateResult::Of(const WinRate& counts) {
  const Interval interval = counts.Interval95();
  const EloEstimate elo = EstimateElo(counts);
  return WinRateResult{
      .games = counts.games(),
      .wins = counts.wins,
      .draws = counts.draws,
      .losses = counts.losses,
      .rate = counts.games() > 0 ? std::optional<double>(counts.rate()) : std::nullopt,
      .low = interval.low,
      .high = interval.high,
      .elo = Finite(elo.elo),
      .elo_low = Finite(elo.interval.low),
      .elo_high = Finite(elo.interval.high)};
}

JsonValue WinRateResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("games", games)
      .Set("wins", wins)
      .Set("draws", draws)
      .Set("losses", losses)
      .Set("rate", WriteJson(rate))
      .Set("low", low)
      .Set("high", high)
      .Set("elo", WriteJson(elo))
      .Set("elo_low", WriteJson(elo_low))
      .Set("elo_high", WriteJson(elo_high));
  return json;
}

absl::StatusOr<WinRateResult> WinRateResult::FromJson(const JsonValue& json,
                                                      std::string_view path) {
  WinRateResult r;
  JsonObjectReader in(json, std::string(path));
  in.Read("games", r.games)
      .Read("wins", r.wins)
      .Read("draws", r.draws)
      .Read("losses", r.losses)
      .Read("rate", r.rate)
      .Read("low", r.low)
      .Read("high", r.high)
      .Read("elo", r.elo)
      .Read("elo_low", r.elo_low)
      .Read("elo_high", r.elo_high);
  return in.Finish(std::move(r));
}

JsonValue StudyMatchResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("player", player).Set("opponent", opponent);
  const JsonValue rate = score.ToJson();
  for (const auto& [key, value] : rate.AsObject()) json.Set(key, value);
  json.Set("distinct_games", distinct_games)
      .Set("failures", failures)
      .Set("failure_reasons", WriteJson(failure_reasons));
  return json;
}

absl::StatusOr<StudyMatchResult> StudyMatchResult::FromJson(const JsonValue& json,
                                                            std::string_view path) {
  StudyMatchResult m;
  JsonObjectReader in(json, std::string(path));
  in.Read("player", m.player).Read("opponent", m.opponent).ReadInline(m.score);
  in.Read("distinct_games", m.distinct_games)
      .Read("failures", m.failures)
      .Read("failure_reasons", m.failure_reasons);
  return in.Finish(std::move(m));
}

}  // namespace tengen
