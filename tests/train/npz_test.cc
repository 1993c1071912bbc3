// .npz archives: round trips, agreement with numpy in both directions, and
// damaged archives that must give DataLoss errors, never a crash.
#include "train/npz.h"

#include <sys/resource.h>

#include <climits>
#include <cstring>
#include <limits>

#include "base/fmt_absl.h"
#include "base/random.h"
#include "gtest/gtest.h"
#include "tests/support/files.h"
#include "tests/support/run_command.h"
#include "tests/support/status_text.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

template <typename T>
NpyArray Make(std::string name, NpyType type, std::vector<int64_t> shape, std::vector<T> values) {
  return MakeNpyArray<T>(std::move(name), type, std::move(shape), std::span<const T>(values));
}

// One array of every supported dtype, with extreme values, plus a scalar,
// an empty array and an empty 3-d array.
std::vector<NpyArray> AllTypes() {
  return {
      Make<uint8_t>("u8", NpyType::kUint8, {2, 3}, {0, 1, 2, 127, 128, 255}),
      Make<int8_t>("i8", NpyType::kInt8, {4}, {-128, -1, 0, 127}),
      Make<int16_t>("i16", NpyType::kInt16, {3}, {-32768, 1234, 32767}),
      Make<int32_t>("i32", NpyType::kInt32, {2, 2}, {INT32_MIN, -1, 0, INT32_MAX}),
      Make<float>("f32", NpyType::kFloat32, {3}, {1.5f, -0.25f, std::numeric_limits<float>::max()}),
      Make<float>("scalar", NpyType::kFloat32, {}, {2.5f}),
      Make<int32_t>("empty", NpyType::kInt32, {0}, {}),
      Make<uint8_t>("empty3d", NpyType::kUint8, {2, 0, 3}, {}),
      Make<float>("cube", NpyType::kFloat32, {2, 3, 4},
                  {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4,  4.5,  5,  5.5,
                   6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5}),
  };
}

void ExpectSameArrays(const std::vector<NpyArray>& actual, const std::vector<NpyArray>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].name);
    EXPECT_EQ(actual[i].name, expected[i].name);
    EXPECT_EQ(actual[i].type, expected[i].type);
    EXPECT_EQ(actual[i].shape, expected[i].shape);
    EXPECT_EQ(actual[i].data, expected[i].data);
  }
}

std::string Encode(const std::vector<NpyArray>& arrays) {
  absl::StatusOr<std::string> bytes = EncodeNpz(arrays);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : std::string();
}

