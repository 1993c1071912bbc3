// The feature planes: agreement with a naive reference encoder on random
// games, equivariance under the 8 symmetries, padding, and the contents of
// each plane on hand-drawn positions.
#include "policy/features.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/random.h"
#include "engine/symmetry.h"
#include "gtest/gtest.h"
#include "tests/support/positions.h"

namespace tengen {
namespace {

std::vector<float> Encode(const GameState& game, int symmetry) {
  std::vector<float> planes(NumFeatureValues(game.size()));
  EncodeFeatures(game, symmetry, planes);
  return planes;
}

std::vector<float> EncodePadded(const GameState& game, int symmetry, int padded_size) {
  std::vector<float> planes(NumFeatureValues(padded_size));
  EncodeFeaturesPadded(game, symmetry, padded_size, planes);
  return planes;
}

std::vector<float> MovePlanes(int s, int size, const std::vector<float>& planes) {
  std::vector<float> moved(planes.size());
  ApplySymmetryToPlanes<float>(s, kNumFeaturePlanes, size, planes, moved);
  return moved;
}

// "" when equal, else where the first difference is, readably (printing
// whole 19x19 plane stacks helps nobody).
std::string FirstDifference(const std::vector<float>& actual, const std::vector<float>& expected,
                            int size) {
  if (actual.size() != expected.size())
    return fmt::format("{} values, expected {}", actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] == expected[i]) continue;
    const int area = size * size, plane = static_cast<int>(i) / area;
    const int cell = static_cast<int>(i) % area;
    return fmt::format("plane {} x {} y {}: {} expected {}", plane, cell % size, cell / size,
                       actual[i], expected[i]);
  }
  return "";
}

// One plane as a diagram: '1' where set, '.' elsewhere, top row first.
std::string PlaneDiagram(const std::vector<float>& planes, int plane, int size) {
  std::string text;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const float v = planes[plane * size * size + y * size + x];
      text += v == 1.0f ? '1' : v == 0.0f ? '.' : '?';
    }
    text += '\n';
  }
  return text;
}

std::string EmptyPlane(int size) {
  std::string row(size, '.');
  std::string text;
  for (int y = 0; y < size; ++y) text += row + "\n";
  return text;
}

float PlaneSum(const std::vector<float>& planes, int plane, int size) {
  float sum = 0;
  for (int i = 0; i < size * size; ++i) sum += planes[plane * size * size + i];
  return sum;
}

// Liberties of the chain through (x, y) by flood fill over coordinates,
// independently of the board's incremental chains.
int FloodFillLiberties(const Board& board, int x0, int y0) {
  const int n = board.size();
  const Color color = board.At(board.PointAt(x0, y0));
  std::set<std::pair<int, int>> chain = {{x0, y0}}, liberties;
  std::vector<std::pair<int, int>> frontier = {{x0, y0}};
  while (!frontier.empty()) {
    const auto [x, y] = frontier.back();
    frontier.pop_back();
    constexpr std::pair<int, int> kSteps[] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (const auto& [dx, dy] : kSteps) {
      const int nx = x + dx, ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= n || ny >= n) continue;
      const Color c = board.At(board.PointAt(nx, ny));
      if (c == Color::kEmpty) liberties.insert({nx, ny});
      if (c == color && chain.insert({nx, ny}).second) frontier.push_back({nx, ny});
    }
  }
  return static_cast<int>(liberties.size());
}

// The documented table, computed the slow and obvious way, with the plane
// numbers written out rather than taken from the enum.
std::vector<float> ReferenceEncode(const GameState& game) {
  const int n = game.size();
  std::vector<float> planes(15 * n * n, 0.0f);
  const auto set = [&](int plane, int x, int y) { planes[(plane * n + y) * n + x] = 1.0f; };
  const Board& board = game.board();
  const Color me = game.to_move();
  const std::vector<Point> legal_list = game.LegalMoves(me);
  const std::set<Point> legal(legal_list.begin(), legal_list.end());
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      set(13, x, y);
      if (me == Color::kBlack) set(14, x, y);
      const Point p = board.PointAt(x, y);
      const Color c = board.At(p);
      if (c == Color::kEmpty) {
        if (!legal.contains(p)) set(12, x, y);
        continue;
      }
      set(c == me ? 0 : 1, x, y);
      const int liberties = FloodFillLiberties(board, x, y);
      if (liberties > 0) set((c == me ? 6 : 9) + std::min(liberties, 3) - 1, x, y);
    }
  }
  const std::vector<PlayedMove>& moves = game.moves();
  for (int k = 0; k < 4 && k < static_cast<int>(moves.size()); ++k) {
    const Point p = moves[moves.size() - 1 - k].point;
    if (p != kPass) set(2 + k, PointX(p, n), PointY(p, n));
  }
  return planes;
}

