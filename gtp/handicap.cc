#include "gtp/handicap.h"

#include <array>
#include <string_view>

namespace tengen {
namespace {

// Each stone as two digits, column then row counted from the bottom-left:
// 0 the low star line, 1 the middle, 2 the high one (the GTP specification's
// table, e.g. "00" is D4 and "21" is Q10 on 19x19).
constexpr std::array<std::array<std::string_view, 9>, 8> kLayouts = {{
    {"00", "22"},
    {"00", "22", "02"},
    {"00", "22", "02", "20"},
    {"00", "22", "02", "20", "11"},
    {"00", "22", "02", "20", "01", "21"},
    {"00", "22", "02", "20", "01", "21", "11"},
    {"00", "22", "02", "20", "01", "21", "10", "12"},
    {"00", "22", "02", "20", "01", "21", "10", "12", "11"},
}};

}  // namespace

int MaxFixedHandicap(int size) {
  if (size < 7) return 0;
  if (size % 2 == 0 || size == 7) return 4;
  return 9;
}

std::vector<Point> FixedHandicapPoints(int size, int n) {
  if (n < 2 || n > MaxFixedHandicap(size)) return {};
  const int edge = size >= 13 ? 3 : 2;  // 0-based line of the corner stones
  const int lines[3] = {edge, (size - 1) / 2, size - 1 - edge};
  std::vector<Point> points;
  for (std::string_view stone : kLayouts[n - 2]) {
    if (stone.empty()) break;
    const int x = lines[stone[0] - '0'];
    const int row_from_bottom = lines[stone[1] - '0'];
    points.push_back(MakePoint(x, size - 1 - row_from_bottom, size));
  }
  return points;
}

}  // namespace tengen
