// From evaluation to move: eyes, passes, resignation and cleanup.
#include "base/random.h"
#include "gtest/gtest.h"
#include "gtp/move_decision.h"
#include "policy/features.h"
#include "tests/support/diagram.h"

namespace tengen {
namespace {

GameState Game(std::string_view diagram, Color to_move = Color::kBlack) {
  absl::StatusOr<GameState> game = GameFromDiagram(diagram, Rules::Chinese(), to_move);
  EXPECT_TRUE(game.ok()) << game.status();
  return *game;
}

// An evaluation that puts `weight` times more probability on the moves
// `favoured` picks than on the other legal moves.
template <typename Favoured>
Evaluation Favouring(const GameState& state, Favoured favoured, float value = 0) {
  const int n = state.size();
  const std::vector<uint8_t> legal = LegalMoveMask(state, 0);
  Evaluation evaluation;
  evaluation.policy.assign(n * n + 1, 0.0f);
  double total = 0;
  for (int i = 0; i <= n * n; ++i) {
    if (!legal[i]) continue;
    evaluation.policy[i] = favoured(MoveIndexToPoint(i, n)) ? 1000.0f : 1.0f;
    total += evaluation.policy[i];
  }
  for (float& p : evaluation.policy) p = static_cast<float>(p / total);
  evaluation.value = value;
  return evaluation;
}

TEST(DecideMove, NeverFillsItsOwnEyesEvenWhenThePolicyWantsTo) {
  MoveChooser argmax({.mode = ChoiceMode::kArgmax}, 1);
  MoveChooser sample({.mode = ChoiceMode::kSample}, 1);
  Rng rng(7);
  int eyes_seen = 0;
  for (int game_index = 0; game_index < 20; ++game_index) {
    GameState game(7);
    for (int move = 0; move < 150 && !game.IsOver(); ++move) {
      const Color me = game.to_move();
      const Evaluation evaluation =
          Favouring(game, [&](Point p) { return p != kPass && game.board().IsSimpleEye(p, me); });
      for (MoveChooser* chooser : {&argmax, &sample}) {
        const MoveDecision decision = DecideMove(game, evaluation, *chooser, {.resign_below = -2});
        ASSERT_FALSE(decision.resign);
        if (decision.point == kPass) continue;
        EXPECT_FALSE(game.board().IsSimpleEye(decision.point, me));
        EXPECT_TRUE(game.IsLegal(decision.point));
      }
      for (Point p : game.LegalMoves(me))
        eyes_seen += p != kPass && game.board().IsSimpleEye(p, me);
      const std::vector<Point> legal = game.LegalMoves(me);
      ASSERT_TRUE(game.Play(legal[rng.Below(static_cast<uint32_t>(legal.size()))]).ok());
    }
  }
  EXPECT_GT(eyes_seen, 50);  // the property was put to the test
}

TEST(DecideMove, PassesOnlyWhenNothingElseIsPlayable) {
  MoveChooser chooser({.mode = ChoiceMode::kArgmax}, 1);
  const GameState open(5);
  const Evaluation wants_pass = Favouring(open, [](Point p) { return p == kPass; });
  EXPECT_NE(DecideMove(open, wants_pass, chooser, {}).point, kPass);
  const GameState only_eyes = Game(R"(
    X X X
    X . X
    X X X)");
  EXPECT_EQ(
      DecideMove(only_eyes, Favouring(only_eyes, [](Point) { return false; }), chooser, {}).point,
      kPass);
}

TEST(DecideMove, ResignsWhenTheValueIsHopelessButNotTooEarly) {
  MoveChooser chooser({.mode = ChoiceMode::kArgmax}, 1);
  GameState game(4);  // 16 points: resigning is allowed from move 4
  const auto evaluate = [&] {
    return Favouring(
        game, [](Point) { return false; }, -0.99f);
  };
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(game.Play(kPass).ok());
  EXPECT_FALSE(DecideMove(game, evaluate(), chooser, {}).resign);
  ASSERT_TRUE(game.Play(kPass).ok());
  const MoveDecision decision = DecideMove(game, evaluate(), chooser, {});
  EXPECT_TRUE(decision.resign);
  EXPECT_NE(decision.reason.find("-0.990"), std::string::npos) << decision.reason;
  EXPECT_FALSE(DecideMove(game, evaluate(), chooser, {.resign_below = -1}).resign);
  EXPECT_FALSE(DecideMove(game, evaluate(), chooser, {.cleanup = true}).resign);
}

// Black's area with a dead white stone at A3; white has just passed.
GameState DeadStoneGame() {
  GameState game = Game(R"(
    . . X O .
    . . X O .
    O . X O .
    . . X O .
    . . X O .)");
  game.set_komi(0);
  EXPECT_TRUE(game.Play(kPass, Color::kWhite).ok());
  return game;
}

TEST(DecideMove, PassesWhenTheOpponentPassedAndItWins) {
  MoveChooser chooser({.mode = ChoiceMode::kArgmax}, 1);
  GameState game = DeadStoneGame();
  const Evaluation evaluation = Favouring(game, [](Point) { return false; });
  const MoveDecision decision = DecideMove(game, evaluation, chooser, {});
  EXPECT_EQ(decision.point, kPass);
  EXPECT_NE(decision.reason.find("lead by 5"), std::string::npos) << decision.reason;
  // Behind by 5 with komi 10: play on.
  game.set_komi(10);
  EXPECT_NE(DecideMove(game, evaluation, chooser, {}).point, kPass);
}

TEST(DecideMove, CleanupCapturesDeadStonesBeforePassing) {
  MoveChooser chooser({.mode = ChoiceMode::kSample}, 3);
  GameState game = DeadStoneGame();
  const Point a3 = game.board().PointAt(0, 2);
  for (int turn = 0; turn < 10 && game.board().At(a3) == Color::kWhite; ++turn) {
    // The policy prefers anything but the points next to A3.
    const Evaluation evaluation = Favouring(game, [&](Point p) {
      for (int offset : game.board().NeighbourOffsets())
        if (p + offset == a3) return false;
      return true;
    });
    const MoveDecision decision = DecideMove(game, evaluation, chooser, {.cleanup = true});
    ASSERT_NE(decision.point, kPass);
    EXPECT_NE(decision.reason.find("1 dead opponent stones left"), std::string::npos);
    bool next_to_a3 = false;
    for (int offset : game.board().NeighbourOffsets()) next_to_a3 |= decision.point + offset == a3;
    EXPECT_TRUE(next_to_a3);
    ASSERT_TRUE(game.Play(decision.point, Color::kBlack).ok());
    ASSERT_TRUE(game.Play(kPass, Color::kWhite).ok());
  }
  EXPECT_EQ(game.board().At(a3), Color::kEmpty);
  const Evaluation evaluation = Favouring(game, [](Point) { return false; });
  EXPECT_EQ(DecideMove(game, evaluation, chooser, {.cleanup = true}).point, kPass);
}

}  // namespace
}  // namespace tengen
