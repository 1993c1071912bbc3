#include "eval/report/svg_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace tengen {
namespace {

constexpr std::string_view kFont = "font-family=\"DejaVu Sans, Arial, sans-serif\"";

bool Finite(double v) { return std::isfinite(v); }

// A coordinate or length in an attribute.
std::string Num(double v) { return fmt::format("{:.1f}", v); }

std::string SvgOpen(int width, int height, std::string_view title) {
  return fmt::format(
      "<svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\" "
      "{3}>"
      "<rect width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>",
      width, height, EscapeXml(title), kFont);
}

std::string Text(double x, double y, std::string_view text, int size,
                 std::string_view anchor = "middle", std::string_view extra = "") {
  return fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{}\"{}{}>{}</text>",
                     Num(x), Num(y), size, anchor, extra.empty() ? "" : " ", extra,
                     EscapeXml(text));
}

std::string Line(double x1, double y1, double x2, double y2, std::string_view stroke, double width,
                 std::string_view extra = "") {
  return fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}{}/>",
      Num(x1), Num(y1), Num(x2), Num(y2), stroke, Num(width), extra.empty() ? "" : " ", extra);
}

// A tick label: the shortest form of the number (ticks are round numbers).
std::string TickLabel(double v, bool percent) {
  if (std::abs(v) < 1e-12) v = 0;
  return percent ? fmt::format("{:g}%", std::round(v * 1000) / 10) : fmt::format("{:g}", v);
}

// The colour of a heatmap cell at t in [0, 1]: white, yellow, orange, red.
std::string HeatColor(double t) {
  static constexpr std::array<std::array<double, 3>, 5> kStops = {
      {{255, 255, 255}, {255, 237, 160}, {254, 178, 76}, {240, 59, 32}, {189, 0, 38}}};
  t = std::clamp(t, 0.0, 1.0) * (kStops.size() - 1);
  const int i = std::min(static_cast<int>(t), static_cast<int>(kStops.size()) - 2);
  const double f = t - i;
  int rgb[3];
  for (int c = 0; c < 3; ++c)
    rgb[c] = static_cast<int>(std::lround(kStops[i][c] + f * (kStops[i + 1][c] - kStops[i][c])));
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

std::string ColumnLetter(int x) {
  return std::string(1, static_cast<char>('A' + x + (x >= 8 ? 1 : 0)));
}

std::string PercentLabel(double value) {
  const double percent = value * 100;
  if (percent >= 9.95) return fmt::format("{:.0f}", percent);
  if (percent >= 0.95) return fmt::format("{:.1f}", percent);
  return fmt::format("{:.1f}", percent).substr(1);  // ".5"
}

// Star points of the usual boards (none on small ones).
std::vector<std::pair<int, int>> StarPoints(int size) {
  if (size < 7) return {};
  const int edge = size >= 13 ? 3 : 2, far = size - 1 - edge, mid = size / 2;
  std::vector<std::pair<int, int>> points = {{edge, edge}, {far, edge}, {edge, far}, {far, far}};
  if (size % 2 == 1) points.push_back({mid, mid});
  if (size % 2 == 1 && size >= 13)
    for (auto p : {std::pair{mid, edge}, {mid, far}, {edge, mid}, {far, mid}}) points.push_back(p);
  return points;
}

// Approximate width of a legend label at font size 12.
double TextWidth(std::string_view text) { return 7.0 * static_cast<double>(text.size()); }

using LegendItems = std::vector<std::pair<std::string, std::string>>;  // name, colour

// The row of each legend item when rows run from `left` to `right`.
std::vector<int> LegendRows(const LegendItems& items, double left, double right) {
  std::vector<int> rows;
  double x = left;
  int row = 0;
  for (const auto& item : items) {
    const double width = 30 + TextWidth(item.first);
    if (x > left && x + width > right) {
      ++row;
      x = left;
    }
    rows.push_back(row);
    x += width;
  }
  return rows;
}

int LegendRowCount(const LegendItems& items, double left, double right) {
  const std::vector<int> rows = LegendRows(items, left, right);
  return rows.empty() ? 0 : rows.back() + 1;
}

// Colour swatches and names, in rows 16 pixels apart from baseline y.
std::string Legend(double left, double right, double y, const LegendItems& items) {
  std::string svg;
  const std::vector<int> rows = LegendRows(items, left, right);
  double x = left;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0 && rows[i] != rows[i - 1]) x = left;
    const double row_y = y + 16 * rows[i];
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{}\"/>", Num(x),
                       Num(row_y - 9), EscapeXml(items[i].second));
    svg += Text(x + 18, row_y, items[i].first, 12, "start");
    x += 30 + TextWidth(items[i].first);
  }
  return svg;
}

