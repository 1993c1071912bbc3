// The small shared helpers: CRC-32 against its published check values, the
// line splitter, and the UTC time stamp's shape.
#include <gtest/gtest.h>

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
  const std::string now = UtcNowIso8601();
  ASSERT_EQ(now.size(), 20u) << now;
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[7], '-');
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now[13], ':');
  EXPECT_EQ(now[16], ':');
  EXPECT_EQ(now[19], 'Z');
  EXPECT_GE(now.substr(0, 4), "2024");
}

}  // namespace
}  // namespace tengen