struct Coverage {
  int captures = 0;
  int suicides = 0;
  int ko_positions = 0;  // simple-ko bans on the player to move
};

// Positions along a random legal game, passes rare. Captures and suicides are
// favoured so that kos, removals and (where the rules allow) multi-stone
// suicides all occur; positions under a ko ban are sampled more often.
// At most max_moves moves (0: 2 * N * N).
std::vector<GameState> RandomPositions(int size, Rules rules, uint64_t seed, int samples,
                                       Coverage& coverage, int max_moves = 0) {
  GameState game(size, rules);
  Rng rng(seed);
  std::vector<GameState> positions = {game};
  if (max_moves == 0) max_moves = 2 * size * size;
  const int every = std::max(1, max_moves / samples);
  for (int move = 1; move <= max_moves && !game.IsOver(); ++move) {
    const Color c = game.to_move();
    const Board& board = game.board();
    const std::vector<Point> legal = game.LegalMoves(c);
    std::vector<Point> sharp;
    for (Point p : legal)
      if (p != kPass && (board.Captures(p, c) || board.IsSuicide(p, c))) sharp.push_back(p);
    Point p = kPass;
    if (!sharp.empty() && rng.Below(3) == 0) {
      p = sharp[rng.Below(sharp.size())];
    } else if (legal.size() > 1 && rng.Below(50) != 0) {
      p = legal[rng.Below(legal.size() - 1)];
    }
    if (p != kPass) {
      coverage.captures += board.Captures(p, c);
      coverage.suicides += board.IsSuicide(p, c);
    }
    EXPECT_TRUE(game.Play(p, c).ok());
    const bool ko =
        game.board().ko_point() != kNoPoint && game.board().ko_color() == game.to_move();
    coverage.ko_positions += ko;
    if (move % every == 0 || (ko && rng.Below(4) == 0)) positions.push_back(game);
  }
  positions.push_back(game);
  return positions;
}

const Rules kRuleSets[] = {Rules::Chinese(), Rules::TrompTaylor(), Rules{.ko = KoRule::kSimple},
                           Rules{.ko = KoRule::kSituational, .suicide_allowed = true}};

// Every check that holds for any position, under every symmetry.
void CheckPosition(const GameState& game) {
  const int n = game.size();
  const std::vector<float> identity = Encode(game, 0);
  ASSERT_EQ(FirstDifference(identity, ReferenceEncode(game), n), "") << game.board().ToDiagram();
  const std::vector<uint8_t> mask = LegalMoveMask(game, 0);
  std::vector<uint8_t> expected_mask(n * n + 1, 0);
  for (Point p : game.LegalMoves(game.to_move())) expected_mask[PointToMoveIndex(p, n)] = 1;
  ASSERT_EQ(mask, expected_mask);

  for (int s = 0; s < kNumSymmetries; ++s) {
    SCOPED_TRACE(fmt::format("symmetry {}", s));
    const std::vector<float> moved = MovePlanes(s, n, identity);
    const GameState image = ApplySymmetry(s, game);
    EXPECT_EQ(FirstDifference(Encode(image, 0), moved, n), "");
    EXPECT_EQ(FirstDifference(Encode(game, s), moved, n), "");

    std::vector<uint8_t> moved_mask(mask.size());
    ApplySymmetryToPolicy<uint8_t>(s, n, mask, moved_mask);
    EXPECT_EQ(LegalMoveMask(image, 0), moved_mask);
    EXPECT_EQ(LegalMoveMask(game, s), moved_mask);
  }
}

