// Small text helpers on std::string_view. (Debian's Abseil is built with its
// own absl::string_view, which does not accept std::string_view, so Tengen
// formats with fmt and keeps these few helpers here.)
#ifndef TENGEN_BASE_TEXT_UTIL_H_
#define TENGEN_BASE_TEXT_UTIL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tengen {

constexpr char AsciiToLower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (AsciiToLower(a[i]) != AsciiToLower(b[i])) return false;
  return true;
}

inline std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = AsciiToLower(c);
  return lower;
}

// Splits text at every `separator`; empty pieces are kept.
inline std::vector<std::string_view> SplitText(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      pieces.push_back(text.substr(start));
      return pieces;
    }
    pieces.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// Splits the next '\n'-terminated line off the front of `rest` (without the
// '\n'); nullopt, leaving `rest` alone, when no line end is left.
inline std::optional<std::string_view> NextLine(std::string_view& rest) {
  const size_t end = rest.find('\n');
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return line;
}

}  // namespace tengen

#endif  // TENGEN_BASE_TEXT_UTIL_H_
