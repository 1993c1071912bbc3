// Helpers shared by the JSON tests (json_value_test.cc, json_serialize_test.cc,
// json_parse_test.cc): parsing that must succeed or fail, exact bits of a
// double, an independent UTF-8 encoder, and pseudo-random values, numbers
// and strings for round trips.
#ifndef TENGEN_TESTS_BASE_JSON_TEST_UTIL_H_
#define TENGEN_TESTS_BASE_JSON_TEST_UTIL_H_

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/json.h"
#include "base/random.h"
#include "gtest/gtest.h"

namespace tengen::json_test {

inline std::string Message(const absl::Status& status) {
  return std::string(status.message().data(), status.message().size());
}

// The value of a text that must parse.
inline JsonValue Parse(std::string_view text) {
  absl::StatusOr<JsonValue> value = ParseJson(text);
  EXPECT_TRUE(value.ok()) << text << ": " << value.status();
  return value.ok() ? *value : JsonValue();
}

// The error message for a text that must not parse.
inline std::string ParseError(std::string_view text) {
  absl::StatusOr<JsonValue> value = ParseJson(text);
  EXPECT_FALSE(value.ok()) << "parsed: " << text;
  if (value.ok()) return "";
  EXPECT_EQ(value.status().code(), absl::StatusCode::kInvalidArgument);
  return Message(value.status());
}

inline uint64_t Bits(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  return bits;
}

// UTF-8 for a code point, written independently of the library's encoder.
inline std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out = {static_cast<char>(c)};
  } else if (c < 0x800) {
    out = {static_cast<char>(0xC0 + (c >> 6)), static_cast<char>(0x80 + (c & 63))};
  } else if (c < 0x10000) {
    out = {static_cast<char>(0xE0 + (c >> 12)), static_cast<char>(0x80 + ((c >> 6) & 63)),
           static_cast<char>(0x80 + (c & 63))};
  } else {
    out = {static_cast<char>(0xF0 + (c >> 18)), static_cast<char>(0x80 + ((c >> 12) & 63)),
           static_cast<char>(0x80 + ((c >> 6) & 63)), static_cast<char>(0x80 + (c & 63))};
  }
  return out;
}

// A finite double: small integers, uniform fractions at many scales, and
// arbitrary bit patterns (subnormals and extremes included).
inline double RandomNumber(Rng& rng) {
  switch (rng.Below(4)) {
    case 0:
      return static_cast<double>(static_cast<int>(rng.Below(2001)) - 1000);
    case 1:
      return (rng.Uniform() - 0.5) * std::pow(10.0, static_cast<int>(rng.Below(41)) - 20);
    case 2:
      return static_cast<double>(static_cast<int64_t>(rng.Next()) >> rng.Below(64));
    default:
      while (true) {
        uint64_t bits = rng.Next();
        double x;
        std::memcpy(&x, &bits, sizeof(x));
        if (std::isfinite(x)) return x;
      }
  }
}

// Valid UTF-8 mixing ASCII, quotes, backslashes, control characters and
// code points of every encoded length (never surrogates).
inline std::string RandomString(Rng& rng) {
  std::string text;
  const int length = static_cast<int>(rng.Below(8));
  for (int i = 0; i < length; ++i) {
    switch (rng.Below(7)) {
      case 0:
        text += static_cast<char>(0x20 + rng.Below(0x5F));
        break;
      case 1:
        text += "\"\\/"[rng.Below(3)];
        break;
      case 2:
        text += static_cast<char>(rng.Below(0x20));
        break;
      case 3:
        text += Utf8(0x80 + rng.Below(0x800 - 0x80));
        break;
      case 4:
        text += Utf8(0x800 + rng.Below(0xD800 - 0x800));
        break;
      case 5:
        text += Utf8(0xE000 + rng.Below(0x10000 - 0xE000));
        break;
      default:
        text += Utf8(0x10000 + rng.Below(0x110000 - 0x10000));
        break;
    }
  }
  return text;
}

// An integer of any magnitude, signed or (above INT64_MAX) unsigned.
inline JsonValue RandomInteger(Rng& rng) {
  if (rng.Below(4) == 0) return JsonValue(rng.Next() >> rng.Below(64));
  return JsonValue(static_cast<int64_t>(rng.Next()) >> rng.Below(64));
}

inline JsonValue RandomValue(Rng& rng, int depth) {
  switch (rng.Below(depth >= 4 ? 4 : 6)) {
    case 0:
      return JsonValue();
    case 1:
      return JsonValue(rng.Below(2) == 1);
    case 2:
      return rng.Below(2) == 0 ? JsonValue(RandomNumber(rng)) : RandomInteger(rng);
    case 3:
      return JsonValue(RandomString(rng));
    case 4: {
      JsonValue array = JsonValue::Array();
      for (int n = static_cast<int>(rng.Below(5)); n > 0; --n)
        array.Append(RandomValue(rng, depth + 1));
      return array;
    }
    default: {
      JsonValue object = JsonValue::Object();
      for (int n = static_cast<int>(rng.Below(5)); n > 0; --n)
        object.Set(RandomString(rng), RandomValue(rng, depth + 1));
      return object;
    }
  }
}

}  // namespace tengen::json_test

#endif  // TENGEN_TESTS_BASE_JSON_TEST_UTIL_H_
