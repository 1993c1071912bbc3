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

std::string RenderStrengthSection(const JsonValue& s) {
  std::string html = "<section id=\"strength\"><h2>c. Strength</h2>";
  if (!s.is_object()) return html + "<p class=\"missing\">This part was not run.</p></section>";
  const JsonValue& gnugo = JsonAt(s, "gnugo");
  html += fmt::format(
      "<p>Argmax and sampled play of the same network (symmetry none) against fixed opponents: the "
      "uniform "
      "random player{}, and each other. Score rates count draws as half and come with 95% Wilson "
      "intervals; "
      "Elo differences are the rates' logistic images, with the intervals' images. Colours "
      "alternate.</p>",
      JsonAt(gnugo, "available").is_bool() && JsonAt(gnugo, "available").AsBool()
          ? fmt::format(", {} (<code>{}</code>)", EscapeXml(JsonString(gnugo, "name")),
                        EscapeXml(JsonString(gnugo, "command")))
          : " (GNU Go was not found, so no games against it)");

  // One bar group per opponent, one bar per network player. Head-to-head
  // games are shown from the sampled player's side (against argmax).
  std::vector<std::string> players;
  for (const JsonValue& p : JsonItems(JsonAt(s, "players")))
    players.push_back(JsonString(p, "name"));
  std::vector<std::string> groups;
  std::map<std::pair<std::string, std::string>, std::array<double, 3>>
      bars;  // (group, player) -> rate, low, high
  auto group_index = [&](const std::string& name) {
    if (std::find(groups.begin(), groups.end(), name) == groups.end()) groups.push_back(name);
  };
  std::vector<std::vector<std::string>> rows;
  bool repeated_games = false;
  for (const JsonValue& p : JsonItems(JsonAt(s, "pairings"))) {
    const std::string kind = JsonString(p, "kind");
    const std::string player = JsonString(p, "player"), opponent = JsonString(p, "opponent");
    const double rate = JsonNumber(p, "rate"), low = JsonNumber(p, "low"),
                 high = JsonNumber(p, "high");
    if (kind == "head_to_head") {
      const std::string group = "against " + player;
      group_index(group);
      bars[{group, opponent}] = {1 - rate, 1 - high, 1 - low};
    } else {
      const std::string group = "against " + opponent;
      group_index(group);
      bars[{group, player}] = {rate, low, high};
    }
    const double distinct = JsonNumber(p, "distinct_games"), games = JsonNumber(p, "games");
    repeated_games = repeated_games || distinct < games;
    std::string failures = Fixed(JsonNumber(p, "failures"), 0);
    for (const JsonValue& reason : JsonItems(JsonAt(p, "failure_reasons")))
      if (reason.is_string()) failures += "<br><small>" + EscapeXml(reason.AsString()) + "</small>";
    rows.push_back({EscapeXml(player), EscapeXml(opponent), Fixed(games, 0), RateText(p),
                    EloText(p), Fixed(distinct, 0), failures});
  }
  BarChart chart{.title = "Score rate with 95% intervals", .y_percent = true, .width = 760};
  chart.categories = groups;
  chart.y_max = 1.0;
  for (const std::string& player : players) {
    BarSeries series{.name = player};
    for (const std::string& group : groups) {
      auto it = bars.find({group, player});
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
