// Section f of the report, the search era: argmax against sampling at the
// root of a search (eval/report/search_result.h). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_REPORT_SECTION_SEARCH_H_
#define TENGEN_EVAL_REPORT_REPORT_SECTION_SEARCH_H_

#include <optional>
#include <string>

#include "eval/report/search_result.h"

namespace tengen {

// The <section id="search"> element: what was played, the diversity and
// strength tables and charts, and the learning curves of the two runs;
// a section saying the part was not run for none.
std::string RenderSearchEraSection(const std::optional<SearchEraResult>& search);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_REPORT_SECTION_SEARCH_H_
