#include "train/npz.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "base/check.h"
#include "base/checksum.h"
#include "base/fmt_absl.h"

namespace tengen {
namespace {

constexpr uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint16_t kMethodDeflate = 8;
constexpr uint16_t kMethodStored = 0;
constexpr uint64_t kZipLimit = 0xffffffffull;

void Put16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}

void Put32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint16_t Get16(std::string_view bytes, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[at]) | static_cast<uint8_t>(bytes[at + 1])
                                                                     << 8);
}

uint32_t Get32(std::string_view bytes, size_t at) {
  return static_cast<uint32_t>(Get16(bytes, at)) | static_cast<uint32_t>(Get16(bytes, at + 2))
                                                       << 16;
}

// The .npy v1.0 encoding of an array: magic, header dict padded so the data
// starts on a 64-byte boundary, then the raw bytes.
std::string EncodeNpy(const NpyArray& array) {
  std::string shape;
  for (int64_t d : array.shape) shape += fmt::format("{}, ", d);
  if (array.shape.size() > 1)
    shape.resize(shape.size() - 2);  // "(3, 4)" but "(3,)"
  else if (array.shape.size() == 1)
    shape.resize(shape.size() - 1);
  std::string header = fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': ({}), }}",
                                   NpyDescr(array.type), shape);
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  Put16(out, static_cast<uint16_t>(header.size()));
  return out + header + array.data;
}

