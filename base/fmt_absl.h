// Lets fmt format Abseil's string_view (Debian's Abseil has its own type,
// which fmt does not know) and absl::Status (as its message alone).
#ifndef TENGEN_BASE_FMT_ABSL_H_
#define TENGEN_BASE_FMT_ABSL_H_

#include <fmt/format.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

template <>
struct fmt::formatter<absl::string_view> : fmt::formatter<fmt::string_view> {
  auto format(absl::string_view text, fmt::format_context& context) const {
    return fmt::formatter<fmt::string_view>::format(fmt::string_view(text.data(), text.size()),
                                                    context);
  }
};

template <>
struct fmt::formatter<absl::Status> : fmt::formatter<fmt::string_view> {
  auto format(const absl::Status& status, fmt::format_context& context) const {
    const absl::string_view message = status.message();
    return fmt::formatter<fmt::string_view>::format(
        fmt::string_view(message.data(), message.size()), context);
  }
};

#endif  // TENGEN_BASE_FMT_ABSL_H_
