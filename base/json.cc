#include "base/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/check.h"

namespace tengen {

// What the parser and serializer below need of JsonValue's internals.
class JsonCodec {
 public:
  static const auto& Storage(const JsonValue& value) { return value.value_; }
  static JsonValue Array(std::vector<JsonValue> elements) { return JsonValue(std::move(elements)); }
  static JsonValue Object(std::vector<JsonValue::Member> members) {
    return JsonValue(std::move(members));
  }
};

namespace {

using Json = nlohmann::json;

// Doubles hold every integer up to this magnitude exactly, and no more.
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// nlohmann's JSON text for a string, number, boolean or null. Invalid UTF-8
// in a string becomes U+FFFD.
std::string LeafText(const Json& leaf) {
  return leaf.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// The body of a JSON string (no quotes), as SerializeJson writes it.
std::string Escaped(std::string_view text) {
  const std::string quoted = LeafText(Json(std::string(text)));
  return quoted.substr(1, quoted.size() - 2);
}

void AppendValue(const JsonValue& value, std::string& out) {
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::vector<JsonValue>>) {
          out += '[';
          for (size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out += ',';
            AppendValue(v[i], out);
          }
          out += ']';
        } else if constexpr (std::is_same_v<T, std::vector<JsonValue::Member>>) {
          out += '{';
          for (size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out += ',';
            out += LeafText(Json(v[i].first));
            out += ':';
            AppendValue(v[i].second, out);
          }
          out += '}';
        } else if constexpr (std::is_same_v<T, std::monostate>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, double>) {
          // Whole doubles print as integers, as they always have, so that
          // files keep their bytes ("dropout":0); -0.0 keeps its sign.
          const bool whole = v == std::trunc(v) && std::fabs(v) <= kMaxExactInteger;
          out += LeafText(whole && !(v == 0 && std::signbit(v)) ? Json(static_cast<int64_t>(v))
                                                                : Json(v));
        } else {  // bool, string, int64_t, uint64_t
          out += LeafText(Json(v));
        }
      },
      JsonCodec::Storage(value));
}

// A key or other user text for an error message: 'name', escaped as in JSON
// so that control characters stay visible, and shortened if long.
std::string Quote(std::string_view text) {
  constexpr size_t kMaxLength = 60;
  std::string escaped = Escaped(text);
  if (escaped.size() > kMaxLength) {
    size_t cut = kMaxLength;
    while (cut > 0 && IsContinuationByte(escaped[cut])) --cut;
    escaped.resize(cut);
    escaped += "...";
  }
  return fmt::format("'{}'", escaped);
}

// "a number", "an object", ...: a type as the subject of a sentence.
std::string_view TypeWithArticle(JsonValue::Type type) {
  switch (type) {
    case JsonValue::Type::kNull:
      return "null";
    case JsonValue::Type::kBool:
      return "a boolean";
    case JsonValue::Type::kNumber:
      return "a number";
    case JsonValue::Type::kString:
      return "a string";
    case JsonValue::Type::kArray:
      return "an array";
    case JsonValue::Type::kObject:
      return "an object";
  }
  return "a value";
}

// The member `key` of `object`, which must have the type `expected`.
absl::StatusOr<const JsonValue*> LookUp(const JsonValue& object, std::string_view key,
                                        JsonValue::Type expected) {
  if (!object.is_object()) {
    return absl::InvalidArgumentError(fmt::format("cannot look up key {} in {}, only in an object",
                                                  Quote(key), TypeWithArticle(object.type())));
  }
  const JsonValue* member = object.Find(key);
  if (member == nullptr) return absl::NotFoundError(fmt::format("missing key {}", Quote(key)));
  if (member->type() != expected) {
    const std::string_view wanted =
        expected == JsonValue::Type::kBool ? "true or false" : TypeWithArticle(expected);
    return absl::InvalidArgumentError(fmt::format("key {} should be {}, not {}", Quote(key), wanted,
                                                  TypeWithArticle(member->type())));
  }
  return member;
}

// Whether two numbers, each an int64_t, a uint64_t or a double, have the
// same exact value.
template <typename A, typename B>
bool SameNumber(A a, B b) {
  if constexpr (std::is_same_v<A, B>) {
    return a == b;
  } else if constexpr (std::is_same_v<A, double>) {
    if (a != std::trunc(a)) return false;  // a fraction or NaN
    if constexpr (std::is_same_v<B, int64_t>) {
      return a >= -0x1p63 && a < 0x1p63 && static_cast<int64_t>(a) == b;
    } else {
      return a >= 0 && a < 0x1p64 && static_cast<uint64_t>(a) == b;
    }
  } else if constexpr (std::is_same_v<B, double>) {
    return SameNumber(b, a);
  } else if constexpr (std::is_same_v<A, int64_t>) {
    return a >= 0 && static_cast<uint64_t>(a) == b;
  } else {
    return SameNumber(b, a);
  }
}

