// Section a of the report: the averaging collapse.
#include <fmt/format.h>

#include <cmath>

#include "eval/report/report_html.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

std::string Vertex(const JsonValue& point) {
  const std::string vertex = JsonString(point, "vertex");
  return vertex.empty() ? fmt::format("({}, {})", Fixed(JsonNumber(point, "x"), 2),
                                      Fixed(JsonNumber(point, "y"), 2))
                        : vertex;
}

// The training targets: each image of the opening move gets an equal share.
std::vector<double> TargetValues(const JsonValue& c, int n) {
  std::vector<double> values(n * n, 0.0);
  const std::vector<JsonValue>& set = JsonItems(JsonAt(c, "symmetric_set"));
  for (const JsonValue& point : set) {
    const double x = JsonNumber(point, "x"), y = JsonNumber(point, "y");
    if (x >= 0 && x < n && y >= 0 && y < n)
      values[static_cast<int>(y) * n + static_cast<int>(x)] = 1.0 / set.size();
  }
  return values;
}

std::string LossChart(const JsonValue& c, std::string_view key, std::string_view floor_owner,
                      std::string title, std::string y_label, int color) {
  const JsonValue& curves = JsonAt(c, "curves");
  LineChart chart{
      .title = std::move(title), .x_label = "training step", .y_label = std::move(y_label)};
  chart.series.push_back({.name = "loss (mean of each window of steps)",
                          .x = JsonNumbers(curves, "step"),
                          .y = JsonNumbers(curves, key),
                          .color = std::string(PaletteColor(color))});
  const double floor = JsonNumber(JsonAt(c, floor_owner), "loss_floor");
  if (std::isfinite(floor)) {
    chart.reference_y.push_back(floor);
    chart.y_min = 0;
  }
  chart.width = 440;
  chart.height = 280;
  return RenderLineChart(chart);
}

}  // namespace

std::string RenderCollapseSection(const JsonValue& c) {
  std::string html = "<section id=\"collapse\"><h2>a. The averaging collapse</h2>";
  if (!c.is_object()) return html + "<p class=\"missing\">This part was not run.</p></section>";
  const int n = static_cast<int>(JsonNumber(c, "board_size"));
  if (!(n >= 1 && n <= 25))
    return html + "<p class=\"missing\">No board size in the data.</p></section>";
  const JsonValue& regressor = JsonAt(c, "regressor");
  const JsonValue& softmax = JsonAt(c, "softmax");
  const std::vector<JsonValue>& set = JsonItems(JsonAt(c, "symmetric_set"));
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
      EscapeXml(Vertex(JsonAt(c, "opening"))), set.size(), EscapeXml(JsonString(c, "network")),
      Fixed(JsonNumber(c, "steps"), 0), Fixed(JsonNumber(c, "batch"), 0), n * n);
  html += fmt::format(
      "<p class=\"claim\">The regressor answers <b>({0}, {1})</b>: its nearest point is "
      "<b>{2}</b>, {3} points "
      "from the centre point {4} (tengen) and {5} points from the nearest good move. The softmax "
      "puts "
      "<b>{6}</b> of its probability on the {7} good moves (largest elsewhere: {8}); its most "
      "likely move is "
      "{9}.</p>",
      Fixed(JsonNumber(regressor, "x"), 2), Fixed(JsonNumber(regressor, "y"), 2),
      EscapeXml(Vertex(JsonAt(regressor, "nearest"))),
      Fixed(JsonNumber(regressor, "distance_to_centre"), 2), EscapeXml(Vertex(JsonAt(c, "centre"))),
      Fixed(JsonNumber(regressor, "distance_to_nearest_target"), 2),
      Percent(JsonNumber(softmax, "mass_on_set")), set.size(),
      Percent(JsonNumber(softmax, "max_probability_off_set"), 2),
      EscapeXml(Vertex(JsonAt(softmax, "argmax"))));

  html += "<div class=\"figures\">";
  BoardHeatmap target{
      .size = n, .values = TargetValues(c, n), .title = "Training targets (after augmentation)"};
  html += RenderBoardHeatmap(target);
  std::vector<double> probabilities = JsonNumbers(softmax, "probabilities");
  probabilities.resize(n * n, 0.0);
  html += RenderBoardHeatmap(
      {.size = n, .values = probabilities, .title = "Softmax head: probability (%)"});
  BoardHeatmap regression{.size = n,
                          .values = TargetValues(c, n),
                          .title = "Regressor head: its one answer",
                          .label_percent = false};
  const std::vector<double> path_x = JsonNumbers(JsonAt(c, "curves"), "regressor_path_x");
  const std::vector<double> path_y = JsonNumbers(JsonAt(c, "curves"), "regressor_path_y");
  for (size_t i = 0; i < path_x.size() && i < path_y.size(); ++i)
    regression.path.push_back({path_x[i], path_y[i]});
  regression.markers.push_back({.x = JsonNumber(regressor, "x"),
                                .y = JsonNumber(regressor, "y"),
                                .label = "regressor",
                                .color = "#1f4fb4"});
  html += RenderBoardHeatmap(regression);
  html +=
      "</div><p class=\"aside\">Right: the shaded points are the good moves; the dashed line is "
      "the "
      "regressor's answer on the empty board as training goes, from the ring where it starts to "
      "the circle "
      "where it ends.</p><div class=\"figures\">";
  html +=
      LossChart(c, "regressor_loss", "regressor", "Regressor loss", "squared error (points²)", 0);
  html += LossChart(c, "softmax_loss", "softmax", "Softmax loss", "cross-entropy (nats)", 1);
  html += "</div>";
  html += fmt::format(
      "<p>Dashed lines: the lowest loss each head can reach. The regressor's floor ({0}) is the "
      "targets' mean "
      "squared distance from their average, reached only by answering that average, the centre; it "
      "ends at "
      "{1}. The softmax's floor is ln {2} = {3} nats, reached by an even spread; it ends at "
      "{4}.</p>",
      Fixed(JsonNumber(regressor, "loss_floor"), 2), Fixed(JsonNumber(regressor, "final_loss"), 2),
      set.size(), Fixed(JsonNumber(softmax, "loss_floor"), 3),
      Fixed(JsonNumber(softmax, "final_loss"), 3));
  std::vector<std::vector<std::string>> rows;
  for (const JsonValue& point : set)
    rows.push_back({EscapeXml(Vertex(point)), Percent(JsonNumber(point, "probability"), 2)});
  html += "<details><summary>Softmax probability of each good move</summary>" +
          HtmlTable({"move", "probability"}, rows) + "</details>";
  return html + "</section>";
}

}  // namespace tengen
