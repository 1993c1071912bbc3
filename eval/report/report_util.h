// The small pieces of HTML the report's sections share: numbers, score
// rates and tables. Every value comes from the typed results
// (study_results.h), so nothing here stands in for a missing one; a number
// that is not finite prints as it is ("nan", "inf"). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_REPORT_UTIL_H_
#define TENGEN_EVAL_REPORT_REPORT_UTIL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/report/collapse_result.h"
#include "eval/report/match_results.h"

namespace tengen {

// The CSS of the report pages (the study's and the replicates').
std::string_view ReportStyleSheet();

// "61.5%" for 0.615.
std::string Percent(double fraction, int decimals = 1);
// A number with `decimals` decimals.
std::string Fixed(double value, int decimals);
// The point's vertex ("E5"), or its coordinates "(4.00, 4.00)" when it
// falls between points.
std::string VertexText(const CollapsePoint& point);
// "61.5% [49.1%, 72.6%] of 32"; "no games" for a score without games.
std::string RateText(const WinRateResult& rate);
// RateText, or "not played" for none.
std::string RateText(const std::optional<WinRateResult>& rate);
// "+81 [-6, +169]" from the counts, with "+∞" and "−∞" for the infinite
// ends; "no games" without games.
std::string EloText(const WinRateResult& rate);

// An HTML table: a header row and rows of cells. Cells are HTML already
// (escape text with EscapeXml first).
std::string HtmlTable(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

// The <section> of a part that was not run: its title and a note saying so.
std::string NotRunSection(std::string_view id, std::string_view title);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_REPORT_UTIL_H_
