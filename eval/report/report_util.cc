#include "eval/report/report_util.h"

#include <fmt/format.h>

#include <cmath>

namespace tengen {
namespace {

std::string EloNumber(double v) {
  if (std::isinf(v)) return v > 0 ? "+∞" : "−∞";
  return fmt::format("{:+.0f}", v);
}

}  // namespace

std::string Percent(double fraction, int decimals) {
  return fmt::format("{:.{}f}%", fraction * 100, decimals);
}

std::string Fixed(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }

std::string RateText(const WinRateResult& rate) {
  if (!rate.rate.has_value() || rate.games == 0) return "no games";
  return fmt::format("{} [{}, {}] of {}", Percent(*rate.rate), Percent(rate.low),
                     Percent(rate.high), rate.games);
}

std::string RateText(const std::optional<WinRateResult>& rate) {
  return rate.has_value() ? RateText(*rate) : "not played";
}

std::string EloText(const WinRateResult& rate) {
  const WinRate counts = rate.counts();
  if (counts.games() == 0) return "no games";
  const EloEstimate elo = EstimateElo(counts);
  return fmt::format("{} [{}, {}]", EloNumber(elo.elo), EloNumber(elo.interval.low),
                     EloNumber(elo.interval.high));
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

std::string NotRunSection(std::string_view id, std::string_view title) {
  return fmt::format(
      "<section id=\"{}\"><h2>{}</h2><p class=\"missing\">This part was not run.</p></section>", id,
      title);
}

std::string VertexText(const CollapsePoint& point) {
  return point.vertex.has_value() ? *point.vertex
                                  : fmt::format("({}, {})", Fixed(point.x, 2), Fixed(point.y, 2));
}

}  // namespace tengen
