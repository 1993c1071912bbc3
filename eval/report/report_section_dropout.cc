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

constexpr std::string_view kDropoutTitle = "e. Noise as a regulariser: dropout and batch size";

std::string MatchText(const std::optional<StudyMatchResult>& match) {
  return match.has_value() ? RateText(match->score) : "not played";
}

std::string RatesText(const std::vector<double>& rates) {
  std::string text;
  for (size_t i = 0; i < rates.size(); ++i)
    text += (i == 0 ? "" : i + 1 == rates.size() ? " and " : ", ") + Fixed(rates[i], 2);
  return text;
}

// Positions seen: each curve's steps times its run's batch.
std::vector<double> SamplesSeen(const DropoutRun& run) {
  std::vector<double> samples;
  for (double step : run.curve.step) samples.push_back(step * run.batch);
  return samples;
}

std::string RenderSynthetic(const SyntheticResult& s) {
  std::string html = "<h3>What the labels carry, and what the networks take from them</h3>";
  html += fmt::format(
      "<p>Synthetic positions whose information is known: each input is one of {0} boards, the "
      "{1} bits of a code read as black or white stones on fixed points, so an input carries "
      "exactly {1} bits. Each code has one answer, a point drawn once; a training label is that "
      "answer with probability {2} and otherwise any of the {3} empty points. So the labels carry "
      "<b>{4} bits</b> of information about the input (H(label) {5} bits minus the noise "
      "H(label | input) {6} bits). Networks of shape {7}, one per dropout rate, from the same "
      "weights, train on the same {8} examples ({9} per code) for {10} steps of {11}, without "
      "symmetry augmentation. <i>Fit</i> is H(label) minus the cross-entropy on the training "
      "labels; <i>generalised</i> is H(label) minus the expected cross-entropy under the true "
      "label distribution of every code, which cannot exceed the known information; "
      "<i>memorised</i> is their difference, the part of the fit that is the training sample's "
      "own noise.</p>",
      1 << s.code_bits, s.code_bits, Fixed(1 - s.label_noise + s.label_noise / s.labels, 3),
      s.labels, Fixed(s.information_bits, 3), Fixed(s.label_entropy_bits, 3),
      Fixed(s.conditional_entropy_bits, 3), EscapeXml(s.network), s.train_examples,
      s.train_examples / std::max(1, 1 << s.code_bits), s.steps, s.batch);
  LineChart bits{.title = "Bits about the label: generalised (solid) and fit (dashed)",
                 .x_label = "training step",
                 .y_label = "bits per position",
                 .reference_y = {s.information_bits},
                 .width = 620};
  std::vector<std::vector<std::string>> rows;
  int index = 0;
  for (const SyntheticRun& run : s.runs) {
    const std::string color(PaletteColor(index++));
    bits.series.push_back({.name = run.name + ", generalised",
                           .x = run.step,
                           .y = run.generalised_curve,
                           .color = color});
    bits.series.push_back({.name = run.name + ", fit",
                           .x = run.step,
                           .y = run.fit_curve,
                           .color = color,
                           .dashed = true});
    rows.push_back({EscapeXml(run.name), Fixed(run.fit_bits, 3), Fixed(run.generalised_bits, 3),
                    Fixed(run.memorised_bits, 3),
                    Percent(run.generalised_bits / std::max(1e-9, s.information_bits)),
                    Percent(run.answer_accuracy)});
  }
  html += "<div class=\"figures\">" + RenderLineChart(bits) + "</div>";
  html += HtmlTable({"network", "fit (bits)", "generalised (bits)", "memorised (bits)",
                     "share of the known information generalised", "codes answered right"},
                    rows);
  return html + fmt::format(
                    "<p class=\"aside\">The dashed horizontal line is the known information, {} "
                    "bits. Less memorised with the same or more generalised means the noise kept "
                    "the network to what the labels carry.</p>",
                    Fixed(s.information_bits, 3));
}

}  // namespace

std::string RenderDropoutSection(const std::optional<DropoutResult>& dropout) {
  if (!dropout.has_value()) return NotRunSection("dropout", kDropoutTitle);
  const DropoutResult& d = *dropout;
  std::string html = fmt::format("<section id=\"dropout\"><h2>{}</h2>", kDropoutTitle);
  html += fmt::format(
      "<p>Networks of the studied network's shape ({0}) start from the same weights and train on "
      "the same data: one per spatial dropout rate ({1}; training only) on the same batches, "
      "{2} steps of {3}",
      EscapeXml(d.network), RatesText(d.rates), d.steps, d.batch);
  if (d.large_batch > 0)
    html += fmt::format(
        "; and one without dropout at batch {0} for as many positions (fewer steps, the same "
        "learning rate {1}: less gradient noise), against the network without dropout at batch "
        "{2} as the small-batch side",
        d.large_batch, Fixed(d.learning_rate, 4), d.batch);
  html += fmt::format(
      ". The data are {0} self-play games of the studied network; {1} of them ({2} positions) are "
      "held out and never trained on, the rest give {3} training positions. Objective: {4}. The "
      "losses below are the policy's cross-entropy to the move played, measured with dropout "
      "off, on the held-out positions and on as many training positions.</p>",
      d.games, d.held_out_games, d.held_out_positions, d.train_positions, EscapeXml(d.objective));
  LineChart loss{.title = "Policy loss: held out (solid) and training (dashed)",
                 .x_label = "training positions seen",
                 .y_label = "cross-entropy (nats)",
                 .width = 620};
  LineChart top1{.title = "Held-out top-1 agreement",
                 .x_label = "training positions seen",
                 .y_percent = true,
                 .width = 440};
  std::vector<std::vector<std::string>> rows;
  int index = 0;
  for (const DropoutRun& run : d.runs) {
    const std::string color(PaletteColor(index++));
    const std::vector<double> seen = SamplesSeen(run);
    loss.series.push_back(
        {.name = run.name + ", held out", .x = seen, .y = run.curve.held_out_loss, .color = color});
    loss.series.push_back({.name = run.name + ", training",
                           .x = seen,
                           .y = run.curve.train_loss,
                           .color = color,
                           .dashed = true});
    top1.series.push_back(
        {.name = run.name, .x = seen, .y = run.curve.held_out_top1, .color = color});
    const double held = run.final_held_out_loss, train = run.final_train_loss;
    rows.push_back({EscapeXml(run.name), Fixed(run.dropout, 2), std::to_string(run.batch),
                    std::to_string(run.steps), Fixed(train, 3), Fixed(held, 3),
                    Fixed(held - train, 3), Percent(run.final_held_out_top1),
                    MatchText(run.vs_random), MatchText(run.vs_reference)});
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
  html += HtmlTable({"network", "dropout", "batch", "steps", "training loss", "held-out loss",
                     "gap", "held-out top-1", "vs random", "vs the studied network"},
                    rows);
  html +=
      "<p class=\"aside\">The loss chart is scaled to the losses after step 0; the untrained "
      "networks' loss at step 0 lies above that and is drawn at the top edge. A smaller gap "
      "between held-out and training loss means less memorising of the training games. "
      "Matches: both sides sample at T = 1.</p>";
  if (d.synthetic) html += RenderSynthetic(*d.synthetic);
  return html + "</section>";
}

}  // namespace tengen