template <typename T>
constexpr bool kIsNumber =
    std::is_same_v<T, double> || std::is_same_v<T, int64_t> || std::is_same_v<T, uint64_t>;

// The number `member` (the member `key`) as an Int, if it holds one exactly.
template <typename Int>
absl::StatusOr<Int> ExactInteger(const JsonValue& member, std::string_view key) {
  const auto& storage = JsonCodec::Storage(member);
  auto negative = [&] {
    return absl::InvalidArgumentError(fmt::format("key {} should be a whole number >= 0, not {}",
                                                  Quote(key), SerializeJson(member)));
  };
  if (const int64_t* integer = std::get_if<int64_t>(&storage)) {
    if (std::is_unsigned_v<Int> && *integer < 0) return negative();
    return static_cast<Int>(*integer);
  }
  if (const uint64_t* integer = std::get_if<uint64_t>(&storage)) {
    if (std::is_signed_v<Int>) {
      return absl::InvalidArgumentError(
          fmt::format("key {} is {}, above the largest 64-bit signed integer, {}", Quote(key),
                      *integer, INT64_MAX));
    }
    return static_cast<Int>(*integer);
  }
  const double number = std::get<double>(storage);
  if (number != std::trunc(number)) {  // also true for NaN
    return absl::InvalidArgumentError(
        fmt::format("key {} should be a whole number, not {}", Quote(key), SerializeJson(number)));
  }
  if (std::fabs(number) > kMaxExactInteger) {
    return absl::InvalidArgumentError(fmt::format(
        "key {} is {}, beyond 2^53 in magnitude, where doubles cannot hold every integer "
        "exactly; integers written in plain digits, without a fraction or exponent, are exact "
        "within 64 bits",
        Quote(key), SerializeJson(number)));
  }
  if (std::is_unsigned_v<Int> && number < 0) return negative();
  return static_cast<Int>(number);
}

// Counts, through `read`, the bytes nlohmann's lexer has taken from the
// text, so that the parser can place the errors it finds itself.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* position, const char** read) : position_(position), read_(read) {}
  reference operator*() const { return *position_; }
  TrackingIterator& operator++() {
    *read_ = ++position_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const TrackingIterator& other) const { return position_ == other.position_; }

 private:
  const char* position_;
  const char** read_;
};

}  // namespace

