// Pieces shared by the SGF reader and writer (sgf_*.cc). Not part of the
// engine's interface; include engine/sgf.h instead.
#ifndef TENGEN_ENGINE_SGF_INTERNAL_H_
#define TENGEN_ENGINE_SGF_INTERNAL_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "engine/sgf.h"

namespace tengen::sgf_internal {

// One bracketed value: `raw` is the text between '[' and ']' with escapes
// still in place; `offset` is the position of the '[' in the whole input.
struct SgfValue {
  std::string_view raw;
  size_t offset = 0;
};

// One property of a node: its identifier (upper-case letters only) and its
// values in file order; `offset` is where the identifier starts.
struct SgfProperty {
  std::string id;
  size_t offset = 0;
  std::vector<SgfValue> values;
};

// "line L, column C" for a position of text. Lines count LF, CR, CRLF and
// LFCR as one line end each; columns count characters (a UTF-8 sequence as
// one); both count from 1.
std::string DescribePosition(std::string_view text, size_t offset);

// An InvalidArgument error "line L, column C: message" for a position of text.
absl::Status ErrorAt(std::string_view text, size_t offset, std::string_view message);

// At most a few dozen characters of text, with control characters shown as
// '?', for quoting user input in messages.
std::string Excerpt(std::string_view text);

// The message of a status as a std::string (Debian's absl::string_view does
// not convert to std::string_view).
inline std::string StatusMessage(const absl::Status& status) {
  return std::string(status.message().data(), status.message().size());
}

// The SGF text value of raw: a backslash escapes the next character, a
// backslash before a line end removes it (soft line break), and every other
// line end (LF, CR, CRLF or LFCR) becomes '\n'.
std::string UnescapeText(std::string_view raw);

// Interprets the properties of one main-line node of the game tree in text.
// Header properties (SZ, KM, HA, RU, RE, PB, PW, GN, DT, AP) go to record,
// the rest to node. is_root says whether node is the first of the record;
// SZ is accepted only there and is applied before the node's points are read.
absl::Status InterpretNode(std::string_view text, std::span<const SgfProperty> properties,
                           bool is_root, GameRecord& record, GameRecordNode& node);

// SGF letters for coordinates: 'a'..'z' are 0..25, 'A'..'Z' 26..51.
constexpr char CoordinateLetter(int coordinate) {
  return static_cast<char>(coordinate < 26 ? 'a' + coordinate : 'A' + coordinate - 26);
}

// The coordinate of an SGF letter, or -1 for a character that is not one.
constexpr int LetterCoordinate(char letter) {
  if (letter >= 'a' && letter <= 'z') return letter - 'a';
  if (letter >= 'A' && letter <= 'Z') return letter - 'A' + 26;
  return -1;
}

}  // namespace tengen::sgf_internal

#endif  // TENGEN_ENGINE_SGF_INTERNAL_H_