absl::StatusOr<std::string> Deflate(std::string_view raw) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    return absl::InternalError("zlib deflateInit2 failed");
  std::string out(deflateBound(&stream, static_cast<uLong>(raw.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  stream.avail_in = static_cast<uInt>(raw.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return absl::InternalError("zlib deflate did not finish");
  return out;
}

absl::StatusOr<std::string> Inflate(std::string_view compressed, size_t expected_size) {
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
    return absl::InternalError("zlib inflateInit2 failed");
  std::string out(expected_size, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  const size_t produced = stream.total_out;
  inflateEnd(&stream);
  if (result != Z_STREAM_END || produced != expected_size)
    return absl::DataLossError("compressed data is damaged");
  return out;
}

absl::StatusOr<NpyType> TypeOfDescr(std::string_view descr) {
  for (NpyType type :
       {NpyType::kUint8, NpyType::kInt8, NpyType::kInt16, NpyType::kInt32, NpyType::kFloat32}) {
    if (descr == NpyDescr(type)) return type;
  }
  return absl::InvalidArgumentError(fmt::format("unsupported dtype '{}'", descr));
}

// Finds `'key': ` in an .npy header dict and returns what follows.
std::string_view ValueAfter(std::string_view header, std::string_view key) {
  const std::string pattern = fmt::format("'{}':", key);
  const size_t at = header.find(pattern);
  if (at == std::string_view::npos) return {};
  std::string_view rest = header.substr(at + pattern.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

absl::Status DecodeNpy(std::string_view bytes, NpyArray& array) {
  if (bytes.size() < 10 || bytes.substr(0, 6) != std::string_view("\x93NUMPY", 6))
    return absl::InvalidArgumentError("not an .npy array");
  if (bytes[6] != 1)
    return absl::InvalidArgumentError(
        fmt::format(".npy version {} is not supported", int(bytes[6])));
  const size_t header_size = Get16(bytes, 8);
  if (10 + header_size > bytes.size()) return absl::InvalidArgumentError(".npy header is cut off");
  const std::string_view header = bytes.substr(10, header_size);
  std::string_view descr = ValueAfter(header, "descr");
  if (descr.size() < 2 || descr.front() != '\'')
    return absl::InvalidArgumentError(".npy header has no dtype");
  descr = descr.substr(1, descr.find('\'', 1) - 1);
  absl::StatusOr<NpyType> type = TypeOfDescr(descr);
  if (!type.ok()) return type.status();
  if (ValueAfter(header, "fortran_order").substr(0, 5) != "False")
    return absl::InvalidArgumentError("Fortran-order arrays are not supported");
  std::string_view shape_text = ValueAfter(header, "shape");
  if (shape_text.empty() || shape_text.front() != '(')
    return absl::InvalidArgumentError(".npy header has no shape");
  shape_text = shape_text.substr(1, shape_text.find(')') - 1);
  array.type = *type;
  array.shape.clear();
  int64_t elements = 1;
  size_t pos = 0;
  while (pos < shape_text.size()) {
    while (pos < shape_text.size() && (shape_text[pos] == ' ' || shape_text[pos] == ',')) ++pos;
    if (pos >= shape_text.size()) break;
    int64_t dim = 0;
    bool digits = false;
    while (pos < shape_text.size() && shape_text[pos] >= '0' && shape_text[pos] <= '9') {
      dim = dim * 10 + (shape_text[pos++] - '0');
      digits = true;
      if (dim > (int64_t{1} << 40))
        return absl::InvalidArgumentError(".npy shape is absurdly large");
    }
    if (!digits)
      return absl::InvalidArgumentError(
          fmt::format(".npy shape '({})' is not understood", shape_text));
    array.shape.push_back(dim);
    elements *= dim;
    if (elements > (int64_t{1} << 40))
      return absl::InvalidArgumentError(".npy shape is absurdly large");
  }
  const std::string_view data = bytes.substr(10 + header_size);
  if (static_cast<int64_t>(data.size()) != elements * NpyItemSize(*type))
    return absl::InvalidArgumentError(fmt::format(".npy holds {} bytes, but its shape needs {}",
                                                  data.size(), elements * NpyItemSize(*type)));
  array.data = std::string(data);
  return absl::OkStatus();
}

}  // namespace

std::string_view NpyDescr(NpyType type) {
  switch (type) {
    case NpyType::kUint8:
      return "|u1";
    case NpyType::kInt8:
      return "|i1";
    case NpyType::kInt16:
      return "<i2";
    case NpyType::kInt32:
      return "<i4";
    case NpyType::kFloat32:
      return "<f4";
  }
  return "?";
}

int NpyItemSize(NpyType type) {
  switch (type) {
    case NpyType::kUint8:
    case NpyType::kInt8:
      return 1;
    case NpyType::kInt16:
      return 2;
    case NpyType::kInt32:
    case NpyType::kFloat32:
      return 4;
  }
  return 1;
}

int64_t NpyArray::NumElements() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

absl::StatusOr<std::string> EncodeNpz(std::span<const NpyArray> arrays) {
  std::string out, central;
  for (const NpyArray& array : arrays) {
    TENGEN_CHECK(static_cast<int64_t>(array.data.size()) ==
                 array.NumElements() * NpyItemSize(array.type));
    const std::string npy = EncodeNpy(array);
    absl::StatusOr<std::string> compressed = Deflate(npy);
    if (!compressed.ok()) return compressed.status();
    if (npy.size() >= kZipLimit || out.size() + compressed->size() >= kZipLimit)
      return absl::ResourceExhaustedError("training data file would exceed 4 GiB");
    const std::string name = array.name + ".npy";
    const uint32_t crc = Crc32(npy);
    const uint32_t offset = static_cast<uint32_t>(out.size());
    // Local file header. Time 00:00, date 1980-01-01: files are identical
    // for identical contents.
    Put32(out, kLocalHeaderSignature);
    Put16(out, 20);
    Put16(out, 0);
    Put16(out, kMethodDeflate);
    Put16(out, 0);
    Put16(out, 0x21);
    Put32(out, crc);
    Put32(out, static_cast<uint32_t>(compressed->size()));
    Put32(out, static_cast<uint32_t>(npy.size()));
    Put16(out, static_cast<uint16_t>(name.size()));
    Put16(out, 0);
    out += name;
    out += *compressed;
    // Its central directory entry.
    Put32(central, kCentralHeaderSignature);
    Put16(central, 20);
    Put16(central, 20);
    Put16(central, 0);
    Put16(central, kMethodDeflate);
    Put16(central, 0);
    Put16(central, 0x21);
    Put32(central, crc);
    Put32(central, static_cast<uint32_t>(compressed->size()));
    Put32(central, static_cast<uint32_t>(npy.size()));
    Put16(central, static_cast<uint16_t>(name.size()));
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put32(central, 0);
    Put32(central, offset);
    central += name;
  }
  const uint32_t central_offset = static_cast<uint32_t>(out.size());
  out += central;
  Put32(out, kEndSignature);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<uint16_t>(arrays.size()));
  Put16(out, static_cast<uint16_t>(arrays.size()));
  Put32(out, static_cast<uint32_t>(central.size()));
  Put32(out, central_offset);
  Put16(out, 0);
  return out;
}

namespace {

absl::Status Damaged(std::string_view why) {
  return absl::DataLossError(fmt::format("not a valid .npz file: {}", why));
}

// The end-of-central-directory record: at the end, before an optional
// comment of up to 64 KiB.
absl::StatusOr<size_t> FindEndRecord(std::string_view bytes) {
  if (bytes.size() < 22) return Damaged("too short");
  const size_t lowest = bytes.size() >= 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
  for (size_t at = bytes.size() - 22 + 1; at-- > lowest;)
    if (Get32(bytes, at) == kEndSignature) return at;
  return Damaged("no end-of-archive record (truncated?)");
}

// Reads the member whose central directory entry starts at `at` (advanced
// past it), checking it against its local header, its size and its CRC.
absl::StatusOr<NpyArray> ReadMember(std::string_view bytes, size_t& at, size_t central_end) {
  if (at + 46 > central_end || Get32(bytes, at) != kCentralHeaderSignature)
    return Damaged("bad central directory");
  const uint16_t method = Get16(bytes, at + 10);
  const uint32_t crc = Get32(bytes, at + 16);
  const uint32_t compressed_size = Get32(bytes, at + 20);
  const uint32_t size = Get32(bytes, at + 24);
  const uint16_t name_size = Get16(bytes, at + 28);
  const size_t entry_size = 46 + name_size + Get16(bytes, at + 30) + Get16(bytes, at + 32);
  const uint32_t local = Get32(bytes, at + 42);
  if (at + entry_size > central_end) return Damaged("bad central directory");
  const std::string name(bytes.substr(at + 46, name_size));
  at += entry_size;
  if (static_cast<uint64_t>(local) + 30 > bytes.size() ||
      Get32(bytes, local) != kLocalHeaderSignature)
    return Damaged(fmt::format("member {} has no local header", name));
  const uint16_t local_name_size = Get16(bytes, local + 26);
  if (local_name_size != name_size || local + 30 + name_size > bytes.size() ||
      bytes.substr(local + 30, name_size) != name)
    return Damaged(fmt::format("member {}: its local header names another member", name));
  const size_t data_at = local + 30 + name_size + Get16(bytes, local + 28);
  if (data_at + compressed_size > bytes.size())
    return Damaged(fmt::format("member {} is cut off", name));
  const std::string_view stored = bytes.substr(data_at, compressed_size);
  // Deflate expands at most 1032:1; a larger claim is damage, not a reason
  // to allocate gigabytes.
  if (size > static_cast<uint64_t>(compressed_size) * 1032 + 64)
    return Damaged(fmt::format("member {} claims an impossible size", name));
  absl::StatusOr<std::string> npy = absl::DataLossError("unsupported compression method");
  if (method == kMethodDeflate) npy = Inflate(stored, size);
  if (method == kMethodStored && compressed_size == size) npy = std::string(stored);
  if (!npy.ok()) return Damaged(fmt::format("member {}: {}", name, npy.status().message()));
  if (Crc32(*npy) != crc) return Damaged(fmt::format("member {} fails its CRC-32 check", name));
  if (name.size() < 5 || name.substr(name.size() - 4) != ".npy")
    return Damaged(fmt::format("member {} is not an .npy array", name));
  NpyArray array;
  array.name = name.substr(0, name.size() - 4);
  if (absl::Status status = DecodeNpy(*npy, array); !status.ok())
    return Damaged(fmt::format("member {}: {}", name, status.message()));
  return array;
}

}  // namespace

absl::StatusOr<std::vector<NpyArray>> DecodeNpz(std::string_view bytes) {
  absl::StatusOr<size_t> end = FindEndRecord(bytes);
  if (!end.ok()) return end.status();
  const uint16_t count_here = Get16(bytes, *end + 8);
  const uint16_t count = Get16(bytes, *end + 10);
  const uint32_t central_size = Get32(bytes, *end + 12);
  const uint32_t central_offset = Get32(bytes, *end + 16);
  if (count_here != count) return Damaged("the end record's member counts disagree");
  if (static_cast<uint64_t>(central_offset) + central_size != *end)
    return Damaged("the central directory does not end where the end record begins");
  std::vector<NpyArray> arrays;
  size_t at = central_offset;
  for (int i = 0; i < count; ++i) {
    absl::StatusOr<NpyArray> array = ReadMember(bytes, at, *end);
    if (!array.ok()) return array.status();
    arrays.push_back(std::move(*array));
  }
  if (at != *end) return Damaged("the central directory holds more than its member count says");
  return arrays;
}

}  // namespace tengen
