// The current time as files record it.
#ifndef TENGEN_BASE_UTC_TIME_H_
#define TENGEN_BASE_UTC_TIME_H_

#include <chrono>
#include <ctime>
#include <string>

namespace tengen {

// Now, in UTC, ISO 8601 to the second: "2026-11-27T12:00:00Z".
inline std::string UtcNowIso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace tengen

#endif  // TENGEN_BASE_UTC_TIME_H_
