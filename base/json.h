// A small JSON library for Tengen's metadata, config files, metrics lines and
// reports: a value type, a compact serializer and a strict RFC 8259 parser.
//
// Numbers are doubles (as in JavaScript): integers are exact up to 2^53.
// Objects keep their members in insertion order and never hold two members
// with the same key. Errors in user data travel as absl::Status values; the
// parser never crashes or overflows the stack, whatever the input.
#ifndef TENGEN_BASE_JSON_H_
#define TENGEN_BASE_JSON_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"

namespace tengen {

// Arrays and objects nested deeper than this are a parse error.
inline constexpr int kMaxJsonDepth = 512;

namespace json_internal {
// Every arithmetic type but bool and char becomes a JSON number.
template <typename T>
concept Number = std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>;
}  // namespace json_internal

class JsonValue {
 public:
  // Declared in the order of the alternatives of the variant below.
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, JsonValue>;

  // Constructors are implicit on purpose, so that values read naturally:
  // object.Set("komi", 7.5).Set("rules", "japanese").
  JsonValue() = default;  // null
  JsonValue(std::nullptr_t) {}
  JsonValue(bool value) : value_(std::in_place_type<bool>, value) {}
  // A number: integers beyond 2^53 in magnitude are rounded to a double.
  template <json_internal::Number T>
  JsonValue(T number) : value_(std::in_place_type<double>, static_cast<double>(number)) {}
  JsonValue(const char* text) : value_(std::in_place_type<std::string>, text) {}
  JsonValue(std::string text) : value_(std::in_place_type<std::string>, std::move(text)) {}
  JsonValue(std::string_view text) : value_(std::in_place_type<std::string>, text) {}
  // Without these, a char would become a number and any other pointer a bool.
  JsonValue(char) = delete;
  template <typename T>
  JsonValue(const T*) = delete;

  static JsonValue Array() { return JsonValue(std::vector<JsonValue>()); }
  static JsonValue Object() { return JsonValue(std::vector<Member>()); }

  Type type() const { return static_cast<Type>(value_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_number() const { return type() == Type::kNumber; }
  bool is_string() const { return type() == Type::kString; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_object() const { return type() == Type::kObject; }

  // Typed access. Calling one on a value of another type is a bug in the
  // caller and aborts: check type() first, or use Find and the Get* lookups
  // below for data that comes from outside.
  bool AsBool() const;
  double AsNumber() const;
  const std::string& AsString() const;
  const std::vector<JsonValue>& AsArray() const;
  const std::vector<Member>& AsObject() const;  // in insertion order

  // Sets member `key` of an object: an existing member keeps its place and
  // gets the new value, a new one goes last. Takes time linear in the number
  // of members. Returns *this for chaining. Aborts unless is_object().
  JsonValue& Set(std::string key, JsonValue value);
  // Appends to an array. Aborts unless is_array().
  void Append(JsonValue value);

  // The member named `key`, or nullptr if there is none or this is not an
  // object. Linear in the number of members.
  const JsonValue* Find(std::string_view key) const;

  // Typed lookups of a member, for config files. Errors name the key and say
  // what was expected and found: NotFound if this object has no such member
  // (so a caller can fall back to a default), InvalidArgument if this is not
  // an object or the member has the wrong type, e.g.
  // "key 'blocks' should be a number, not a string".
  absl::StatusOr<double> GetNumber(std::string_view key) const;
  // The number must be a whole number of magnitude at most 2^53: beyond that
  // doubles cannot tell neighbouring integers apart, so the file may have
  // held a different integer than the one read. Store such values as strings.
  absl::StatusOr<int64_t> GetInteger(std::string_view key) const;
  absl::StatusOr<std::string> GetString(std::string_view key) const;
  absl::StatusOr<bool> GetBool(std::string_view key) const;

  // Structural equality. Numbers compare as doubles (so 0 == -0 and a NaN
  // equals nothing); object members compare in order, so the same members
  // in another order are not equal (they also serialize differently).
  bool operator==(const JsonValue& other) const;

 private:
  friend class JsonParser;
  explicit JsonValue(std::vector<JsonValue> array) : value_(std::move(array)) {}
  explicit JsonValue(std::vector<Member> members) : value_(std::move(members)) {}

  std::variant<std::monostate, bool, double, std::string, std::vector<JsonValue>,
               std::vector<Member>>
      value_;
};

// "null", "boolean", "number", "string", "array" or "object" (the names
// JSON Schema uses), for messages.
std::string_view JsonTypeName(JsonValue::Type type);

// Compact JSON on one line, object members in insertion order.
// - Whole numbers of magnitude up to 2^53 print as integers ("3", "-12");
//   other numbers print in the shortest form that parses back to the same
//   double ("0.1", "1e-7", "1e+20", "-0"). NaN and infinities print as null.
// - Strings escape '"', '\', and control characters (\n, \t, \r, \b, \f, and
//   \u00XX for the rest); valid UTF-8 passes through unchanged, and each byte
//   of invalid UTF-8 becomes U+FFFD, so the output is always valid JSON.
// So ParseJson(SerializeJson(v)) == v for every value whose strings are
// valid UTF-8, whose numbers are finite and which nests at most kMaxJsonDepth
// deep. Recurses once per level of nesting.
std::string SerializeJson(const JsonValue& value);

// Parses one JSON value (RFC 8259) surrounded by optional whitespace; a
// leading UTF-8 byte order mark is skipped. Strict: rejects trailing text,
// comments, trailing commas, leading zeros, NaN and Infinity, numbers whose
// magnitude is beyond the double range (ones too small to represent round
// to zero), unescaped control characters and invalid UTF-8 in strings,
// invalid escapes and lone surrogates (\uXXXX escapes, surrogate pairs
// included, are decoded to UTF-8), duplicate keys in an object, and nesting
// deeper than kMaxJsonDepth. Errors are InvalidArgument and start with the
// place, counted from 1 in characters: "line 2, column 5: expected ':' after
// object key 'komi'".
absl::StatusOr<JsonValue> ParseJson(std::string_view text);

}  // namespace tengen

#endif  // TENGEN_BASE_JSON_H_
