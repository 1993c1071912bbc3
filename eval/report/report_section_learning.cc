// Section d of the report: self-play training by argmax against by sampling.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "eval/report/report_html.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr double kEloLimit = 800;  // Elo beyond this (or infinite) is drawn at the edge

struct GenerationRate {
  double generation;
  const JsonValue* rate;  // a WinRateToJson object, or null
};

// A series of score rates (or Elo differences) with their interval band.
ChartSeries RateSeries(const std::string& name, const std::vector<GenerationRate>& points,
                       bool elo) {
  ChartSeries series{.name = name};
  for (const GenerationRate& p : points) {
    if (p.rate == nullptr || !p.rate->is_object()) continue;
    series.x.push_back(p.generation);
    if (elo) {
      const EloEstimate e = EstimateElo(WinRateFromJson(*p.rate));
      auto clamp = [](double v) {
        return std::isnan(v) ? v : std::clamp(v, -kEloLimit, kEloLimit);
      };
      series.y.push_back(clamp(e.elo));
      series.low.push_back(clamp(e.interval.low));
      series.high.push_back(clamp(e.interval.high));
    } else {
      series.y.push_back(JsonNumber(*p.rate, "rate"));
      series.low.push_back(JsonNumber(*p.rate, "low"));
      series.high.push_back(JsonNumber(*p.rate, "high"));
    }
  }
  return series;
}

}  // namespace

std::string RenderLearningSection(const JsonValue& l) {
  std::string html =
      "<section id=\"learning\"><h2>d. Learning: argmax self-play against sampled self-play</h2>";
  if (!l.is_object()) return html + "<p class=\"missing\">This part was not run.</p></section>";
  const JsonValue& evaluation = JsonAt(l, "evaluation");
  html += fmt::format(
      "<p>Two runs of the self-play training loop start from the same random network (generation "
      "0) with the "
      "same compute: {0} generations of {1} self-play games and {2} training steps each. They "
      "differ only in how "
      "self-play chooses moves: argmax in one, sampling at temperature 1 in the other (symmetry "
      "none in both). "
      "Every generation is kept. Each is measured against common references, the uniform random "
      "player and "
      "generation 0, over {3} and {4} games, both sides sampling at T = {5}.</p>",
      Fixed(JsonNumber(l, "generations"), 0), Fixed(JsonNumber(l, "games_per_generation"), 0),
      Fixed(JsonNumber(l, "train_steps_per_generation"), 0),
      Fixed(JsonNumber(evaluation, "games_vs_random"), 0),
      Fixed(JsonNumber(evaluation, "games_vs_first"), 0),
      Fixed(JsonNumber(evaluation, "temperature"), 2));
  const JsonValue& first_vs_random = JsonAt(JsonAt(l, "generation_0"), "vs_random");
  static const JsonValue kEven = [] {
    JsonValue even = JsonValue::Object();
    even.Set("rate", 0.5).Set("low", 0.5).Set("high", 0.5);
    return even;
  }();
  LineChart vs_random{
      .title = "Score against the random player", .x_label = "generation", .y_percent = true};
  LineChart vs_first{
      .title = "Score against generation 0", .x_label = "generation", .y_percent = true};
  LineChart elo{
      .title = "Elo against the random player", .x_label = "generation", .y_label = "Elo"};
  LineChart distinct{.title = "Distinct self-play games per generation",
                     .x_label = "generation",
                     .y_percent = true};
  LineChart entropy{
      .title = "Policy entropy while training", .x_label = "generation", .y_label = "nats"};
  for (LineChart* chart : {&vs_random, &vs_first, &elo, &distinct, &entropy})
    chart->x_integer = true;
  for (LineChart* chart : {&vs_random, &vs_first, &distinct}) {
    chart->y_min = 0;
    chart->y_max = 1;
  }
  vs_random.reference_y = vs_first.reference_y = {0.5};
  elo.reference_y = {0};
  std::vector<std::vector<std::string>> rows;
  std::string pooled;
  for (const JsonValue& run : JsonItems(JsonAt(l, "runs")))
    pooled +=
        fmt::format("<li>{}: {} against the random player, {} against generation 0</li>",
                    EscapeXml(JsonString(run, "name")), RateText(JsonAt(run, "pooled_vs_random")),
                    RateText(JsonAt(run, "pooled_vs_first")));
  if (!pooled.empty())
    html +=
        "<p class=\"claim\">Every generation's games together (one generation alone is a "
        "noisy measure: these loops keep every generation, good or bad):</p><ul>" +
        pooled + "</ul>";
  for (const JsonValue& run : JsonItems(JsonAt(l, "runs"))) {
    const std::string name = JsonString(run, "name");
    std::vector<GenerationRate> random_points = {{0, &first_vs_random}},
                                first_points = {{0, &kEven}};
    ChartSeries distinct_series{.name = name}, entropy_series{.name = name};
    for (const JsonValue& g : JsonItems(JsonAt(run, "generations"))) {
      const double generation = JsonNumber(g, "generation");
      random_points.push_back({generation, &JsonAt(g, "vs_random")});
      first_points.push_back({generation, &JsonAt(g, "vs_first")});
      distinct_series.x.push_back(generation);
      distinct_series.y.push_back(JsonNumber(g, "distinct_selfplay_games") /
                                  JsonNumber(g, "selfplay_games"));
      entropy_series.x.push_back(generation);
      entropy_series.y.push_back(JsonNumber(g, "policy_entropy"));
      rows.push_back({EscapeXml(name), Fixed(generation, 0), RateText(JsonAt(g, "vs_random")),
                      EloText(JsonAt(g, "vs_random")), RateText(JsonAt(g, "vs_first")),
                      fmt::format("{} of {}", Fixed(JsonNumber(g, "distinct_selfplay_games"), 0),
                                  Fixed(JsonNumber(g, "selfplay_games"), 0)),
                      Fixed(JsonNumber(g, "selfplay_first_move_entropy_bits"), 2),
                      Fixed(JsonNumber(g, "policy_entropy"), 2)});
    }
    vs_random.series.push_back(RateSeries(name, random_points, false));
    vs_first.series.push_back(RateSeries(name, first_points, false));
    elo.series.push_back(RateSeries(name, random_points, true));
    distinct.series.push_back(std::move(distinct_series));
    entropy.series.push_back(std::move(entropy_series));
  }
  html +=
      "<div class=\"figures\">" + RenderLineChart(vs_random) + RenderLineChart(vs_first) + "</div>";
  html += "<div class=\"figures\">" + RenderLineChart(elo) + RenderLineChart(distinct) + "</div>";
  html += "<div class=\"figures\">" + RenderLineChart(entropy) + "</div>";
  html += fmt::format(
      "<p class=\"aside\">Bands are 95% intervals. Generation 0 scores {} against the random "
      "player and 50% "
      "against itself by definition. Elo beyond ±{:g} (or infinite, after a clean sweep) is drawn "
      "at the "
      "edge.</p>",
      RateText(first_vs_random), kEloLimit);
  html += HtmlTable({"run", "generation", "vs random", "Elo vs random", "vs generation 0",
                     "distinct self-play games", "first-move entropy of self-play (bits)",
                     "policy entropy (nats)"},
                    rows);
  return html + "</section>";
}

}  // namespace tengen
