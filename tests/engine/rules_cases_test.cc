// The rules cases of REFERENCE.md, each on a position drawn as a diagram.
#include "engine/game_state.h"
#include "engine/zobrist.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"
#include "tests/support/colors.h"

namespace tengen {
namespace {

TEST(CaptureTest, SingleStoneIsRemovedAndLibertiesReturn) {
  GameState game = Game(R"(
    . . . . .
    . . X . .
    . X O . .
    . . X . .
    . . . . .)");
  PlayOk(game, B, "D3");
  EXPECT_EQ(game.board().ToDiagram(), Diagram(R"(
    . . . . .
    . . X . .
    . X . X .
    . . X . .
    . . . . .)"));
  EXPECT_EQ(game.board().ChainLiberties(Vtx("D3", 5)), 4);
  EXPECT_EQ(game.board().ko_point(), kNoPoint);
  EXPECT_TRUE(game.board().CheckConsistency().ok());
}

TEST(CaptureTest, OneMoveCapturesThreeChains) {
  GameState game = Game(R"(
    X O . O X
    . X O X .
    . . X . .
    . . . . .
    . . . . .)");
  PlayOk(game, B, "C5");
  EXPECT_EQ(game.board().ToDiagram(), Diagram(R"(
    X . X . X
    . X . X .
    . . X . .
    . . . . .
    . . . . .)"));
  EXPECT_EQ(game.board().ChainLiberties(Vtx("C5", 5)), 3);
  EXPECT_TRUE(game.board().CheckConsistency().ok());
}

TEST(SnapbackTest, RecaptureOfThreeStonesIsNotKo) {
  GameState game = Game(R"(
    . . . . .
    . . . . .
    O O . . .
    X X O . .
    . . O . .)",
                        Rules::Chinese(), W);
  PlayOk(game, W, "A1");  // throw-in: black A2-B2 now in atari
  PlayOk(game, B, "B1");  // captures one stone, leaving three in atari
  EXPECT_EQ(game.board().ko_point(), kNoPoint);
  EXPECT_EQ(game.board().ChainLiberties(Vtx("B1", 5)), 1);
  PlayOk(game, W, "A1");  // snapback
  EXPECT_EQ(game.board().ToDiagram(), Diagram(R"(
    . . . . .
    . . . . .
    O O . . .
    . . O . .
    O . O . .)"));
}

class KoTest : public ::testing::TestWithParam<KoRule> {};

TEST_P(KoTest, CornerKoBansImmediateRetakeOnly) {
  GameState game = Game(R"(
    . . . . .
    . . . . .
    . . . . .
    X O . . .
    . X O . .)",
                        Rules{.ko = GetParam()}, W);
  PlayOk(game, W, "A1");  // captures B1
  EXPECT_EQ(game.board().At(Vtx("B1", 5)), Color::kEmpty);
  EXPECT_FALSE(game.IsLegal(Vtx("B1", 5), B));
  PlayOk(game, B, "E5");
  PlayOk(game, W, "E4");
  EXPECT_TRUE(game.IsLegal(Vtx("B1", 5), B));
  PlayOk(game, B, "B1");
  EXPECT_EQ(game.board().At(Vtx("A1", 5)), Color::kEmpty);
}

TEST_P(KoTest, EdgeKoBansImmediateRetakeUntilAPass) {
  GameState game = Game(R"(
    . . . . .
    . . . . .
    . . . . .
    . X O . .
    X O . O .)",
                        Rules{.ko = GetParam()});
  PlayOk(game, B, "C1");  // captures B1
  EXPECT_FALSE(game.IsLegal(Vtx("B1", 5), W));
  const absl::Status status = game.Play(Vtx("B1", 5), W);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(game.board().At(Vtx("C1", 5)), B) << "a refused move changes nothing";
  // After a pass each, the retake no longer repeats anything.
  PlayOk(game, W, "pass");
  PlayOk(game, B, "pass");
  // The retake would recreate the starting position with black to move:
  // fine under simple ko, a repetition under either superko.
  EXPECT_EQ(game.IsLegal(Vtx("B1", 5), W), GetParam() == KoRule::kSimple);
}

INSTANTIATE_TEST_SUITE_P(AllKoRules, KoTest,
                         ::testing::Values(KoRule::kSimple, KoRule::kPositional,
                                           KoRule::kSituational),
                         [](const auto& info) { return std::string(KoRuleName(info.param)); });

// Two kos: K1 bottom-left (black takes at C1, white retakes at B1) and K2
// bottom-right (white takes at G1, black retakes at H1). After the sequence
// below black's retake at H1 recreates the starting stones, but with white to
// move where the start had black to move.
constexpr std::string_view kDoubleKo = R"(
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . X O . . . X O .
    X O . O . X . X O)";

GameState PlayDoubleKoSequence(KoRule ko) {
  GameState game = Game(kDoubleKo, Rules{.ko = ko});
  const Board start = game.board();
  PlayOk(game, B, "C1");  // K1: black takes
  PlayOk(game, W, "G1");  // K2: white takes
  PlayOk(game, B, "pass");
  PlayOk(game, W, "B1");  // K1: white retakes
  EXPECT_NE(game.board().hash(), start.hash());
  return game;
}

TEST(SuperkoTest, PositionalBansWhatSituationalAllows) {
  const Point h1 = Vtx("H1", 9);
  GameState positional = PlayDoubleKoSequence(KoRule::kPositional);
  GameState situational = PlayDoubleKoSequence(KoRule::kSituational);
  GameState simple = PlayDoubleKoSequence(KoRule::kSimple);
  EXPECT_FALSE(positional.IsLegal(h1, B));
  EXPECT_TRUE(situational.IsLegal(h1, B));
  EXPECT_TRUE(simple.IsLegal(h1, B));
  PlayOk(situational, B, "H1");
  EXPECT_EQ(situational.board().hash(), Game(kDoubleKo).board().hash())
      << "the stones repeat the start exactly";
}

// Three kos, each taken in turn; the sixth capture would bring back the
// starting position with the same player to move.
constexpr std::string_view kTripleKo = R"(
    X O . O . . . . .
    . X O . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . X O . . . X O .
    X O . O . X . X O)";