TEST(FeaturesTest, RandomGamesMatchReferenceAndAreEquivariant) {
  Coverage coverage;
  int positions = 0;
  uint64_t seed = 1;
  for (int size : {5, 9, 13, 19}) {
    for (const Rules& rules : kRuleSets) {
      for (const GameState& game : RandomPositions(size, rules, seed++, 12, coverage)) {
        SCOPED_TRACE(fmt::format("{}x{} {}, move {}", size, size, DescribeRules(rules),
                                 game.moves().size()));
        CheckPosition(game);
        ++positions;
        if (HasFatalFailure()) return;
      }
    }
  }
  // The games must have exercised what the planes are about.
  EXPECT_GT(positions, 100);
  EXPECT_GT(coverage.captures, 50);
  EXPECT_GT(coverage.suicides, 0);
  EXPECT_GT(coverage.ko_positions, 0);
}

TEST(FeaturesTest, LargestAndSmallestBoards) {
  Coverage coverage;
  for (const GameState& game : RandomPositions(25, Rules::Chinese(), 99, 4, coverage, 400)) {
    CheckPosition(game);
    if (HasFatalFailure()) return;
  }
  // 1x1: the only point is single-stone suicide, so only pass is legal.
  const GameState tiny(1);
  for (int s = 0; s < kNumSymmetries; ++s) {
    const std::vector<float> planes = Encode(tiny, s);
    std::vector<float> expected(kNumFeaturePlanes, 0.0f);
    expected[kPlaneIllegal] = expected[kPlaneOnBoard] = expected[kPlaneBlackToMove] = 1.0f;
    EXPECT_EQ(planes, expected);
    EXPECT_EQ(LegalMoveMask(tiny, s), (std::vector<uint8_t>{0, 1}));
  }
}

TEST(FeaturesTest, StonesAreSeenFromThePlayerToMove) {
  const char* diagram = R"(
    . X . .
    O X . .
    . . . O
    . . . .)";
  const GameState black = Game(diagram, Rules::Chinese(), Color::kBlack);
  const GameState white = Game(diagram, Rules::Chinese(), Color::kWhite);
  const std::vector<float> b = Encode(black, 0), w = Encode(white, 0);
  const std::string xs = Diagram(R"(
    . 1 . .
    . 1 . .
    . . . .
    . . . .)");
  const std::string os = Diagram(R"(
    . . . .
    1 . . .
    . . . 1
    . . . .)");
  EXPECT_EQ(PlaneDiagram(b, kPlaneOwnStones, 4), xs);
  EXPECT_EQ(PlaneDiagram(b, kPlaneOpponentStones, 4), os);
  EXPECT_EQ(PlaneDiagram(w, kPlaneOwnStones, 4), os);
  EXPECT_EQ(PlaneDiagram(w, kPlaneOpponentStones, 4), xs);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(PlaneDiagram(b, kPlaneOwnLiberties1 + k, 4),
              PlaneDiagram(w, kPlaneOpponentLiberties1 + k, 4));
    EXPECT_EQ(PlaneDiagram(b, kPlaneOpponentLiberties1 + k, 4),
              PlaneDiagram(w, kPlaneOwnLiberties1 + k, 4));
  }
  EXPECT_EQ(PlaneSum(b, kPlaneBlackToMove, 4), 16.0f);
  EXPECT_EQ(PlaneSum(w, kPlaneBlackToMove, 4), 0.0f);
  EXPECT_EQ(PlaneSum(b, kPlaneOnBoard, 4), 16.0f);
  EXPECT_EQ(PlaneSum(w, kPlaneOnBoard, 4), 16.0f);
}

