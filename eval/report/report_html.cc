#include "eval/report/report_html.h"

#include <fmt/format.h>

#include <cmath>

#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr std::string_view kStyle = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; background: #fafafa; margin: 0; }
main { max-width: 1160px; margin: 0 auto; padding: 16px 24px 48px; background: #ffffff; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 2px solid #d62728; padding-bottom: 4px; }
p { line-height: 1.45; max-width: 1080px; }
p.meta, p.aside { color: #555555; font-size: 14px; }
p.claim { background: #fff4e5; border-left: 4px solid #ff7f0e; padding: 8px 12px; }
p.missing { color: #9a9a9a; font-style: italic; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; margin: 8px 0; }
.figures svg { border: 1px solid #e3e3e3; }
.figures p.aside { max-width: 320px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
code { font-size: 12px; background: #f3f3f3; padding: 1px 3px; }
)";

std::string Vertex(const JsonValue& point) { return JsonString(point, "vertex"); }

// One line per part with its headline numbers.
std::string Summary(const JsonValue& report) {
  std::vector<std::vector<std::string>> rows;
  if (const JsonValue& c = JsonAt(report, "collapse"); c.is_object()) {
    const JsonValue& r = JsonAt(c, "regressor");
    rows.push_back(
        {"a. collapse",
         fmt::format(
             "The coordinate regressor answers ({}, {}), nearest point {}, {} points from the "
             "centre; the softmax keeps {} of its mass on the {} symmetric good moves.",
             Fixed(JsonNumber(r, "x"), 2), Fixed(JsonNumber(r, "y"), 2),
             EscapeXml(Vertex(JsonAt(r, "nearest"))), Fixed(JsonNumber(r, "distance_to_centre"), 2),
             Percent(JsonNumber(JsonAt(c, "softmax"), "mass_on_set")),
             JsonItems(JsonAt(c, "symmetric_set")).size())});
  }
  if (const JsonValue& d = JsonAt(report, "diversity"); d.is_object()) {
    std::string text = "Distinct games:";
    for (const JsonValue& mode : JsonItems(JsonAt(d, "modes")))
      text += fmt::format(" {} {} of {};", EscapeXml(JsonString(mode, "name")),
                          Fixed(JsonNumber(mode, "distinct_games"), 0),
                          Fixed(JsonNumber(mode, "games"), 0));
    rows.push_back({"b. diversity", text});
  }
  if (const JsonValue& s = JsonAt(report, "strength"); s.is_object()) {
    std::string text;
    for (const JsonValue& p : JsonItems(JsonAt(s, "pairings")))
      text += fmt::format("{} vs {}: {}<br>", EscapeXml(JsonString(p, "player")),
                          EscapeXml(JsonString(p, "opponent")), RateText(p));
    rows.push_back({"c. strength", text});
  }
  if (const JsonValue& l = JsonAt(report, "learning"); l.is_object()) {
    std::string text;
    for (const JsonValue& run : JsonItems(JsonAt(l, "runs"))) {
      const std::vector<JsonValue>& generations = JsonItems(JsonAt(run, "generations"));
      if (generations.empty()) continue;
      const JsonValue& last = generations.back();
      text += fmt::format(
          "{}: all generations together score {} against random and {} against generation 0; "
          "generation {} alone: {} and {}<br>",
          EscapeXml(JsonString(run, "name")), RateText(JsonAt(run, "pooled_vs_random")),
          RateText(JsonAt(run, "pooled_vs_first")), Fixed(JsonNumber(last, "generation"), 0),
          RateText(JsonAt(last, "vs_random")), RateText(JsonAt(last, "vs_first")));
    }
    rows.push_back({"d. learning", text});
  }
  if (const JsonValue& d = JsonAt(report, "dropout"); d.is_object()) {
    std::string text;
    for (const JsonValue& run : JsonItems(JsonAt(d, "runs")))
      text += fmt::format(
          "{}: held-out loss {} (training {}), vs random {}<br>",
          EscapeXml(JsonString(run, "name")), Fixed(JsonNumber(run, "final_held_out_loss"), 3),
          Fixed(JsonNumber(run, "final_train_loss"), 3), RateText(JsonAt(run, "vs_random")));
    rows.push_back({"e. dropout", text});
  }
  if (rows.empty()) return "";
  return "<section id=\"summary\"><h2>Summary</h2>" + HtmlTable({"part", "result"}, rows) +
         "</section>";
}

std::string SettingsSection(const JsonValue& report) {
  const JsonValue& settings = JsonAt(report, "settings");
  const JsonValue& timing = JsonAt(report, "timing");
  std::vector<std::vector<std::string>> rows;
  if (timing.is_object())
    for (const auto& [key, value] : timing.AsObject())
      rows.push_back({EscapeXml(key), value.is_number() ? Fixed(value.AsNumber(), 1) : "–"});
  std::string html = "<section id=\"settings\"><h2>Settings and timing</h2>";
  html += fmt::format(
      "<p>Seed {}, {} plan, rules: {}. Every number on this page is in <code>report.json</code> "
      "beside it; the same command with the same seed gives the same numbers (the times and the "
      "creation date "
      "aside).</p>",
      Fixed(JsonNumber(settings, "seed"), 0),
      JsonAt(settings, "quick").is_bool() && JsonAt(settings, "quick").AsBool() ? "the quick"
                                                                                : "the default",
      EscapeXml(JsonString(settings, "rules")));
  if (!rows.empty()) html += HtmlTable({"step", "seconds"}, rows);
  return html + "</section>";
}

}  // namespace

std::string RenderStudyReport(const JsonValue& report) {
  const JsonValue& model = JsonAt(report, "model");
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Tengen: argmax against sampling</title><style>";
  html += kStyle;
  html += "</style></head><body><main>";
  html +=
      "<h1>Why a Go policy should output a distribution, and why self-play should sample from "
      "it</h1>";
  html += fmt::format(
      "<p class=\"meta\">Tengen evaluation study, created {}. Studied network: {} ({}, {} training "
      "steps{}), "
      "file <code>{}</code>.</p>",
      EscapeXml(JsonString(report, "created")), EscapeXml(JsonString(model, "name")),
      EscapeXml(JsonString(model, "network")), Fixed(JsonNumber(model, "training_step"), 0),
      JsonAt(model, "made_by_study").is_bool() && JsonAt(model, "made_by_study").AsBool()
          ? ", made by this study's own self-play run"
          : "",
      EscapeXml(JsonString(model, "path")));
  html += Summary(report);
  html += RenderCollapseSection(JsonAt(report, "collapse"));
  html += RenderDiversitySection(JsonAt(report, "diversity"));
  html += RenderStrengthSection(JsonAt(report, "strength"));
  html += RenderLearningSection(JsonAt(report, "learning"));
  html += RenderDropoutSection(JsonAt(report, "dropout"));
  html += SettingsSection(report);
  return html + "</main></body></html>\n";
}

}  // namespace tengen
