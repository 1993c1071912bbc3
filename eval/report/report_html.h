// The study's report as one self-contained HTML page, drawn entirely from
// the typed results (study_results.h; eval/study.h writes both the page and
// their JSON), so the page never says anything the data do not.
//
// The page has inline CSS and inline SVG charts only: no scripts, no
// external resources (no URLs at all), and every string from the results
// is escaped. A part that was not run gets a section saying so. No LibTorch
// here.
#ifndef TENGEN_EVAL_REPORT_REPORT_HTML_H_
#define TENGEN_EVAL_REPORT_REPORT_HTML_H_

#include <optional>
#include <string>

#include "eval/report/study_results.h"

namespace tengen {

std::string RenderStudyReport(const StudyResults& results);

// The sections, each a <section> element (for tests and for the page);
// none: the part was not run.
std::string RenderCollapseSection(const std::optional<CollapseResult>& collapse);
std::string RenderDiversitySection(const std::optional<DiversityResult>& diversity);
std::string RenderStrengthSection(const std::optional<StrengthResult>& strength);
std::string RenderLearningSection(const std::optional<LearningResult>& learning);
std::string RenderDropoutSection(const std::optional<DropoutResult>& dropout);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_REPORT_HTML_H_
