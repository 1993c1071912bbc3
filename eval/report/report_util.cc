#include "eval/report/report_util.h"

#include <fmt/format.h>

#include <cmath>

namespace tengen {

std::string_view ReportStyleSheet() {
  static constexpr std::string_view kStyle = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; background: #fafafa; margin: 0; }
main { max-width: 1160px; margin: 0 auto; padding: 16px 24px 48px; background: #ffffff; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 2px solid #d62728; padding-bottom: 4px; }
p { line-height: 1.45; max-width: 1080px; }
p.meta, p.aside { color: #555555; font-size: 14px; }
p.claim { background: #fff4e5; border-left: 4px solid #ff7f0e; padding: 8px 12px; }
p.missing { color: #9a9a9a; font-style: italic; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; margin: 8px 0; }
.figures svg { border: 1px solid #e3e3e3; }
.figures p.aside { max-width: 320px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
code { font-size: 12px; background: #f3f3f3; padding: 1px 3px; }
)";
  return kStyle;
}
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
