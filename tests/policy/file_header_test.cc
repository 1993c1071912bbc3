// The header codec of model and checkpoint files: the exact bytes written,
// round trips, and every kind of damage named in the error.
#include "policy/file_header.h"

#include <fmt/format.h>

#include <string>

#include "base/checksum.h"
#include "gtest/gtest.h"

namespace tengen {
namespace {

constexpr PayloadKind kTwo[] = {{.name = "model", .what = "model"},
                                {.name = "optimizer", .what = "optimiser state"}};
constexpr HeaderFormat kFormat{
    .magic = "tengen-test", .version = 3, .kind = "Tengen test file", .payloads = kTwo};

std::string Encode(std::string_view first = "abc", std::string_view second = "de") {
  const std::string_view payloads[] = {first, second};
  return EncodeHeaderedFile(kFormat, R"({"x":1})", payloads);
}

// The message of ParseFileHeader's error for `bytes` ("" if it parses).
std::string ParseError(const std::string& bytes) {
  absl::StatusOr<FileHeader> header = ParseFileHeader(kFormat, bytes, "f.bin");
  return header.ok() ? "" : std::string(header.status().message());
}

TEST(FileHeader, WritesExactlyTheDocumentedBytes) {
  EXPECT_EQ(Encode(), fmt::format("tengen-test 3\n{{\"x\":1}}\nmodel 3 crc32 {:08x}\n"
                                  "optimizer 2 crc32 {:08x}\nabcde",
                                  Crc32("abc"), Crc32("de")));
  // Leading zeros of the checksum are written: always 8 digits.
  EXPECT_EQ(fmt::format("{:08x}", Crc32("")), "00000000");
  const std::string_view empty[] = {"", ""};
  EXPECT_NE(EncodeHeaderedFile(kFormat, "{}", empty).find("model 0 crc32 00000000\n"),
            std::string::npos);
}

TEST(FileHeader, RoundTrips) {
  const std::string bytes = Encode();
  absl::StatusOr<FileHeader> header = ParseFileHeader(kFormat, bytes, "f.bin");
  ASSERT_TRUE(header.ok()) << header.status();
  EXPECT_EQ(header->metadata, R"({"x":1})");
  ASSERT_EQ(header->payloads.size(), 2u);
  EXPECT_EQ(header->payloads[0].size, 3u);
  EXPECT_EQ(header->payloads[0].crc32, Crc32("abc"));
  EXPECT_EQ(header->payloads[1].declared, "2");
  EXPECT_EQ(header->PayloadBytes(), 5u);
  EXPECT_EQ(bytes.substr(header->header_bytes), "abcde");
  absl::StatusOr<std::vector<std::string_view>> payloads =
      SplitPayloads(kFormat, *header, std::string_view(bytes).substr(header->header_bytes), "f");
  ASSERT_TRUE(payloads.ok()) << payloads.status();
  EXPECT_EQ(*payloads, (std::vector<std::string_view>{"abc", "de"}));
  // The header alone parses too (a loader reads it first).
  EXPECT_TRUE(ParseFileHeader(kFormat, bytes.substr(0, header->header_bytes), "f").ok());
  EXPECT_LE(header->header_bytes, MaxHeaderBytes(kFormat));
}

TEST(FileHeader, DamagedHeadersSayWhatIsWrong) {
  const std::string good = Encode();
  const size_t metadata_end = good.find('\n', good.find('\n') + 1) + 1;
  struct Case {
    std::string bytes;
    std::string error;
  };
  const Case cases[] = {
      {"", "f.bin: not a Tengen test file (it does not start with 'tengen-test')"},
      {"hello\n", "f.bin: not a Tengen test file (it does not start with 'tengen-test')"},
      {"tengen-test", "f.bin: unreadable format version line"},
      {"tengen-testy 3\n{}\n", "f.bin: unreadable format version line"},
      {"tengen-test x\n{}\n", "f.bin: unreadable format version line"},
      {"tengen-test " + std::string(80, '3') + "\n", "f.bin: unreadable format version line"},
      {"tengen-test 4\n{}\n", "f.bin: format version 4, but this Tengen reads version 3"},
      {"tengen-test 99999999999999999999\n",
       "f.bin: format version 99999999999999999999, but this Tengen reads version 3"},
      {"tengen-test 3\n{\"x\":", "f.bin: truncated before the metadata line ends"},
      {"tengen-test 3\n" + std::string(70000, ' '),
       "f.bin: damaged: the metadata line is longer than 65536 bytes"},
      {good.substr(0, metadata_end),
       "f.bin: truncated or damaged before the model (no model line)"},
      {good.substr(0, metadata_end) + "model 3 crc32 1234567\n",
       "f.bin: truncated or damaged before the model (no model line)"},
      {good.substr(0, metadata_end) + "model 3 crc32 ABCDEF01\n",
       "f.bin: truncated or damaged before the model (no model line)"},
      {good.substr(0, metadata_end) + "model -3 crc32 abcdef01\n",
       "f.bin: truncated or damaged before the model (no model line)"},
      {good.substr(0, metadata_end) + "model 3 crc32 abcdef01\n",
       "f.bin: truncated or damaged before the optimiser state (no optimizer line)"},
      {good.substr(0, metadata_end) + "model 123456789012345678901 crc32 abcdef01\n",
       "f.bin: damaged: the model line declares 123456789012345678901 bytes of model, more than "
       "any file holds"},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseError(c.bytes), c.error) << c.bytes.substr(0, 60);
}

TEST(FileHeader, DamagedPayloadsSayWhatIsWrong) {
  const std::string good = Encode();
  absl::StatusOr<FileHeader> header = ParseFileHeader(kFormat, good, "f.bin");
  ASSERT_TRUE(header.ok());
  const std::string_view rest = std::string_view(good).substr(header->header_bytes);
  auto split_error = [&](std::string_view payloads) {
    absl::StatusOr<std::vector<std::string_view>> split =
        SplitPayloads(kFormat, *header, payloads, "f.bin");
    return split.ok() ? "" : std::string(split.status().message());
  };
  EXPECT_EQ(split_error(rest.substr(0, 4)),
            "f.bin: truncated: expected 5 bytes of model and optimiser state, found 4");
  EXPECT_EQ(split_error(std::string(rest) + "!"),
            "f.bin: has trailing bytes: expected 5 bytes of model and optimiser state, found 6");
  EXPECT_EQ(split_error("abCde"), "f.bin: corrupted: the checksum of the model does not match");
  EXPECT_EQ(split_error("abcdE"),
            "f.bin: corrupted: the checksum of the optimiser state does not match");
  EXPECT_TRUE(CheckPayloadSize(kFormat, *header, 5, "f.bin").ok());
}

}  // namespace
}  // namespace tengen
