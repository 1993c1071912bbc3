#include "eval/report/report_util.h"

#include <fmt/format.h>

#include <cmath>

#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

const JsonValue& Null() {
  static const JsonValue kNull;
  return kNull;
}

std::string EloNumber(double v) {
  if (std::isinf(v)) return v > 0 ? "+∞" : "−∞";
  if (std::isnan(v)) return "–";
  return fmt::format("{:+.0f}", v);
}

}  // namespace

const JsonValue& JsonAt(const JsonValue& object, std::string_view key) {
  const JsonValue* value = object.Find(key);
  return value != nullptr ? *value : Null();
}

const JsonValue& JsonAt(const JsonValue& array, size_t i) {
  if (!array.is_array() || i >= array.AsArray().size()) return Null();
  return array.AsArray()[i];
}

const std::vector<JsonValue>& JsonItems(const JsonValue& array) {
  static const std::vector<JsonValue> kNone;
  return array.is_array() ? array.AsArray() : kNone;
}

double JsonNumber(const JsonValue& object, std::string_view key) {
  const JsonValue& value = JsonAt(object, key);
  return value.is_number() ? value.AsNumber() : NAN;
}

std::string JsonString(const JsonValue& object, std::string_view key) {
  const JsonValue& value = JsonAt(object, key);
  return value.is_string() ? value.AsString() : "";
}

std::vector<double> JsonNumbers(const JsonValue& object, std::string_view key) {
  std::vector<double> numbers;
  for (const JsonValue& v : JsonItems(JsonAt(object, key)))
    numbers.push_back(v.is_number() ? v.AsNumber() : NAN);
  return numbers;
}

WinRate WinRateFromJson(const JsonValue& rate) {
  auto count = [&](std::string_view key) {
    const double v = JsonNumber(rate, key);
    return std::isfinite(v) && v >= 0 ? static_cast<int>(v) : 0;
  };
  return WinRate{.wins = count("wins"), .draws = count("draws"), .losses = count("losses")};
}

std::string Percent(double fraction, int decimals) {
  if (!std::isfinite(fraction)) return "–";
  return fmt::format("{:.{}f}%", fraction * 100, decimals);
}

std::string RateText(const JsonValue& rate) {
  if (!rate.is_object()) return "–";
  return fmt::format("{} [{}, {}] of {}", Percent(JsonNumber(rate, "rate")),
                     Percent(JsonNumber(rate, "low")), Percent(JsonNumber(rate, "high")),
                     Fixed(JsonNumber(rate, "games"), 0));
}

std::string EloText(const JsonValue& rate) {
  const WinRate counts = WinRateFromJson(rate);
  if (counts.games() == 0) return "–";
  const EloEstimate elo = EstimateElo(counts);
  return fmt::format("{} [{}, {}]", EloNumber(elo.elo), EloNumber(elo.interval.low),
                     EloNumber(elo.interval.high));
}

std::string Fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  return fmt::format("{:.{}f}", value, decimals);
}

std::string HtmlTable(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string html = "<table><thead><tr>";
  for (const std::string& cell : header) html += "<th>" + cell + "</th>";
  html += "</tr></thead><tbody>";
  for (const std::vector<std::string>& row : rows) {
    html += "<tr>";
    for (const std::string& cell : row) html += "<td>" + cell + "</td>";
    html += "</tr>";
  }
  return html + "</tbody></table>";
}

}  // namespace tengen
