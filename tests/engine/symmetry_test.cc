// The 8 board symmetries: group laws, the documented order, and agreement
// of every representation (points, move indices, planes, boards, games).
#include "engine/symmetry.h"

#include <set>
#include <vector>

#include "base/random.h"
#include "engine/playout.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"

namespace tengen {
namespace {

TEST(SymmetryTest, DocumentedOrderOnA3x3Board) {
  // Where the top-left corner (0, 0) and the top edge point (1, 0) go.
  const std::pair<int, int> corner[kNumSymmetries] = {{0, 0}, {2, 0}, {0, 2}, {2, 2},
                                                      {0, 0}, {2, 0}, {0, 2}, {2, 2}};
  const std::pair<int, int> edge[kNumSymmetries] = {{1, 0}, {1, 0}, {1, 2}, {1, 2},
                                                    {0, 1}, {2, 1}, {0, 1}, {2, 1}};
  for (int s = 0; s < kNumSymmetries; ++s) {
    EXPECT_EQ(ApplySymmetry(s, 0, 0, 3), corner[s]) << s;
    EXPECT_EQ(ApplySymmetry(s, 1, 0, 3), edge[s]) << s;
  }
  // 5 turns clockwise: top edge -> right edge; 6 counter-clockwise.
  EXPECT_EQ(ComposeSymmetries(5, 5), 3);
  EXPECT_EQ(ComposeSymmetries(5, 6), 0);
}

TEST(SymmetryTest, GroupLaws) {
  std::set<std::vector<std::pair<int, int>>> distinct;
  for (int a = 0; a < kNumSymmetries; ++a) {
    EXPECT_EQ(ComposeSymmetries(a, InverseSymmetry(a)), 0);
    EXPECT_EQ(ComposeSymmetries(InverseSymmetry(a), a), 0);
    EXPECT_EQ(ComposeSymmetries(0, a), a);
    std::vector<std::pair<int, int>> images;
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x) {
        images.push_back(ApplySymmetry(a, x, y, 4));
        for (int b = 0; b < kNumSymmetries; ++b) {
          const auto [x1, y1] = ApplySymmetry(a, x, y, 7);
          EXPECT_EQ(ApplySymmetry(b, x1, y1, 7), ApplySymmetry(ComposeSymmetries(a, b), x, y, 7));
        }
      }
    distinct.insert(images);
  }
  EXPECT_EQ(distinct.size(), 8u) << "eight different maps";
}

TEST(SymmetryTest, PointsMovesAndPlanesAgree) {
  for (int size : {1, 2, 5, 9, 19, 25}) {
    for (int s = 0; s < kNumSymmetries; ++s) {
      EXPECT_EQ(ApplySymmetry(s, kPass, size), kPass);
      EXPECT_EQ(ApplySymmetryToMoveIndex(s, size * size, size), size * size);
      // A plane holding each point's own index, moved by s, must hold at
      // the image of p the index of p.
      std::vector<int> plane(size * size), moved(size * size);
      for (int i = 0; i < size * size; ++i) plane[i] = i;
      ApplySymmetryToPlanes<int>(s, 1, size, plane, moved);
      for (int i = 0; i < size * size; ++i) {
        const Point p = MoveIndexToPoint(i, size);
        const int image = ApplySymmetryToMoveIndex(s, i, size);
        EXPECT_EQ(PointToMoveIndex(ApplySymmetry(s, p, size), size), image);
        EXPECT_EQ(moved[image], i);
      }
    }
  }
}

TEST(SymmetryTest, PolicyKeepsPassLastAndInverseRestores) {
  const int size = 5;
  std::vector<float> policy(size * size + 1), moved(policy.size()), back(policy.size());
  for (size_t i = 0; i < policy.size(); ++i) policy[i] = static_cast<float>(i) * 0.5f;
  for (int s = 0; s < kNumSymmetries; ++s) {
    ApplySymmetryToPolicy<float>(s, size, policy, moved);
    EXPECT_EQ(moved.back(), policy.back());
    ApplySymmetryToPolicy<float>(InverseSymmetry(s), size, moved, back);
    EXPECT_EQ(back, policy);
  }
}

TEST(SymmetryTest, GamesMapToMirroredGames) {
  GameState game(7, Rules{.ko = KoRule::kSituational});
  Rng rng(4);
  for (int move = 0; move < 60 && !game.IsOver(); ++move) {
    const std::vector<Point> legal = game.LegalMoves(game.to_move());
    ASSERT_TRUE(game.Play(legal[rng.Below(legal.size())]).ok());
  }
  for (int s = 0; s < kNumSymmetries; ++s) {
    const GameState image = ApplySymmetry(s, game);
    EXPECT_EQ(image.to_move(), game.to_move());
    EXPECT_EQ(image.moves().size(), game.moves().size());
    EXPECT_TRUE(image.board().CheckConsistency().ok());
    EXPECT_TRUE(ApplySymmetry(s, game.board()).SamePosition(image.board()));
    // Legality (superko included) is the same at mirrored points.
    for (int y = 0; y < 7; ++y)
      for (int x = 0; x < 7; ++x) {
        const Point p = game.board().PointAt(x, y);
        EXPECT_EQ(game.IsLegal(p), image.IsLegal(ApplySymmetry(s, p, 7)));
      }
    // Mirroring back gives the original.
    EXPECT_TRUE(ApplySymmetry(InverseSymmetry(s), image).board().SamePosition(game.board()));
  }
}

TEST(SymmetryTest, KoBanIsMirrored) {
  GameState game = Game(R"(
    . . . . .
    . . . . .
    . . . . .
    X O . . .
    . X O . .)",
                        Rules{.ko = KoRule::kSimple}, Color::kWhite);
  PlayOk(game, Color::kWhite, "A1");
  ASSERT_NE(game.board().ko_point(), kNoPoint);
  for (int s = 0; s < kNumSymmetries; ++s) {
    const GameState image = ApplySymmetry(s, game);
    EXPECT_EQ(image.board().ko_point(), ApplySymmetry(s, game.board().ko_point(), 5));
    EXPECT_FALSE(image.IsLegal(ApplySymmetry(s, Vtx("B1", 5), 5), Color::kBlack));
  }
}

}  // namespace
}  // namespace tengen
