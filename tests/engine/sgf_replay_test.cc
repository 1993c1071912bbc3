// Replaying records (illegal moves included), the rules a record names, and
// records made from games.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"
#include "tests/support/colors.h"

namespace tengen {
namespace {

GameRecord ParseOneGame(std::string_view text) {
  absl::StatusOr<std::vector<GameRecord>> records = ParseSgf(text);
  EXPECT_TRUE(records.ok()) << records.status();
  return records.ok() && !records->empty() ? records->front() : GameRecord{};
}

ReplayResult Replay(std::string_view text, const Rules& rules = Rules::Chinese(),
                    int max_moves = -1) {
  absl::StatusOr<ReplayResult> replay = ReplayGame(ParseOneGame(text), rules, max_moves);
  EXPECT_TRUE(replay.ok()) << replay.status();
  return replay.ok() ? *std::move(replay) : ReplayResult{.game = GameState(1), .warnings = {}};
}

TEST(SgfReplayTest, LegalGameReplaysWithoutWarnings) {
  const ReplayResult replay = Replay("(;SZ[5];B[cc];W[bc];B[cb];W[];B[bb])");
  EXPECT_TRUE(replay.warnings.empty());
  EXPECT_EQ(replay.game.board().ToDiagram(), Diagram(R"(
    . . . . .
    . X X . .
    . O X . .
    . . . . .
    . . . . .)"));
  EXPECT_EQ(replay.game.moves().size(), 5u);
  EXPECT_EQ(replay.game.to_move(), W);
}

TEST(SgfReplayTest, MoveOnAnOccupiedPointIsExecutedWithAWarning) {
  const ReplayResult replay = Replay("(;SZ[5];B[cc];W[cc])");
  EXPECT_EQ(replay.warnings, std::vector<std::string>({"move 2 (W C3): point is occupied"}));
  EXPECT_EQ(replay.game.board().At(Vtx("C3", 5)), W);
  EXPECT_TRUE(replay.game.board().CheckConsistency().ok());
}

TEST(SgfReplayTest, KoRecaptureIsExecutedWithAWarning) {
  // X at B5 A4 B3, O at C5 B4 D4 C3: black C4 captures B4, white retakes.
  const std::string ko = "(;SZ[5]AB[ba][ab][bc]AW[ca][bb][db][cc];B[cb];W[bb])";
  const ReplayResult simple = Replay(ko, Rules{.ko = KoRule::kSimple});
  EXPECT_EQ(simple.warnings,
            std::vector<std::string>(
                {"move 2 (W B4): ko: the stone just captured may not be retaken yet"}));
  const std::string after_retake = Diagram(R"(
    . X O . .
    X O . O .
    . X O . .
    . . . . .
    . . . . .)");
  EXPECT_EQ(simple.game.board().ToDiagram(), after_retake);
  const ReplayResult superko = Replay(ko, Rules::Chinese());
  EXPECT_EQ(
      superko.warnings,
      std::vector<std::string>({"move 2 (W B4): positional superko: the position would repeat"}));
  EXPECT_EQ(superko.game.board().ToDiagram(), after_retake);
}

TEST(SgfReplayTest, SuicideIsExecutedAndRemovesTheStones) {
  // White A5 has no liberty: single-stone suicide, the stone is removed.
  const ReplayResult single = Replay("(;SZ[5]AB[ba][ab];W[aa])");
  EXPECT_EQ(single.warnings, std::vector<std::string>({"move 1 (W A5): suicide"}));
  EXPECT_EQ(single.game.board().At(Vtx("A5", 5)), Color::kEmpty);
  EXPECT_EQ(single.game.moves().size(), 1u);

  // White A4 joins A5 and fills their last liberty: a two-stone suicide,
  // illegal in Chinese rules and legal in Tromp-Taylor. Both remove them.
  const std::string multi = "(;SZ[5]AB[ba][bb][ac]AW[aa];W[ab])";
  const ReplayResult chinese = Replay(multi, Rules::Chinese());
  EXPECT_EQ(chinese.warnings, std::vector<std::string>({"move 1 (W A4): suicide"}));
  const ReplayResult tromp_taylor = Replay(multi, Rules::TrompTaylor());
  EXPECT_TRUE(tromp_taylor.warnings.empty());
  const std::string expected = Diagram(R"(
    . X . . .
    . X . . .
    X . . . .
    . . . . .
    . . . . .)");
  EXPECT_EQ(chinese.game.board().ToDiagram(), expected);
  EXPECT_EQ(tromp_taylor.game.board().ToDiagram(), expected);
}

TEST(SgfReplayTest, SetupNeverCapturesAndPlayerToMoveIsSet) {
  const ReplayResult replay = Replay("(;SZ[3]AB[ab][ba]AW[aa]PL[W])");
  EXPECT_EQ(replay.game.board().ToDiagram(), Diagram(R"(
    O X .
    X . .
    . . .)"));
  EXPECT_EQ(replay.game.to_move(), W);
  EXPECT_TRUE(replay.warnings.empty());
  // AE clears a point; a later setup node starts a new initial position.
  const ReplayResult cleared = Replay("(;SZ[3]AB[aa:cc];B[];AE[bb]AW[cc])");
  EXPECT_EQ(cleared.game.board().ToDiagram(), Diagram(R"(
    X X X
    X . X
    X X O)"));
  EXPECT_TRUE(cleared.game.moves().empty());
}

TEST(SgfReplayTest, MaxMovesStopsEarly) {
  const std::string game = "(;SZ[9];B[aa];W[ba];B[ca];W[da];B[ea];W[fa];B[ga];PL[B]W[ha])";
  EXPECT_EQ(Replay(game, Rules::Chinese(), -1).game.moves().size(), 8u);
  EXPECT_EQ(Replay(game, Rules::Chinese(), 0).game.moves().size(), 0u);
  const ReplayResult three = Replay(game, Rules::Chinese(), 3);
  ASSERT_EQ(three.game.moves().size(), 3u);
  EXPECT_EQ(three.game.moves().back(), (PlayedMove{B, Vtx("C9", 9)}));
  EXPECT_EQ(three.game.board().At(Vtx("D9", 9)), Color::kEmpty);
  EXPECT_EQ(three.game.to_move(), W);
  // Stopping before the 8th move applies that node's PL first.
  EXPECT_EQ(Replay(game, Rules::Chinese(), 7).game.to_move(), B);
  // Warnings only for moves that were played.
  const std::string illegal = "(;SZ[5];B[cc];W[cc];B[cc])";
  EXPECT_EQ(Replay(illegal, Rules::Chinese(), 1).warnings.size(), 0u);
  EXPECT_EQ(Replay(illegal, Rules::Chinese(), 2).warnings.size(), 1u);
  EXPECT_EQ(Replay(illegal).warnings.size(), 2u);
}

TEST(SgfReplayTest, RecordsThatCannotBeReplayedAreErrors) {
  GameRecord record;
  record.nodes.emplace_back();
  for (int size : {0, 26}) {
    record.size = size;
    const absl::StatusOr<ReplayResult> replay = ReplayGame(record, Rules::Chinese());
    ASSERT_FALSE(replay.ok());
    EXPECT_EQ(Message(replay.status()),
              fmt::format("cannot replay a {0}x{0} board: sizes run from 1 to 25", size));
  }
  record.size = 5;
  record.nodes[0].move = PlayedMove{B, 1000};
  EXPECT_FALSE(ReplayGame(record, Rules::Chinese()).ok());
  record.nodes[0].move = PlayedMove{Color::kEmpty, kPass};
  EXPECT_FALSE(ReplayGame(record, Rules::Chinese()).ok());
  record.nodes[0].move.reset();
  record.nodes[0].setup = {{kPass, B}};
  EXPECT_FALSE(ReplayGame(record, Rules::Chinese()).ok());
  record.nodes[0].setup = {{MakePoint(4, 4, 5), B}};
  EXPECT_TRUE(ReplayGame(record, Rules::Chinese()).ok());
}

TEST(SgfReplayTest, RulesOfRecordReadsCommonNames) {
  GameRecord record;
  record.komi = 6.5;
  const Rules fallback{.ko = KoRule::kSimple, .suicide_allowed = true, .komi = 99};
  auto rules_named = [&](std::string_view name) {
    record.rules = std::string(name);
    return RulesOfRecord(record, fallback);
  };
  EXPECT_EQ(rules_named("Chinese"), (Rules{.ko = KoRule::kPositional, .komi = 6.5}));
  EXPECT_EQ(rules_named("chinese"), (Rules{.ko = KoRule::kPositional, .komi = 6.5}));
  EXPECT_EQ(rules_named("Tromp-Taylor"),
            (Rules{.ko = KoRule::kPositional, .suicide_allowed = true, .komi = 6.5}));
  EXPECT_EQ(rules_named("AGA"), (Rules{.ko = KoRule::kSituational, .komi = 6.5}));
  EXPECT_EQ(rules_named("NZ"),
            (Rules{.ko = KoRule::kSituational, .suicide_allowed = true, .komi = 6.5}));
  EXPECT_EQ(rules_named("Japanese"), (Rules{.ko = KoRule::kSimple, .komi = 6.5}));
  EXPECT_EQ(rules_named("ko=situational;suicide=allowed"),
            (Rules{.ko = KoRule::kSituational, .suicide_allowed = true, .komi = 6.5}));
  EXPECT_EQ(rules_named("ko=simple"), (Rules{.ko = KoRule::kSimple, .komi = 6.5}));
  // Absent or unknown: the fallback, with the record's komi.
  const Rules fallback_with_komi{.ko = KoRule::kSimple, .suicide_allowed = true, .komi = 6.5};
  EXPECT_EQ(rules_named(""), fallback_with_komi);
  EXPECT_EQ(rules_named("Martian"), fallback_with_komi);
  EXPECT_EQ(rules_named("ko=sometimes"), fallback_with_komi);
  EXPECT_EQ(rules_named("ko=simple;colour=blue"), fallback_with_komi);
}

TEST(SgfReplayTest, RecordFromGameNamesItsRulesSoTheyReadBack) {
  for (KoRule ko : {KoRule::kSimple, KoRule::kPositional, KoRule::kSituational}) {
    for (bool suicide : {false, true}) {
      for (double komi : {7.5, 0.0, -2.5}) {
        const Rules rules{.ko = ko, .suicide_allowed = suicide, .komi = komi};
        const GameRecord record = RecordFromGame(GameState(9, rules));
        EXPECT_EQ(RulesOfRecord(record, Rules{.ko = KoRule::kSimple, .komi = 1}), rules)
            << DescribeRules(rules) << " written as " << record.rules;
        EXPECT_EQ(record.komi, komi);
      }
    }
  }
  Rules chinese = Rules::Chinese();
  chinese.komi = 5.5;
  EXPECT_EQ(RecordFromGame(GameState(9, chinese)).rules, "Chinese");
  EXPECT_EQ(RecordFromGame(GameState(9, Rules::TrompTaylor())).rules, "tromp-taylor");
  EXPECT_EQ(RecordFromGame(GameState(9, Rules{.ko = KoRule::kSituational})).rules,
            "ko=situational;suicide=forbidden");
}

TEST(SgfReplayTest, RecordFromGameHasSetupThenOneNodePerMove) {
  GameState game = Game(R"(
    . . . . .
    . X . . .
    . . . . .
    . . . O .
    . . . . .)",
                        Rules::Chinese(), W);
  PlayOk(game, W, "C3");
  PlayOk(game, B, "pass");
  const GameRecord record = RecordFromGame(game);
  EXPECT_EQ(record.size, 5);
  ASSERT_EQ(record.nodes.size(), 3u);
  const GameRecordNode& root = record.nodes[0];
  ASSERT_EQ(root.setup.size(), 2u);
  EXPECT_EQ(root.setup[0].point, Vtx("B4", 5));
  EXPECT_EQ(root.setup[0].color, B);
  EXPECT_EQ(root.setup[1].point, Vtx("D2", 5));
  EXPECT_EQ(root.setup[1].color, W);
  EXPECT_EQ(root.player_to_move, W);
  EXPECT_FALSE(root.move.has_value());
  EXPECT_EQ(record.nodes[1].move, (PlayedMove{W, Vtx("C3", 5)}));
  EXPECT_EQ(record.nodes[2].move, (PlayedMove{B, kPass}));
  // An empty game with black to move needs no PL.
  EXPECT_FALSE(RecordFromGame(GameState(9)).nodes[0].player_to_move.has_value());
}

TEST(SgfReplayTest, SampleHandicapGameReplays) {
  absl::StatusOr<std::vector<GameRecord>> records =
      ReadSgfFile(std::string(TENGEN_TEST_DATA_DIR) + "/sgf/handicap_19x19.sgf");
  ASSERT_TRUE(records.ok()) << records.status();
  const GameRecord& record = records->front();
  const Rules rules = RulesOfRecord(record);
  EXPECT_EQ(rules, (Rules{.ko = KoRule::kSimple, .komi = 0.5}));  // RU[Japanese] KM[0.5]
  absl::StatusOr<ReplayResult> replay = ReplayGame(record, rules);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->warnings.empty());
  EXPECT_EQ(replay->game.moves().size(), 10u);
  EXPECT_EQ(replay->game.moves().front().color, W);
  EXPECT_EQ(replay->game.board().At(Vtx("D16", 19)), B);  // a handicap stone
  EXPECT_EQ(replay->game.board().num_empty(), 19 * 19 - 14);
}

// Forced (illegal) moves are undone from a saved board, legal ones
// incrementally; mixed, in a copy of the game too, undo must walk back
// through every earlier position exactly.
TEST(SgfReplayTest, UndoWalksBackThroughForcedAndLegalMoves) {
  GameState game(5);
  struct Seen {
    std::string diagram;
    uint64_t hash;
    Color to_move;
  };
  std::vector<Seen> seen;
  const auto remember = [&](const GameState& g) {
    seen.push_back({g.board().ToDiagram(), g.StateHash(), g.to_move()});
  };
  remember(game);
  PlayOk(game, B, "C3");
  remember(game);
  EXPECT_FALSE(game.PlayForced(Vtx("C3", 5), W).ok());  // occupied: overwritten
  remember(game);
  PlayOk(game, B, "B3");
  remember(game);
  EXPECT_FALSE(game.PlayForced(Vtx("B3", 5), W).ok());
  remember(game);
  PlayOk(game, B, "D4");
  remember(game);

  GameState copy = game;
  for (GameState* g : {&game, &copy}) {
    for (size_t k = seen.size() - 1; k > 0; --k) {
      ASSERT_TRUE(g->Undo());
      EXPECT_EQ(g->board().ToDiagram(), seen[k - 1].diagram) << "after undoing move " << k;
      EXPECT_EQ(g->StateHash(), seen[k - 1].hash) << "after undoing move " << k;
      EXPECT_EQ(g->to_move(), seen[k - 1].to_move);
      EXPECT_TRUE(g->board().CheckConsistency().ok());
    }
    EXPECT_FALSE(g->Undo());
    EXPECT_TRUE(g->moves().empty());
  }
}

}  // namespace
}  // namespace tengen