TEST(FeaturesTest, LibertyPlanesGroupChainsByLibertyCount) {
  // Black to move. X chains: top-left corner 1 liberty, the pair 6, bottom
  // 2; O chains: top 2, the lone centre stone 4, bottom-right corner 1.
  const GameState game = Game(R"(
    X O . . . .
    . . . . . .
    . . X X . .
    . . . . . .
    . . O . . .
    . . . . X O)");
  const std::vector<float> planes = Encode(game, 0);
  EXPECT_EQ(PlaneDiagram(planes, kPlaneOwnLiberties1, 6), Diagram(R"(
    1 . . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .)"));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneOwnLiberties2, 6), Diagram(R"(
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . 1 .)"));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneOwnLiberties3OrMore, 6), Diagram(R"(
    . . . . . .
    . . . . . .
    . . 1 1 . .
    . . . . . .
    . . . . . .
    . . . . . .)"));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneOpponentLiberties1, 6), Diagram(R"(
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . 1)"));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneOpponentLiberties2, 6), Diagram(R"(
    . 1 . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .)"));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneOpponentLiberties3OrMore, 6), Diagram(R"(
    . . . . . .
    . . . . . .
    . . . . . .
    . . . . . .
    . . 1 . . .
    . . . . . .)"));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneIllegal, 6), EmptyPlane(6));
}

TEST(FeaturesTest, ChainWithoutLibertiesIsInNoLibertyPlane) {
  // Only setup can make this: the X stone has no liberty.
  const GameState game = Game(R"(
    X O .
    O . .
    . . .)");
  const std::vector<float> planes = Encode(game, 0);
  EXPECT_EQ(PlaneSum(planes, kPlaneOwnStones, 3), 1.0f);
  for (int k = 0; k < 3; ++k) EXPECT_EQ(PlaneSum(planes, kPlaneOwnLiberties1 + k, 3), 0.0f);
  EXPECT_EQ(PlaneSum(planes, kPlaneOpponentLiberties2, 3), 2.0f);
}

TEST(FeaturesTest, KoPointIsIllegalRightAfterTheCapture) {
  const char* diagram = R"(
    . . . . .
    . . . . .
    . . . . .
    X O . . .
    . X O . .)";
  const std::string ko_point = Diagram(R"(
    . . . . .
    . . . . .
    . . . . .
    . . . . .
    . 1 . . .)");
  for (const Rules& rules : kRuleSets) {
    SCOPED_TRACE(DescribeRules(rules));
    GameState game = Game(diagram, rules, Color::kWhite);
    EXPECT_EQ(PlaneDiagram(Encode(game, 0), kPlaneIllegal, 5), EmptyPlane(5));
    PlayOk(game, Color::kWhite, "A1");  // takes B1
    EXPECT_EQ(PlaneDiagram(Encode(game, 0), kPlaneIllegal, 5), ko_point);
    EXPECT_EQ(LegalMoveMask(game, 0)[PointToMoveIndex(Vtx("B1", 5), 5)], 0);
    if (rules.ko == KoRule::kSimple) {
      // After a ko threat and its answer, the ban is over.
      PlayOk(game, Color::kBlack, "E5");
      PlayOk(game, Color::kWhite, "E4");
      EXPECT_EQ(PlaneDiagram(Encode(game, 0), kPlaneIllegal, 5), EmptyPlane(5));
    }
  }
}

