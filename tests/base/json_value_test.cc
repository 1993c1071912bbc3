// JSON values: types and accessors, insertion order, structural equality,
// and typed lookups with actionable errors.
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

}  // namespace
}  // namespace tengen
