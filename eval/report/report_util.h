// Helpers for drawing the evaluation report from its JSON: lenient lookups
// (a missing or mistyped member reads as null, NaN or "", so a partial
// report still renders) and the small pieces of HTML the sections share.
// No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_REPORT_UTIL_H_
#define TENGEN_EVAL_REPORT_REPORT_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "match/match_stats.h"

namespace tengen {

// Member `key` of an object, or a null value.
const JsonValue& JsonAt(const JsonValue& object, std::string_view key);
// Element i of an array, or a null value.
const JsonValue& JsonAt(const JsonValue& array, size_t i);
// The elements of an array (none for anything else).
const std::vector<JsonValue>& JsonItems(const JsonValue& array);
// A number member, or NaN.
double JsonNumber(const JsonValue& object, std::string_view key);
// A string member, or "".
std::string JsonString(const JsonValue& object, std::string_view key);
// The numbers of an array member (NaN for non-numbers).
std::vector<double> JsonNumbers(const JsonValue& object, std::string_view key);

// The wins, draws and losses of a WinRateToJson object (study_common.h).
WinRate WinRateFromJson(const JsonValue& rate);

// "61.5%" (NaN: "–").
std::string Percent(double fraction, int decimals = 1);
// "61.5% [49.1%, 72.6%] of 32" for a WinRateToJson object.
std::string RateText(const JsonValue& rate);
// "+81 [-6, +169]" from the counts, with "∞" for the infinite ends.
std::string EloText(const JsonValue& rate);
// A number with `decimals` decimals (NaN: "–").
std::string Fixed(double value, int decimals);

// An HTML table: a header row and rows of cells. Cells are HTML already
// (escape text with EscapeXml first).
std::string HtmlTable(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_REPORT_UTIL_H_
