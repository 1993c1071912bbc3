// The SGF collection parser: game trees, nodes, properties and values.
//
// The parser is a loop over tokens with an explicit stack of open game
// trees, so nesting depth costs heap memory (a few bytes a level) and never
// stack. Each tree's main line (first variation at every branch) is
// interpreted into a GameRecord as it is read; other variations are only
// checked for syntax.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "base/atomic_file.h"
#include "engine/sgf.h"
#include "engine/sgf_internal.h"

namespace tengen {
namespace sgf_internal {
namespace {

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

// Length of the line end starting at text[i] (a line end character): 2 for
// CRLF and LFCR, else 1.
size_t LineEndLength(std::string_view text, size_t i) {
  if (i + 1 < text.size() && IsLineEnd(text[i + 1]) && text[i + 1] != text[i]) return 2;
  return 1;
}

}  // namespace

std::string Excerpt(std::string_view text) {
  constexpr size_t kMaxShown = 24;
  std::string shown;
  for (size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    shown += (c >= 0x20 && c != 0x7f) ? text[i] : '?';
  }
  if (text.size() > kMaxShown) shown += "...";
  return shown;
}

std::string DescribePosition(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset;) {
    if (!IsLineEnd(text[i])) {
      ++i;
      continue;
    }
    const size_t next = i + LineEndLength(text, i);
    if (next > offset) break;  // offset is the second character of a CRLF
    ++line;
    line_start = next;
    i = next;
  }
  int column = 1;
  for (size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) ++column;  // not a UTF-8 continuation
  }
  return fmt::format("line {}, column {}", line, column);
}

absl::Status ErrorAt(std::string_view text, size_t offset, std::string_view message) {
  return absl::InvalidArgumentError(fmt::format("{}: {}", DescribePosition(text, offset), message));
}

std::string UnescapeText(std::string_view raw) {
  std::string text;
  text.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      ++i;
      c = raw[i];
      if (IsLineEnd(c)) {  // soft line break: removed
        i += LineEndLength(raw, i);
        continue;
      }
      text += c;
      ++i;
    } else if (IsLineEnd(c)) {
      text += '\n';
      i += LineEndLength(raw, i);
    } else {
      text += c;
      ++i;
    }
  }
  return text;
}

namespace {

bool IsWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLetter(char c) { return IsUpper(c) || (c >= 'a' && c <= 'z'); }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<GameRecord>> Parse();

 private:
  // A game tree that is open (its ')' not yet read).
  struct Frame {
    size_t offset;        // of its '('
    bool main_line;       // on the main line of its record
    bool has_nodes;       // its sequence has at least one node
    bool has_variations;  // a variation has been opened inside it
  };

  bool AtEnd() const { return pos_ >= text_.size(); }
  void SkipWhitespace() {
    while (!AtEnd() && IsWhitespace(text_[pos_])) ++pos_;
  }
  absl::Status Error(size_t offset, std::string_view message) const {
    return ErrorAt(text_, offset, message);
  }
  // What is at pos_, for messages: "'x'", "byte 0x07" or "the end of the input".
  std::string Found() const;

  absl::Status StartGameTree();
  absl::Status OpenVariation();
  absl::Status CloseTree();
  absl::Status ReadNode();
  absl::Status ReadProperty(SgfProperty& property);
  absl::Status ReadValue(SgfProperty& property);
  absl::Status EndOfInput() const;

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<Frame> stack_;
  std::vector<GameRecord> records_;
  std::vector<SgfProperty> properties_;  // of the node being read
};

std::string Parser::Found() const {
  if (AtEnd()) return "the end of the input";
  const unsigned char c = static_cast<unsigned char>(text_[pos_]);
  if (c >= 0x21 && c < 0x7f) return fmt::format("'{}'", text_[pos_]);
  return fmt::format("byte 0x{:02x}", c);
}

absl::StatusOr<std::vector<GameRecord>> Parser::Parse() {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // UTF-8 byte order mark
  while (true) {
    SkipWhitespace();
    if (AtEnd()) {
      if (absl::Status status = EndOfInput(); !status.ok()) return status;
      return std::move(records_);
    }
    absl::Status status;
    if (stack_.empty()) {
      status = StartGameTree();
    } else if (text_[pos_] == '(') {
      status = OpenVariation();
    } else if (text_[pos_] == ')') {
      status = CloseTree();
    } else if (text_[pos_] == ';') {
      status = ReadNode();
    } else {
      status = Error(pos_, fmt::format("expected ';' to start a node, '(' to start a variation "
                                       "or ')' to end the game tree, found {}",
                                       Found()));
    }
    if (!status.ok()) return status;
  }
}

absl::Status Parser::EndOfInput() const {
  if (!stack_.empty()) {
    return Error(pos_, fmt::format("expected ')' before the end of the input to close the game "
                                   "tree opened at {} ({} tree(s) still open)",
                                   DescribePosition(text_, stack_.back().offset), stack_.size()));
  }
  if (records_.empty()) {
    return Error(pos_,
                 "no game tree: an SGF file holds one or more game trees like "
                 "(;FF[4]GM[1]SZ[19];B[pd];W[dp])");
  }
  return absl::OkStatus();
}

