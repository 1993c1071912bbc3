// Section d of the report: self-play training by argmax against by sampling.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "eval/report/report_html.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr std::string_view kLearningTitle =
    "d. Learning: argmax self-play against sampled self-play";
constexpr double kEloLimit = 800;  // Elo beyond this (or infinite) is drawn at the edge

struct GenerationRate {
  double generation;
  const WinRateResult* rate;  // null: not measured
};

// A series of score rates (or Elo differences) with their interval band.
ChartSeries RateSeries(const std::string& name, const std::vector<GenerationRate>& points,
                       bool elo) {
  ChartSeries series{.name = name};
  for (const GenerationRate& p : points) {
    if (p.rate == nullptr || !p.rate->rate.has_value()) continue;
    series.x.push_back(p.generation);
    if (elo) {
      const EloEstimate e = EstimateElo(p.rate->counts());
      auto clamp = [](double v) { return std::clamp(v, -kEloLimit, kEloLimit); };
      series.y.push_back(clamp(e.elo));
      series.low.push_back(clamp(e.interval.low));
      series.high.push_back(clamp(e.interval.high));
    } else {
      series.y.push_back(*p.rate->rate);
      series.low.push_back(p.rate->low);
      series.high.push_back(p.rate->high);
    }
  }
  return series;
}

const WinRateResult* RateOrNull(const std::optional<WinRateResult>& rate) {
  return rate.has_value() ? &*rate : nullptr;
}

std::string OptionalFixed(const std::optional<double>& value, int decimals) {
  return value.has_value() ? Fixed(*value, decimals) : "not recorded";
}

}  // namespace

std::string RenderLearningSection(const std::optional<LearningResult>& learning) {
  if (!learning.has_value()) return NotRunSection("learning", kLearningTitle);
  const LearningResult& l = *learning;
  std::string html = fmt::format("<section id=\"learning\"><h2>{}</h2>", kLearningTitle);
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
      l.generations, l.games_per_generation, l.train_steps_per_generation,
      l.evaluation.games_vs_random, l.evaluation.games_vs_first,
      Fixed(l.evaluation.temperature, 2));
  const WinRateResult* first_vs_random =
      l.generation_0_vs_random.has_value() ? &l.generation_0_vs_random->score : nullptr;
  static const WinRateResult kEven = {.rate = 0.5, .low = 0.5, .high = 0.5};
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
  for (const LearningRun& run : l.runs)
    pooled += fmt::format("<li>{}: {} against the random player, {} against generation 0</li>",
                          EscapeXml(run.name), RateText(run.pooled_vs_random),
                          RateText(run.pooled_vs_first));
  if (!pooled.empty())
    html +=
        "<p class=\"claim\">Every generation's games together (one generation alone is a "
        "noisy measure: these loops keep every generation, good or bad):</p><ul>" +
        pooled + "</ul>";
  for (const LearningRun& run : l.runs) {
    std::vector<GenerationRate> random_points = {{0, first_vs_random}},
                                first_points = {{0, &kEven}};
    ChartSeries distinct_series{.name = run.name}, entropy_series{.name = run.name};
    for (const LearningGeneration& g : run.generations) {
      const double generation = static_cast<double>(g.generation);
      random_points.push_back({generation, RateOrNull(g.vs_random)});
      first_points.push_back({generation, RateOrNull(g.vs_first)});
      if (g.selfplay_games > 0) {
        distinct_series.x.push_back(generation);
        distinct_series.y.push_back(static_cast<double>(g.distinct_selfplay_games) /
                                    g.selfplay_games);
      }
      if (g.policy_entropy.has_value()) {
        entropy_series.x.push_back(generation);
        entropy_series.y.push_back(*g.policy_entropy);
      }
      rows.push_back(
          {EscapeXml(run.name), fmt::format("{}", g.generation), RateText(g.vs_random),
           g.vs_random.has_value() ? EloText(*g.vs_random) : "not played", RateText(g.vs_first),
           fmt::format("{} of {}", g.distinct_selfplay_games, g.selfplay_games),
           Fixed(g.selfplay_first_move_entropy_bits, 2), OptionalFixed(g.policy_entropy, 2)});
    }
    vs_random.series.push_back(RateSeries(run.name, random_points, false));
    vs_first.series.push_back(RateSeries(run.name, first_points, false));
    elo.series.push_back(RateSeries(run.name, random_points, true));
    distinct.series.push_back(std::move(distinct_series));
    entropy.series.push_back(std::move(entropy_series));
  }
  html +=
      "<div class=\"figures\">" + RenderLineChart(vs_random) + RenderLineChart(vs_first) + "</div>";
  html += "<div class=\"figures\">" + RenderLineChart(elo) + RenderLineChart(distinct) + "</div>";
  html += "<div class=\"figures\">" + RenderLineChart(entropy) + "</div>";
  html += fmt::format(
      "<p class=\"aside\">Bands are 95% intervals. Generation 0 {}, and 50% against itself by "
      "definition. Elo beyond ±{:g} (or infinite, after a clean sweep) is drawn at the edge.</p>",
      l.generation_0_vs_random.has_value()
          ? "scores " + RateText(l.generation_0_vs_random->score) + " against the random player"
          : std::string("did not play the random player"),
      kEloLimit);
  html += HtmlTable({"run", "generation", "vs random", "Elo vs random", "vs generation 0",
                     "distinct self-play games", "first-move entropy of self-play (bits)",
                     "policy entropy (nats)"},
                    rows);
  return html + "</section>";
}

}  // namespace tengen
