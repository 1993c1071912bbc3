// The study's report as one self-contained HTML page, drawn entirely from
// the report JSON (selfplay/study.h writes both), so the page never says
// anything the data do not.
//
// The page has inline CSS and inline SVG charts only: no scripts, no
// external resources (no URLs at all), and every string taken from the JSON
// is escaped. A section whose JSON is missing or null says that the part was
// not run; missing numbers show as "–". No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_REPORT_HTML_H_
#define TENGEN_EVAL_REPORT_REPORT_HTML_H_

#include <string>

#include "base/json.h"

namespace tengen {

std::string RenderStudyReport(const JsonValue& report);

// The sections, each a <section> element (for tests and for the page).
std::string RenderCollapseSection(const JsonValue& collapse);
std::string RenderDiversitySection(const JsonValue& diversity);
std::string RenderStrengthSection(const JsonValue& strength);
std::string RenderLearningSection(const JsonValue& learning);
std::string RenderDropoutSection(const JsonValue& dropout);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_REPORT_HTML_H_
