// Typed fields to and from JSON for the study's result structs
// (study_results.h): strict reading, where every member a struct names must
// be present with its type and the first problem is an error naming the
// member's path ("strength.pairings[2].rate: missing"), and the matching
// helpers for writing. Members a struct does not name are ignored. No
// LibTorch here.
//
// A type T takes part by declaring
//   JsonValue ToJson() const;
//   static absl::StatusOr<T> FromJson(const JsonValue& json, std::string_view path);
// FromJson builds a JsonObjectReader over `json` at `path`, reads each
// member and returns Finish(value).
#ifndef TENGEN_EVAL_REPORT_JSON_FIELDS_H_
#define TENGEN_EVAL_REPORT_JSON_FIELDS_H_

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/json.h"

namespace tengen {

// The path of member `key` of the value at `parent` ("a.b", or "b" at the
// root, whose path is ""), and of element `index` ("a.b[2]").
std::string JsonPath(std::string_view parent, std::string_view key);
std::string JsonPath(std::string_view parent, size_t index);

// A struct with the ToJson and FromJson described above.
template <typename T>
concept JsonStruct = requires(const T& value, const JsonValue& json, std::string_view path) {
  { value.ToJson() } -> std::same_as<JsonValue>;
  { T::FromJson(json, path) } -> std::same_as<absl::StatusOr<T>>;
};

// Each reads `value`, found at `path`, into `out`, or returns
// InvalidArgument "<path>: <what is wrong>" and leaves `out` unspecified.
// Integers must be whole numbers in the type's range; a double takes any
// number; null is an error except for a std::optional (where it is nullopt).
absl::Status ReadJson(const JsonValue& value, const std::string& path, bool& out);
absl::Status ReadJson(const JsonValue& value, const std::string& path, int& out);
absl::Status ReadJson(const JsonValue& value, const std::string& path, int64_t& out);
absl::Status ReadJson(const JsonValue& value, const std::string& path, double& out);
absl::Status ReadJson(const JsonValue& value, const std::string& path, std::string& out);
// Any object, kept as it is.
absl::Status ReadJson(const JsonValue& value, const std::string& path, JsonValue& out);
template <JsonStruct T>
absl::Status ReadJson(const JsonValue& value, const std::string& path, T& out);
template <typename T>
absl::Status ReadJson(const JsonValue& value, const std::string& path, std::vector<T>& out);
template <typename T>
absl::Status ReadJson(const JsonValue& value, const std::string& path, std::optional<T>& out);

// The JSON form of a value: numbers, strings and bools as themselves, a
// JsonStruct by its ToJson, a vector as an array, nullopt as null.
inline JsonValue WriteJson(const JsonValue& value) { return value; }
inline JsonValue WriteJson(const std::string& value) { return value; }
inline JsonValue WriteJson(bool value) { return value; }
inline JsonValue WriteJson(int value) { return value; }
inline JsonValue WriteJson(int64_t value) { return value; }
inline JsonValue WriteJson(double value) { return value; }
template <JsonStruct T>
JsonValue WriteJson(const T& value) {
  return value.ToJson();
}
template <typename T>
JsonValue WriteJson(const std::vector<T>& values);
template <typename T>
JsonValue WriteJson(const std::optional<T>& value);

// Reads the members of one JSON object. The first problem (this not being
// an object, a member missing or of the wrong type) is kept and every later
// call does nothing, so a FromJson reads its members in a row and asks
// Finish for the outcome.
class JsonObjectReader {
 public:
  JsonObjectReader(const JsonValue& object, std::string path);

  // Member `key`, which must be present (null only for a std::optional).
  template <typename T>
  JsonObjectReader& Read(std::string_view key, T& out) {
    if (const JsonValue* value = Member(key)) Keep(ReadJson(*value, JsonPath(path_, key), out));
    return *this;
  }
  // Member `key`, which may be absent (nullopt) but not null.
  template <typename T>
  JsonObjectReader& ReadIfPresent(std::string_view key, std::optional<T>& out) {
    out.reset();
    if (!status_.ok() || object_.Find(key) == nullptr) return *this;
    T value;
    Keep(ReadJson(*object_.Find(key), JsonPath(path_, key), value));
    if (status_.ok()) out = std::move(value);
    return *this;
  }
  // The members of a JsonStruct that sit in this object beside others (a
  // match's score beside its players' names).
  template <JsonStruct T>
  JsonObjectReader& ReadInline(T& out) {
    if (status_.ok()) Keep(ReadJson(object_, path_, out));
    return *this;
  }
  // Member `key`, which must equal `expected` (a format tag, a version).
  JsonObjectReader& Expect(std::string_view key, const JsonValue& expected);

  // `value` if every read so far succeeded, else the first error.
  template <typename T>
  absl::StatusOr<T> Finish(T value) const {
    if (!status_.ok()) return status_;
    return value;
  }
  const absl::Status& status() const { return status_; }
  const std::string& path() const { return path_; }
  // Records `status` as the outcome unless an error came first.
  void Keep(absl::Status status);

 private:
  // Member `key`, or nullptr (and the error "<path>.<key>: missing").
  const JsonValue* Member(std::string_view key);

  const JsonValue& object_;
  std::string path_;
  absl::Status status_;
};

template <JsonStruct T>
absl::Status ReadJson(const JsonValue& value, const std::string& path, T& out) {
  absl::StatusOr<T> read = T::FromJson(value, path);
  if (!read.ok()) return read.status();
  out = std::move(*read);
  return absl::OkStatus();
}

template <typename T>
absl::Status ReadJson(const JsonValue& value, const std::string& path, std::vector<T>& out) {
  if (!value.is_array())
    return absl::InvalidArgumentError(path + ": should be an array, not " +
                                      std::string(JsonTypeName(value.type())));
  out.clear();
  out.reserve(value.AsArray().size());
  for (size_t i = 0; i < value.AsArray().size(); ++i) {
    T item;
    if (absl::Status status = ReadJson(value.AsArray()[i], JsonPath(path, i), item); !status.ok())
      return status;
    out.push_back(std::move(item));
  }
  return absl::OkStatus();
}

template <typename T>
absl::Status ReadJson(const JsonValue& value, const std::string& path, std::optional<T>& out) {
  out.reset();
  if (value.is_null()) return absl::OkStatus();
  T item;
  if (absl::Status status = ReadJson(value, path, item); !status.ok()) return status;
  out = std::move(item);
  return absl::OkStatus();
}

template <typename T>
JsonValue WriteJson(const std::vector<T>& values) {
  JsonValue array = JsonValue::Array();
  for (const T& value : values) array.Append(WriteJson(value));
  return array;
}

template <typename T>
JsonValue WriteJson(const std::optional<T>& value) {
  return value.has_value() ? WriteJson(*value) : JsonValue();
}

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_JSON_FIELDS_H_
