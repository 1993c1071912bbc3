// Helpers shared by the engine tests: text assertions, with the shared
// status text and positions (tests/support/) they are used with.
#ifndef TENGEN_TESTS_ENGINE_TEST_UTIL_H_
#define TENGEN_TESTS_ENGINE_TEST_UTIL_H_

#include <string_view>

#include "gtest/gtest.h"
#include "tests/support/positions.h"
#include "tests/support/status_text.h"

namespace tengen {

// Text assertions (the engine test binary links gtest without gmock):
// EXPECT_TRUE(HasSubstr(text, piece)) fails showing both strings.
inline ::testing::AssertionResult HasSubstr(std::string_view text, std::string_view piece) {
  if (text.find(piece) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not contain '" << piece << "'";
}
inline ::testing::AssertionResult StartsWith(std::string_view text, std::string_view prefix) {
  if (text.starts_with(prefix)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not start with '" << prefix << "'";
}

}  // namespace tengen

#endif  // TENGEN_TESTS_ENGINE_TEST_UTIL_H_