void PlayTripleKoCycleUpToLastMove(GameState& game) {
  PlayOk(game, B, "C1");  // K1 black takes
  PlayOk(game, W, "G1");  // K2 white takes
  PlayOk(game, B, "C9");  // K3 black takes
  PlayOk(game, W, "B1");  // K1 white retakes
  PlayOk(game, B, "H1");  // K2 black retakes
}

TEST(SuperkoTest, TripleKoCycleIsBannedBySuperkoOnly) {
  for (KoRule ko : {KoRule::kSimple, KoRule::kPositional, KoRule::kSituational}) {
    GameState game = Game(kTripleKo, Rules{.ko = ko});
    const uint64_t start_hash = game.board().hash();
    PlayTripleKoCycleUpToLastMove(game);
    const bool legal = game.IsLegal(Vtx("B9", 9), W);
    EXPECT_EQ(legal, ko == KoRule::kSimple) << KoRuleName(ko);
    if (legal) {
      PlayOk(game, W, "B9");
      EXPECT_EQ(game.board().hash(), start_hash) << "simple ko lets the cycle repeat forever";
      EXPECT_EQ(game.to_move(), B);
      PlayTripleKoCycleUpToLastMove(game);
    }
  }
}

// Black throws in at B1 (two stones in atari), white takes two at D1, and
// black takes one back at C1, which rebuilds the starting stones.
constexpr std::string_view kSendTwoReturnOne = R"(
    . . . . .
    . . . . .
    . . . . .
    . O O X .
    O . X . X)";

TEST(SuperkoTest, SendingTwoReturningOne) {
  for (KoRule ko : {KoRule::kSimple, KoRule::kPositional, KoRule::kSituational}) {
    GameState game = Game(kSendTwoReturnOne, Rules{.ko = ko});
    PlayOk(game, B, "B1");
    PlayOk(game, W, "D1");
    EXPECT_EQ(game.board().At(Vtx("B1", 5)), Color::kEmpty);
    EXPECT_EQ(game.board().At(Vtx("C1", 5)), Color::kEmpty);
    EXPECT_EQ(game.board().ko_point(), kNoPoint) << "two stones taken: not a ko";
    // The retake recreates the start's stones with white to move (the start
    // had black to move): only positional superko objects.
    EXPECT_EQ(game.IsLegal(Vtx("C1", 5), B), ko != KoRule::kPositional) << KoRuleName(ko);
  }
}

class SuicideTest : public ::testing::TestWithParam<bool> {};

TEST_P(SuicideTest, SingleStoneSuicideIsNeverLegal) {
  GameState game = Game(R"(
    . O .
    O . .
    . . .)",
                        Rules{.suicide_allowed = GetParam()});
  EXPECT_FALSE(game.IsLegal(Vtx("A3", 3), B));
  EXPECT_FALSE(game.Play(Vtx("A3", 3), B).ok());
  EXPECT_TRUE(game.IsLegal(Vtx("A3", 3), W)) << "white filling its own point is fine";
}