absl::Status Parser::StartGameTree() {
  if (text_[pos_] != '(') {
    return Error(pos_, fmt::format("expected '(' to start {}game tree, found {}",
                                   records_.empty() ? "a " : "another ", Found()));
  }
  records_.emplace_back();
  stack_.push_back(
      {.offset = pos_, .main_line = true, .has_nodes = false, .has_variations = false});
  ++pos_;
  return absl::OkStatus();
}

// A variation is on the main line when its parent is and it is the parent's
// first. A '(' straight after '(' (a tree with no nodes of its own) is
// tolerated: its variations carry the nodes.
absl::Status Parser::OpenVariation() {
  Frame& parent = stack_.back();
  const bool main_line = parent.main_line && !parent.has_variations;
  parent.has_variations = true;
  stack_.push_back(
      {.offset = pos_, .main_line = main_line, .has_nodes = false, .has_variations = false});
  ++pos_;
  return absl::OkStatus();
}

absl::Status Parser::CloseTree() {
  const Frame& tree = stack_.back();
  if (!tree.has_nodes && !tree.has_variations) {
    return Error(pos_, "empty game tree: expected ';' to start a node, like (;B[dd]), before ')'");
  }
  stack_.pop_back();
  ++pos_;
  return absl::OkStatus();
}

absl::Status Parser::ReadNode() {
  Frame& tree = stack_.back();
  if (tree.has_variations) {
    return Error(pos_,
                 "expected '(' or ')' after a variation: the nodes of a sequence must "
                 "come before its variations");
  }
  tree.has_nodes = true;
  ++pos_;
  properties_.clear();
  while (true) {
    SkipWhitespace();
    if (AtEnd() || text_[pos_] == ';' || text_[pos_] == '(' || text_[pos_] == ')') break;
    if (!IsLetter(text_[pos_])) {
      return Error(pos_, fmt::format("expected a property like B[dd], or ';', '(' or ')', "
                                     "found {}",
                                     Found()));
    }
    SgfProperty property;
    if (absl::Status status = ReadProperty(property); !status.ok()) return status;
    if (tree.main_line) properties_.push_back(std::move(property));
  }
  if (!tree.main_line) return absl::OkStatus();
  GameRecord& record = records_.back();
  GameRecordNode node;
  if (absl::Status status = InterpretNode(text_, properties_, record.nodes.empty(), record, node);
      !status.ok()) {
    return status;
  }
  record.nodes.push_back(std::move(node));
  return absl::OkStatus();
}

// Lower-case letters in an identifier are dropped, as FF[4] asks of readers
// of FF[3] names like "AddBlack" (which becomes "AB").
absl::Status Parser::ReadProperty(SgfProperty& property) {
  property.offset = pos_;
  while (!AtEnd() && IsLetter(text_[pos_])) {
    if (IsUpper(text_[pos_])) property.id += text_[pos_];
    ++pos_;
  }
  if (property.id.empty()) {
    return Error(property.offset,
                 fmt::format("property name '{}' has no upper-case letter: SGF property "
                             "names are upper case, like AB or C",
                             Excerpt(text_.substr(property.offset, pos_ - property.offset))));
  }
  SkipWhitespace();
  if (AtEnd() || text_[pos_] != '[') {
    return Error(pos_, fmt::format("expected '[' to start a value of {}, found {}",
                                   Excerpt(property.id), Found()));
  }
  while (!AtEnd() && text_[pos_] == '[') {
    if (absl::Status status = ReadValue(property); !status.ok()) return status;
    SkipWhitespace();
  }
  return absl::OkStatus();
}

absl::Status Parser::ReadValue(SgfProperty& property) {
  const size_t open = pos_;
  const size_t start = ++pos_;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == ']') {
      property.values.push_back({.raw = text_.substr(start, pos_ - start), .offset = open});
      ++pos_;
      return absl::OkStatus();
    }
    pos_ += c == '\\' ? 2 : 1;
  }
  const bool dangling_escape = pos_ > text_.size();
  pos_ = text_.size();
  return Error(open,
               fmt::format("expected ']' to close the value of {} that starts here, but "
                           "the input ends first{}",
                           Excerpt(property.id),
                           dangling_escape ? " (the '\\' at the very end escapes nothing)" : ""));
}

}  // namespace
}  // namespace sgf_internal

absl::StatusOr<std::vector<GameRecord>> ParseSgf(std::string_view text) {
  return sgf_internal::Parser(text).Parse();
}

absl::StatusOr<std::vector<GameRecord>> ReadSgfFile(const std::string& path) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: not a regular file ({})", path,
        std::filesystem::is_directory(status) ? "a directory" : "a device, pipe or socket"));
  }
  if (std::filesystem::is_regular_file(status)) {
    const std::uintmax_t bytes = std::filesystem::file_size(path, error);
    if (!error && bytes > kMaxSgfFileBytes) {
      return absl::InvalidArgumentError(fmt::format("{}: {} bytes, over the limit of {} MiB", path,
                                                    bytes, kMaxSgfFileBytes >> 20));
    }
  }
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<GameRecord>> records = ParseSgf(*text);
  if (!records.ok()) {
    return absl::Status(records.status().code(),
                        fmt::format("{}: {}", path, sgf_internal::StatusMessage(records.status())));
  }
  return records;
}

}  // namespace tengen
