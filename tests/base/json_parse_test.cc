// The strict JSON parser: literals, strings and whitespace, a located error
// for every malformed input, duplicate keys, the nesting limit, mutated
// inputs, and columns counted in characters.
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

}  // namespace
}  // namespace tengen