TEST(FeaturesTest, SuicidePointsAreIllegalWhereTheRulesSaySo) {
  // For black, A4 would be a two-stone suicide and D1 a one-stone suicide.
  const char* diagram = R"(
    . X O .
    O O . .
    . . . O
    . . O .)";
  const GameState chinese = Game(diagram, Rules::Chinese());
  EXPECT_EQ(PlaneDiagram(Encode(chinese, 0), kPlaneIllegal, 4), Diagram(R"(
    1 . . .
    . . . .
    . . . .
    . . . 1)"));
  const GameState tromp_taylor = Game(diagram, Rules::TrompTaylor());
  EXPECT_EQ(PlaneDiagram(Encode(tromp_taylor, 0), kPlaneIllegal, 4), Diagram(R"(
    . . . .
    . . . .
    . . . .
    . . . 1)"));
  // White may play both (A4 even captures).
  const GameState white = Game(diagram, Rules::Chinese(), Color::kWhite);
  EXPECT_EQ(PlaneDiagram(Encode(white, 0), kPlaneIllegal, 4), EmptyPlane(4));
}

TEST(FeaturesTest, LastMovePlanesFollowTheRecordNewestFirst) {
  GameState game(5);
  PlayOk(game, Color::kBlack, "C3");
  std::vector<float> planes = Encode(game, 0);
  EXPECT_EQ(PlaneDiagram(planes, kPlaneLastMove1, 5), Diagram(R"(
    . . . . .
    . . . . .
    . . 1 . .
    . . . . .
    . . . . .)"));
  for (int k = 1; k < kNumLastMovePlanes; ++k)
    EXPECT_EQ(PlaneDiagram(planes, kPlaneLastMove1 + k, 5), EmptyPlane(5)) << k;

  PlayOk(game, Color::kWhite, "D4");
  PlayOk(game, Color::kBlack, "pass");
  PlayOk(game, Color::kWhite, "B2");
  PlayOk(game, Color::kBlack, "A1");
  // Newest first: A1, B2, pass, D4; C3 has dropped out.
  planes = Encode(game, 0);
  EXPECT_EQ(PlaneDiagram(planes, kPlaneLastMove1, 5), Diagram(R"(
    . . . . .
    . . . . .
    . . . . .
    . . . . .
    1 . . . .)"));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneLastMove1 + 1, 5), Diagram(R"(
    . . . . .
    . . . . .
    . . . . .
    . 1 . . .
    . . . . .)"));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneLastMove1 + 2, 5), EmptyPlane(5));
  EXPECT_EQ(PlaneDiagram(planes, kPlaneLastMove1 + 3, 5), Diagram(R"(
    . . . . .
    . . . 1 .
    . . . . .
    . . . . .
    . . . . .)"));

  // A setup starts a new record: no last moves at all.
  const SetupStone stone{Vtx("E5", 5), Color::kWhite};
  game.Setup({&stone, 1});
  planes = Encode(game, 0);
  for (int k = 0; k < kNumLastMovePlanes; ++k)
    EXPECT_EQ(PlaneDiagram(planes, kPlaneLastMove1 + k, 5), EmptyPlane(5)) << k;
}

TEST(FeaturesTest, PaddedEncodingIsTheBoardInTheTopLeftCorner) {
  Coverage coverage;
  const std::vector<GameState> games = RandomPositions(9, Rules::TrompTaylor(), 7, 5, coverage);
  for (const GameState& game : games) {
    for (int padded : {9, 10, 19, 25}) {
      for (int s = 0; s < kNumSymmetries; ++s) {
        SCOPED_TRACE(fmt::format("move {} padded {} symmetry {}", game.moves().size(), padded, s));
        const std::vector<float> plain = Encode(game, s);
        const std::vector<float> padded_planes = EncodePadded(game, s, padded);
        int mismatches = 0;
        for (int c = 0; c < kNumFeaturePlanes; ++c)
          for (int y = 0; y < padded; ++y)
            for (int x = 0; x < padded; ++x) {
              const float expected = x < 9 && y < 9 ? plain[(c * 9 + y) * 9 + x] : 0.0f;
              mismatches += padded_planes[(c * padded + y) * padded + x] != expected;
            }
        EXPECT_EQ(mismatches, 0);
      }
    }
  }
  // Planes 13 and 14 mark exactly the 81 board points.
  const std::vector<float> planes = EncodePadded(games.front(), 0, 19);
  EXPECT_EQ(PlaneSum(planes, kPlaneOnBoard, 19), 81.0f);
  EXPECT_EQ(PlaneSum(planes, kPlaneBlackToMove, 19), 81.0f);
}

TEST(FeaturesTest, EveryValueIsOverwritten) {
  // Stale data from an earlier, different position must not leak through.
  const GameState game = Game(R"(
    X . .
    . O .
    . . .)");
  std::vector<float> planes(NumFeatureValues(3), 7.0f);
  EncodeFeatures(game, 3, planes);
  EXPECT_EQ(planes, Encode(game, 3));
  std::vector<uint8_t> mask(10, 7);
  WriteLegalMoveMask(game, 5, mask);
  EXPECT_EQ(mask, LegalMoveMask(game, 5));
}

TEST(FeaturesDeathTest, WrongSizesAndSymmetriesAreBugs) {
  const GameState game(5);
  std::vector<float> too_small(NumFeatureValues(5) - 1);
  EXPECT_DEATH(EncodeFeatures(game, 0, too_small), "check failed");
  std::vector<float> planes(NumFeatureValues(5));
  EXPECT_DEATH(EncodeFeatures(game, 8, planes), "check failed");
  std::vector<float> padded(NumFeatureValues(4));
  EXPECT_DEATH(EncodeFeaturesPadded(game, 0, 4, padded), "check failed");
  std::vector<uint8_t> mask(25);
  EXPECT_DEATH(WriteLegalMoveMask(game, 0, mask), "check failed");
}

}  // namespace
}  // namespace tengen
