#include "base/json.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/check.h"

namespace tengen {
namespace {

// Doubles hold every integer up to this magnitude exactly, and no more.
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

// The length of the well-formed UTF-8 sequence (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF) that starts text[i], or 0.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (second < low || second > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if (next < 0x80 || next > 0xBF) return 0;
  }
  return length;
}

void AppendUtf8(char32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// The body of a JSON string (no quotes); see SerializeJson.
void AppendEscaped(std::string_view text, std::string& out) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\uFFFD";
        ++i;
      } else {
        out.append(text, i, length);
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

void AppendNumber(double number, std::string& out) {
  if (!std::isfinite(number)) {
    out += "null";
  } else if (number == 0 && std::signbit(number)) {
    out += "-0";
  } else if (number == std::trunc(number) && std::fabs(number) <= kMaxExactInteger) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<int64_t>(number));
  } else {
    // Shortest round-trip form; at most 24 characters ("-2.2250738585072014e-308").
    char buffer[32];
    const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), number);
    TENGEN_CHECK(result.ec == std::errc());
    std::string_view digits(buffer, result.ptr - buffer);
    // to_chars pads the exponent to two digits ("1e-07"); JSON needs none.
    const size_t e = digits.find('e');
    if (e == std::string_view::npos) {
      out += digits;
    } else {
      out += digits.substr(0, e + 2);  // mantissa, 'e' and the exponent's sign
      std::string_view exponent = digits.substr(e + 2);
      while (exponent.size() > 1 && exponent.front() == '0') exponent.remove_prefix(1);
      out += exponent;
    }
  }
}

void AppendValue(const JsonValue& value, std::string& out) {
  switch (value.type()) {
    case JsonValue::Type::kNull:
      out += "null";
      return;
    case JsonValue::Type::kBool:
      out += value.AsBool() ? "true" : "false";
      return;
    case JsonValue::Type::kNumber:
      AppendNumber(value.AsNumber(), out);
      return;
    case JsonValue::Type::kString:
      out += '"';
      AppendEscaped(value.AsString(), out);
      out += '"';
      return;
    case JsonValue::Type::kArray: {
      out += '[';
      bool first = true;
      for (const JsonValue& element : value.AsArray()) {
        if (!first) out += ',';
        first = false;
        AppendValue(element, out);
      }
      out += ']';
      return;
    }
    case JsonValue::Type::kObject: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.AsObject()) {
        if (!first) out += ',';
        first = false;
        out += '"';
        AppendEscaped(key, out);
        out += "\":";
        AppendValue(member, out);
      }
      out += '}';
      return;
    }
  }
}