LegendItems LegendOf(const std::vector<std::string>& names,
                     const std::vector<std::string>& colors) {
  LegendItems items;
  for (size_t i = 0; i < names.size(); ++i)
    items.push_back(
        {names[i], colors[i].empty() ? std::string(PaletteColor(static_cast<int>(i))) : colors[i]});
  return items;
}

// The top of a chart with a title and a legend above the plot area: the
// plot's left and right edges, where it starts, each series' name and
// resolved colour, and the SVG so far.
struct ChartHeader {
  double left, right, top;
  LegendItems legend;
  std::string svg;
};

// Opens a chart's SVG with its title and a legend of its series (anything
// with a name and a colour). The plot area's top is one 16-pixel row per
// legend row below the legend's first baseline, plus `gap`.
template <typename Series>
ChartHeader OpenChart(int width, int height, const std::string& title,
                      const std::vector<Series>& series, double gap) {
  std::vector<std::string> names, colors;
  for (const Series& s : series) {
    names.push_back(s.name);
    colors.push_back(s.color);
  }
  ChartHeader header{
      .left = 62, .right = width - 14.0, .top = 0, .legend = LegendOf(names, colors), .svg = ""};
  const LegendItems& legend = header.legend;
  const double legend_y = title.empty() ? 16 : 38;
  header.top = legend_y + 16 * std::max(1, LegendRowCount(legend, header.left, header.right)) + gap;
  header.svg = SvgOpen(width, height, title);
  if (!title.empty())
    header.svg += Text(width / 2.0, 18, title, 14, "middle", "font-weight=\"bold\"");
  header.svg += Legend(header.left, header.right, legend_y, legend);
  return header;
}

// Maps data values to pixels along one axis.
struct Scale {
  double d0, d1, p0, p1;
  double operator()(double v) const { return p0 + (v - d0) / (d1 - d0) * (p1 - p0); }
  double Clamped(double v) const {
    if (std::isnan(v)) return v;
    return (*this)(std::clamp(v, std::min(d0, d1), std::max(d0, d1)));
  }
};

// [lo, hi] of the finite values, or nullopt.
std::optional<std::pair<double, double>> FiniteRange(
    const std::vector<const std::vector<double>*>& lists) {
  std::optional<std::pair<double, double>> range;
  for (const std::vector<double>* list : lists)
    for (double v : *list) {
      if (!Finite(v)) continue;
      if (!range) range = std::pair{v, v};
      range->first = std::min(range->first, v);
      range->second = std::max(range->second, v);
    }
  return range;
}

// Axis range from optional bounds and the data: padded by 5%, widened when flat.
std::pair<double, double> AxisRange(std::optional<double> lo, std::optional<double> hi,
                                    std::optional<std::pair<double, double>> data) {
  double a = data ? data->first : 0, b = data ? data->second : 1;
  if (b - a < 1e-9) {
    a -= 0.5;
    b += 0.5;
  } else if (!lo || !hi) {
    const double pad = 0.05 * (b - a);
    a -= pad;
    b += pad;
  }
  if (lo) a = *lo;
  if (hi) b = *hi;
  if (!(b > a)) b = a + 1;
  return {a, b};
}

// Grid, ticks and tick labels of a plot area [left, right] x [top, bottom].
std::string Axes(const Scale& xs, const Scale& ys, const std::vector<double>& xticks,
                 const std::vector<double>& yticks, bool y_percent) {
  std::string svg;
  const double left = xs.p0, right = xs.p1, top = ys.p1, bottom = ys.p0;
  for (double t : yticks) {
    if (t < std::min(ys.d0, ys.d1) - 1e-9 || t > std::max(ys.d0, ys.d1) + 1e-9) continue;
    svg += Line(left, ys(t), right, ys(t), "#e3e3e3", 1);
    svg += Text(left - 6, ys(t) + 4, TickLabel(t, y_percent), 11, "end");
  }
  for (double t : xticks) {
    if (t < xs.d0 - 1e-9 || t > xs.d1 + 1e-9) continue;
    svg += Line(xs(t), top, xs(t), bottom, "#f0f0f0", 1);
    svg += Text(xs(t), bottom + 15, TickLabel(t, false), 11);
  }
  svg += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888888\"/>",
      Num(left), Num(top), Num(right - left), Num(bottom - top));
  return svg;
}

