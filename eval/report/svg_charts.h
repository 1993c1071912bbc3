// Small SVG charts for the evaluation report: Go-board heatmaps, line charts
// with interval bands, and grouped bar charts with error bars.
//
// Each function returns one <svg> element as text, meant to be inlined in an
// HTML5 page: there is no XML declaration and no xmlns attribute (the HTML
// parser supplies the SVG namespace), and nothing refers to any outside
// resource. Every piece of caller text (titles, labels, names) is escaped.
// Numbers that are not finite never reach the output: such points are left
// out of lines, bars and cells, and band edges beyond the axis range are
// drawn at the axis edge. No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_SVG_CHARTS_H_
#define TENGEN_EVAL_REPORT_SVG_CHARTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tengen {

// Text safe inside XML/HTML element content and quoted attribute values:
// & < > " ' become entities, and control characters other than tab and
// newline are dropped.
std::string EscapeXml(std::string_view text);

// "Nice" axis ticks covering [low, high]: steps of 1, 2 or 5 times a power of
// ten, about `target` of them, the first <= low and the last >= high.
// low < high, both finite; target >= 2.
std::vector<double> NiceTicks(double low, double high, int target);

// The i-th colour of the report's palette (cycles), e.g. "#1f77b4".
std::string_view PaletteColor(int i);

// A mark drawn on a heatmap at board coordinates: x from the left, y from
// the top, in points (fractions allowed, e.g. a regression output).
struct HeatmapMarker {
  double x = 0, y = 0;
  std::string label;  // short text drawn beside the mark
  std::string color = "#1b1b1b";
};

struct BoardHeatmap {
  int size = 9;
  // size * size values, move index order (y * size + x, top-left first),
  // >= 0; cells shade from white (0) to dark red (max_value).
  std::vector<double> values;
  double max_value = 0;  // 0: the largest value
  std::string title;
  // Print each cell's value in percent (value * 100) where it is at least
  // label_threshold; values are taken as probabilities.
  bool label_percent = true;
  double label_threshold = 0.005;
  std::vector<HeatmapMarker> markers;
  // A path drawn as a thin line, with a small ring at its start (e.g. a
  // regressor's answers as it trains), in the markers' coordinates.
  std::vector<std::pair<double, double>> path;
  std::string path_color = "#1f4fb4";
  int cell = 34;  // pixels per point
};

// A board of size x size cells with GTP coordinates (A.. without I, rows
// numbered from the bottom), the star points, each cell shaded by its value,
// and the path and the markers on top.
std::string RenderBoardHeatmap(const BoardHeatmap& map);

struct ChartSeries {
  std::string name;
  std::vector<double> x, y;
  // Optional interval band around the line: empty, or one entry per x.
  std::vector<double> low, high;
  std::string color;  // empty: PaletteColor(index of the series)
  bool dashed = false;
};

struct LineChart {
  std::string title, x_label, y_label;
  std::vector<ChartSeries> series;
  // Axis ranges; unset: from the finite data (lines and bands), padded.
  std::optional<double> x_min, x_max, y_min, y_max;
  std::vector<double> reference_y;  // dashed horizontal lines, e.g. 0.5
  bool y_percent = false;           // tick labels as percentages of 1
  bool x_integer = false;           // x ticks on whole numbers only (e.g. generations)
  int width = 560, height = 320;
};

// Axes with ticks and grid, a translucent band and a line with dots per
// series, and a legend.
std::string RenderLineChart(const LineChart& chart);

struct BarSeries {
  std::string name;
  std::vector<double> values;     // one per category
  std::vector<double> low, high;  // optional error bars: empty or one per category
  std::string color;              // empty: PaletteColor(index of the series)
};

struct BarChart {
  std::string title, y_label;
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
  std::optional<double> y_max;  // unset: from the data; the axis starts at 0
  bool y_percent = false;
  bool value_labels = true;  // print each bar's value above it
  int width = 560, height = 320;
};

// Grouped vertical bars: one group per category, one bar per series.
std::string RenderBarChart(const BarChart& chart);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_SVG_CHARTS_H_
