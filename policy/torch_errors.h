// LibTorch reports errors by throwing; Tengen's layers above policy/ see
// absl::Status only. Every call into LibTorch that can fail on user data goes
// through CatchTorchErrors.
#ifndef TENGEN_POLICY_TORCH_ERRORS_H_
#define TENGEN_POLICY_TORCH_ERRORS_H_

#include <fmt/format.h>

#include <exception>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tengen {

// The first line of a LibTorch exception message (the rest is a C++ stack).
std::string FirstLineOf(const char* message);

// Runs body() and turns any exception into an error "<what>: <message>".
// body returns absl::Status or absl::StatusOr<T>.
template <typename Body>
auto CatchTorchErrors(std::string_view what, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& error) {
    return absl::InternalError(fmt::format("{}: {}", what, FirstLineOf(error.what())));
  } catch (...) {
    return absl::InternalError(fmt::format("{}: unknown error", what));
  }
}

}  // namespace tengen

#endif  // TENGEN_POLICY_TORCH_ERRORS_H_
