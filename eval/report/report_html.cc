#include "eval/report/report_html.h"

#include <fmt/format.h>

#include <cmath>

#include "eval/report/report_section_search.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

// One line per part with its headline numbers.
std::string Summary(const StudyResults& results) {
  std::vector<std::vector<std::string>> rows;
  if (const std::optional<CollapseResult>& c = results.collapse) {
    const CollapseRegressor& r = c->regressor;
    rows.push_back(
        {"a. collapse",
         fmt::format(
             "The coordinate regressor answers ({}, {}), nearest point {}, {} points from the "
             "centre; the softmax keeps {} of its mass on the {} symmetric good moves.",
             Fixed(r.x, 2), Fixed(r.y, 2), EscapeXml(VertexText(r.nearest)),
             Fixed(r.distance_to_centre, 2), Percent(c->softmax.mass_on_set),
             c->symmetric_set.size())});
  } else {
    rows.push_back({"a. collapse", "not run"});
  }
  if (const std::optional<DiversityResult>& d = results.diversity) {
    std::string text = "Distinct games:";
    for (const DiversityMode& mode : d->modes)
      text += fmt::format(" {} {} of {};", EscapeXml(mode.name), mode.distinct_games, mode.games);
    rows.push_back({"b. diversity", text});
  } else {
    rows.push_back({"b. diversity", "not run"});
  }
  if (const std::optional<StrengthResult>& s = results.strength) {
    std::string text;
    for (const StrengthPairing& p : s->pairings)
      text += fmt::format("{} vs {}: {}<br>", EscapeXml(p.match.player),
                          EscapeXml(p.match.opponent), RateText(p.match.score));
    rows.push_back({"c. strength", text.empty() ? "no games played" : text});
  } else {
    rows.push_back({"c. strength", "not run"});
  }
  if (const std::optional<LearningResult>& l = results.learning) {
    std::string text;
    for (const LearningRun& run : l->runs) {
      if (run.generations.empty()) continue;
      const LearningGeneration& last = run.generations.back();
      text += fmt::format(
          "{}: all generations together score {} against random and {} against generation 0; "
          "generation {} alone: {} and {}<br>",
          EscapeXml(run.name), RateText(run.pooled_vs_random), RateText(run.pooled_vs_first),
          last.generation, RateText(last.vs_random), RateText(last.vs_first));
    }
    rows.push_back({"d. learning", text.empty() ? "no generations trained" : text});
  } else {
    rows.push_back({"d. learning", "not run"});
  }
  if (const std::optional<DropoutResult>& d = results.dropout) {
    std::string text;
    for (const DropoutRun& run : d->runs)
      text += fmt::format(
          "{}: held-out loss {} (training {}), vs random {}<br>", EscapeXml(run.name),
          Fixed(run.final_held_out_loss, 3), Fixed(run.final_train_loss, 3),
          run.vs_random.has_value() ? RateText(run.vs_random->score) : std::string("not played"));
    if (const std::optional<SyntheticResult>& synthetic = d->synthetic)
      for (const SyntheticRun& run : synthetic->runs)
        text += fmt::format(
            "synthetic, {}: {} of the {} known bits generalised, {} bits of noise memorised<br>",
            EscapeXml(run.name), Fixed(run.generalised_bits, 2),
            Fixed(synthetic->information_bits, 2), Fixed(run.memorised_bits, 2));
    rows.push_back({"e. noise", text.empty() ? "no networks trained" : text});
  } else {
    rows.push_back({"e. noise", "not run"});
  }
  if (const std::optional<SearchEraResult>& f = results.search) {
    std::string text;
    for (const SearchDiversityMode& mode : f->diversity.modes)
      text += fmt::format("{}: {} of {} self-play games distinct<br>", EscapeXml(mode.name),
                          mode.distinct_games, mode.games);
    for (const SearchPairing& p : f->strength.pairings)
      text += fmt::format("{} vs {}: {}<br>", EscapeXml(p.match.player),
                          EscapeXml(p.match.opponent), RateText(p.match.score));
    for (const LearningRun& run : f->learning.runs.runs)
      text += fmt::format("{}: all generations together score {} against random<br>",
                          EscapeXml(run.name), RateText(run.pooled_vs_random));
    rows.push_back({"f. search era", text.empty() ? "nothing played" : text});
  } else {
    rows.push_back({"f. search era", "not run"});
  }
  return "<section id=\"summary\"><h2>Summary</h2>" + HtmlTable({"part", "result"}, rows) +
         "</section>";
}

std::string SettingsSection(const StudyResults& results) {
  const StudySettings& settings = results.settings;
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, seconds] : results.timing.Entries())
    rows.push_back({EscapeXml(key), Fixed(seconds, 1)});
  std::string html = "<section id=\"settings\"><h2>Settings and timing</h2>";
  html += fmt::format(
      "<p>Seed {}, {} plan, rules: {}. Every number on this page is in <code>report.json</code> "
      "beside it; the same command with the same seed gives the same numbers (the times and the "
      "creation date "
      "aside).</p>",
      settings.seed, settings.quick ? "the quick" : "the default", EscapeXml(settings.rules));
  html += HtmlTable({"step", "seconds"}, rows);
  return html + "</section>";
}

}  // namespace

std::string RenderStudyReport(const StudyResults& results) {
  const StudyModel& model = results.model;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Tengen: argmax against sampling</title><style>";
  html += ReportStyleSheet();
  html += "</style></head><body><main>";
  html +=
      "<h1>Why a Go policy should output a distribution, and why self-play should sample from "
      "it</h1>";
  html += fmt::format(
      "<p class=\"meta\">Tengen evaluation study, created {}. Studied network: {} ({}, {} training "
      "steps{}{}), "
      "file <code>{}</code>.</p>",
      EscapeXml(results.created), EscapeXml(model.name), EscapeXml(model.network),
      model.training_step, model.made_by_study ? ", made by this study's own self-play run" : "",
      model.chosen_as.has_value() ? ": " + EscapeXml(*model.chosen_as) : std::string(),
      EscapeXml(model.path));
  html += Summary(results);
  html += RenderCollapseSection(results.collapse);
  html += RenderDiversitySection(results.diversity);
  html += RenderStrengthSection(results.strength);
  html += RenderLearningSection(results.learning);
  html += RenderDropoutSection(results.dropout);
  html += RenderSearchEraSection(results.search);
  html += SettingsSection(results);
  return html + "</main></body></html>\n";
}

}  // namespace tengen