std::string AxisLabels(int width, int height, double plot_top, double plot_bottom,
                       std::string_view x_label, std::string_view y_label) {
  std::string svg;
  if (!x_label.empty()) svg += Text(width / 2.0, height - 6, x_label, 12);
  if (!y_label.empty()) {
    const double cy = (plot_top + plot_bottom) / 2;
    svg += Text(14, cy, y_label, 12, "middle",
                fmt::format("transform=\"rotate(-90 14 {})\"", Num(cy)));
  }
  return svg;
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
        if (c == 0x7f) break;
        out += c;
    }
  }
  return out;
}

std::vector<double> NiceTicks(double low, double high, int target) {
  const double raw = (high - low) / std::max(1, target - 1);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power * 10;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  std::vector<double> ticks;
  const double first = std::floor(low / step + 1e-9) * step;
  for (int i = 0; i < 1000; ++i) {
    const double t = first + i * step;
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    if (t >= high - step * 1e-9) break;
  }
  return ticks;
}

std::string_view PaletteColor(int i) {
  static constexpr std::array<std::string_view, 8> kPalette = {
      "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
  return kPalette[static_cast<size_t>(i) % kPalette.size()];
}

std::string RenderBoardHeatmap(const BoardHeatmap& map) {
  const int n = std::max(1, map.size), c = map.cell;
  const double left = 26, top = map.title.empty() ? 22 : 44;
  const int width = static_cast<int>(left * 2 + n * c), height = static_cast<int>(top + n * c + 24);
  double max_value = map.max_value;
  if (!(max_value > 0))
    for (double v : map.values)
      if (Finite(v)) max_value = std::max(max_value, v);
  std::string svg = SvgOpen(width, height, map.title);
  if (!map.title.empty())
    svg += Text(width / 2.0, 18, map.title, 14, "middle", "font-weight=\"bold\"");
  const auto cx = [&](double x) { return left + (x + 0.5) * c; };
  const auto cy = [&](double y) { return top + (y + 0.5) * c; };
  svg += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#555555\"/>",
      Num(left), Num(top), n * c, n * c);
  for (int i = 0; i < n * n && i < static_cast<int>(map.values.size()); ++i) {
    const double v = map.values[i];
    if (!Finite(v) || v <= 0 || !(max_value > 0)) continue;
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                       Num(left + (i % n) * c), Num(top + (i / n) * c), c, c,
                       HeatColor(v / max_value));
  }
  for (int k = 0; k < n; ++k) {  // grid through the cell centres, as on a Go board
    svg += Line(cx(0), cy(k), cx(n - 1), cy(k), "#9a9a9a", 0.8);
    svg += Line(cx(k), cy(0), cx(k), cy(n - 1), "#9a9a9a", 0.8);
    svg += Text(cx(k), top - 6, ColumnLetter(k), 11);
    svg += Text(cx(k), top + n * c + 15, ColumnLetter(k), 11);
    svg += Text(left - 6, cy(k) + 4, std::to_string(n - k), 11, "end");
    svg += Text(left + n * c + 6, cy(k) + 4, std::to_string(n - k), 11, "start");
  }
  auto labelled = [&](int i) {
    if (!map.label_percent || i >= static_cast<int>(map.values.size())) return false;
    const double v = map.values[i];
    return Finite(v) && v > 0 && v >= map.label_threshold;
  };
  for (auto [x, y] : StarPoints(n))
    if (!labelled(y * n + x))
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.2\" fill=\"#666666\"/>", Num(cx(x)),
                         Num(cy(y)));
  for (int i = 0; i < n * n; ++i) {
    if (!labelled(i)) continue;
    const double v = map.values[i];
    const bool dark = max_value > 0 && v / max_value > 0.6;
    svg += Text(cx(i % n), cy(i / n) + 4, PercentLabel(v), c >= 30 ? 11 : 9, "middle",
                dark ? "fill=\"#ffffff\"" : "fill=\"#222222\"");
  }
  std::string path_points;
  for (const auto& [x, y] : map.path)
    if (Finite(x) && Finite(y))
      path_points += fmt::format("{},{} ", Num(cx(std::clamp(x, -0.5, n - 0.5))),
                                 Num(cy(std::clamp(y, -0.5, n - 0.5))));
  if (!path_points.empty()) {
    svg += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" "
        "stroke-dasharray=\"3 2\"/>",
        path_points, EscapeXml(map.path_color));
    const std::string start = path_points.substr(0, path_points.find(' '));
    const size_t comma = start.find(',');
    svg += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.5\"/>",
        start.substr(0, comma), start.substr(comma + 1), EscapeXml(map.path_color));
  }
  for (const HeatmapMarker& m : map.markers) {
    if (!Finite(m.x) || !Finite(m.y)) continue;
    const double x = cx(std::clamp(m.x, -0.5, n - 0.5)), y = cy(std::clamp(m.y, -0.5, n - 0.5));
    svg += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>",
        Num(x), Num(y), Num(c * 0.38), EscapeXml(m.color));
    svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{}\"/>", Num(x), Num(y),
                       EscapeXml(m.color));
    if (!m.label.empty())
      svg += Text(x + c * 0.42, y - c * 0.42, m.label, 11, "start",
                  fmt::format("fill=\"{}\" font-weight=\"bold\"", EscapeXml(m.color)));
  }
  return svg + "</svg>";
}

