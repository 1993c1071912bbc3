// Fuzz target for the GTP vertex and colour parsers. On every input and every
// board size 1..25: parsing never crashes; a parsed vertex is pass or on the
// board, GtpVertex names it as the input did (up to case), and that name
// parses back to the same point. A parsed colour is a player whose letter
// parses back to it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/text_util.h"
#include "engine/coordinates.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (int board_size = tengen::kMinBoardSize; board_size <= tengen::kMaxBoardSize; ++board_size) {
    const absl::StatusOr<tengen::Point> point = tengen::ParseGtpVertex(text, board_size);
    if (!point.ok()) {
      FUZZ_CHECK(!point.status().message().empty());
      continue;
    }
    FUZZ_CHECK(*point == tengen::kPass || tengen::IsOnBoardPoint(*point, board_size));
    const std::string name = tengen::GtpVertex(*point, board_size);
    FUZZ_CHECK(tengen::EqualsIgnoreCase(name, text));
    const absl::StatusOr<tengen::Point> again = tengen::ParseGtpVertex(name, board_size);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(*again == *point);
  }
  const absl::StatusOr<tengen::Color> color = tengen::ParseGtpColor(text);
  if (color.ok()) {
    FUZZ_CHECK(tengen::IsPlayer(*color));
    const absl::StatusOr<tengen::Color> again =
        tengen::ParseGtpColor(tengen::GtpColorLetter(*color));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(*again == *color);
  } else {
    FUZZ_CHECK(!color.status().message().empty());
  }
  return 0;
}
