// JSON values, serialization and the strict parser: exact output for
// representative values, exact 64-bit integers, round trips of
// pseudo-random values, agreement with strtod on numbers, and a located
// error for every malformed input.
#include "base/json.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/random.h"
#include "gtest/gtest.h"

namespace tengen {
namespace {

std::string Message(const absl::Status& status) {
  return std::string(status.message().data(), status.message().size());
}

// The value of a text that must parse.
JsonValue Parse(std::string_view text) {
  absl::StatusOr<JsonValue> value = ParseJson(text);
  EXPECT_TRUE(value.ok()) << text << ": " << value.status();
  return value.ok() ? *value : JsonValue();
}

// The error message for a text that must not parse.
std::string ParseError(std::string_view text) {
  absl::StatusOr<JsonValue> value = ParseJson(text);
  EXPECT_FALSE(value.ok()) << "parsed: " << text;
  if (value.ok()) return "";
  EXPECT_EQ(value.status().code(), absl::StatusCode::kInvalidArgument);
  return Message(value.status());
}

uint64_t Bits(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  return bits;
}

// UTF-8 for a code point, written independently of the library's encoder.
std::string Utf8(char32_t c) {
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
double RandomNumber(Rng& rng) {
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
std::string RandomString(Rng& rng) {
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
JsonValue RandomInteger(Rng& rng) {
  if (rng.Below(4) == 0) return JsonValue(rng.Next() >> rng.Below(64));
  return JsonValue(static_cast<int64_t>(rng.Next()) >> rng.Below(64));
}

JsonValue RandomValue(Rng& rng, int depth) {
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

TEST(JsonValueTest, TypesAndAccessors) {
  EXPECT_TRUE(JsonValue().is_null());
  EXPECT_TRUE(JsonValue(nullptr).is_null());
  EXPECT_EQ(JsonValue(true).AsBool(), true);
  EXPECT_EQ(JsonValue(2.5).AsNumber(), 2.5);
  EXPECT_EQ(JsonValue(7).AsNumber(), 7.0);
  EXPECT_EQ(JsonValue(int64_t{-5}).AsNumber(), -5.0);
  EXPECT_EQ(JsonValue(size_t{19}).AsNumber(), 19.0);
  EXPECT_EQ(JsonValue(2.5f).AsNumber(), 2.5);
  EXPECT_EQ(JsonValue("tengen").AsString(), "tengen");
  EXPECT_EQ(JsonValue(std::string("a")).AsString(), "a");
  EXPECT_EQ(JsonValue(std::string_view("b")).AsString(), "b");
  EXPECT_TRUE(JsonValue::Array().AsArray().empty());
  EXPECT_TRUE(JsonValue::Object().AsObject().empty());

  const JsonValue values[] = {JsonValue(),    JsonValue(false),   JsonValue(1),
                              JsonValue("s"), JsonValue::Array(), JsonValue::Object()};
  const char* names[] = {"null", "boolean", "number", "string", "array", "object"};
  for (int i = 0; i < 6; ++i) {
    const JsonValue& v = values[i];
    EXPECT_EQ(static_cast<int>(v.type()), i);
    EXPECT_EQ(JsonTypeName(v.type()), names[i]);
    const bool flags[] = {v.is_null(),   v.is_bool(),  v.is_number(),
                          v.is_string(), v.is_array(), v.is_object()};
    for (int j = 0; j < 6; ++j) EXPECT_EQ(flags[j], i == j) << i << " " << j;
  }

  // A pointer other than a C string, or a char, is a compile error rather
  // than silently a bool or a number.
  static_assert(!std::is_constructible_v<JsonValue, int*>);
  static_assert(!std::is_constructible_v<JsonValue, char>);
  static_assert(std::is_constructible_v<JsonValue, char*>);
}

TEST(JsonValueDeathTest, TypedAccessorOfTheWrongTypeAborts) {
  EXPECT_DEATH(JsonValue("7").AsNumber(), "check failed");
  EXPECT_DEATH(JsonValue::Array().Set("a", 1), "check failed");
  EXPECT_DEATH(JsonValue::Object().Append(1), "check failed");
}

TEST(JsonValueTest, ObjectsKeepInsertionOrderAndSetReplacesInPlace) {
  JsonValue object = JsonValue::Object();
  object.Set("b", 1).Set("a", 2).Set("c", 3).Set("a", "two");
  ASSERT_EQ(object.AsObject().size(), 3u);
  EXPECT_EQ(object.AsObject()[0].first, "b");
  EXPECT_EQ(object.AsObject()[1].first, "a");
  EXPECT_EQ(object.AsObject()[2].first, "c");
  EXPECT_EQ(SerializeJson(object), R"({"b":1,"a":"two","c":3})");
  ASSERT_NE(object.Find("a"), nullptr);
  EXPECT_EQ(*object.Find("a"), JsonValue("two"));
  EXPECT_EQ(object.Find("d"), nullptr);
  EXPECT_EQ(JsonValue::Array().Find("a"), nullptr);
  EXPECT_EQ(JsonValue("a").Find("a"), nullptr);
}

TEST(JsonValueTest, EqualityIsStructural) {
  JsonValue a = JsonValue::Object();
  a.Set("x", 1).Set("y", JsonValue::Array());
  JsonValue b = a;
  EXPECT_EQ(a, b);
  b.Set("y", JsonValue::Array());
  EXPECT_EQ(a, b);
  JsonValue list = JsonValue::Array();
  list.Append(JsonValue());
  b.Set("y", list);
  EXPECT_NE(a, b);

  JsonValue reordered = JsonValue::Object();
  reordered.Set("y", JsonValue::Array()).Set("x", 1);
  EXPECT_NE(a, reordered) << "member order is part of the value";
  EXPECT_NE(JsonValue(1), JsonValue("1"));
  EXPECT_NE(JsonValue(0), JsonValue(false));
  EXPECT_NE(JsonValue(), JsonValue(0));
  EXPECT_EQ(JsonValue(0.0), JsonValue(-0.0));
  EXPECT_NE(JsonValue(std::nan("")), JsonValue(std::nan("")));

  // Numbers compare by exact value, whether integers or doubles.
  EXPECT_EQ(JsonValue(3), JsonValue(3.0));
  EXPECT_EQ(JsonValue(0), JsonValue(-0.0));
  EXPECT_NE(JsonValue(3), JsonValue(3.5));
  EXPECT_EQ(JsonValue(uint64_t{1} << 63), JsonValue(0x1p63));
  EXPECT_EQ(JsonValue(INT64_MIN), JsonValue(-0x1p63));
  EXPECT_NE(JsonValue(UINT64_MAX), JsonValue(0x1p64)) << "2^64 - 1 is not 2^64";
  EXPECT_NE(JsonValue(UINT64_MAX), JsonValue(-1));
  EXPECT_NE(JsonValue(int64_t{9007199254740993}), JsonValue(9007199254740992.0))
      << "2^53 + 1 is not the double 2^53 it rounds to";
  EXPECT_NE(JsonValue(INT64_MAX), JsonValue(0x1p63));
  EXPECT_NE(JsonValue(0), JsonValue(std::nan("")));
  EXPECT_NE(JsonValue(INT64_MAX), JsonValue(std::numeric_limits<double>::infinity()));
}

TEST(JsonSerializeTest, Numbers) {
  const std::pair<double, const char*> cases[] = {
      {0, "0"},
      {-0.0, "-0.0"},  // not "-0", which reads back as the integer 0
      {3, "3"},
      {-12, "-12"},
      {1e6, "1000000"},
      {0.1, "0.1"},
      {1.5, "1.5"},
      {-2.25, "-2.25"},
      {1.0 / 3, "0.3333333333333333"},
      {1e-7, "1e-07"},
      {1.5e-10, "1.5e-10"},
      {9007199254740992.0, "9007199254740992"},    // 2^53: still an integer
      {-9007199254740992.0, "-9007199254740992"},  // -2^53
      {9007199254740994.0, "9.007199254740994e+15"},
      {1e20, "1e+20"},
      {-1e300, "-1e+300"},
      {9223372036854775807.0, "9.223372036854776e+18"},  // 2^63
      {-1.25e25, "-1.25e+25"},
      {5e-324, "5e-324"},
      {std::numeric_limits<double>::max(), "1.7976931348623157e+308"},
      {std::numeric_limits<double>::infinity(), "null"},
      {-std::numeric_limits<double>::infinity(), "null"},
      {std::nan(""), "null"},
  };
  for (const auto& [number, text] : cases) EXPECT_EQ(SerializeJson(number), text) << number;
  EXPECT_EQ(SerializeJson(2.5f), "2.5");

  // Integers print exactly, whatever their C++ type.
  EXPECT_EQ(SerializeJson(0), "0");
  EXPECT_EQ(SerializeJson(-12), "-12");
  EXPECT_EQ(SerializeJson(size_t{19}), "19");
  EXPECT_EQ(SerializeJson(uint8_t{255}), "255");
  EXPECT_EQ(SerializeJson(int64_t{9007199254740993}), "9007199254740993");
  EXPECT_EQ(SerializeJson(INT64_MIN), "-9223372036854775808");
  EXPECT_EQ(SerializeJson(INT64_MAX), "9223372036854775807");
  EXPECT_EQ(SerializeJson(UINT64_MAX), "18446744073709551615");
}

TEST(JsonSerializeTest, StringsAreEscapedPerRfc8259) {
  EXPECT_EQ(SerializeJson("plain"), R"("plain")");
  EXPECT_EQ(SerializeJson("a\"b\\c/d"), R"("a\"b\\c/d")");
  EXPECT_EQ(SerializeJson("\n\t\r\b\f"), R"("\n\t\r\b\f")");
  EXPECT_EQ(SerializeJson(std::string("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\x7f\"");
  EXPECT_EQ(SerializeJson(std::string("a\0b", 3)), R"("a\u0000b")");
  // Valid UTF-8 passes through unchanged.
  EXPECT_EQ(SerializeJson("天元 é 😀"), "\"天元 é 😀\"");
  // Invalid UTF-8 becomes U+FFFD, one for each maximal ill-formed
  // subsequence: one for each byte that cannot start or continue a sequence
  // (a stray continuation byte, an overlong '/', an encoded surrogate), one
  // for a truncated sequence.
  EXPECT_EQ(SerializeJson("a\x80z"), "\"a\uFFFDz\"");
  EXPECT_EQ(SerializeJson("\xC0\xAF"), "\"\uFFFD\uFFFD\"");
  EXPECT_EQ(SerializeJson("\xED\xA0\x80"), "\"\uFFFD\uFFFD\uFFFD\"");
  EXPECT_EQ(SerializeJson("\xE5\xA4"), "\"\uFFFD\"");
  EXPECT_EQ(SerializeJson("\xE5\xA4z\xF0\x9F\x98"), "\"\uFFFDz\uFFFD\"");
  EXPECT_EQ(SerializeJson("\xFF\xFE"), "\"\uFFFD\uFFFD\"");
  // Keys too.
  EXPECT_EQ(SerializeJson(JsonValue::Object().Set("k\xFF", 1)), "{\"k\uFFFD\":1}");
}

TEST(JsonSerializeTest, ContainersAreCompactAndOrdered) {
  EXPECT_EQ(SerializeJson(JsonValue::Array()), "[]");
  EXPECT_EQ(SerializeJson(JsonValue::Object()), "{}");
  JsonValue list = JsonValue::Array();
  list.Append(true);
  list.Append(false);
  list.Append(JsonValue());
  list.Append(JsonValue::Object());
  JsonValue object = JsonValue::Object();
  object.Set("zeta", list).Set("alpha", 1.5).Set("key \"q\"", "v");
  EXPECT_EQ(SerializeJson(object), R"({"zeta":[true,false,null,{}],"alpha":1.5,"key \"q\"":"v"})");
}

TEST(JsonRoundTripTest, NestedMetadata) {
  JsonValue moves = JsonValue::Array();
  for (const char* move : {"D4", "Q16", "pass"}) moves.Append(move);
  JsonValue metadata = JsonValue::Object();
  metadata.Set("version", "0.15.0")
      .Set("board", JsonValue::Object().Set("size", 19).Set("komi", 7.5))
      .Set("moves", moves)
      .Set("winrate", 0.4821)
      .Set("resigned", false)
      .Set("note", "line one\nline two \"quoted\" 天元")
      .Set("parent", JsonValue());
  const std::string text = SerializeJson(metadata);
  EXPECT_EQ(text,
            R"({"version":"0.15.0","board":{"size":19,"komi":7.5},"moves":["D4","Q16","pass"],)"
            R"("winrate":0.4821,"resigned":false,"note":"line one\nline two \"quoted\" 天元",)"
            R"("parent":null})");
  EXPECT_EQ(Parse(text), metadata);
}

TEST(JsonRoundTripTest, PseudoRandomValues) {
  Rng rng(20240601);
  for (int i = 0; i < 3000; ++i) {
    const JsonValue value = RandomValue(rng, 0);
    const std::string text = SerializeJson(value);
    absl::StatusOr<JsonValue> parsed = ParseJson(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status();
    EXPECT_EQ(*parsed, value) << text;
    // The serialization is canonical: parsing and serializing again is a
    // fixed point.
    EXPECT_EQ(SerializeJson(*parsed), text);
  }
}

TEST(JsonRoundTripTest, SerializationIsAlwaysValidJsonEvenForInvalidUtf8) {
  Rng rng(7);
  for (int i = 0; i < 3000; ++i) {
    std::string bytes(rng.Below(12), '\0');
    for (char& c : bytes) c = static_cast<char>(rng.Below(256));
    absl::StatusOr<JsonValue> parsed = ParseJson(SerializeJson(bytes));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    ASSERT_TRUE(parsed->is_string());
    // Each invalid byte becomes the 3-byte U+FFFD, so nothing gets shorter.
    EXPECT_GE(parsed->AsString().size(), bytes.size());
  }
}

TEST(JsonNumberTest, RandomDoublesRoundTripBitForBit) {
  Rng rng(99);
  for (int i = 0; i < 100000; ++i) {
    const double x = RandomNumber(rng);
    const std::string text = SerializeJson(x);
    const JsonValue parsed = Parse(text);
    ASSERT_TRUE(parsed.is_number()) << text;
    ASSERT_EQ(Bits(parsed.AsNumber()), Bits(x)) << text;
    // An independent reader agrees.
    ASSERT_EQ(Bits(std::strtod(text.c_str(), nullptr)), Bits(x)) << text;
  }
  EXPECT_TRUE(std::signbit(Parse("-0.0").AsNumber()));
  EXPECT_TRUE(std::signbit(Parse(SerializeJson(-0.0)).AsNumber()));
  // "-0" is written as an integer, and integers have no negative zero.
  EXPECT_EQ(Parse("-0"), JsonValue(0));
  EXPECT_EQ(SerializeJson(Parse("-0")), "0");
}

TEST(JsonNumberTest, ParsesNumberSyntax) {
  const std::pair<const char*, double> cases[] = {
      {"1.5e3", 1500},
      {"1.5E3", 1500},
      {"1.5e+3", 1500},
      {"15e-1", 1.5},
      {"-0.25", -0.25},
      {"0", 0},
      {"0.0", 0},
      {"0e0", 0},
      {"10", 10},
      {"123.456e-7", 123.456e-7},
      {"0.1000000000000000055511151231257827", 0.1},
      {"9007199254740993.0", 9007199254740992.0},  // ties to even
      {"18446744073709551616", 0x1p64},            // beyond 64 bits: a double
      {"1e-400", 0},                               // underflow rounds to zero
      {"4e-324", 5e-324},
      {"1.7976931348623157e308", std::numeric_limits<double>::max()},
      {"0e99999999999999999999", 0},
  };
  for (const auto& [text, number] : cases) EXPECT_EQ(Parse(text), JsonValue(number)) << text;
  EXPECT_TRUE(std::signbit(Parse("-1e-400").AsNumber()));
  // Plain digits are exact integers over the whole 64-bit range.
  EXPECT_EQ(Parse("9007199254740993"), JsonValue(int64_t{9007199254740993}));
  EXPECT_EQ(Parse("-9223372036854775808"), JsonValue(INT64_MIN));
  EXPECT_EQ(Parse("18446744073709551615"), JsonValue(UINT64_MAX));
  EXPECT_EQ(Parse("-9223372036854775809"), JsonValue(-0x1p63)) << "beyond 64 bits: a double";
}

TEST(JsonNumberTest, AgreesWithStrtodOnRandomNumberTexts) {
  Rng rng(5);
  auto digits = [&rng](int min, int max) {
    std::string text;
    for (int n = min + static_cast<int>(rng.Below(max - min + 1)); n > 0; --n)
      text += static_cast<char>('0' + rng.Below(10));
    return text;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string text = rng.Below(2) ? "-" : "";
    const std::string integer = digits(1, 20);
    text += integer[0] == '0' ? "0" : integer;
    if (rng.Below(2)) text += "." + digits(1, 20);
    if (rng.Below(2)) {
      text += "eE"[rng.Below(2)];
      text += std::string(rng.Below(2), "+-"[rng.Below(2)]);
      text += std::to_string(rng.Below(320));
    }
    const double expected = std::strtod(text.c_str(), nullptr);
    if (std::isinf(expected)) {
      EXPECT_NE(ParseError(text).find("too large"), std::string::npos) << text;
      continue;
    }
    const JsonValue parsed = Parse(text);
    ASSERT_TRUE(parsed.is_number()) << text;
    if (text == "-0") {  // the integer 0 (integers have no sign of zero)
      EXPECT_EQ(Bits(parsed.AsNumber()), Bits(0.0));
      continue;
    }
    EXPECT_EQ(Bits(parsed.AsNumber()), Bits(expected)) << text;
  }
}

TEST(JsonNumberTest, MagnitudesBeyondTheDoubleRangeAreErrors) {
  for (const char* text :
       {"1e309", "-1e400", "0.5e400", "17976931348623159e292", "1e99999999999999999999"}) {
    const std::string message = ParseError(text);
    EXPECT_NE(message.find("line 1, column 1: number '"), std::string::npos) << message;
    EXPECT_NE(message.find("too large"), std::string::npos) << message;
  }
}

TEST(JsonParseTest, LiteralsStringsAndWhitespace) {
  EXPECT_EQ(Parse("true"), JsonValue(true));
  EXPECT_EQ(Parse(" \t\r\n false \n"), JsonValue(false));
  EXPECT_EQ(Parse("null"), JsonValue());
  EXPECT_EQ(Parse("\xEF\xBB\xBF{}"), JsonValue::Object()) << "a byte order mark is skipped";
  EXPECT_EQ(Parse(R"("\"\\\/\b\f\n\r\t")"), JsonValue("\"\\/\b\f\n\r\t"));
  EXPECT_EQ(Parse(R"("\u0041\u00e9\u00E9\u5929\ud83d\ude00")"), JsonValue("Aéé天😀"));
  EXPECT_EQ(Parse(R"("\u0000")"), JsonValue(std::string("\0", 1)));
  EXPECT_EQ(Parse("\"天元 😀\x7f\""), JsonValue("天元 😀\x7f"));
  EXPECT_EQ(Parse(R"([ 1 , [ ] , { } , "" ])"), Parse("[1,[],{},\"\"]"));
  EXPECT_EQ(SerializeJson(Parse(R"({ "b" : 1 , "a" : { "c" : [ null ] } })")),
            R"({"b":1,"a":{"c":[null]}})");
}

TEST(JsonParseTest, MalformedInputsGiveLocatedErrors) {
  struct Case {
    std::string text;
    const char* error;
  };
  const Case cases[] = {
      {"", "line 1, column 1: expected a JSON value, found the end of the text"},
      {"   ", "line 1, column 4: expected a JSON value, found the end of the text"},
      {"\xEF\xBB\xBF", "line 1, column 2: expected a JSON value"},
      {"{\n  \"komi\" 7.5}", "line 2, column 10: expected ':' after object key 'komi', found '7'"},
      {"{\r\n\"a\" 1}", "line 2, column 5: expected ':' after object key 'a'"},
      {"{\"a\"", "line 1, column 5: expected ':' after object key 'a', found the end of the text"},
      {"[1,\n 2,\n 3",
       "line 3, column 3: expected ',' or ']' after an array element, found the "
       "end of the text"},
      {"[1 2]", "line 1, column 4: expected ',' or ']' after an array element, found '2'"},
      {"[\"a\" : 1]", "line 1, column 6: expected ',' or ']' after an array element, found ':'"},
      {"{\"a\":1 \"b\":2}",
       "line 1, column 8: expected ',' or '}' after an object member, found '\"'"},
      {"[1, 2,]", "line 1, column 6: trailing comma before ']'"},
      {"{\"a\":1,\n}", "line 1, column 7: trailing comma before '}'"},
      {"{a:1}", "line 1, column 2: expected a \"quoted\" object key, found 'a'"},
      {"{", "line 1, column 2: expected a \"quoted\" object key, found the end of the text"},
      {"[", "line 1, column 2: expected a JSON value, found the end of the text"},
      {"[,1]", "line 1, column 2: expected a JSON value, found ','"},
      {"]", "line 1, column 1: expected a JSON value, found ']'"},
      {"{\"a\":1,\"b\":2,\"a\":3}", "line 1, column 14: duplicate key 'a' in an object"},
      {"01", "line 1, column 1: numbers may not have leading zeros"},
      {"[-007]", "line 1, column 3: numbers may not have leading zeros"},
      {"1.", "line 1, column 3: invalid number; expected digit after '.'"},
      {"1.e5", "line 1, column 3: invalid number; expected digit after '.'"},
      {".5", "line 1, column 1: expected a JSON value, found '.'"},
      {"+1", "line 1, column 1: expected a JSON value, found '+'"},
      {"1e", "line 1, column 3: invalid number; expected '+', '-', or digit after exponent"},
      {"1e+", "line 1, column 4: invalid number; expected digit after exponent sign"},
      {"-", "line 1, column 2: invalid number; expected digit after '-'"},
      {"-Infinity", "line 1, column 2: invalid number; expected digit after '-'"},
      {"0x10", "line 1, column 2: expected the end of the text after the JSON value, found 'x'"},
      {"NaN", "line 1, column 1: unknown word 'NaN': expected a JSON value"},
      {"[tru]", "line 1, column 2: unknown word 'tru'"},
      {"nulls", "line 1, column 1: unknown word 'nulls'"},
      {"True", "line 1, column 1: unknown word 'True'"},
      {"true false",
       "line 1, column 6: expected the end of the text after the JSON value, found "
       "'f'"},
      {"{} x", "line 1, column 4: expected the end of the text"},
      {std::string("1\0", 2),
       "line 1, column 2: expected the end of the text after the JSON value, found control "
       "character U+0000"},
      {"// note\n1", "line 1, column 1: comments are not allowed in JSON"},
      {"'a'", "line 1, column 1: expected a JSON value, found '''"},
      {"[\"é\", é]", "line 1, column 7: expected a JSON value, found 'é'"},
      {"\xFF", "line 1, column 1: expected a JSON value, found invalid UTF-8 byte 0xFF"},
      {"\"abc", "line 1, column 1: unterminated string: no closing '\"'"},
      {"[\"a\nb\"]",
       "line 1, column 4: invalid string: control character U+000A (LF) must be escaped to "
       "\\u000A or \\n"},
      {"\"a\tb\"",
       "line 1, column 3: invalid string: control character U+0009 (HT) must be escaped to "
       "\\u0009 or \\t"},
      {"\"\x1f\"", "line 1, column 2: invalid string: control character U+001F (US)"},
      {std::string("[\"\0\"]", 4), "line 1, column 3: invalid string: control character U+0000"},
      {"\"\\x\"", "line 1, column 2: invalid string: forbidden character after backslash"},
      {"\"\\", "line 1, column 2: invalid string: forbidden character after backslash"},
      {"\"\\u12\"", "line 1, column 6: invalid string: '\\u' must be followed by 4 hex digits"},
      {"\"\\u12G4\"", "line 1, column 6: invalid string: '\\u' must be followed by 4 hex digits"},
      {"\"\\u123", "line 1, column 7: invalid string: '\\u' must be followed by 4 hex digits"},
      // Surrogate errors are placed where the lexer found them: after the
      // high surrogate, or at the end of the low one.
      {"\"\\ud800\"",
       "line 1, column 8: invalid string: surrogate U+D800..U+DBFF must be followed by "
       "U+DC00..U+DFFF"},
      {"\"\\udbff\\n\"", "line 1, column 9: invalid string: surrogate U+D800..U+DBFF"},
      {"\"\\udc00\"",
       "line 1, column 7: invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF"},
      {"\"\\ud800\\u0041\"", "line 1, column 13: invalid string: surrogate U+D800..U+DBFF"},
      {"\"\\ud800\\u00", "line 1, column 12: invalid string: '\\u' must be followed by 4"},
      // Invalid UTF-8 is placed at the start of the ill-formed sequence.
      {"\"\xFF\"", "line 1, column 2: invalid string: ill-formed UTF-8 byte"},
      {"\"\xC0\xAF\"", "line 1, column 2: invalid string: ill-formed UTF-8 byte"},
      {"\"\xED\xA0\x80\"", "line 1, column 2: invalid string: ill-formed UTF-8 byte"},
      {"\"\xF4\x90\x80\x80\"", "line 1, column 2: invalid string: ill-formed UTF-8 byte"},
      {"\"é\xE5\xA4\"", "line 1, column 3: invalid string: ill-formed UTF-8 byte"},
      {"\"é\x80\"", "line 1, column 3: invalid string: ill-formed UTF-8 byte"},
      {"\"ab\xE5\n", "line 1, column 4: invalid string: ill-formed UTF-8 byte"},
      {"\xEF\xBB", "line 1, column 2: invalid BOM; must be 0xEF 0xBB 0xBF if given"},
      {"\xEF\xBB\xBF\xEF\xBB\xBF"
       "1",
       "line 1, column 2: expected a JSON value, found '\uFEFF'"},
      {"1e309", "line 1, column 1: number '1e309' is too large for a double"},
      {"[0, -1e400]", "line 1, column 5: number '-1e400' is too large for a double"},
      {std::string("[\0]", 3),
       "line 1, column 2: expected a JSON value, found control character U+0000"},
      {std::string("{} \0x", 5),
       "line 1, column 4: expected the end of the text after the JSON value, found control "
       "character U+0000"},
      {"[1 x]", "line 1, column 4: expected ',' or ']' after an array element, found 'x'"},
      {"{\"a\" x}", "line 1, column 6: expected ':' after object key 'a', found 'x'"},
      {"{\"a\":1 x}", "line 1, column 8: expected ',' or '}' after an object member, found 'x'"},
      {"[1,x]", "line 1, column 4: unknown word 'x'"},
      {"[1, nul]", "line 1, column 5: unknown word 'nul'"},
      {"[1, \"a\" \"b\"]",
       "line 1, column 9: expected ',' or ']' after an array element, found '\"'"},
      {"[1 true]", "line 1, column 4: expected ',' or ']' after an array element, found 't'"},
      {"[1 null]", "line 1, column 4: expected ',' or ']' after an array element, found 'n'"},
      {"[1 {}]", "line 1, column 4: expected ',' or ']' after an array element, found '{'"},
      {"{\"a\":}", "line 1, column 6: expected a JSON value, found '}'"},
      {"{\"a\":1,,}", "line 1, column 8: expected a \"quoted\" object key, found ','"},
      {"[0 1]", "line 1, column 4: expected ',' or ']' after an array element, found '1'"},
      {"-01", "line 1, column 2: numbers may not have leading zeros"},
      {"0.5.3", "line 1, column 4: expected the end of the text after the JSON value, found '.'"},
      {"/* c */ 1", "line 1, column 1: comments are not allowed in JSON"},
      {"[1] // c", "line 1, column 5: comments are not allowed in JSON"},
  };
  for (const Case& c : cases) {
    const std::string message = ParseError(c.text);
    EXPECT_NE(message.find("line "), std::string::npos) << message;
    EXPECT_NE(message.find("column "), std::string::npos) << message;
    EXPECT_EQ(message.rfind(c.error, 0), 0u)
        << "input: " << c.text << "\nmessage:  " << message << "\nexpected: " << c.error;
  }
}

TEST(JsonParseTest, DuplicateKeysInLargeObjects) {
  std::string text = "{";
  for (int i = 0; i < 1000; ++i)
    text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  const std::string unique = text.substr(0, text.size() - 1) + "}";
  const JsonValue object = Parse(unique);
  ASSERT_EQ(object.AsObject().size(), 1000u);
  EXPECT_EQ(object.AsObject()[999].first, "k999");
  EXPECT_EQ(object.GetInteger("k500").value_or(-1), 500);
  EXPECT_EQ(SerializeJson(object), unique);

  const std::string message = ParseError(text + "\"k17\":0}");
  EXPECT_NE(message.find("duplicate key 'k17'"), std::string::npos) << message;
  // Keys that differ only after an escape are different keys; equal after
  // unescaping are the same key.
  EXPECT_TRUE(ParseJson(R"({"a":1,"\u0062":2})").ok());
  EXPECT_NE(ParseError(R"({"a":1,"\u0061":2})").find("duplicate key 'a'"), std::string::npos);
}

TEST(JsonParseTest, NestingIsLimitedWithoutOverflowingTheStack) {
  // depth levels of open ... close around a 0.
  auto nested = [](int depth, std::string_view open, std::string_view close) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += open;
    text += "0";
    for (int i = 0; i < depth; ++i) text += close;
    return text;
  };
  const std::string deepest = nested(kMaxJsonDepth, "[", "]");
  EXPECT_EQ(SerializeJson(Parse(deepest)), deepest);
  const std::string deepest_objects = nested(kMaxJsonDepth, "{\"a\":", "}");
  EXPECT_EQ(SerializeJson(Parse(deepest_objects)), deepest_objects);
  EXPECT_EQ(ParseError(nested(kMaxJsonDepth + 1, "[", "]")),
            "line 1, column 513: arrays and objects nest more than 512 levels deep");
  for (const auto& [open, close] :
       {std::pair{"[", "]"}, std::pair{"{\"a\":", "}"}, std::pair{"[1,{\"b\":", "}]"}}) {
    EXPECT_NE(ParseError(nested(100000, open, close)).find("nest more than 512 levels"),
              std::string::npos);
  }
  EXPECT_NE(ParseError(std::string(100000, '[')).find("nest more than"), std::string::npos);
}

TEST(JsonParseTest, MutatedInputsNeverCrashAndErrorsAreLocated) {
  Rng rng(11);
  const char kAlphabet[] = "[]{}\",:\\/-+.0123456789eEtrufalsn \n\t\x01\xC3\xA9\xFF";
  for (int i = 0; i < 20000; ++i) {
    std::string text = SerializeJson(RandomValue(rng, 0));
    for (int edits = 1 + static_cast<int>(rng.Below(3)); edits > 0; --edits) {
      const size_t at = rng.Below(static_cast<uint32_t>(text.size() + 1));
      const char c = kAlphabet[rng.Below(sizeof(kAlphabet) - 1)];
      switch (rng.Below(3)) {
        case 0:
          text.insert(at, 1, c);
          break;
        case 1:
          if (at < text.size()) text.erase(at, 1);
          break;
        default:
          if (at < text.size()) text[at] = c;
          break;
      }
    }
    absl::StatusOr<JsonValue> parsed = ParseJson(text);
    if (parsed.ok()) {
      // Whatever parses must survive a round trip.
      EXPECT_EQ(Parse(SerializeJson(*parsed)), *parsed) << text;
    } else {
      EXPECT_EQ(Message(parsed.status()).rfind("line ", 0), 0u) << parsed.status();
    }
  }
}

TEST(JsonLookupTest, TypedLookupsWithActionableErrors) {
  const JsonValue config = Parse(R"({
    "blocks": 10, "komi": 7.5, "name": "tengen-b10", "ponder": true, "visits": -3,
    "seed": 1e20, "limit": 9007199254740992, "threads": null, "sizes": [9, 19]
  })");
  EXPECT_EQ(config.GetNumber("komi").value_or(0), 7.5);
  EXPECT_EQ(config.GetNumber("blocks").value_or(0), 10);
  EXPECT_EQ(config.GetInteger("blocks").value_or(0), 10);
  EXPECT_EQ(config.GetInteger("visits").value_or(0), -3);
  EXPECT_EQ(config.GetInteger("limit").value_or(0), int64_t{1} << 53);
  EXPECT_EQ(config.GetString("name").value_or(""), "tengen-b10");
  EXPECT_EQ(config.GetBool("ponder").value_or(false), true);

  struct Case {
    absl::Status status;
    absl::StatusCode code;
    const char* message;
  };
  const Case cases[] = {
      {config.GetNumber("name").status(), absl::StatusCode::kInvalidArgument,
       "key 'name' should be a number, not a string"},
      {config.GetNumber("threads").status(), absl::StatusCode::kInvalidArgument,
       "key 'threads' should be a number, not null"},
      {config.GetString("sizes").status(), absl::StatusCode::kInvalidArgument,
       "key 'sizes' should be a string, not an array"},
      {config.GetBool("blocks").status(), absl::StatusCode::kInvalidArgument,
       "key 'blocks' should be true or false, not a number"},
      {config.GetString("ponder").status(), absl::StatusCode::kInvalidArgument,
       "key 'ponder' should be a string, not a boolean"},
      {config.GetInteger("komi").status(), absl::StatusCode::kInvalidArgument,
       "key 'komi' should be a whole number, not 7.5"},
      {config.GetInteger("seed").status(), absl::StatusCode::kInvalidArgument,
       "key 'seed' is 1e+20, beyond 2^53 in magnitude, where doubles cannot hold every integer "
       "exactly; integers written in plain digits, without a fraction or exponent, are exact "
       "within 64 bits"},
      {config.GetInteger("playouts").status(), absl::StatusCode::kNotFound,
       "missing key 'playouts'"},
      {config.GetString("a\nb").status(), absl::StatusCode::kNotFound, "missing key 'a\\nb'"},
      {Parse("[1]").GetNumber("blocks").status(), absl::StatusCode::kInvalidArgument,
       "cannot look up key 'blocks' in an array, only in an object"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.status;
    EXPECT_EQ(Message(c.status), c.message);
  }
  const std::string long_key(100, 'k');
  EXPECT_EQ(Message(config.GetBool(long_key).status()),
            "missing key '" + std::string(60, 'k') + "...'");
}

TEST(JsonIntegerTest, SixtyFourBitIntegersRoundTripExactly) {
  const JsonValue integers[] = {JsonValue(0),
                                JsonValue(-1),
                                JsonValue(int64_t{9007199254740993}),  // 2^53 + 1
                                JsonValue(-int64_t{9007199254740993}),
                                JsonValue(INT64_MIN),
                                JsonValue(INT64_MAX),
                                JsonValue(uint64_t{1} << 63),
                                JsonValue(UINT64_MAX - 1),
                                JsonValue(UINT64_MAX)};
  for (const JsonValue& integer : integers) {
    const std::string text = SerializeJson(integer);
    EXPECT_EQ(text.find_first_of(".eE"), std::string::npos) << text;
    EXPECT_EQ(Parse(text), integer) << text;
    EXPECT_EQ(SerializeJson(Parse(text)), text);
  }

  const JsonValue object = Parse(R"({"seed": 18446744073709551615, "big": 9223372036854775807,
    "small": -9223372036854775808, "odd": 9007199254740993, "whole": 6.0, "negative": -3,
    "half": 2.5, "huge": 18446744073709551616, "zero": -0})");
  EXPECT_EQ(object.GetUnsigned("seed").value_or(0), UINT64_MAX);
  EXPECT_EQ(object.GetUnsigned("big").value_or(0), uint64_t{INT64_MAX});
  EXPECT_EQ(object.GetInteger("big").value_or(0), INT64_MAX);
  EXPECT_EQ(object.GetInteger("small").value_or(0), INT64_MIN);
  EXPECT_EQ(object.GetInteger("odd").value_or(0), int64_t{9007199254740993});
  EXPECT_EQ(object.GetUnsigned("odd").value_or(0), uint64_t{9007199254740993});
  EXPECT_EQ(object.GetInteger("whole").value_or(0), 6);
  EXPECT_EQ(object.GetUnsigned("whole").value_or(0), 6u);
  EXPECT_EQ(object.GetInteger("negative").value_or(0), -3);
  EXPECT_EQ(object.GetInteger("zero").value_or(-1), 0);
  EXPECT_EQ(object.GetUnsigned("zero").value_or(1), 0u);
  // AsNumber rounds to the nearest double.
  EXPECT_EQ(object.Find("seed")->AsNumber(), 0x1p64);
  EXPECT_EQ(object.Find("odd")->AsNumber(), 0x1p53);
  EXPECT_EQ(object.GetNumber("big").value_or(0), 0x1p63);

  struct Case {
    absl::Status status;
    const char* message;
  };
  const Case cases[] = {
      {object.GetInteger("seed").status(),
       "key 'seed' is 18446744073709551615, above the largest 64-bit signed integer, "
       "9223372036854775807"},
      {object.GetUnsigned("negative").status(),
       "key 'negative' should be a whole number >= 0, not -3"},
      {object.GetUnsigned("small").status(),
       "key 'small' should be a whole number >= 0, not -9223372036854775808"},
      {object.GetUnsigned("half").status(), "key 'half' should be a whole number, not 2.5"},
      {object.GetUnsigned("huge").status(),
       "key 'huge' is 1.8446744073709552e+19, beyond 2^53 in magnitude"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), absl::StatusCode::kInvalidArgument) << c.status;
    EXPECT_EQ(Message(c.status).rfind(c.message, 0), 0u) << c.status;
  }
}

TEST(JsonIntegerTest, ValuesFromIntegerTypesAreExact) {
  JsonValue object = JsonValue::Object();
  object.Set("u64", UINT64_MAX)
      .Set("i64", INT64_MIN)
      .Set("size", size_t{1} << 60)
      .Set("u32", UINT32_MAX)
      .Set("i8", int8_t{-128})
      .Set("steps", int64_t{9007199254740993});
  EXPECT_EQ(SerializeJson(object),
            R"({"u64":18446744073709551615,"i64":-9223372036854775808,"size":1152921504606846976,)"
            R"("u32":4294967295,"i8":-128,"steps":9007199254740993})");
  EXPECT_EQ(object.GetUnsigned("u64").value_or(0), UINT64_MAX);
  EXPECT_EQ(object.GetInteger("i64").value_or(0), INT64_MIN);
  EXPECT_EQ(object.GetUnsigned("size").value_or(0), uint64_t{1} << 60);
  EXPECT_EQ(object.GetInteger("steps").value_or(0), int64_t{9007199254740993});
  EXPECT_TRUE(object.Find("u64")->is_number());
  EXPECT_EQ(object.Find("u64")->type(), JsonValue::Type::kNumber);
  EXPECT_EQ(JsonTypeName(object.Find("i8")->type()), "number");
}

TEST(JsonIntegerTest, RunConfigSeedRoundTrips) {
  // What a run config's seed goes through: parsed from the user's file,
  // written to the run folder, read back.
  const JsonValue config = Parse(R"({"generations": 2, "seed": 18446744073709551615})");
  const std::string written = SerializeJson(config);
  EXPECT_EQ(written, R"({"generations":2,"seed":18446744073709551615})");
  EXPECT_EQ(Parse(written).GetUnsigned("seed").value_or(0), 18446744073709551615u);
}

TEST(JsonParseTest, DuplicateKeysAreLocated) {
  EXPECT_EQ(ParseError("{\n  \"komi\": 7.5,\n  \"rules\": \"japanese\",\n  \"komi\": 6.5\n}"),
            "line 4, column 3: duplicate key 'komi' in an object");
  EXPECT_EQ(ParseError("[{\"a\": {\"b\": 1, \"b\": 2}}]"),
            "line 1, column 17: duplicate key 'b' in an object");
  // The same key in different objects is fine.
  EXPECT_TRUE(ParseJson(R"([{"a": 1}, {"a": 2}, {"a": {"a": 3}}])").ok());
  // Escapes in the duplicate key itself.
  EXPECT_EQ(ParseError(R"({"a\"b": 1, "a\u0022b": 2})"),
            "line 1, column 13: duplicate key 'a\\\"b' in an object");
}

TEST(JsonParseTest, ColumnsCountCharactersAfterUtf8) {
  // Columns count characters: each of 天, 元, é and 😀 is one.
  const std::string text =
      "{\n"
      "  \"名前\": \"天元 😀\",\n"
      "  \"é\": [1, 2,],\n"
      "}";
  EXPECT_EQ(ParseError(text), "line 3, column 13: trailing comma before ']'");
  EXPECT_EQ(ParseError("{\"天元\": 1,\n\"é😀\" 2}"),
            "line 2, column 6: expected ':' after object key 'é😀', found '2'");
  EXPECT_EQ(ParseError("[\"天元\", \"😀\", tru]"),
            "line 1, column 13: unknown word 'tru': expected a JSON value (true, false, null, a "
            "number, a \"string\", an [array] or an {object})");
  EXPECT_EQ(ParseError("\xEF\xBB\xBF[\n\"é\", \"\xC3\"]"),
            "line 2, column 7: invalid string: ill-formed UTF-8 byte");
  EXPECT_EQ(ParseError("[\"天\"] 元"),
            "line 1, column 7: expected the end of the text after the JSON value, found '元'");
  // \r\n ends a line as \n does; a lone \r is whitespace within one.
  EXPECT_EQ(ParseError("[1,\r\n2,\r3 4]"),
            "line 2, column 6: expected ',' or ']' after an array element, found '4'");
}

TEST(JsonParseTest, DeepValuesAreSafeToBuildSerializeCompareAndDestroy) {
  // kMaxJsonDepth levels, built in code rather than parsed.
  JsonValue deep = JsonValue(0);
  for (int i = 0; i < kMaxJsonDepth; ++i) {
    JsonValue outer = i % 2 == 0 ? JsonValue::Array() : JsonValue::Object();
    if (outer.is_array()) {
      outer.Append(std::move(deep));
    } else {
      outer.Set("k", std::move(deep));
    }
    deep = std::move(outer);
  }
  const std::string text = SerializeJson(deep);
  const JsonValue parsed = Parse(text);
  EXPECT_EQ(parsed, deep);
  EXPECT_EQ(SerializeJson(parsed), text);
  JsonValue copy = parsed;
  EXPECT_EQ(copy, deep);
  // One more level is too many.
  JsonValue deeper = JsonValue::Array();
  deeper.Append(deep);
  // The 513th opening bracket, after 256 '[' and 256 '{"k":'.
  EXPECT_EQ(ParseError(SerializeJson(deeper)),
            "line 1, column 1537: arrays and objects nest more than 512 levels deep");
}

TEST(JsonRoundTripTest, MixedValue) {
  JsonValue value = JsonValue::Object();
  JsonValue list = JsonValue::Array();
  for (const JsonValue& element :
       {JsonValue(1), JsonValue(1.0), JsonValue(-0.0), JsonValue(0.1), JsonValue(1e-7),
        JsonValue(UINT64_MAX), JsonValue(INT64_MIN), JsonValue(5e-324), JsonValue(true),
        JsonValue(), JsonValue(""), JsonValue("\"\\\n\x01 天元 😀"), JsonValue::Array(),
        JsonValue::Object()}) {
    list.Append(element);
  }
  value.Set("list", list)
      .Set("nested", JsonValue::Object().Set("komi", 7.5).Set("size", 19))
      .Set("seed", uint64_t{12345678901234567890u})
      .Set("", "empty key")
      .Set("é", JsonValue::Array());
  const std::string text = SerializeJson(value);
  EXPECT_EQ(text, R"({"list":[1,1,-0.0,0.1,1e-07,18446744073709551615,-9223372036854775808,5e-324,)"
                  R"(true,null,"","\"\\\n\u0001 天元 😀",[],{}],"nested":{"komi":7.5,"size":19},)"
                  R"("seed":12345678901234567890,"":"empty key","é":[]})");
  const JsonValue parsed = Parse(text);
  EXPECT_EQ(parsed, value);
  EXPECT_EQ(SerializeJson(parsed), text);
  EXPECT_TRUE(std::signbit(parsed.Find("list")->AsArray()[2].AsNumber()));

  // NaN and infinities have no JSON form: they become null (and so do not
  // round-trip).
  JsonValue special = JsonValue::Array();
  special.Append(std::nan(""));
  special.Append(std::numeric_limits<double>::infinity());
  special.Append(-std::numeric_limits<double>::infinity());
  EXPECT_EQ(SerializeJson(special), "[null,null,null]");
  // Invalid UTF-8 becomes U+FFFD, which parses.
  const JsonValue invalid = Parse(SerializeJson(JsonValue::Object().Set("\xFF", "a\xC3")));
  EXPECT_EQ(invalid, JsonValue::Object().Set("\uFFFD", "a\uFFFD"));
}

}  // namespace
}  // namespace tengen
