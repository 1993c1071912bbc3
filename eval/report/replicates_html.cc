#include "eval/report/replicates_html.h"

#include <fmt/format.h>

#include <map>

#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"
#include "eval/report/svg_dot_plot.h"

namespace tengen {
namespace {

struct PartInfo {
  std::string_view id, title;
};
constexpr PartInfo kParts[] = {{"collapse", "a. The averaging collapse"},
                               {"diversity", "b. Diversity"},
                               {"strength", "c. Strength"},
                               {"learning", "d. Learning"},
                               {"dropout", "e. Noise as a regulariser"},
                               {"search", "f. The search era"}};

std::string ValueText(const std::optional<double>& value, FigureUnit unit) {
  return value ? EscapeXml(FigureValueText(*value, unit))
               : "<span class=\"missing\">not run</span>";
}

std::string MeanText(const ReplicateFigure& f) {
  std::string text = FigureValueText(f.summary.mean, f.unit);
  if (f.summary.n >= 2)
    text += fmt::format(" [{}, {}]", FigureValueText(f.summary.low, f.unit),
                        FigureValueText(f.summary.high, f.unit));
  return EscapeXml(text);
}

std::string ClaimsSection(const ReplicateSummary& s) {
  std::vector<std::vector<std::string>> rows;
  for (const ReplicateClaim& c : s.claims)
    rows.push_back(
        {EscapeXml(c.part), EscapeXml(c.claim), EscapeXml(c.verdict),
         fmt::format("<span class=\"strength-{0}\">{0}</span>", EvidenceStrengthName(c.strength))});
  std::string html = "<section id=\"claims\"><h2>Claims and verdicts</h2>";
  html += fmt::format(
      "<p>Each claim of the study, judged on {} seeds by a paired comparison across seeds "
      "(paired t-test and exact sign test; strength: strong = p &lt; 0.01 with every seed the "
      "same way, moderate = p &lt; 0.05, weak = p &lt; 0.2 or every seed the same way, none = "
      "no difference detected at this size).</p>",
      s.seeds.size());
  html += rows.empty() ? "<p class=\"missing\">No claim could be judged: no part ran.</p>"
                       : HtmlTable({"part", "claim", "verdict", "strength"}, rows);
  return html + "</section>";
}

std::string PartSection(const ReplicateSummary& s, const PartInfo& part) {
  std::vector<const ReplicateFigure*> figures;
  for (const ReplicateFigure& f : s.figures)
    if (f.part == part.id) figures.push_back(&f);
  std::string html = fmt::format("<section id=\"{}\"><h2>{}</h2>", part.id, part.title);
  if (figures.empty())
    return html + "<p class=\"missing\">This part was not run in any replicate.</p></section>";
  for (const ReplicateClaim& c : s.claims)
    if (c.part == part.id)
      html += fmt::format("<p class=\"claim\"><b>{}</b> {} (evidence: {})</p>", EscapeXml(c.claim),
                          EscapeXml(c.verdict), EvidenceStrengthName(c.strength));

  // One dot plot per unit.
  std::map<FigureUnit, DotPlot> plots;
  for (const ReplicateFigure* f : figures) {
    DotPlot& plot = plots[f->unit];
    plot.x_percent = f->unit == FigureUnit::kFraction;
    if (plot.x_percent) plot.x_floor = 0, plot.x_ceiling = 1;
    plot.x_label = f->unit == FigureUnit::kFraction ? "per seed (dots), mean and 95% interval"
                                                    : std::string(FigureUnitName(f->unit));
    plot.title = fmt::format("{}: {} per seed", part.title, FigureUnitName(f->unit));
    DotPlotRow row{
        .label = f->label, .mean = f->summary.mean, .low = f->summary.low, .high = f->summary.high};
    for (const std::optional<double>& v : f->values)
      if (v) row.points.push_back(*v);
    plot.rows.push_back(std::move(row));
  }
  html += "<div class=\"figures\">";
  for (auto& [unit, plot] : plots) {
    if (unit == FigureUnit::kFraction) plot.reference_x = {0.5};
    html += RenderDotPlot(plot);
  }
  html += "</div>";

  std::vector<std::string> header = {"figure"};
  for (uint64_t seed : s.seeds) header.push_back(fmt::format("seed {}", seed));
  header.push_back("mean [95% interval across seeds]");
  header.push_back("within-seed 95% ±");
  std::vector<std::vector<std::string>> rows;
  for (const ReplicateFigure* f : figures) {
    std::vector<std::string> row = {EscapeXml(f->label)};
    for (const std::optional<double>& v : f->values) row.push_back(ValueText(v, f->unit));
    row.push_back(MeanText(*f));
    row.push_back(f->within_seed_half_width
                      ? EscapeXml(FigureValueText(*f->within_seed_half_width, f->unit))
                      : "not a score rate");
    rows.push_back(std::move(row));
  }
  html += HtmlTable(header, rows);

  std::vector<std::vector<std::string>> comparisons;
  for (const ReplicateComparison& c : s.comparisons)
    if (c.part == part.id)
      comparisons.push_back({EscapeXml(c.label), EscapeXml(c.a_name + " - " + c.b_name),
                             EscapeXml(c.verdict), std::string(EvidenceStrengthName(c.strength))});
  if (!comparisons.empty())
    html += "<h3>Paired comparisons across seeds</h3>" +
            HtmlTable({"measure", "difference", "verdict", "strength"}, comparisons);
  return html + "</section>";
}

}  // namespace

std::string RenderReplicateReport(const ReplicateSummary& s) {
  std::string html =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Tengen: argmax against sampling, across seeds</title><style>";
  html += ReportStyleSheet();
  html +=
      "span.strength-strong { color: #1a7f37; font-weight: bold; } span.strength-moderate { "
      "color: #1a7f37; } span.strength-weak { color: #9a6700; } span.strength-none { color: "
      "#555555; }";
  html += "</style></head><body><main>";
  html += "<h1>Argmax against sampling, replicated across seeds</h1>";
  std::string seeds;
  for (size_t i = 0; i < s.seeds.size(); ++i)
    seeds += fmt::format("{}{} (<code>{}</code>)", i ? ", " : "", s.seeds[i],
                         EscapeXml(i < s.replicate_dirs.size() ? s.replicate_dirs[i] : ""));
  html += fmt::format(
      "<p class=\"meta\">The whole study ran once per seed: {} replicates, seeds {}. Each "
      "replicate's own report (report.html in its folder) has its charts and within-seed "
      "intervals; this page sets the seeds side by side: every figure as one dot per seed, the "
      "mean and its Student-t 95% interval across seeds.</p>",
      s.seeds.size(), seeds);
  html += ClaimsSection(s);
  for (const PartInfo& part : kParts) html += PartSection(s, part);
  html += "</main></body></html>\n";
  return html;
}

}  // namespace tengen
