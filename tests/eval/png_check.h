// A small PNG reader for tests: enough of the format to check that a
// screenshot is a valid image of the expected size with real content.
// Reads 8-bit RGB and RGBA, non-interlaced (what Chromium writes); checks
// every chunk's CRC-32 and undoes the scanline filters.
#ifndef TENGEN_TESTS_EVAL_PNG_CHECK_H_
#define TENGEN_TESTS_EVAL_PNG_CHECK_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tengen {

struct PngImage {
  int width = 0, height = 0;
  int channels = 0;             // 3 (RGB) or 4 (RGBA)
  std::vector<uint8_t> pixels;  // height rows of width * channels bytes
};

// Decodes `bytes`; on failure returns false and says why in *error.
bool DecodePng(std::string_view bytes, PngImage* image, std::string* error);

struct PngContent {
  int distinct_colors = 0;             // distinct RGB values (counting stops at 100000)
  double non_background_fraction = 0;  // pixels unlike the most common colour
};

PngContent InspectPng(const PngImage& image);

}  // namespace tengen

#endif  // TENGEN_TESTS_EVAL_PNG_CHECK_H_
