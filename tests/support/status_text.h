// A status's message as text, for assertions.
#ifndef TENGEN_TESTS_SUPPORT_STATUS_TEXT_H_
#define TENGEN_TESTS_SUPPORT_STATUS_TEXT_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace tengen {

// A status's message as a std::string (Debian's Abseil has its own string_view).
inline std::string Message(const absl::Status& status) {
  return std::string(status.message().data(), status.message().size());
}

// Whether a status's message contains `part`.
inline bool MessageHas(const absl::Status& status, std::string_view part) {
  return std::string_view(status.message().data(), status.message().size()).find(part) !=
         std::string_view::npos;
}

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_STATUS_TEXT_H_