TEST_P(SuicideTest, MultiStoneSuicideFollowsTheRule) {
  const bool allowed = GetParam();
  GameState game = Game(R"(
    X O .
    . O .
    O . .)",
                        Rules{.suicide_allowed = allowed});
  const Point a2 = Vtx("A2", 3);
  EXPECT_EQ(game.IsLegal(a2, B), allowed);
  if (allowed) {
    PlayOk(game, B, "A2");
    EXPECT_EQ(game.board().ToDiagram(), Diagram(R"(
      . O .
      . O .
      O . .)"));
    EXPECT_TRUE(game.board().CheckConsistency().ok());
    ASSERT_TRUE(game.Undo());
    EXPECT_EQ(game.board().ToDiagram(), Diagram(R"(
      X O .
      . O .
      O . .)"));
    EXPECT_TRUE(game.board().CheckConsistency().ok());
  }
}

INSTANTIATE_TEST_SUITE_P(BothSettings, SuicideTest, ::testing::Bool(), [](const auto& info) {
  return std::string(info.param ? "SuicideAllowed" : "SuicideForbidden");
});

TEST(TinyBoardTest, OneByOneHasOnlyPass) {
  GameState game(1);
  EXPECT_EQ(game.LegalMoves(B), std::vector<Point>{kPass});
  EXPECT_EQ(game.LegalMoves(W), std::vector<Point>{kPass});
  PlayOk(game, B, "pass");
  PlayOk(game, W, "pass");
  EXPECT_TRUE(game.IsOver());
}

TEST(TinyBoardTest, TwoByTwoCaptureAndRefill) {
  GameState game(2, Rules{.ko = KoRule::kPositional});
  EXPECT_EQ(game.LegalMoves(B).size(), 5u);
  PlayOk(game, B, "A1");
  PlayOk(game, W, "B2");
  PlayOk(game, B, "B1");
  PlayOk(game, W, "A2");  // captures A1 and B1
  EXPECT_EQ(game.board().ToDiagram(), "OO\n..\n");
  EXPECT_EQ(game.LegalMoves(B), (std::vector<Point>{Vtx("A1", 2), Vtx("B1", 2), kPass}));
  PlayOk(game, B, "A1");
  PlayOk(game, W, "B1");  // takes A1; white now fills three points
  EXPECT_EQ(game.board().ToDiagram(), "OO\n.O\n");
  // Black A1 would be single-stone suicide; white A1 would fill its last liberty.
  EXPECT_EQ(game.LegalMoves(B), std::vector<Point>{kPass});
  EXPECT_EQ(game.LegalMoves(W), std::vector<Point>{kPass});
  EXPECT_TRUE(game.board().CheckConsistency().ok());
}

TEST(GameEndTest, TwoPassesEndAndResignationIsRecorded) {
  GameState game(9);
  PlayOk(game, B, "pass");
  EXPECT_FALSE(game.IsOver());
  PlayOk(game, W, "E5");
  PlayOk(game, B, "pass");
  PlayOk(game, W, "pass");
  EXPECT_TRUE(game.IsOver());
  ASSERT_TRUE(game.Undo());
  EXPECT_FALSE(game.IsOver());
  game.Resign(B);
  EXPECT_TRUE(game.IsOver());
  EXPECT_EQ(game.resigned(), B);
}

TEST(HashTest, KoPointAndPlayerToMoveChangeTheStateHash) {
  // The same stones reached with and without a pending ko.
  GameState with_ko = Game(R"(
    . . . . .
    . . . . .
    . . . . .
    . X O . .
    X O . O .)");
  PlayOk(with_ko, B, "C1");  // takes the ko: white may not retake at once
  GameState without_ko = Game(R"(
    . . . . .
    . . . . .
    . . . . .
    . X O . .
    X . X O .)",
                              Rules::Chinese(), W);
  EXPECT_EQ(with_ko.board().hash(), without_ko.board().hash());
  EXPECT_EQ(with_ko.to_move(), without_ko.to_move());
  EXPECT_NE(with_ko.StateHash(), without_ko.StateHash());
  without_ko.set_to_move(B);
  const uint64_t black_to_move = without_ko.StateHash();
  without_ko.set_to_move(W);
  EXPECT_NE(black_to_move, without_ko.StateHash());
}

TEST(IllegalMoveTest, ReasonsAreSpecific) {
  GameState game = Game(R"(
    . O .
    O . .
    . . X)");
  EXPECT_EQ(game.CheckMove(Vtx("B3", 3), B).message(), "point is occupied");
  EXPECT_EQ(game.CheckMove(Vtx("A3", 3), B).message(), "suicide");
  EXPECT_EQ(game.CheckMove(kNoPoint, B).message(), "point is not on the board");
  EXPECT_EQ(game.CheckMove(Vtx("B2", 3), Color::kEmpty).message(),
            "the mover must be black or white");
}

}  // namespace
}  // namespace tengen