std::string RenderLineChart(const LineChart& chart) {
  const int width = chart.width, height = chart.height;
  ChartHeader header = OpenChart(width, height, chart.title, chart.series, -2);
  const double left = header.left, right = header.right, top = header.top;
  const double bottom = height - (chart.x_label.empty() ? 26.0 : 40.0);
  std::vector<const std::vector<double>*> xs_data, ys_data;
  for (const ChartSeries& s : chart.series) {
    xs_data.push_back(&s.x);
    ys_data.push_back(&s.y);
    if (!chart.y_min || !chart.y_max) {  // bands widen an automatic range
      ys_data.push_back(&s.low);
      ys_data.push_back(&s.high);
    }
  }
  std::vector<double> references = chart.reference_y;
  ys_data.push_back(&references);
  const auto [x0, x1] = AxisRange(chart.x_min, chart.x_max, FiniteRange(xs_data));
  const auto [y0, y1] = AxisRange(chart.y_min, chart.y_max, FiniteRange(ys_data));
  const Scale xs{x0, x1, left, right}, ys{y0, y1, bottom, top};
  std::string svg = std::move(header.svg);
  std::vector<double> xticks = NiceTicks(x0, x1, 8);
  if (chart.x_integer && xticks.size() >= 2 && xticks[1] - xticks[0] < 1) {
    xticks.clear();
    for (double t = std::ceil(x0); t <= x1 && xticks.size() < 1000; ++t) xticks.push_back(t);
  }
  svg += Axes(xs, ys, xticks, NiceTicks(y0, y1, 6), chart.y_percent);
  for (double r : chart.reference_y)
    if (Finite(r) && r >= y0 && r <= y1)
      svg += Line(left, ys(r), right, ys(r), "#444444", 1, "stroke-dasharray=\"5 4\"");
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const ChartSeries& s = chart.series[i];
    const std::string color = EscapeXml(header.legend[i].second);
    const size_t n = std::min(s.x.size(), s.y.size());
    if (s.low.size() == s.x.size() && s.high.size() == s.x.size()) {
      std::string upper, lower;
      for (size_t k = 0; k < s.x.size(); ++k) {
        if (!Finite(s.x[k]) || std::isnan(s.low[k]) || std::isnan(s.high[k])) continue;
        upper += fmt::format("{},{} ", Num(xs(s.x[k])), Num(ys.Clamped(s.high[k])));
        lower = fmt::format("{},{} ", Num(xs(s.x[k])), Num(ys.Clamped(s.low[k]))) + lower;
      }
      if (!upper.empty())
        svg += fmt::format(
            "<polygon points=\"{}{}\" fill=\"{}\" fill-opacity=\"0.16\" stroke=\"none\"/>", upper,
            lower, color);
    }
    std::string points;
    auto flush = [&] {
      if (!points.empty())
        svg += fmt::format(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>", points,
            color, s.dashed ? " stroke-dasharray=\"6 4\"" : "");
      points.clear();
    };
    for (size_t k = 0; k < n; ++k) {
      if (!Finite(s.x[k]) || std::isnan(s.y[k])) {
        flush();
        continue;
      }
      points += fmt::format("{},{} ", Num(xs(s.x[k])), Num(ys.Clamped(s.y[k])));
    }
    flush();
    for (size_t k = 0; k < n; ++k)
      if (Finite(s.x[k]) && !std::isnan(s.y[k]))
        svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>", Num(xs(s.x[k])),
                           Num(ys.Clamped(s.y[k])), color);
  }
  svg += AxisLabels(width, height, top, bottom, chart.x_label, chart.y_label);
  return svg + "</svg>";
}

