// Section c of the report: strength of argmax and sampled play.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "eval/report/report_html.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr std::string_view kStrengthTitle = "c. Strength";

}  // namespace

std::string RenderStrengthSection(const std::optional<StrengthResult>& strength) {
  if (!strength.has_value()) return NotRunSection("strength", kStrengthTitle);
  const StrengthResult& s = *strength;
  std::string html = fmt::format("<section id=\"strength\"><h2>{}</h2>", kStrengthTitle);
  html += fmt::format(
      "<p>Argmax and sampled play of the same network (symmetry none) against fixed opponents: the "
      "uniform "
      "random player{}, and each other. Score rates count draws as half and come with 95% Wilson "
      "intervals; "
      "Elo differences are the rates' logistic images, with the intervals' images. Colours "
      "alternate.</p>",
      s.gnugo.has_value() ? fmt::format(", {} (<code>{}</code>)", EscapeXml(s.gnugo->name),
                                        EscapeXml(s.gnugo->command))
                          : "");
  if (!s.gnugo.has_value())
    html +=
        "<p class=\"missing\">GNU Go was not found, so the games against it were not "
        "played.</p>";

  // One bar group per opponent, one bar per network player. Head-to-head
  // games are shown from the sampled player's side (against argmax).
  std::vector<std::string> groups;
  std::map<std::pair<std::string, std::string>, std::array<double, 3>>
      bars;  // (group, player) -> rate, low, high
  auto group_index = [&](const std::string& name) {
    if (std::find(groups.begin(), groups.end(), name) == groups.end()) groups.push_back(name);
  };
  std::vector<std::vector<std::string>> rows;
  bool repeated_games = false;
  for (const StrengthPairing& pairing : s.pairings) {
    const StudyMatchResult& p = pairing.match;
    const double rate = p.score.rate.value_or(NAN), low = p.score.low, high = p.score.high;
    if (pairing.kind == PairingKind::kHeadToHead) {
      const std::string group = "against " + p.player;
      group_index(group);
      bars[{group, p.opponent}] = {1 - rate, 1 - high, 1 - low};
    } else {
      const std::string group = "against " + p.opponent;
      group_index(group);
      bars[{group, p.player}] = {rate, low, high};
    }
    repeated_games = repeated_games || p.distinct_games < p.score.games;
    std::string failures = fmt::format("{}", p.failures);
    for (const std::string& reason : p.failure_reasons)
      failures += "<br><small>" + EscapeXml(reason) + "</small>";
    rows.push_back({EscapeXml(p.player), EscapeXml(p.opponent), fmt::format("{}", p.score.games),
                    RateText(p.score), EloText(p.score), fmt::format("{}", p.distinct_games),
                    failures});
  }
  BarChart chart{.title = "Score rate with 95% intervals", .y_percent = true, .width = 760};
  chart.categories = groups;
  chart.y_max = 1.0;
  for (const StrengthPlayer& player : s.players) {
    BarSeries series{.name = player.name};
    for (const std::string& group : groups) {
      auto it = bars.find({group, player.name});
      series.values.push_back(it != bars.end() ? it->second[0] : NAN);
      series.low.push_back(it != bars.end() ? it->second[1] : NAN);
      series.high.push_back(it != bars.end() ? it->second[2] : NAN);
    }
    chart.series.push_back(std::move(series));
  }
  html += "<div class=\"figures\">" + RenderBarChart(chart) + "</div>";
  html += HtmlTable({"player", "opponent", "games", "score rate [95%]", "Elo [95%]",
                     "distinct games", "failures"},
                    rows);
  if (repeated_games)
    html +=
        "<p class=\"aside\">Where a pairing has fewer distinct games than games, games "
        "repeated move for move. A deterministic player against a deterministic opponent can "
        "play only two different games, one per colour; against an opponent with a little "
        "randomness of its own it still plays the same few games again and again. Such games "
        "are not independent trials, and their interval overstates what is known. Sampling "
        "makes every game a fresh trial.</p>";
  return html + "</section>";
}

}  // namespace tengen
