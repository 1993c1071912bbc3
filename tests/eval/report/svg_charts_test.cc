// The report's SVG helpers: escaping, ticks, and what each chart draws.
#include "eval/report/svg_charts.h"

#include <cmath>
#include <string>

#include "eval/report/svg_dot_plot.h"
#include "gtest/gtest.h"
#include "tests/eval/eval_test_util.h"

namespace tengen {
namespace {

int Count(const std::string& text, const std::string& piece) {
  int count = 0;
  for (size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1))
    ++count;
  return count;
}

// What any chart must be: one balanced <svg> element, no outside references.
void ExpectSelfContainedSvg(const std::string& svg) {
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u) << svg.substr(0, 40);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_EQ(eval_test::CheckTagsBalanced(svg), "");
  for (const char* banned : {"http:", "https:", "href", "<script", "url(", "nan", "inf"})
    EXPECT_EQ(svg.find(banned), std::string::npos) << banned;
}

TEST(EscapeXmlTest, EscapesMarkupAndDropsControlCharacters) {
  EXPECT_EQ(EscapeXml("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  EXPECT_EQ(EscapeXml(std::string("x\x01y\tz\n", 6)), "xy\tz\n");
  EXPECT_EQ(EscapeXml("tengen 天元"), "tengen 天元");  // UTF-8 passes through
}

TEST(NiceTicksTest, RoundStepsThatCoverTheRange) {
  for (auto [low, high] :
       {std::pair{0.0, 1.0}, {-3.7, 12.2}, {0.0013, 0.0091}, {-800.0, 800.0}, {5.0, 6.0}}) {
    const std::vector<double> ticks = NiceTicks(low, high, 6);
    ASSERT_GE(ticks.size(), 2u);
    EXPECT_LE(ticks.front(), low + 1e-12);
    EXPECT_GE(ticks.back(), high - 1e-12);
    EXPECT_LE(ticks.size(), 13u);
    const double step = ticks[1] - ticks[0];
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
    EXPECT_TRUE(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
                std::abs(mantissa - 5) < 1e-9)
        << step;
    for (size_t i = 1; i < ticks.size(); ++i)
      EXPECT_NEAR(ticks[i] - ticks[i - 1], step, step * 1e-9);
  }
}

TEST(BoardHeatmapTest, ShadesNonZeroCellsAndLabelsThem) {
  BoardHeatmap map{
      .size = 9, .values = std::vector<double>(81, 0.0), .title = "Policy <of> \"net\""};
  map.values[0] = 0.5;     // A9
  map.values[40] = 0.25;   // E5
  map.values[80] = 0.001;  // J1: shaded, below the label threshold
  map.markers.push_back({.x = 4, .y = 4, .label = "regressor & co"});
  map.path = {{0, 0}, {2, 2}, {4, 4}};
  const std::string svg = RenderBoardHeatmap(map);
  ExpectSelfContainedSvg(svg);
  EXPECT_NE(svg.find("Policy &lt;of&gt; &quot;net&quot;"), std::string::npos);
  EXPECT_NE(svg.find("regressor &amp; co"), std::string::npos);
  // Background and board frame, then one rectangle per non-zero cell.
  EXPECT_EQ(Count(svg, "<rect"), 2 + 3);
  EXPECT_NE(svg.find(">50</text>"), std::string::npos);
  EXPECT_NE(svg.find(">25</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">.1</text>"), std::string::npos);
  // Column letters skip I; rows are numbered from the bottom.
  EXPECT_NE(svg.find(">J</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">I</text>"), std::string::npos);
  EXPECT_EQ(Count(svg, "<polyline"), 1);
}

TEST(BoardHeatmapTest, IgnoresNonFiniteValuesAndMarkers) {
  BoardHeatmap map{.size = 5, .values = std::vector<double>(25, NAN)};
  map.values[3] = INFINITY;
  map.values[4] = 0.2;
  map.markers.push_back({.x = NAN, .y = 1});
  const std::string svg = RenderBoardHeatmap(map);
  ExpectSelfContainedSvg(svg);
  EXPECT_EQ(Count(svg, "<rect"), 2 + 1);
  EXPECT_EQ(Count(svg, "stroke-width=\"2.5\""), 0);  // no marker ring
}

TEST(LineChartTest, DrawsBandsLinesAndBreaksAtMissingPoints) {
  LineChart chart{.title = "Score", .x_label = "generation", .y_label = "rate", .y_percent = true};
  chart.series.push_back({.name = "sampled",
                          .x = {0, 1, 2, 3},
                          .y = {0.5, 0.6, NAN, 0.8},
                          .low = {0.4, 0.5, NAN, 0.7},
                          .high = {0.6, 0.7, NAN, 0.9}});
  chart.series.push_back(
      {.name = "argmax <det>", .x = {0, 1, 2, 3}, .y = {0.5, 0.4, 0.3, 0.2}, .dashed = true});
  chart.reference_y = {0.5};
  chart.y_min = 0;
  chart.y_max = 1;
  const std::string svg = RenderLineChart(chart);
  ExpectSelfContainedSvg(svg);
  EXPECT_EQ(Count(svg, "<polygon"), 1);     // only the first series has a band
  EXPECT_EQ(Count(svg, "<polyline"), 3);    // the gap splits the first line in two
  EXPECT_EQ(Count(svg, "<circle"), 3 + 4);  // a dot per finite point
  EXPECT_NE(svg.find("argmax &lt;det&gt;"), std::string::npos);
  EXPECT_NE(svg.find(">100%</text>"), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray=\"6 4\""), std::string::npos);
}

TEST(LineChartTest, ClampsInfiniteBandEdgesToTheAxis) {
  LineChart chart{.title = "Elo"};
  chart.series.push_back(
      {.name = "a", .x = {1, 2}, .y = {100, INFINITY}, .low = {-50, 20}, .high = {300, INFINITY}});
  chart.y_min = -400;
  chart.y_max = 400;
  const std::string svg = RenderLineChart(chart);
  ExpectSelfContainedSvg(svg);
  EXPECT_EQ(Count(svg, "<polygon"), 1);
  EXPECT_EQ(Count(svg, "<circle"), 2);
}

TEST(LineChartTest, IntegerAxisHasWholeTicks) {
  LineChart chart{.x_integer = true};
  chart.series.push_back({.name = "a", .x = {0, 1, 2}, .y = {1, 2, 3}});
  chart.x_min = 0;
  chart.x_max = 2;
  const std::string svg = RenderLineChart(chart);
  EXPECT_EQ(svg.find(">0.5</text>"), std::string::npos);
  EXPECT_NE(svg.find(">1</text>"), std::string::npos);
}

TEST(BarChartTest, OneBarPerFiniteValueWithErrorBars) {
  BarChart chart{.title = "Distinct games", .categories = {"argmax", "T=1"}, .y_percent = true};
  chart.series.push_back(
      {.name = "games", .values = {0.13, 1.0}, .low = {0.05, 0.9}, .high = {0.3, 1.0}});
  chart.series.push_back({.name = "positions", .values = {NAN, 0.5}});
  chart.y_max = 1.0;
  const std::string svg = RenderBarChart(chart);
  ExpectSelfContainedSvg(svg);
  // Background, legend swatches (2), bars (3), plot frame.
  EXPECT_EQ(Count(svg, "<rect"), 1 + 2 + 3 + 1);
  EXPECT_EQ(Count(svg, "<line x1"), 2 * 3 + 6);  // two error bars, grid lines at 0, 20, ..., 100%
  EXPECT_NE(svg.find(">13%</text>"), std::string::npos);
  EXPECT_NE(svg.find(">argmax</text>"), std::string::npos);
}

TEST(BarChartTest, LongLegendsWrapInsteadOfRunningOffTheChart) {
  BarChart one{.categories = {"a"}, .width = 300};
  one.series.push_back({.name = "a fairly long series name", .values = {1}});
  BarChart three = one;
  three.series.push_back({.name = "another fairly long series name", .values = {2}});
  three.series.push_back({.name = "and a third long series name", .values = {3}});
  // The wrapped legend pushes the plot down: its frame starts lower.
  auto frame_top = [](const std::string& svg) {
    const size_t at = svg.rfind("<rect x=\"62.0\" y=\"");
    return std::stod(svg.substr(at + 18));
  };
  EXPECT_GT(frame_top(RenderBarChart(three)), frame_top(RenderBarChart(one)) + 20);
}

// Three seeds near 100% whose t interval passes it: a fraction's axis
// still ends at 100%, and a label too long for its column takes two lines.
TEST(DotPlotTest, AFractionsAxisStopsAtItsBoundsAndLongLabelsWrap) {
  DotPlot plot{.title = "fractions", .x_label = "per seed", .x_percent = true};
  plot.x_floor = 0;
  plot.x_ceiling = 1;
  plot.rows.push_back(
      {.label = "short", .points = {0.9, 1, 1}, .mean = 0.967, .low = 0.82, .high = 1.11});
  plot.rows.push_back({.label = "regressor: distance of its answer from the nearest good move",
                       .points = {0.5, 0.6, 0.7},
                       .mean = 0.6,
                       .low = 0.35,
                       .high = 0.85});
  const std::string svg = RenderDotPlot(plot);
  ExpectSelfContainedSvg(svg);
  EXPECT_NE(svg.find(">100%</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">110%</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">120%</text>"), std::string::npos);
  EXPECT_NE(svg.find("<tspan"), std::string::npos);
  EXPECT_NE(svg.find(">regressor: distance of its answer</tspan>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">from the nearest good move</tspan>"), std::string::npos);
  EXPECT_NE(svg.find(">short</text>"), std::string::npos);
}

}  // namespace
}  // namespace tengen