uint32_t Get32(const std::string& bytes, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<uint8_t>(bytes[at + i]);
  return v;
}
void Put32(std::string& bytes, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
size_t EndRecord(const std::string& bytes) { return bytes.rfind(std::string("PK\x05\x06", 4)); }
size_t FirstCentralHeader(const std::string& bytes) { return Get32(bytes, EndRecord(bytes) + 16); }

TEST(NpzTest, DescriptorsAndItemSizes) {
  EXPECT_EQ(NpyDescr(NpyType::kUint8), "|u1");
  EXPECT_EQ(NpyDescr(NpyType::kInt8), "|i1");
  EXPECT_EQ(NpyDescr(NpyType::kInt16), "<i2");
  EXPECT_EQ(NpyDescr(NpyType::kInt32), "<i4");
  EXPECT_EQ(NpyDescr(NpyType::kFloat32), "<f4");
  EXPECT_EQ(NpyItemSize(NpyType::kUint8), 1);
  EXPECT_EQ(NpyItemSize(NpyType::kInt16), 2);
  EXPECT_EQ(NpyItemSize(NpyType::kFloat32), 4);
  EXPECT_EQ(AllTypes()[5].NumElements(), 1);  // scalar
  EXPECT_EQ(AllTypes()[7].NumElements(), 0);  // 2 x 0 x 3
}

TEST(NpzTest, RoundTripOfEveryTypeAndShape) {
  const std::vector<NpyArray> arrays = AllTypes();
  absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(Encode(arrays));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSameArrays(*decoded, arrays);
  // Typed views read the values back.
  EXPECT_EQ((*decoded)[3].As<int32_t>()[0], INT32_MIN);
  EXPECT_EQ((*decoded)[4].As<float>()[2], std::numeric_limits<float>::max());
  // The same arrays give the same bytes (no timestamps inside).
  EXPECT_EQ(Encode(arrays), Encode(arrays));
  // An archive of no arrays.
  absl::StatusOr<std::vector<NpyArray>> none = DecodeNpz(Encode({}));
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

TEST(NpzTest, RoundTripOfRandomArrays) {
  Rng rng(7);
  const NpyType types[] = {NpyType::kUint8, NpyType::kInt8, NpyType::kInt16, NpyType::kInt32,
                           NpyType::kFloat32};
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<NpyArray> arrays;
    const int count = static_cast<int>(rng.Below(5));
    for (int a = 0; a < count; ++a) {
      NpyArray array;
      array.name = fmt::format("array_{}_{}", trial, a);
      array.type = types[rng.Below(5)];
      const int rank = static_cast<int>(rng.Below(5));
      for (int d = 0; d < rank; ++d) array.shape.push_back(rng.Below(6));
      array.data.resize(array.NumElements() * NpyItemSize(array.type));
      for (char& c : array.data) c = static_cast<char>(rng.Below(256));
      arrays.push_back(std::move(array));
    }
    absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(Encode(arrays));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    ExpectSameArrays(*decoded, arrays);
  }
}

TEST(NpzTest, NumpyReadsWhatTengenWrites) {
  TempDir dir("npz_numpy_read");
  const std::string path = dir.Path("arrays.npz");
  WriteBytes(path, Encode(AllTypes()));
  const CommandResult run = RunPython(R"(
import sys, zipfile
import numpy as np
assert zipfile.ZipFile(sys.argv[1]).testzip() is None  # every CRC-32 checks out
with np.load(sys.argv[1]) as f:
    for name in f.files:
        a = f[name]
        print(name, a.dtype.str, a.shape, a.tolist())
)",
                                      {path}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(
      run.output,
      "u8 |u1 (2, 3) [[0, 1, 2], [127, 128, 255]]\n"
      "i8 |i1 (4,) [-128, -1, 0, 127]\n"
      "i16 <i2 (3,) [-32768, 1234, 32767]\n"
      "i32 <i4 (2, 2) [[-2147483648, -1], [0, 2147483647]]\n"
      "f32 <f4 (3,) [1.5, -0.25, 3.4028234663852886e+38]\n"
      "scalar <f4 () 2.5\n"
      "empty <i4 (0,) []\n"
      "empty3d |u1 (2, 0, 3) [[], []]\n"
      "cube <f4 (2, 3, 4) [[[0.0, 0.5, 1.0, 1.5], [2.0, 2.5, 3.0, 3.5], [4.0, 4.5, 5.0, 5.5]], "
      "[[6.0, 6.5, 7.0, 7.5], [8.0, 8.5, 9.0, 9.5], [10.0, 10.5, 11.0, 11.5]]]\n");
}

TEST(NpzTest, TengenReadsWhatNumpyWrites) {
  TempDir dir("npz_numpy_write");
  const CommandResult run =
      RunPython(R"(
import sys
import numpy as np
arrays = dict(
    u8=np.array([[0, 1, 2], [127, 128, 255]], dtype=np.uint8),
    i8=np.array([-128, -1, 0, 127], dtype=np.int8),
    i16=np.array([-32768, 1234, 32767], dtype='<i2'),
    i32=np.array([[-2**31, -1], [0, 2**31 - 1]], dtype='<i4'),
    f32=np.array([1.5, -0.25, np.finfo(np.float32).max], dtype='<f4'),
    scalar=np.float32(2.5),
    empty=np.zeros(0, dtype='<i4'),
    empty3d=np.zeros((2, 0, 3), dtype=np.uint8),
    cube=(np.arange(24, dtype='<f4') / 2).reshape(2, 3, 4))
np.savez_compressed(sys.argv[1], **arrays)
np.savez(sys.argv[2], **arrays)
)",
                {dir.Path("compressed.npz"), dir.Path("stored.npz")}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* name : {"compressed.npz", "stored.npz"}) {
    SCOPED_TRACE(name);
    absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(ReadBytes(dir.Path(name)));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    ExpectSameArrays(*decoded, AllTypes());
  }
}

