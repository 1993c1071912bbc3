// The small shared helpers: CRC-32 against its published check values, the
// line splitter, and the UTC time stamp's shape.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include "base/checksum.h"
#include "base/text_util.h"
#include "base/utc_time.h"

namespace tengen {
namespace {

TEST(Crc32, MatchesPublishedCheckValues) {
  EXPECT_EQ(Crc32(""), 0x00000000u);
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);  // the CRC-32/ISO-HDLC check value
  EXPECT_EQ(Crc32("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
}

TEST(Crc32, SeesEveryByteIncludingZeros) {
  const std::string with_zero("a\0b", 3);
  EXPECT_NE(Crc32(with_zero), Crc32("ab"));
  EXPECT_NE(Crc32("ab"), Crc32("ba"));
}

TEST(NextLine, SplitsCompleteLinesAndKeepsTheUnfinishedRest) {
  std::string_view rest = "first\n\nthird\npartial";
  EXPECT_EQ(NextLine(rest), "first");
  EXPECT_EQ(NextLine(rest), "");
  EXPECT_EQ(NextLine(rest), "third");
  EXPECT_FALSE(NextLine(rest).has_value());
  EXPECT_EQ(rest, "partial");
}

TEST(UtcNowIso8601, HasTheIsoShapeInUtc) {
  // A time zone 14 hours from UTC, so local time cannot pass for UTC.
  const char* previous = std::getenv("TZ");
  const std::string saved = previous ? previous : "";
  setenv("TZ", "Pacific/Kiritimati", 1);
  tzset();
  const std::time_t before = std::time(nullptr);
  const std::string now = UtcNowIso8601();
  const std::time_t after = std::time(nullptr);
  if (previous) {
    setenv("TZ", saved.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
  ASSERT_EQ(now.size(), 20u) << now;
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[7], '-');
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now[13], ':');
  EXPECT_EQ(now[16], ':');
  EXPECT_EQ(now[19], 'Z');
  // Read back as UTC, the stamp is the current time to the second.
  std::tm parsed{};
  ASSERT_NE(strptime(now.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parsed), nullptr) << now;
  const std::time_t stamped = timegm(&parsed);
  EXPECT_GE(stamped, before) << now;
  EXPECT_LE(stamped, after) << now;
}

}  // namespace
}  // namespace tengen
