// JSON output and numbers: exact output for representative values, exact
// 64-bit integers, round trips of pseudo-random values, and agreement with
// strtod on numbers.
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
#include "gtest/gtest.h"
#include "tests/base/json_test_util.h"

namespace tengen {
namespace {

using namespace json_test;

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