std::string RenderBarChart(const BarChart& chart) {
  const int width = chart.width, height = chart.height;
  ChartHeader header = OpenChart(width, height, chart.title, chart.series, 4);
  const double left = header.left, right = header.right, top = header.top;
  const double bottom = height - 40.0;
  std::vector<const std::vector<double>*> data;
  for (const BarSeries& s : chart.series) {
    data.push_back(&s.values);
    data.push_back(&s.high);
  }
  std::optional<std::pair<double, double>> range = FiniteRange(data);
  double y1 = chart.y_max.value_or(range && range->second > 0 ? range->second * 1.12 : 1.0);
  if (!(y1 > 0)) y1 = 1;
  const Scale ys{0, y1, bottom, top};
  std::string svg = std::move(header.svg);
  for (double t : NiceTicks(0, y1, 6)) {
    if (t > y1 + 1e-9) continue;
    svg += Line(left, ys(t), right, ys(t), "#e3e3e3", 1);
    svg += Text(left - 6, ys(t) + 4, TickLabel(t, chart.y_percent), 11, "end");
  }
  const size_t groups = std::max<size_t>(1, chart.categories.size());
  const double group_width = (right - left) / groups;
  const double bar_width = group_width * 0.8 / std::max<size_t>(1, chart.series.size());
  for (size_t g = 0; g < chart.categories.size(); ++g) {
    const double gx = left + g * group_width;
    svg += Text(gx + group_width / 2, bottom + 15, chart.categories[g], 11);
    for (size_t i = 0; i < chart.series.size(); ++i) {
      const BarSeries& s = chart.series[i];
      if (g >= s.values.size() || !Finite(s.values[g])) continue;
      const double x = gx + group_width * 0.1 + i * bar_width;
      const double v = std::clamp(s.values[g], 0.0, y1);
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                         Num(x + 1), Num(ys(v)), Num(std::max(1.0, bar_width - 2)),
                         Num(ys(0) - ys(v)), EscapeXml(header.legend[i].second));
      double label_y = ys(v) - 4;
      if (g < s.low.size() && g < s.high.size() && Finite(s.low[g]) && Finite(s.high[g])) {
        const double mid = x + bar_width / 2, lo = ys.Clamped(s.low[g]), hi = ys.Clamped(s.high[g]);
        svg += Line(mid, lo, mid, hi, "#222222", 1.2);
        svg += Line(mid - 4, lo, mid + 4, lo, "#222222", 1.2);
        svg += Line(mid - 4, hi, mid + 4, hi, "#222222", 1.2);
        label_y = std::min(label_y, hi - 4);
      }
      if (chart.value_labels) {
        const std::string label = chart.y_percent ? fmt::format("{:.0f}%", s.values[g] * 100)
                                                  : fmt::format("{:.3g}", s.values[g]);
        svg += Text(x + bar_width / 2, label_y, label, 10);
      }
    }
  }
  svg += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888888\"/>",
      Num(left), Num(top), Num(right - left), Num(bottom - top));
  svg += AxisLabels(width, height, top, bottom, "", chart.y_label);
  return svg + "</svg>";
}

}  // namespace tengen
