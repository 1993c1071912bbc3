// The small shared helpers: CRC-32 against its published check values and a
// bitwise computation, the line splitter, and the UTC time stamp.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include "base/checksum.h"
#include "base/random.h"
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

// The CRC bit by bit, as the polynomial's definition reads: an independent
// check of the table-driven zlib routine behind Crc32.
uint32_t BitwiseCrc32(std::string_view bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

TEST(Crc32, AgreesWithABitwiseComputationOnRandomBytes) {
  Rng rng(17);
  for (int length : {1, 2, 3, 7, 64, 255, 1000, 65537}) {
    std::string bytes(static_cast<size_t>(length), '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    EXPECT_EQ(Crc32(bytes), BitwiseCrc32(bytes)) << length << " bytes";
  }
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
