#include "tests/eval/png_check.h"

#include <zlib.h>

#include <cstdlib>
#include <map>
#include <unordered_set>

namespace tengen {
namespace {

uint32_t BigEndian32(std::string_view bytes, size_t at) {
  return (uint32_t(uint8_t(bytes[at])) << 24) | (uint32_t(uint8_t(bytes[at + 1])) << 16) |
         (uint32_t(uint8_t(bytes[at + 2])) << 8) | uint32_t(uint8_t(bytes[at + 3]));
}

int Paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

bool Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

}  // namespace

bool DecodePng(std::string_view bytes, PngImage* image, std::string* error) {
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (bytes.substr(0, 8) != kSignature) return Fail(error, "no PNG signature");
  std::string compressed;
  bool have_header = false, have_end = false;
  int bit_depth = 0, color_type = 0, interlace = 0;
  for (size_t at = 8; at < bytes.size() && !have_end;) {
    if (at + 12 > bytes.size()) return Fail(error, "truncated chunk header");
    const uint32_t length = BigEndian32(bytes, at);
    if (length > bytes.size() - at - 12) return Fail(error, "chunk longer than the file");
    const std::string_view type = bytes.substr(at + 4, 4), data = bytes.substr(at + 8, length);
    const uint32_t crc = BigEndian32(bytes, at + 8 + length);
    uLong computed = crc32(0L, Z_NULL, 0);
    computed = crc32(computed, reinterpret_cast<const Bytef*>(bytes.data() + at + 4), length + 4);
    if (computed != crc) return Fail(error, "CRC mismatch in chunk " + std::string(type));
    if (type == "IHDR") {
      if (length != 13) return Fail(error, "bad IHDR length");
      image->width = static_cast<int>(BigEndian32(data, 0));
      image->height = static_cast<int>(BigEndian32(data, 4));
      bit_depth = uint8_t(data[8]);
      color_type = uint8_t(data[9]);
      interlace = uint8_t(data[12]);
      have_header = true;
    } else if (type == "IDAT") {
      compressed.append(data);
    } else if (type == "IEND") {
      have_end = true;
    }
    at += 12 + length;
  }
  if (!have_header || !have_end) return Fail(error, "missing IHDR or IEND");
  if (bit_depth != 8 || (color_type != 2 && color_type != 6) || interlace != 0)
    return Fail(error, "only 8-bit non-interlaced RGB or RGBA is supported here");
  if (image->width <= 0 || image->height <= 0 || image->width > 20000 || image->height > 20000)
    return Fail(error, "implausible size");
  image->channels = color_type == 6 ? 4 : 3;
  const size_t stride = static_cast<size_t>(image->width) * image->channels;
  std::vector<uint8_t> raw((stride + 1) * image->height);
  uLongf raw_size = raw.size();
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(compressed.data()),
                 compressed.size()) != Z_OK ||
      raw_size != raw.size())
    return Fail(error, "IDAT does not inflate to the image's size");
  image->pixels.assign(stride * image->height, 0);
  for (int y = 0; y < image->height; ++y) {
    const uint8_t filter = raw[y * (stride + 1)];
    const uint8_t* in = &raw[y * (stride + 1) + 1];
    uint8_t* out = &image->pixels[y * stride];
    const uint8_t* up = y > 0 ? &image->pixels[(y - 1) * stride] : nullptr;
    for (size_t i = 0; i < stride; ++i) {
      const int a = i >= static_cast<size_t>(image->channels) ? out[i - image->channels] : 0;
      const int b = up ? up[i] : 0;
      const int c = up && i >= static_cast<size_t>(image->channels) ? up[i - image->channels] : 0;
      int predictor = 0;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) / 2;
          break;
        case 4:
          predictor = Paeth(a, b, c);
          break;
        default:
          return Fail(error, "unknown scanline filter " + std::to_string(filter));
      }
      out[i] = static_cast<uint8_t>(in[i] + predictor);
    }
  }
  return true;
}

PngContent InspectPng(const PngImage& image) {
  std::map<uint32_t, int64_t> counts;
  const size_t pixels = static_cast<size_t>(image.width) * image.height;
  for (size_t p = 0; p < pixels; ++p) {
    const uint8_t* px = &image.pixels[p * image.channels];
    const uint32_t rgb = (uint32_t(px[0]) << 16) | (uint32_t(px[1]) << 8) | px[2];
    if (counts.size() < 100000 || counts.count(rgb)) ++counts[rgb];
  }
  int64_t most = 0;
  for (const auto& [color, count] : counts) most = std::max(most, count);
  return PngContent{
      .distinct_colors = static_cast<int>(counts.size()),
      .non_background_fraction = pixels > 0 ? 1.0 - static_cast<double>(most) / pixels : 0};
}

}  // namespace tengen
