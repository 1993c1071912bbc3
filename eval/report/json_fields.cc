#include "eval/report/json_fields.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace tengen {
namespace {

absl::Status WrongType(const std::string& path, std::string_view expected, const JsonValue& value) {
  return absl::InvalidArgumentError(
      fmt::format("{}: should be {}, not {}", path, expected, JsonTypeName(value.type())));
}

// A whole number within [low, high], as a double (exact up to 2^53).
absl::Status ReadWhole(const JsonValue& value, const std::string& path, double low, double high,
                       double& out) {
  if (!value.is_number()) return WrongType(path, "an integer", value);
  const double number = value.AsNumber();
  if (std::trunc(number) != number)
    return absl::InvalidArgumentError(
        fmt::format("{}: should be an integer, not {}", path, SerializeJson(value)));
  if (number < low || number > high)
    return absl::InvalidArgumentError(
        fmt::format("{}: {} is out of range", path, SerializeJson(value)));
  out = number;
  return absl::OkStatus();
}

}  // namespace

std::string JsonPath(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string JsonPath(std::string_view parent, size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

absl::Status ReadJson(const JsonValue& value, const std::string& path, bool& out) {
  if (!value.is_bool()) return WrongType(path, "a boolean", value);
  out = value.AsBool();
  return absl::OkStatus();
}

absl::Status ReadJson(const JsonValue& value, const std::string& path, int& out) {
  double number = 0;
  if (absl::Status status = ReadWhole(value, path, std::numeric_limits<int>::min(),
                                      std::numeric_limits<int>::max(), number);
      !status.ok())
    return status;
  out = static_cast<int>(number);
  return absl::OkStatus();
}

absl::Status ReadJson(const JsonValue& value, const std::string& path, int64_t& out) {
  // +-2^63 as doubles; the upper bound itself is out of range.
  constexpr double kLimit = 9223372036854775808.0;
  double number = 0;
  if (absl::Status status = ReadWhole(value, path, -kLimit, kLimit, number); !status.ok())
    return status;
  if (number == kLimit)
    return absl::InvalidArgumentError(
        fmt::format("{}: {} is out of range", path, SerializeJson(value)));
  out = static_cast<int64_t>(number);
  return absl::OkStatus();
}

absl::Status ReadJson(const JsonValue& value, const std::string& path, double& out) {
  if (!value.is_number()) return WrongType(path, "a number", value);
  out = value.AsNumber();
  return absl::OkStatus();
}

absl::Status ReadJson(const JsonValue& value, const std::string& path, std::string& out) {
  if (!value.is_string()) return WrongType(path, "a string", value);
  out = value.AsString();
  return absl::OkStatus();
}

absl::Status ReadJson(const JsonValue& value, const std::string& path, JsonValue& out) {
  if (!value.is_object()) return WrongType(path, "an object", value);
  out = value;
  return absl::OkStatus();
}

JsonObjectReader::JsonObjectReader(const JsonValue& object, std::string path)
    : object_(object), path_(std::move(path)) {
  if (!object.is_object())
    status_ = WrongType(path_.empty() ? std::string("the value") : path_, "an object", object);
}

JsonObjectReader& JsonObjectReader::Expect(std::string_view key, const JsonValue& expected) {
  if (const JsonValue* value = Member(key); value != nullptr && !(*value == expected))
    Keep(absl::InvalidArgumentError(fmt::format("{}: should be {}, not {}", JsonPath(path_, key),
                                                SerializeJson(expected), SerializeJson(*value))));
  return *this;
}

void JsonObjectReader::Keep(absl::Status status) {
  if (status_.ok()) status_ = std::move(status);
}

const JsonValue* JsonObjectReader::Member(std::string_view key) {
  if (!status_.ok()) return nullptr;
  const JsonValue* value = object_.Find(key);
  if (value == nullptr)
    status_ = absl::InvalidArgumentError(fmt::format("{}: missing", JsonPath(path_, key)));
  return value;
}

}  // namespace tengen
