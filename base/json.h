// A small JSON library for Tengen's metadata, config files, metrics lines and
// reports: a value type, a compact serializer and a strict RFC 8259 parser.
//
// Numbers are exact 64-bit integers when they are integers (written without
// a fraction or exponent, or built from a C++ integer type) and doubles
// otherwise. Objects keep their members in insertion order and never hold
// two members with the same key. Errors in user data travel as absl::Status
// values; the parser never crashes or overflows the stack, whatever the input.
//
// The values are our own types (std::vector arrays and member lists, which
// the callers of AsArray and AsObject iterate). Reading and writing JSON text
// is nlohmann-json's, kept out of this header: ParseJson builds values
// directly from nlohmann's SAX parser (iterative, so deep input cannot
// overflow the stack) and adds what it does not check (duplicate keys, the
// depth limit, exact places in error messages); SerializeJson walks the value
// itself and lets nlohmann write each string and number, so that escaping,
// the replacement of invalid UTF-8 and the round-trip form of doubles are
// nlohmann's. Building an nlohmann value first would copy every string and
// make each object member a linear search.
#ifndef TENGEN_BASE_JSON_H_
#define TENGEN_BASE_JSON_H_

#include <concepts>
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
// Every integer type but bool and char becomes an exact JSON integer, every
// floating-point type a double.
template <typename T>
concept Integer = std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
                  sizeof(T) <= sizeof(uint64_t);
}  // namespace json_internal

class JsonValue {
 public:
  // Declared in the order of the first alternatives of the variant below.
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, JsonValue>;

  // Constructors are implicit on purpose, so that values read naturally:
  // object.Set("komi", 7.5).Set("rules", "japanese").
  JsonValue() = default;  // null
  JsonValue(std::nullptr_t) {}
  JsonValue(bool value) : value_(std::in_place_type<bool>, value) {}
  // A number. An integer is stored exactly (an unsigned one above INT64_MAX
  // as a uint64_t), so it serializes as an integer and reads back exactly
  // with GetInteger or GetUnsigned; a floating-point value is a double.
  template <json_internal::Integer T>
  JsonValue(T number) {
    if constexpr (std::is_signed_v<T>) {
      value_.emplace<int64_t>(number);
    } else if (static_cast<uint64_t>(number) <= static_cast<uint64_t>(INT64_MAX)) {
      value_.emplace<int64_t>(static_cast<int64_t>(number));
    } else {
      value_.emplace<uint64_t>(number);
    }
  }
  template <std::floating_point T>
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

  // Integers and doubles alike are kNumber.
  Type type() const {
    return value_.index() <= kObjectIndex ? static_cast<Type>(value_.index()) : Type::kNumber;
  }
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
  // Any number as a double: integers beyond 2^53 in magnitude round to the
  // nearest double.
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
  // The number must be an integer in the int64_t range, read exactly: one
  // stored as an integer, or a whole double of magnitude at most 2^53 (such
  // as 6.0). Beyond 2^53 doubles cannot tell neighbouring integers apart, so
  // the text may have held another integer than the one read; integers
  // written in plain digits are exact over the whole 64-bit range.
  absl::StatusOr<int64_t> GetInteger(std::string_view key) const;
  // The same for a non-negative integer in the uint64_t range (seeds).
  absl::StatusOr<uint64_t> GetUnsigned(std::string_view key) const;
  absl::StatusOr<std::string> GetString(std::string_view key) const;
  absl::StatusOr<bool> GetBool(std::string_view key) const;

  // Structural equality. Numbers compare by their exact values, whether
  // stored as integers or doubles (so 3 == 3.0 and 0 == -0.0, but 2^53 + 1
  // differs from the double 2^53, and a NaN equals nothing); object members
  // compare in order, so the same members in another order are not equal
  // (they also serialize differently).
  bool operator==(const JsonValue& other) const;

 private:
  friend class JsonCodec;  // json.cc's parser and serializer
  explicit JsonValue(std::vector<JsonValue> array) : value_(std::move(array)) {}
  explicit JsonValue(std::vector<Member> members) : value_(std::move(members)) {}

  // The alternatives up to the object are in the order of Type; the two
  // integer ones follow. An integer is an int64_t unless it is above
  // INT64_MAX, so each integer has one representation.
  static constexpr size_t kObjectIndex = 5;
  std::variant<std::monostate, bool, double, std::string, std::vector<JsonValue>,
               std::vector<Member>, int64_t, uint64_t>
      value_;
};

// "null", "boolean", "number", "string", "array" or "object" (the names
// JSON Schema uses), for messages.
std::string_view JsonTypeName(JsonValue::Type type);

// Compact JSON on one line, object members in insertion order.
// - Integers print exactly ("3", "-12", "18446744073709551615"), and so do
//   whole doubles of magnitude up to 2^53 (3.0 prints "3", as it always
//   has, and reads back as the integer 3, an equal value). Other doubles
//   print in nlohmann's round-trip form (Grisu2: digits that read back as
//   the same double, the shortest such in nearly all cases): "0.1", "-0.0",
//   "1e-07", "1e+20", "9.223372036854776e+18". NaN and infinities print as
//   null.
// - Strings escape '"', '\', and control characters (\n, \t, \r, \b, \f, and
//   \u00xx for the rest); valid UTF-8 passes through unchanged, and invalid
//   UTF-8 becomes U+FFFD, one for each maximal ill-formed subsequence (a
//   truncated sequence gives one, each byte that cannot start a sequence
//   one), so the output is always valid JSON.
// So ParseJson(SerializeJson(v)) == v for every value whose strings are
// valid UTF-8, whose numbers are finite and which nests at most kMaxJsonDepth
// deep. Recurses once per level of nesting.
std::string SerializeJson(const JsonValue& value);

// Parses one JSON value (RFC 8259) surrounded by optional whitespace; a
// leading UTF-8 byte order mark is skipped. A number written without a
// fraction or exponent that fits an int64_t or uint64_t is an exact integer
// ("-0" is the integer 0); any other number is the nearest double. Strict:
// rejects trailing text, comments, trailing commas, leading zeros, NaN and
// Infinity, numbers whose magnitude is beyond the double range (ones too
// small to represent round to zero), unescaped control characters (NUL
// included) and invalid UTF-8 in strings, invalid escapes and lone
// surrogates (\uXXXX escapes, surrogate pairs included, are decoded to
// UTF-8), duplicate keys in an object, and nesting deeper than
// kMaxJsonDepth. Errors are InvalidArgument and start with the place of the
// offending token or character, counted from 1 in characters (a UTF-8
// sequence is one): "line 2, column 10: expected ':' after object key
// 'komi', found '7'".
absl::StatusOr<JsonValue> ParseJson(std::string_view text);

}  // namespace tengen

#endif  // TENGEN_BASE_JSON_H_