// A key or other user text for an error message: 'name', escaped as in JSON
// so that control characters stay visible, and shortened if long.
std::string Quote(std::string_view text) {
  constexpr size_t kMaxLength = 60;
  std::string escaped;
  AppendEscaped(text, escaped);
  if (escaped.size() > kMaxLength) {
    size_t cut = kMaxLength;
    while (cut > 0 && (static_cast<unsigned char>(escaped[cut]) & 0xC0) == 0x80) --cut;
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

}  // namespace

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
  const double number = (*member)->AsNumber();
  if (number != std::trunc(number)) {  // also true for NaN and infinities
    return absl::InvalidArgumentError(
        fmt::format("key {} should be a whole number, not {}", Quote(key), SerializeJson(number)));
  }
  if (std::fabs(number) > kMaxExactInteger) {
    return absl::InvalidArgumentError(fmt::format(
        "key {} is {}, beyond 2^53 in magnitude, where numbers cannot hold every integer "
        "exactly; store it as a string instead",
        Quote(key), SerializeJson(number)));
  }
  return static_cast<int64_t>(number);
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

bool JsonValue::operator==(const JsonValue& other) const { return value_ == other.value_; }

std::string SerializeJson(const JsonValue& value) {
  std::string out;
  AppendValue(value, out);
  return out;
}

// A recursive-descent parser over the whole text. Each Parse* function
// consumes its production and returns true, or records the first error and
// returns false. Recursion is bounded by kMaxJsonDepth.
class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  absl::StatusOr<JsonValue> Parse() {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // byte order mark
    SkipWhitespace();
    JsonValue value;
    if (!ParseValue(value, 0)) return error_;
    SkipWhitespace();
    if (pos_ != text_.size()) {
      Fail(pos_, fmt::format("expected the end of the text after the JSON value, found {}",
                             Describe(pos_)));
      return error_;
    }
    return value;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  void SkipWhitespace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      ++pos_;
    }
  }

  // Records an InvalidArgument error at `offset` (a byte offset into the
  // text), as "line L, column C: message"; returns false.
  bool Fail(size_t offset, std::string_view message) {
    int line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text_.size(); ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
        ++column;
      }
    }
    error_ =
        absl::InvalidArgumentError(fmt::format("line {}, column {}: {}", line, column, message));
    return false;
  }

  // What is at `offset`, for "found ..." in messages.
  std::string Describe(size_t offset) const {
    if (offset >= text_.size()) return "the end of the text";
    const auto c = static_cast<unsigned char>(text_[offset]);
    if (c >= 0x20 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
    if (c < 0x80) return fmt::format("control character U+{:04X}", c);
    const size_t length = Utf8SequenceLength(text_, offset);
    if (length == 0) return fmt::format("invalid UTF-8 byte 0x{:02X}", c);
    return fmt::format("'{}'", text_.substr(offset, length));
  }

  bool Expect(char c, std::string_view what) {
    if (!AtEnd() && Peek() == c) {
      ++pos_;
      return true;
    }
    return Fail(pos_, fmt::format("expected {}, found {}", what, Describe(pos_)));
  }

  bool ParseValue(JsonValue& out, int depth) {
    if (AtEnd()) return Fail(pos_, "expected a JSON value, found the end of the text");
    const char c = Peek();
    if (c == '{' || c == '[') {
      if (depth >= kMaxJsonDepth) {
        return Fail(pos_,
                    fmt::format("arrays and objects nest more than {} levels deep", kMaxJsonDepth));
      }
      return c == '{' ? ParseObject(out, depth + 1) : ParseArray(out, depth + 1);
    }
    if (c == '"') {
      std::string text;
      if (!ParseString(text)) return false;
      out = JsonValue(std::move(text));
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(out);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return ParseWord(out);
    if (c == '/') return Fail(pos_, "comments are not allowed in JSON");
    return Fail(pos_, fmt::format("expected a JSON value, found {}", Describe(pos_)));
  }

  // true, false or null; anything else that starts with a letter (NaN,
  // Infinity, an unquoted string) is named in the error.
  bool ParseWord(JsonValue& out) {
    const size_t start = pos_;
    size_t end = pos_;
    while (end < text_.size() && end - start < 40 &&
           ((text_[end] >= 'a' && text_[end] <= 'z') || (text_[end] >= 'A' && text_[end] <= 'Z') ||
            (text_[end] >= '0' && text_[end] <= '9') || text_[end] == '_')) {
      ++end;
    }
    const std::string_view word = text_.substr(start, end - start);
    if (word == "true") {
      out = JsonValue(true);
    } else if (word == "false") {
      out = JsonValue(false);
    } else if (word == "null") {
      out = JsonValue();
    } else {
      return Fail(start, fmt::format("unknown word '{}': expected a JSON value (true, false, null, "
                                     "a number, a \"string\", an [array] or an {{object}})",
                                     word));
    }
    pos_ = end;
    return true;
  }

  bool ParseNumber(JsonValue& out) {
    const size_t start = pos_;
    auto is_digit = [this] { return !AtEnd() && Peek() >= '0' && Peek() <= '9'; };
    auto skip_digits = [&] {
      const size_t first = pos_;
      while (is_digit()) ++pos_;
      return pos_ - first;
    };
    if (Peek() == '-') ++pos_;
    const size_t integer_start = pos_;
    if (!is_digit())
      return Fail(pos_, fmt::format("expected a digit after '-', found {}", Describe(pos_)));
    const size_t integer_digits = skip_digits();
    if (text_[integer_start] == '0' && integer_digits > 1) {
      return Fail(integer_start, "numbers may not have leading zeros");
    }
    size_t fraction_start = pos_;
    if (!AtEnd() && Peek() == '.') {
      ++pos_;
      fraction_start = pos_;
      if (skip_digits() == 0) {
        return Fail(pos_, fmt::format("expected a digit after the decimal point, found {}",
                                      Describe(pos_)));
      }
    }
    const size_t fraction_end = pos_;
    int64_t exponent = 0;  // saturated far beyond the double range
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      ++pos_;
      bool negative = false;
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) negative = text_[pos_++] == '-';
      if (!is_digit()) {
        return Fail(pos_,
                    fmt::format("expected a digit in the exponent, found {}", Describe(pos_)));
      }
      while (is_digit()) {
        exponent = std::min<int64_t>(exponent * 10 + (text_[pos_++] - '0'), 1'000'000'000);
      }
      if (negative) exponent = -exponent;
    }
    const std::string_view number = text_.substr(start, pos_ - start);
    double value = 0;
    const std::from_chars_result result =
        std::from_chars(number.data(), number.data() + number.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
      // Overflow or underflow; which one depends on the decimal exponent of
      // the first significant digit.
      const std::string_view integer = text_.substr(integer_start, integer_digits);
      int64_t leading_exponent;
      if (integer != "0") {
        leading_exponent = static_cast<int64_t>(integer_digits) - 1 + exponent;
      } else {
        const std::string_view fraction =
            text_.substr(fraction_start, fraction_end - fraction_start);
        leading_exponent = -static_cast<int64_t>(fraction.find_first_not_of('0')) - 1 + exponent;
      }
      if (leading_exponent >= 0) {
        return Fail(start, fmt::format("number {} is too large for a double (at most about "
                                       "1.8e308 in magnitude)",
                                       Quote(number)));
      }
      value = number.front() == '-' ? -0.0 : 0.0;
    } else if (result.ec != std::errc() || result.ptr != number.data() + number.size()) {
      // from_chars reads every text the grammar above accepts; this guards
      // against a library that does not, without trusting a partial read.
      return Fail(start, fmt::format("cannot read number {}", Quote(number)));
    }
    out = JsonValue(value);
    return true;
  }

  // Reads four hex digits at pos_.
  bool ParseHex4(char32_t& out) {
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = AtEnd() ? '\0' : Peek();
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return Fail(pos_,
                    fmt::format("expected four hex digits after '\\u', found {}", Describe(pos_)));
      }
      out = out * 16 + digit;
      ++pos_;
    }
    return true;
  }

  // The escape sequence at pos_ (which holds the backslash).
  bool ParseEscape(std::string& out) {
    const size_t start = pos_++;
    if (AtEnd()) return Fail(start, "unterminated escape sequence at the end of the text");
    const char c = text_[pos_++];
    switch (c) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return Fail(start, fmt::format("invalid escape sequence '\\' followed by {}; valid are "
                                       "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                                       Describe(pos_ - 1)));
    }
    char32_t code_point;
    if (!ParseHex4(code_point)) return false;
    if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
      return Fail(start, fmt::format("lone low surrogate \\u{:04X}: it must follow a high "
                                     "surrogate \\uD800-\\uDBFF",
                                     static_cast<uint32_t>(code_point)));
    }
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      if (!text_.substr(pos_).starts_with("\\u")) {
        return Fail(start, fmt::format("lone high surrogate \\u{:04X}: it must be followed by a "
                                       "low surrogate \\uDC00-\\uDFFF",
                                       static_cast<uint32_t>(code_point)));
      }
      pos_ += 2;
      char32_t low;
      if (!ParseHex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) {
        return Fail(start,
                    fmt::format("high surrogate \\u{:04X} is followed by \\u{:04X}, not "
                                "by a low surrogate \\uDC00-\\uDFFF",
                                static_cast<uint32_t>(code_point), static_cast<uint32_t>(low)));
      }
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(code_point, out);
    return true;
  }

  // The string at pos_ (which holds the opening quote), unescaped.
  bool ParseString(std::string& out) {
    const size_t start = pos_++;
    while (true) {
      if (AtEnd()) return Fail(start, "unterminated string: no closing '\"'");
      const auto c = static_cast<unsigned char>(Peek());
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (!ParseEscape(out)) return false;
      } else if (c == '\n' || c == '\r') {
        return Fail(pos_,
                    "line break in a string: a string must end on its line (a missing "
                    "'\"'?), and line breaks within it are written \\n");
      } else if (c < 0x20) {
        return Fail(pos_, fmt::format("control character U+{:04X} in a string must be written "
                                      "as \\u{:04X}",
                                      c, c));
      } else if (c < 0x80) {
        // A run of plain characters at once.
        const size_t run_start = pos_;
        while (!AtEnd() && static_cast<unsigned char>(Peek()) >= 0x20 &&
               static_cast<unsigned char>(Peek()) < 0x80 && Peek() != '"' && Peek() != '\\') {
          ++pos_;
        }
        out.append(text_, run_start, pos_ - run_start);
      } else {
        const size_t length = Utf8SequenceLength(text_, pos_);
        if (length == 0) {
          return Fail(pos_, fmt::format("invalid UTF-8 in a string (byte 0x{:02X}); JSON text "
                                        "must be UTF-8",
                                        c));
        }
        out.append(text_, pos_, length);
        pos_ += length;
      }
    }
  }

  // The array at pos_ (which holds '['), `depth` levels deep.
  bool ParseArray(JsonValue& out, int depth) {
    ++pos_;
    JsonValue array = JsonValue::Array();
    SkipWhitespace();
    if (!AtEnd() && Peek() == ']') {
      ++pos_;
      out = std::move(array);
      return true;
    }
    while (true) {
      JsonValue element;
      if (!ParseValue(element, depth)) return false;
      array.Append(std::move(element));
      SkipWhitespace();
      if (!AtEnd() && Peek() == ']') {
        ++pos_;
        out = std::move(array);
        return true;
      }
      const size_t comma = pos_;
      if (!Expect(',', "',' or ']' after an array element")) return false;
      SkipWhitespace();
      if (!AtEnd() && Peek() == ']') return Fail(comma, "trailing comma before ']'");
    }
  }

  // The object at pos_ (which holds '{'), `depth` levels deep.
  bool ParseObject(JsonValue& out, int depth) {
    ++pos_;
    std::vector<JsonValue::Member> members;
    // Keys seen, once the object is too big for a linear search to be cheap;
    // so a hostile object with many keys still parses in linear time.
    constexpr size_t kMaxLinearSearch = 16;
    std::unordered_set<std::string> keys;
    SkipWhitespace();
    if (!AtEnd() && Peek() == '}') {
      ++pos_;
      out = JsonValue(std::move(members));
      return true;
    }
    while (true) {
      if (AtEnd() || Peek() != '"') {
        return Fail(pos_,
                    fmt::format("expected a \"quoted\" object key, found {}", Describe(pos_)));
      }
      const size_t key_start = pos_;
      std::string key;
      if (!ParseString(key)) return false;
      bool duplicate = false;
      if (members.size() < kMaxLinearSearch) {
        for (const JsonValue::Member& member : members)
          duplicate = duplicate || member.first == key;
      } else {
        if (keys.empty()) {
          for (const JsonValue::Member& member : members) keys.insert(member.first);
        }
        duplicate = !keys.insert(key).second;
      }
      if (duplicate) {
        return Fail(key_start, fmt::format("duplicate key {} in an object", Quote(key)));
      }
      SkipWhitespace();
      if (!Expect(':', fmt::format("':' after object key {}", Quote(key)))) return false;
      SkipWhitespace();
      JsonValue value;
      if (!ParseValue(value, depth)) return false;
      members.emplace_back(std::move(key), std::move(value));
      SkipWhitespace();
      if (!AtEnd() && Peek() == '}') {
        ++pos_;
        out = JsonValue(std::move(members));
        return true;
      }
      const size_t comma = pos_;
      if (!Expect(',', "',' or '}' after an object member")) return false;
      SkipWhitespace();
      if (!AtEnd() && Peek() == '}') return Fail(comma, "trailing comma before '}'");
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  absl::Status error_;
};

absl::StatusOr<JsonValue> ParseJson(std::string_view text) { return JsonParser(text).Parse(); }

}  // namespace tengen
