// Section e of the report: dropout on and off.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "eval/report/report_html.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr std::string_view kDropoutTitle = "e. Noise inside the network: dropout";

std::string MatchText(const std::optional<StudyMatchResult>& match) {
  return match.has_value() ? RateText(match->score) : "not played";
}

}  // namespace

std::string RenderDropoutSection(const std::optional<DropoutResult>& dropout) {
  if (!dropout.has_value()) return NotRunSection("dropout", kDropoutTitle);
  const DropoutResult& d = *dropout;
  std::string html = fmt::format("<section id=\"dropout\"><h2>{}</h2>", kDropoutTitle);
  html += fmt::format(
      "<p>Two networks of the studied network's shape ({0}) start from the same weights and train "
      "on the same "
      "batches for {1} steps of {2}: one with spatial dropout at rate {3} (training only), one "
      "without. The data "
      "are {4} self-play games of the studied network; {5} of them ({6} positions) are held out "
      "and never "
      "trained on, the rest give {7} training positions. Objective: {8}. The losses below are the "
      "policy's "
      "cross-entropy to the move played, measured with dropout off, on the held-out positions and "
      "on as many "
      "training positions.</p>",
      EscapeXml(d.network), d.steps, d.batch, Fixed(d.dropout, 2), d.games, d.held_out_games,
      d.held_out_positions, d.train_positions, EscapeXml(d.objective));
  LineChart loss{.title = "Policy loss: held out (solid) and training (dashed)",
                 .x_label = "training step",
                 .y_label = "cross-entropy (nats)",
                 .width = 620};
  LineChart top1{.title = "Held-out top-1 agreement",
                 .x_label = "training step",
                 .y_percent = true,
                 .width = 440};
  std::vector<std::vector<std::string>> rows;
  int index = 0;
  for (const DropoutRun& run : d.runs) {
    const std::string color(PaletteColor(index++));
    loss.series.push_back({.name = run.name + ", held out",
                           .x = run.curve.step,
                           .y = run.curve.held_out_loss,
                           .color = color});
    loss.series.push_back({.name = run.name + ", training",
                           .x = run.curve.step,
                           .y = run.curve.train_loss,
                           .color = color,
                           .dashed = true});
    top1.series.push_back(
        {.name = run.name, .x = run.curve.step, .y = run.curve.held_out_top1, .color = color});
    const double held = run.final_held_out_loss, train = run.final_train_loss;
    rows.push_back({EscapeXml(run.name), Fixed(train, 3), Fixed(held, 3), Fixed(held - train, 3),
                    Percent(run.final_held_out_top1), MatchText(run.vs_random),
                    MatchText(run.vs_reference)});
  }
  // Zoom in on training: the untrained networks' loss (step 0) is far above
  // the rest and is drawn at the top edge.
  std::optional<double> low, high;
  for (const ChartSeries& series : loss.series)
    for (size_t i = 1; i < series.y.size(); ++i)
      if (std::isfinite(series.y[i])) {
        low = std::min(low.value_or(series.y[i]), series.y[i]);
        high = std::max(high.value_or(series.y[i]), series.y[i]);
      }
  if (low && high && *high > *low) {
    const double pad = 0.1 * (*high - *low);
    loss.y_min = *low - pad;
    loss.y_max = *high + pad;
  }
  html += "<div class=\"figures\">" + RenderLineChart(loss) + RenderLineChart(top1) + "</div>";
  html += HtmlTable({"network", "training loss", "held-out loss", "gap", "held-out top-1",
                     "vs random", "vs the studied network"},
                    rows);
  html +=
      "<p class=\"aside\">The loss chart is scaled to the losses after step 0; the untrained "
      "networks' loss at step 0 lies above that and is drawn at the top edge. A smaller gap "
      "between held-out and training loss means less memorising of the training games. "
      "Matches: both sides sample at T = 1.</p>";
  return html + "</section>";
}

}  // namespace tengen