// nlohmann's SAX handler that builds the JsonValue, checks what nlohmann
// does not (duplicate keys, nesting depth) and turns nlohmann's errors into
// located ones. The containers being read are on a heap stack, so nothing
// here recurses.
class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : text_(text), read_(text.data()) {}

  absl::StatusOr<JsonValue> Parse() {
    const char* begin = text_.data();
    if (!Json::sax_parse(TrackingIterator(begin, &read_),
                         TrackingIterator(begin + text_.size(), &read_), this)) {
      if (error_.ok()) Fail(Read(), "invalid JSON");  // every path above sets error_
      return error_;
    }
    // nlohmann ends the text at a NUL byte, which JSON allows nowhere.
    if (const size_t nul = text_.find('\0'); nul != std::string_view::npos) {
      Fail(nul,
           "expected the end of the text after the JSON value, found control character "
           "U+0000");
      return error_;
    }
    return std::move(root_);
  }

  // The SAX interface (nlohmann::json_sax). Returning false stops parsing.
  bool null() { return Add(JsonValue()); }
  bool boolean(bool value) { return Add(JsonValue(value)); }
  bool number_integer(int64_t value) { return Add(JsonValue(value)); }
  bool number_unsigned(uint64_t value) { return Add(JsonValue(value)); }
  bool number_float(double value, const std::string& text) {
    // nlohmann reports overflow through parse_error before it gets here.
    if (!std::isfinite(value)) return Fail(Read(), fmt::format("number {} is too large", text));
    return Add(JsonValue(value));
  }
  bool string(std::string& value) { return Add(JsonValue(std::move(value))); }
  bool binary(Json::binary_t&) { return Fail(Read(), "binary data is not JSON"); }  // never
  bool start_object(size_t) { return Open(true); }
  bool start_array(size_t) { return Open(false); }
  bool key(std::string& key);
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool parse_error(size_t position, const std::string& last_token, const Json::exception& error);

 private:
  // An array or object being read.
  struct Container {
    bool is_object = false;
    std::vector<JsonValue> elements;         // an array's
    std::vector<JsonValue::Member> members;  // an object's
    std::string key;                         // of the member being read
    // The keys, once the object is too big for a linear search to be cheap;
    // so a hostile object with many keys still parses in linear time.
    std::unordered_set<std::string> keys;
  };
  static constexpr size_t kMaxLinearSearch = 16;

  // The number of bytes nlohmann has read: the last one read is the '[',
  // '{' or closing quote of a key that triggered the current callback.
  size_t Read() const { return static_cast<size_t>(read_ - text_.data()); }

  // Records an InvalidArgument error at `offset` (a byte offset into the
  // text), as "line L, column C: reason"; returns false.
  bool Fail(size_t offset, std::string_view reason) {
    offset = std::min(offset, text_.size());
    int line = 1, column = 1;
    for (size_t i = 0; i < offset; ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else if (!IsContinuationByte(text_[i])) {  // count characters, not bytes
        ++column;
      }
    }
    error_ =
        absl::InvalidArgumentError(fmt::format("line {}, column {}: {}", line, column, reason));
    return false;
  }

  bool Add(JsonValue value) {
    if (open_.empty()) {
      root_ = std::move(value);
    } else if (Container& top = open_.back(); top.is_object) {
      top.members.emplace_back(std::move(top.key), std::move(value));
    } else {
      top.elements.push_back(std::move(value));
    }
    return true;
  }

  bool Open(bool is_object) {
    if (open_.size() >= static_cast<size_t>(kMaxJsonDepth)) {
      return Fail(Read() - 1,
                  fmt::format("arrays and objects nest more than {} levels deep", kMaxJsonDepth));
    }
    open_.emplace_back().is_object = is_object;
    return true;
  }

  bool Close() {
    Container top = std::move(open_.back());
    open_.pop_back();
    return Add(top.is_object ? JsonCodec::Object(std::move(top.members))
                             : JsonCodec::Array(std::move(top.elements)));
  }

  // The offset of the opening quote of the string whose closing quote (or,
  // for an unterminated string, the end of the text) is at `end`: the last
  // quote before it that no backslash escapes.
  size_t StringStart(size_t end) const {
    for (size_t i = std::min(end, text_.size()); i-- > 0;) {
      if (text_[i] != '"') continue;
      size_t backslashes = 0;
      while (backslashes < i && text_[i - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return end;
  }

  // What is at `offset`, for "found ..." in messages.
  std::string Describe(size_t offset) const {
    if (offset >= text_.size()) return "the end of the text";
    const auto c = static_cast<unsigned char>(text_[offset]);
    if (c >= 0x20 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
    if (c < 0x80) return fmt::format("control character U+{:04X}", c);
    // nlohmann's escaping keeps a valid UTF-8 character and replaces an
    // invalid one: the character is valid if it comes out unchanged.
    const std::string shown = Escaped(text_.substr(offset, 4));
    const auto lead = static_cast<unsigned char>(shown[0]);
    const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (text_.substr(offset, length) == std::string_view(shown).substr(0, length)) {
      return fmt::format("'{}'", shown.substr(0, length));
    }
    return fmt::format("invalid UTF-8 byte 0x{:02X}", c);
  }

  std::string_view text_;
  const char* read_;
  JsonValue root_;
  std::vector<Container> open_;
  absl::Status error_;
};

bool JsonParser::key(std::string& key) {
  Container& object = open_.back();
  bool duplicate = false;
  if (object.members.size() < kMaxLinearSearch) {
    for (const JsonValue::Member& member : object.members)
      duplicate = duplicate || member.first == key;
  } else {
    if (object.keys.empty()) {
      for (const JsonValue::Member& member : object.members) object.keys.insert(member.first);
    }
    duplicate = !object.keys.insert(key).second;
  }
  if (duplicate) {
    return Fail(StringStart(Read() - 1), fmt::format("duplicate key {} in an object", Quote(key)));
  }
  object.key = std::move(key);
  return true;
}

// nlohmann's error messages read "[json.exception.parse_error.101] parse
// error at line L, column C: syntax error while parsing CONTEXT - DETAIL",
// where DETAIL is "unexpected TOKEN" or the lexer's message and "; last
// read: '...'", either perhaps followed by "; expected TOKEN"; `position`
// counts the bytes read, the offending one last. This places the error at
// the start of the offending token or at the offending character, and says
// what was expected in our words.
bool JsonParser::parse_error(size_t position, const std::string& last_token,
                             const Json::exception& error) {
  const size_t offset = std::min(position > 0 ? position - 1 : 0, text_.size());
  if (error.id == 406) {  // out_of_range.406: a number beyond the double range
    const size_t start = offset + 1 - std::min(offset + 1, last_token.size());
    return Fail(start, fmt::format("number {} is too large for a double (at most about 1.8e308 in "
                                   "magnitude)",
                                   Quote(last_token)));
  }
  const std::string_view what = error.what();
  constexpr std::string_view kSyntax = "syntax error while parsing ";
  const size_t syntax = what.find(kSyntax);
  const size_t dash = what.find(" - ", syntax);
  if (syntax == std::string_view::npos || dash == std::string_view::npos) {
    const size_t colon = what.find(": ");
    return Fail(offset, colon == std::string_view::npos ? what : what.substr(colon + 2));
  }
  const std::string_view context =
      what.substr(syntax + kSyntax.size(), dash - syntax - kSyntax.size());
  const std::string_view detail = what.substr(dash + 3);
  const bool wants_end = what.ends_with("; expected end of input");

  std::string expected;
  if (wants_end) {
    expected = "the end of the text after the JSON value";
  } else if (context == "array") {
    expected = "',' or ']' after an array element";
  } else if (context == "object") {
    expected = "',' or '}' after an object member";
  } else if (context == "object key") {
    expected = "a \"quoted\" object key";
  } else if (context == "object separator" && !open_.empty()) {
    expected = fmt::format("':' after object key {}", Quote(open_.back().key));
  } else {
    expected = "a JSON value";
  }

  constexpr std::string_view kUnexpected = "unexpected ";
  if (detail.starts_with(kUnexpected)) {  // a well-formed token out of place
    std::string_view token = detail.substr(kUnexpected.size());
    token = token.substr(0, token.find(';'));
    size_t start = offset;  // single characters and the end of the text
    if (token == "number literal") {
      start = offset + 1 - std::min(offset + 1, last_token.size());
    } else if (token == "string literal") {
      start = StringStart(offset);
    } else if (token == "true literal" || token == "null literal") {
      start = offset - std::min<size_t>(offset, 3);
    } else if (token == "false literal") {
      start = offset - std::min<size_t>(offset, 4);
    }
    if ((token == "']'" || token == "'}'") && (context == "value" || context == "object key")) {
      size_t before = start;
      while (before > 0 &&
             std::string_view(" \t\r\n").find(text_[before - 1]) != std::string_view::npos) {
        --before;
      }
      if (before > 0 && text_[before - 1] == ',') {
        return Fail(before - 1, fmt::format("trailing comma before {}", token));
      }
    }
    // A number right after another: the first was 0 or -0, and this one's
    // digits followed its zero.
    if (token == "number literal" && start > 0 && IsDigit(text_[start - 1])) {
      return Fail(start - 1, "numbers may not have leading zeros");
    }
    return Fail(start, fmt::format("expected {}, found {}", expected, Describe(start)));
  }

  const std::string_view message = detail.substr(0, detail.find("; last read: '"));
  if (message == "invalid literal") {  // a character that starts no token, or a misspelt word
    size_t start = offset;
    while (start > 0 && IsLetter(text_[start - 1])) --start;
    // A word: letters glued to a literal's ("nulls"), or any where a value
    // should start ("NaN", "[tru]").
    if (start < text_.size() && IsLetter(text_[start]) &&
        (start < offset || (context == "value" && !wants_end))) {
      size_t end = start;
      while (end < text_.size() && end - start < 40 &&
             (IsLetter(text_[end]) || IsDigit(text_[end]) || text_[end] == '_')) {
        ++end;
      }
      return Fail(start, fmt::format("unknown word '{}': expected a JSON value (true, false, null, "
                                     "a number, a \"string\", an [array] or an {{object}})",
                                     text_.substr(start, end - start)));
    }
    if (text_.substr(offset).starts_with("//") || text_.substr(offset).starts_with("/*")) {
      return Fail(offset, "comments are not allowed in JSON");
    }
    return Fail(offset, fmt::format("expected {}, found {}", expected, Describe(offset)));
  }
  if (message == "invalid string: missing closing quote") {
    return Fail(StringStart(offset), "unterminated string: no closing '\"'");
  }
  if (message == "invalid string: forbidden character after backslash") {
    return Fail(offset > 0 ? offset - 1 : 0, message);  // at the backslash
  }
  if (message == "invalid string: ill-formed UTF-8 byte") {
    // nlohmann stops at the first byte that does not fit; the error is the
    // sequence's, so it goes to the sequence's first byte: back over the
    // continuation bytes read, to a lead byte whose sequence is longer.
    size_t start = offset;
    while (start > 0 && offset - start < 3 && IsContinuationByte(text_[start - 1])) --start;
    if (start > 0) {
      const auto lead = static_cast<unsigned char>(text_[start - 1]);
      const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
      if (length > offset - (start - 1)) return Fail(start - 1, message);
    }
    return Fail(offset, message);
  }
  return Fail(offset, message);
}

std::string_view JsonTypeName(JsonValue::Type type) {
  switch (type) {
    case JsonValue::Type::kNull:
      return "null";
    case JsonValue::Type::kBool:
      return "boolean";
    case JsonValue::Type::kNumber:
      return "number";
    case JsonValue::Type::kString:
      return "string";
    case JsonValue::Type::kArray:
      return "array";
    case JsonValue::Type::kObject:
      return "object";
  }
  return "unknown";
}

bool JsonValue::AsBool() const {
  TENGEN_CHECK(is_bool());
  return std::get<bool>(value_);
}

double JsonValue::AsNumber() const {
  TENGEN_CHECK(is_number());
  if (const int64_t* integer = std::get_if<int64_t>(&value_)) return static_cast<double>(*integer);
  if (const uint64_t* integer = std::get_if<uint64_t>(&value_)) {
    return static_cast<double>(*integer);
  }
  return std::get<double>(value_);
}

const std::string& JsonValue::AsString() const {
  TENGEN_CHECK(is_string());
  return std::get<std::string>(value_);
}

const std::vector<JsonValue>& JsonValue::AsArray() const {
  TENGEN_CHECK(is_array());
  return std::get<std::vector<JsonValue>>(value_);
}

const std::vector<JsonValue::Member>& JsonValue::AsObject() const {
  TENGEN_CHECK(is_object());
  return std::get<std::vector<Member>>(value_);
}

JsonValue& JsonValue::Set(std::string key, JsonValue value) {
  TENGEN_CHECK(is_object());
  auto& members = std::get<std::vector<Member>>(value_);
  for (Member& member : members) {
    if (member.first == key) {
      member.second = std::move(value);
      return *this;
    }
  }
  members.emplace_back(std::move(key), std::move(value));
  return *this;
}

void JsonValue::Append(JsonValue value) {
  TENGEN_CHECK(is_array());
  std::get<std::vector<JsonValue>>(value_).push_back(std::move(value));
}

const JsonValue* JsonValue::Find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const Member& member : std::get<std::vector<Member>>(value_)) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

absl::StatusOr<double> JsonValue::GetNumber(std::string_view key) const {
  absl::StatusOr<const JsonValue*> member = LookUp(*this, key, Type::kNumber);
  if (!member.ok()) return member.status();
  return (*member)->AsNumber();
}

absl::StatusOr<int64_t> JsonValue::GetInteger(std::string_view key) const {
  absl::StatusOr<const JsonValue*> member = LookUp(*this, key, Type::kNumber);
  if (!member.ok()) return member.status();
  return ExactInteger<int64_t>(**member, key);
}

absl::StatusOr<uint64_t> JsonValue::GetUnsigned(std::string_view key) const {
  absl::StatusOr<const JsonValue*> member = LookUp(*this, key, Type::kNumber);
  if (!member.ok()) return member.status();
  return ExactInteger<uint64_t>(**member, key);
}

absl::StatusOr<std::string> JsonValue::GetString(std::string_view key) const {
  absl::StatusOr<const JsonValue*> member = LookUp(*this, key, Type::kString);
  if (!member.ok()) return member.status();
  return (*member)->AsString();
}

absl::StatusOr<bool> JsonValue::GetBool(std::string_view key) const {
  absl::StatusOr<const JsonValue*> member = LookUp(*this, key, Type::kBool);
  if (!member.ok()) return member.status();
  return (*member)->AsBool();
}

bool JsonValue::operator==(const JsonValue& other) const {
  return std::visit(
      [](const auto& a, const auto& b) -> bool {
        using A = std::decay_t<decltype(a)>;
        using B = std::decay_t<decltype(b)>;
        if constexpr (kIsNumber<A> && kIsNumber<B>) {
          return SameNumber(a, b);
        } else if constexpr (std::is_same_v<A, B>) {
          return a == b;  // containers compare their elements with this operator
        } else {
          return false;
        }
      },
      value_, other.value_);
}

std::string SerializeJson(const JsonValue& value) {
  std::string out;
  AppendValue(value, out);
  return out;
}

absl::StatusOr<JsonValue> ParseJson(std::string_view text) { return JsonParser(text).Parse(); }

}  // namespace tengen
