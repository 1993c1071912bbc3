// Section a of the report: the averaging collapse.
#include <fmt/format.h>

#include <cmath>

#include "eval/report/report_html.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr std::string_view kCollapseTitle = "a. The averaging collapse";

// The training targets: each image of the opening move gets an equal share.
std::vector<double> TargetValues(const CollapseResult& c) {
  const int n = c.board_size;
  std::vector<double> values(n * n, 0.0);
  for (const CollapseTarget& target : c.symmetric_set) {
    const double x = target.point.x, y = target.point.y;
    if (x >= 0 && x < n && y >= 0 && y < n)
      values[static_cast<int>(y) * n + static_cast<int>(x)] = 1.0 / c.symmetric_set.size();
  }
  return values;
}

std::string LossChart(const std::vector<int>& steps, const std::vector<double>& loss, double floor,
                      std::string title, std::string y_label, int color) {
  LineChart chart{
      .title = std::move(title), .x_label = "training step", .y_label = std::move(y_label)};
  chart.series.push_back({.name = "loss (mean of each window of steps)",
                          .x = std::vector<double>(steps.begin(), steps.end()),
                          .y = loss,
                          .color = std::string(PaletteColor(color))});
  chart.reference_y.push_back(floor);
  chart.y_min = 0;
  chart.width = 440;
  chart.height = 280;
  return RenderLineChart(chart);
}

}  // namespace

std::string RenderCollapseSection(const std::optional<CollapseResult>& collapse) {
  if (!collapse.has_value()) return NotRunSection("collapse", kCollapseTitle);
  const CollapseResult& c = *collapse;
  std::string html = fmt::format("<section id=\"collapse\"><h2>{}</h2>", kCollapseTitle);
  const int n = c.board_size;
  if (!(n >= 2 && n <= 25))
    return html + fmt::format("<p>A board of size {} cannot be drawn.</p></section>", n);
  const CollapseRegressor& regressor = c.regressor;
  const CollapseSoftmax& softmax = c.softmax;
  const size_t set_size = c.symmetric_set.size();
  html += fmt::format(
      "<p>On the empty board the good first moves come in symmetric sets. One recorded opening "
      "move, {0}, "
      "turned by the 8 symmetries exactly as the trainer's augmentation turns it, gives {1} "
      "equally good "
      "targets. Two heads share one small trunk ({2}) and are trained together on the same {3} "
      "batches of {4}: "
      "a <b>regressor</b> that outputs one point (x, y) under mean squared error, and a "
      "<b>softmax</b> over "
      "the {5} points under cross-entropy.</p>",
      EscapeXml(VertexText(c.opening)), set_size, EscapeXml(c.network), c.steps, c.batch, n * n);
  html += fmt::format(
      "<p class=\"claim\">The regressor answers <b>({0}, {1})</b>: its nearest point is "
      "<b>{2}</b>, {3} points "
      "from the centre point {4} (tengen) and {5} points from the nearest good move. The softmax "
      "puts "
      "<b>{6}</b> of its probability on the {7} good moves (largest elsewhere: {8}); its most "
      "likely move is "
      "{9}.</p>",
      Fixed(regressor.x, 2), Fixed(regressor.y, 2), EscapeXml(VertexText(regressor.nearest)),
      Fixed(regressor.distance_to_centre, 2), EscapeXml(VertexText(c.centre)),
      Fixed(regressor.distance_to_nearest_target, 2), Percent(softmax.mass_on_set), set_size,
      Percent(softmax.max_probability_off_set, 2), EscapeXml(VertexText(softmax.argmax)));

  html += "<div class=\"figures\">";
  BoardHeatmap target{
      .size = n, .values = TargetValues(c), .title = "Training targets (after augmentation)"};
  html += RenderBoardHeatmap(target);
  std::vector<double> probabilities = softmax.probabilities;
  probabilities.resize(n * n, 0.0);
  html += RenderBoardHeatmap(
      {.size = n, .values = probabilities, .title = "Softmax head: probability (%)"});
  BoardHeatmap regression{.size = n,
                          .values = TargetValues(c),
                          .title = "Regressor head: its one answer",
                          .label_percent = false};
  const std::vector<double>& path_x = c.curves.regressor_path_x;
  const std::vector<double>& path_y = c.curves.regressor_path_y;
  for (size_t i = 0; i < path_x.size() && i < path_y.size(); ++i)
    regression.path.push_back({path_x[i], path_y[i]});
  regression.markers.push_back(
      {.x = regressor.x, .y = regressor.y, .label = "regressor", .color = "#1f4fb4"});
  html += RenderBoardHeatmap(regression);
  html +=
      "</div><p class=\"aside\">Right: the shaded points are the good moves; the dashed line is "
      "the "
      "regressor's answer on the empty board as training goes, from the ring where it starts to "
      "the circle "
      "where it ends.</p><div class=\"figures\">";
  html += LossChart(c.curves.step, c.curves.regressor_loss, regressor.loss_floor, "Regressor loss",
                    "squared error (points²)", 0);
  html += LossChart(c.curves.step, c.curves.softmax_loss, softmax.loss_floor, "Softmax loss",
                    "cross-entropy (nats)", 1);
  html += "</div>";
  html += fmt::format(
      "<p>Dashed lines: the lowest loss each head can reach. The regressor's floor ({0}) is the "
      "targets' mean "
      "squared distance from their average, reached only by answering that average, the centre; it "
      "ends at "
      "{1}. The softmax's floor is ln {2} = {3} nats, reached by an even spread; it ends at "
      "{4}.</p>",
      Fixed(regressor.loss_floor, 2), Fixed(regressor.final_loss, 2), set_size,
      Fixed(softmax.loss_floor, 3), Fixed(softmax.final_loss, 3));
  std::vector<std::vector<std::string>> rows;
  for (const CollapseTarget& target : c.symmetric_set)
    rows.push_back({EscapeXml(VertexText(target.point)), Percent(target.probability, 2)});
  html += "<details><summary>Softmax probability of each good move</summary>" +
          HtmlTable({"move", "probability"}, rows) + "</details>";
  return html + "</section>";
}

}  // namespace tengen