TEST(NpzTest, ArraysTengenDoesNotSupportAreDataLossErrorsThatSayWhy) {
  TempDir dir("npz_unsupported");
  const CommandResult run = RunPython(R"(
import sys, zipfile
import numpy as np
d = sys.argv[1]
np.savez(d + '/float64.npz', a=np.zeros(3))
np.savez(d + '/bigendian.npz', a=np.zeros(3, dtype='>i4'))
np.savez(d + '/bool.npz', a=np.zeros(3, dtype=bool))
np.savez(d + '/fortran.npz', a=np.asfortranarray(np.zeros((2, 3), dtype='<f4')))
with zipfile.ZipFile(d + '/text_member.npz', 'w') as z:
    z.writestr('readme.txt', 'hello')
with zipfile.ZipFile(d + '/garbage_member.npz', 'w') as z:
    z.writestr('a.npy', 'hello, this is no array')
header = b"{'descr': '<i4', 'fortran_order': False, 'shape': (10,), }"
header += b' ' * (64 - (10 + len(header) + 1) % 64) + b'\n'
with zipfile.ZipFile(d + '/short_data.npz', 'w') as z:
    z.writestr('a.npy', b'\x93NUMPY\x01\x00' + len(header).to_bytes(2, 'little') + header + b'\0' * 16)
with zipfile.ZipFile(d + '/bzip2.npz', 'w', compression=zipfile.ZIP_BZIP2) as z:
    z.writestr('a.npy', b'\x93NUMPY')
)",
                                      {dir.path()}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"float64.npz", "unsupported dtype '<f8'"},
      {"bigendian.npz", "unsupported dtype '>i4'"},
      {"bool.npz", "unsupported dtype '|b1'"},
      {"fortran.npz", "Fortran"},
      {"text_member.npz", "readme.txt is not an .npy array"},
      {"garbage_member.npz", "not an .npy array"},
      {"short_data.npz", "holds 16 bytes, but its shape needs 40"},
      {"bzip2.npz", "unsupported compression"},
  };
  for (const auto& [name, message] : cases) {
    SCOPED_TRACE(name);
    absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(ReadBytes(dir.Path(name)));
    ASSERT_FALSE(decoded.ok());
    EXPECT_TRUE(absl::IsDataLoss(decoded.status())) << decoded.status();
    EXPECT_TRUE(MessageHas(decoded.status(), message)) << decoded.status();
  }
}

TEST(NpzTest, EveryTruncationIsADataLossError) {
  const std::string bytes = Encode(AllTypes());
  for (size_t length = 0; length < bytes.size(); ++length) {
    absl::StatusOr<std::vector<NpyArray>> decoded =
        DecodeNpz(std::string_view(bytes).substr(0, length));
    ASSERT_FALSE(decoded.ok()) << "truncated to " << length << " bytes";
    EXPECT_TRUE(absl::IsDataLoss(decoded.status())) << decoded.status();
  }
  EXPECT_TRUE(MessageHas(DecodeNpz(bytes.substr(0, bytes.size() - 5)).status(), "truncated"));
}

// Every byte flipped in turn: either a DataLoss error, or (for bytes the
// format does not protect: timestamps, versions, the local header's copies
// of fields) the original arrays. Never a crash, never silently different
// or missing data: a flipped bit in the end record's member count, say,
// must not make the reader return fewer arrays. (Member names are checked
// in the next test.)
TEST(NpzTest, EveryFlippedByteIsCaughtOrHarmless) {
  const std::vector<NpyArray> original = AllTypes();
  const std::string bytes = Encode(original);
  int errors = 0, harmless = 0;
  for (size_t at = 0; at < bytes.size(); ++at) {
    for (int mask : {0x01, 0x02}) {  // small flips: a flipped size byte asks for at most 32 MiB
      std::string damaged = bytes;
      damaged[at] = static_cast<char>(damaged[at] ^ mask);
      absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(damaged);
      if (!decoded.ok()) {
        EXPECT_TRUE(absl::IsDataLoss(decoded.status()))
            << "byte " << at << ": " << decoded.status();
        ++errors;
        continue;
      }
      ++harmless;
      EXPECT_EQ(decoded->size(), original.size()) << "byte " << at << " of " << bytes.size();
      if (decoded->size() != original.size()) continue;
      for (size_t i = 0; i < original.size(); ++i) {
        EXPECT_EQ((*decoded)[i].type, original[i].type) << "byte " << at;
        EXPECT_EQ((*decoded)[i].shape, original[i].shape) << "byte " << at;
        EXPECT_EQ((*decoded)[i].data, original[i].data) << "byte " << at;
      }
    }
  }
  EXPECT_GT(errors, harmless);
}

// Names are not covered by the CRC-32, but a ZIP file holds each name
// twice, in the member's local header and in the central directory; a
// reader that compares them (as Python's zipfile does: "File name in
// directory ... and header ... differ") notices a damaged name instead of
// silently returning an array under another name.
TEST(NpzTest, AFlippedNameByteIsCaught) {
  const std::string bytes = Encode(AllTypes());
  const size_t central = FirstCentralHeader(bytes);
  ASSERT_EQ(bytes.substr(central + 46, 6), "u8.npy");
  std::string damaged = bytes;
  damaged[central + 46] = 't';  // "t8.npy" in the directory, "u8.npy" in the local header
  absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(damaged);
  ASSERT_FALSE(decoded.ok()) << "decoded, with the first array named '" << (*decoded)[0].name
                             << "'";
  EXPECT_TRUE(absl::IsDataLoss(decoded.status())) << decoded.status();
}

