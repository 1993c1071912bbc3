#include "eval/report/svg_dot_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr int kLabelWidth = 300, kRowHeight = 30, kTop = 34, kBottom = 40, kRight = 16;

std::string TickText(double value, bool percent) {
  if (percent) return fmt::format("{:g}%", std::round(value * 1000) / 10);
  return fmt::format("{:g}", value);
}

// A row's label, right-aligned at x and centred on y; one too long for
// the label column (about 46 characters at 12 px) breaks at the space
// nearest its middle into two lines.
std::string RowLabel(const std::string& label, double x, double y) {
  constexpr size_t kFits = 46;
  size_t split = std::string::npos;
  if (label.size() > kFits)
    for (size_t i = 0; i < label.size(); ++i)
      if (label[i] == ' ' && (split == std::string::npos ||
                              std::abs(static_cast<double>(i) - label.size() / 2.0) <
                                  std::abs(static_cast<double>(split) - label.size() / 2.0)))
        split = i;
  if (split == std::string::npos)
    return fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", x, y + 4,
                       EscapeXml(label));
  return fmt::format(
      "<text x=\"{0}\" y=\"{1:.1f}\" text-anchor=\"end\" font-size=\"11\"><tspan "
      "x=\"{0}\">{2}</tspan>"
      "<tspan x=\"{0}\" dy=\"12\">{3}</tspan></text>",
      x, y - 2, EscapeXml(label.substr(0, split)), EscapeXml(label.substr(split + 1)));
}

}  // namespace

std::string RenderDotPlot(const DotPlot& plot) {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  auto take = [&](double v) {
    if (std::isfinite(v)) low = std::min(low, v), high = std::max(high, v);
  };
  for (const DotPlotRow& row : plot.rows) {
    for (double p : row.points) take(p);
    take(row.low);
    take(row.high);
    take(row.mean);
  }
  for (double r : plot.reference_x) take(r);
  if (!std::isfinite(low)) low = 0, high = 1;
  if (high - low < 1e-9) low -= 0.5, high += 0.5;
  const double pad = 0.05 * (high - low);
  // Keeps the range within the quantity's own bounds, after padding and
  // again after widening to the ticks.
  auto bound = [&] {
    if (plot.x_floor) low = std::max(low, *plot.x_floor);
    if (plot.x_ceiling) high = std::min(high, *plot.x_ceiling);
  };
  low = plot.x_min.value_or(low - pad);
  high = plot.x_max.value_or(high + pad);
  bound();
  const std::vector<double> ticks = NiceTicks(low, high, 6);
  low = std::min(low, ticks.front());
  high = std::max(high, ticks.back());
  bound();

  const int rows = static_cast<int>(plot.rows.size());
  const int height = kTop + std::max(rows, 1) * kRowHeight + kBottom;
  const double x0 = kLabelWidth, x1 = plot.width - kRight;
  auto x_of = [&](double v) {
    return x0 + (std::clamp(v, low, high) - low) / (high - low) * (x1 - x0);
  };
  std::string svg = fmt::format(
      "<svg width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">",
      plot.width, height, plot.width, height);
  svg += fmt::format("<title>{}</title>", EscapeXml(plot.title));
  svg += fmt::format("<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>",
                     EscapeXml(plot.title));
  const double plot_bottom = kTop + std::max(rows, 1) * kRowHeight;
  for (double t : ticks) {
    if (t < low - 1e-12 || t > high + 1e-12) continue;
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#e6e6e6\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\" fill=\"#555\">{4}</text>",
        x_of(t), kTop, plot_bottom, plot_bottom + 16, EscapeXml(TickText(t, plot.x_percent)));
  }
  for (double r : plot.reference_x)
    if (std::isfinite(r))
      svg += fmt::format(
          "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#888\" "
          "stroke-dasharray=\"4 3\"/>",
          x_of(r), kTop, plot_bottom);
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
                     (x0 + x1) / 2, plot_bottom + 34, EscapeXml(plot.x_label));
  for (int i = 0; i < rows; ++i) {
    const DotPlotRow& row = plot.rows[i];
    const std::string color(PaletteColor(i));
    const double y = kTop + (i + 0.5) * kRowHeight;
    svg += RowLabel(row.label, kLabelWidth - 8, y);
    if (std::isfinite(row.low) && std::isfinite(row.high))
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\" "
          "fill-opacity=\"0.18\" class=\"interval\"/>",
          x_of(row.low), y - 9, std::max(1.0, x_of(row.high) - x_of(row.low)), 18, color);
    if (std::isfinite(row.mean))
      svg += fmt::format(
          "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
          "stroke-width=\"3\" class=\"mean\"/>",
          x_of(row.mean), y - 11, y + 11, color);
    // Seeds spread a little up and down so that equal values stay visible.
    for (size_t k = 0; k < row.points.size(); ++k) {
      if (!std::isfinite(row.points[k])) continue;
      const double offset = (static_cast<double>(k % 5) - 2) * 3;
      svg += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\" fill-opacity=\"0.85\" "
          "stroke=\"#ffffff\" class=\"seed\"/>",
          x_of(row.points[k]), y + offset, color);
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace tengen
