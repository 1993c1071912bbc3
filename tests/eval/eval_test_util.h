// Shared helpers of the evaluation tests: checks of generated HTML (tags
// balanced, no placeholder for a missing value). Temporary folders, files
// and commands are in tests/support/.
#ifndef TENGEN_TESTS_EVAL_EVAL_TEST_UTIL_H_
#define TENGEN_TESTS_EVAL_EVAL_TEST_UTIL_H_

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <vector>

namespace tengen::eval_test {

// Empty when every element of `html` is closed in order (void elements and
// self-closing SVG elements aside, and no '<' left unescaped in text);
// otherwise a description of the first problem.
inline std::string CheckTagsBalanced(const std::string& html) {
  static const std::vector<std::string> kVoid = {"meta",  "br",   "hr",  "img",
                                                 "input", "link", "col", "wbr"};
  std::vector<std::string> open;
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    const size_t end = html.find('>', at);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(at);
    const std::string tag = html.substr(at + 1, end - at - 1);
    at = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '!') continue;  // <!DOCTYPE html>
    if (tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes " +
               (open.empty() ? std::string("nothing") : "<" + open.back() + ">");
      open.pop_back();
      continue;
    }
    const std::string name = tag.substr(0, tag.find_first_of(" \n\t/"));
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])))
      return "bad tag <" + tag + ">";
    if (tag.back() == '/') continue;
    if (std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    open.push_back(name);
  }
  return open.empty() ? "" : "<" + open.back() + "> is never closed";
}

// Empty when `html` (the report) shows every value it has a place for;
// otherwise the first stand-in for a missing one, with some context: a
// dash ("-", "–", "—") or "?" as a table cell or as the whole of a piece
// of text, an empty table cell, or "nan", "inf", "infinity", "null" or
// "undefined" as a word anywhere outside the style sheet.
inline std::string FindMissingValue(const std::string& html) {
  std::string page = html;
  if (size_t style = page.find("<style>"); style != std::string::npos) {
    const size_t end = page.find("</style>", style);
    page.erase(style, end == std::string::npos ? std::string::npos : end - style);
  }
  auto context = [&](size_t at) {
    const size_t from = at < 80 ? 0 : at - 80;
    return "..." + page.substr(from, 200) + "...";
  };
  for (const char* dash : {"\u2013", "\u2014"})  // en and em dash, UTF-8
    if (size_t at = page.find(dash); at != std::string::npos)
      return std::string("a dash placeholder at ") + context(at);
  static const std::regex kWord("(^|[^A-Za-z])(nan|inf|infinity|null|undefined)([^A-Za-z]|$)",
                                std::regex::icase);
  if (std::smatch match; std::regex_search(page, match, kWord))
    return "'" + match[2].str() + "' at " + context(match.position(2));
  static const std::regex kLoneText(">\\s*[-?]\\s*<");
  if (std::smatch match; std::regex_search(page, match, kLoneText))
    return "a lone '-' or '?' at " + context(match.position(0));
  for (const char* open : {"<td>", "<th>"}) {
    const std::string close = std::string("</") + (open + 1);
    for (size_t at = page.find(open); at != std::string::npos; at = page.find(open, at + 1)) {
      const size_t start = at + std::string(open).size();
      const size_t end = page.find(close, start);
      if (end == std::string::npos) return "an unclosed cell at " + context(at);
      std::string text;
      bool in_tag = false;
      for (char c : page.substr(start, end - start)) {
        if (c == '<') in_tag = true;
        if (!in_tag && !std::isspace(static_cast<unsigned char>(c))) text += c;
        if (c == '>') in_tag = false;
      }
      if (text.empty()) return "an empty cell at " + context(at);
    }
  }
  return "";
}

}  // namespace tengen::eval_test

#endif  // TENGEN_TESTS_EVAL_EVAL_TEST_UTIL_H_
