// A dot plot for figures measured once per seed: one row per figure, a
// dot per seed, the mean as a bar and its 95% interval as a band. Inline
// SVG, as svg_charts.h draws (no namespace, no outside resources, caller
// text escaped, non-finite numbers left out). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_SVG_DOT_PLOT_H_
#define TENGEN_EVAL_REPORT_SVG_DOT_PLOT_H_

#include <optional>
#include <string>
#include <vector>

namespace tengen {

struct DotPlotRow {
  std::string label;
  std::vector<double> points;  // one per seed
  double mean = 0, low = 0, high = 0;
};

struct DotPlot {
  std::string title, x_label;
  std::vector<DotPlotRow> rows;
  bool x_percent = false;              // tick labels as percentages of 1
  std::optional<double> x_min, x_max;  // unset: from the data, padded
  // Where the quantity itself ends (0 and 1 for fractions): the padded
  // range never passes them.
  std::optional<double> x_floor, x_ceiling;
  std::vector<double> reference_x;  // dashed vertical lines, e.g. 0.5
  int width = 720;
};

std::string RenderDotPlot(const DotPlot& plot);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_SVG_DOT_PLOT_H_
