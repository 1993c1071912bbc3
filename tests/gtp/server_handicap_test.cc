// Fixed handicap layouts on every board size.
#include <algorithm>
#include <set>

#include "engine/coordinates.h"
#include "engine/symmetry.h"
#include "gtest/gtest.h"
#include "gtp/handicap.h"

namespace tengen {
namespace {

std::string Names(const std::vector<Point>& points, int size) {
  std::string text;
  for (Point p : points) {
    if (!text.empty()) text += ' ';
    text += GtpVertex(p, size);
  }
  return text;
}

TEST(FixedHandicap, MaximaFollowGnuGo) {
  for (int size = 1; size <= 25; ++size) {
    const int expected = size < 7 ? 0 : (size % 2 == 0 || size == 7) ? 4 : 9;
    EXPECT_EQ(MaxFixedHandicap(size), expected) << size;
  }
}

TEST(FixedHandicap, LayoutsOnEveryBoardSize) {
  for (int size = 1; size <= 25; ++size) {
    const int line = size >= 13 ? 3 : 2;  // 0-based: the 4th or the 3rd line
    for (int n = -1; n <= 10; ++n) {
      const std::vector<Point> points = FixedHandicapPoints(size, n);
      if (n < 2 || n > MaxFixedHandicap(size)) {
        EXPECT_TRUE(points.empty()) << size << " " << n;
        continue;
      }
      ASSERT_EQ(static_cast<int>(points.size()), n) << size;
      EXPECT_EQ(std::set<Point>(points.begin(), points.end()).size(), points.size());
      for (Point p : points) {
        ASSERT_TRUE(IsOnBoardPoint(p, size));
        const int x = PointX(p, size), y = PointY(p, size);
        for (int c : {x, y}) EXPECT_TRUE(c == line || c == size - 1 - line || 2 * c == size - 1);
      }
      // Each layout extends the one with a stone less, except that 6 and 8
      // stones give up the centre stone for two on the sides.
      if (n == 3 || n == 4 || n == 5 || n == 7 || n == 9) {
        const std::vector<Point> smaller = FixedHandicapPoints(size, n - 1);
        EXPECT_TRUE(std::equal(smaller.begin(), smaller.end(), points.begin())) << size << " " << n;
      }
      // 3 and 7 stones are lopsided by design; the rest survive the half
      // turn, and 4, 5, 8 and 9 stones every symmetry.
      const std::set<Point> set(points.begin(), points.end());
      for (int s = 0; s < kNumSymmetries; ++s) {
        const bool symmetric = n == 4 || n == 5 || n == 8 || n == 9 || (s == 3 && n != 3 && n != 7);
        if (!symmetric) continue;
        for (Point p : points)
          EXPECT_TRUE(set.contains(ApplySymmetry(s, p, size))) << size << " " << n << " " << s;
      }
    }
  }
}

TEST(FixedHandicap, TheSpecificationsTableOn19x19) {
  EXPECT_EQ(Names(FixedHandicapPoints(19, 2), 19), "D4 Q16");
  EXPECT_EQ(Names(FixedHandicapPoints(19, 3), 19), "D4 Q16 D16");
  EXPECT_EQ(Names(FixedHandicapPoints(19, 5), 19), "D4 Q16 D16 Q4 K10");
  EXPECT_EQ(Names(FixedHandicapPoints(19, 6), 19), "D4 Q16 D16 Q4 D10 Q10");
  EXPECT_EQ(Names(FixedHandicapPoints(19, 8), 19), "D4 Q16 D16 Q4 D10 Q10 K4 K16");
  EXPECT_EQ(Names(FixedHandicapPoints(19, 9), 19), "D4 Q16 D16 Q4 D10 Q10 K4 K16 K10");
  EXPECT_EQ(Names(FixedHandicapPoints(9, 4), 9), "C3 G7 C7 G3");
  EXPECT_EQ(Names(FixedHandicapPoints(13, 5), 13), "D4 K10 D10 K4 G7");
  EXPECT_EQ(Names(FixedHandicapPoints(7, 4), 7), "C3 E5 C5 E3");
  EXPECT_EQ(Names(FixedHandicapPoints(10, 4), 10), "C3 H8 C8 H3");
}

}  // namespace
}  // namespace tengen
