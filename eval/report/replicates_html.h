// The report of a study replicated across seeds (replicate_summary.h) as
// one self-contained HTML page: the claims with their verdicts and
// strength, then per part a dot plot of every figure (a dot per seed, the
// mean and its 95% interval band), a table of the values per seed, and the
// paired comparisons. Inline CSS and SVG only, every string escaped, as
// report_html.h. No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_REPLICATES_HTML_H_
#define TENGEN_EVAL_REPORT_REPLICATES_HTML_H_

#include <string>

#include "eval/report/replicate_summary.h"

namespace tengen {

std::string RenderReplicateReport(const ReplicateSummary& summary);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_REPLICATES_HTML_H_