TEST(NpzTest, AFlippedDataByteFailsTheCrcCheck) {
  // A stored (uncompressed) numpy archive: a flipped array byte can only be
  // caught by the CRC-32.
  TempDir dir("npz_crc");
  const CommandResult run = RunPython(R"(
import sys
import numpy as np
np.savez(sys.argv[1], move=np.arange(100, dtype='<i2'))
)",
                                      {dir.Path("stored.npz")}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::string bytes = ReadBytes(dir.Path("stored.npz"));
  ASSERT_TRUE(DecodeNpz(bytes).ok());
  const size_t data_at = bytes.find(std::string("\x05\x00\x06\x00", 4));  // the values 5, 6
  ASSERT_NE(data_at, std::string::npos);
  bytes[data_at] = 7;
  absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_TRUE(absl::IsDataLoss(decoded.status()));
  EXPECT_TRUE(MessageHas(decoded.status(), "member move.npy fails its CRC-32 check"))
      << decoded.status();

  // And in Tengen's own deflated archives, a wrong checksum is caught too.
  std::string ours = Encode(AllTypes());
  const size_t central = FirstCentralHeader(ours);
  Put32(ours, central + 16, Get32(ours, central + 16) ^ 1);
  decoded = DecodeNpz(ours);
  ASSERT_FALSE(decoded.ok());
  EXPECT_TRUE(MessageHas(decoded.status(), "u8.npy fails its CRC-32 check")) << decoded.status();
}

TEST(NpzTest, BadDirectoriesAndHeadersAreDataLossErrors) {
  const std::string bytes = Encode(AllTypes());
  const size_t end = EndRecord(bytes);
  auto expect_data_loss = [](const std::string& damaged, std::string_view message) {
    absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(damaged);
    ASSERT_FALSE(decoded.ok());
    EXPECT_TRUE(absl::IsDataLoss(decoded.status())) << decoded.status();
    EXPECT_TRUE(MessageHas(decoded.status(), message)) << decoded.status();
  };
  std::string more_members = bytes;
  more_members[end + 10] = 60;  // more members than the directory holds
  expect_data_loss(more_members, "member counts disagree");
  more_members[end + 8] = 60;  // both counts, consistently wrong
  expect_data_loss(more_members, "bad central directory");
  std::string far_directory = bytes;
  Put32(far_directory, end + 16, 0x7fffffff);
  expect_data_loss(far_directory, "the central directory does not end where the end record begins");
  std::string far_member = bytes;
  Put32(far_member, FirstCentralHeader(bytes) + 42, static_cast<uint32_t>(bytes.size() - 10));
  expect_data_loss(far_member, "has no local header");
  expect_data_loss(std::string(2000, 'x'), "no end-of-archive record");
  expect_data_loss("PK", "too short");
  Rng rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    std::string garbage(rng.Below(400), '\0');
    for (char& c : garbage) c = static_cast<char>(rng.Below(256));
    if (trial % 2 == 0) garbage += bytes.substr(end);  // a plausible end record
    EXPECT_FALSE(DecodeNpz(garbage).ok());
  }
}

// A damaged size field must not make the reader allocate what it claims: a
// 1 KB file that says a member inflates to 4 GiB is damaged, and reading it
// should say so, not try to allocate 4 GiB (which throws std::bad_alloc
// where memory is limited, and ends the process).
TEST(NpzDeathTest, AHugeDeclaredSizeIsAnErrorNotAnAllocation) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::string bytes = Encode(AllTypes());
  Put32(bytes, FirstCentralHeader(bytes) + 24,
        0xfffffff0u);  // uncompressed size of the first member
  auto decode_in_little_memory = [&bytes] {
    const rlimit limit{size_t{1} << 30, size_t{1} << 30};  // 1 GiB of address space
    setrlimit(RLIMIT_AS, &limit);
    const absl::StatusOr<std::vector<NpyArray>> decoded = DecodeNpz(bytes);
    std::_Exit(absl::IsDataLoss(decoded.status()) ? 0 : 3);
  };
  EXPECT_EXIT(decode_in_little_memory(), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace tengen
