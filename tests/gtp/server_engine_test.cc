// The engine facade: its random symmetry rule, time degrading, errors that
// change nothing, and loadsgf against the SGF replay it stands on.
#include <filesystem>
#include <set>

#include "engine/coordinates.h"
#include "engine/sgf.h"
#include "policy/symmetric_evaluator.h"
#include "tests/gtp/gtp_test_util.h"

namespace tengen {
namespace {

// The engine's random symmetry is RandomSymmetryFor of the position it
// evaluates with the engine's seed: the rule CreateNetworkEvaluator's
// evaluator follows for the same seed (tests/policy/evaluator_test.cc), so
// GTP and self-play give a position the same symmetry. (The symmetry modes
// themselves are tested in tests/policy/symmetric_evaluator_test.cc.)
TEST(Symmetry, RandomIsTheSameRuleAsTheNetworkEvaluatorsForTheSameSeed) {
  GtpEngineOptions options = TestEngineOptions();
  options.symmetry = SymmetryMode::kRandom;
  options.seed = 11;
  std::unique_ptr<GtpEngine> engine = MakeTestEngine(options);
  SymmetricEvaluator network_like(std::make_unique<FakeEvaluator>(), SymmetryMode::kRandom, 11);
  std::set<int> seen;
  for (int move = 0; move < 24; ++move) {
    const Color c = engine->game().to_move();
    const GameState position = engine->PositionFor(c);
    absl::StatusOr<Evaluation> evaluation = engine->Evaluate(c);
    ASSERT_TRUE(evaluation.ok());
    EXPECT_EQ(evaluation->symmetry, RandomSymmetryFor(position, 11)) << move;
    // The full game, as self-play holds it, gets the same symmetry.
    EXPECT_EQ(evaluation->symmetry, RandomSymmetryFor(engine->game(), 11)) << move;
    const GameState* state = &position;
    absl::StatusOr<std::vector<Evaluation>> expected = network_like.EvaluateBatch({&state, 1});
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ(evaluation->policy, (*expected)[0].policy) << move;
    seen.insert(evaluation->symmetry);
    ASSERT_TRUE(engine->GenMove(c, GenMoveKind::kPlay).ok());
  }
  EXPECT_GE(seen.size(), 4u);
  // tengen-seed reseeds it.
  engine->Reseed(12);
  const Color c = engine->game().to_move();
  EXPECT_EQ(engine->Evaluate(c)->symmetry, RandomSymmetryFor(engine->PositionFor(c), 12));
}

TEST(TimeDegrading, AverageFallsBackToOneSymmetryWhenTimeIsShort) {
  EvaluationCosts costs;
  EXPECT_EQ(AffordableSymmetry(SymmetryMode::kAverage, std::nullopt, costs),
            SymmetryMode::kAverage);
  EXPECT_EQ(AffordableSymmetry(SymmetryMode::kAverage, 100.0, costs), SymmetryMode::kAverage);
  EXPECT_EQ(AffordableSymmetry(SymmetryMode::kAverage, 0.0, costs), SymmetryMode::kRandom);
  EXPECT_EQ(AffordableSymmetry(SymmetryMode::kNone, 0.0, costs), SymmetryMode::kNone);
  EXPECT_EQ(AffordableSymmetry(SymmetryMode::kRandom, 0.0, costs), SymmetryMode::kRandom);
  costs.Record(SymmetryMode::kAverage, 0.05);
  EXPECT_DOUBLE_EQ(costs.average_seconds, 0.15);

  std::vector<int> batches;
  GtpEngineOptions options = TestEngineOptions();
  options.symmetry = SymmetryMode::kAverage;
  std::unique_ptr<GtpEngine> engine = MakeTestEngine(options, &batches);
  const std::string output =
      RunGtp(*engine,
             "genmove b\ntime_settings 0 0 0\ngenmove w\ntime_settings -1 -1 -1\ngenmove b\n"
             "time_settings 3600 0 0\ngenmove w\nkgs-time_settings byoyomi 0 0 0\ngenmove b\n"
             "time_settings 0 10 0\ngenmove w\n");
  for (const GtpReply& reply : Replies(output)) EXPECT_TRUE(reply.success) << reply.body;
  EXPECT_EQ(batches, (std::vector<int>{8, 1, 1, 8, 1, 8}));
}

TEST(Errors, AFailedCommandChangesNothing) {
  const std::string setup = "boardsize 7\nplay b D4\nplay w C3\nkomi 3.5\ntengen-symmetry random\n";
  const std::string probe = "showboard\nprintsgf\ntengen-settings\nfinal_score\n";
  std::unique_ptr<GtpEngine> reference = MakeTestEngine();
  RunGtp(*reference, setup);
  const std::string expected = RunGtp(*reference, probe);
  for (std::string_view failing :
       {"boardsize 0",
        "boardsize 26",
        "komi x",
        "play b D4",
        "play b C3",
        "play x D5",
        "play b Z9",
        "genmove x",
        "fixed_handicap 2",
        "fixed_handicap 1",
        "place_free_handicap 3",
        "set_free_handicap A1 A1",
        "set_free_handicap A1 B1",
        "loadsgf /no/such/file.sgf",
        "loadsgf " TENGEN_TEST_DATA_DIR "/sgf/malformed/unclosed_tree.sgf",
        "loadsgf " TENGEN_TEST_DATA_DIR "/sgf/game_9x9.sgf 0",
        "time_settings a b c",
        "kgs-time_settings fischer 1 1",
        "time_left b x 0",
        "tengen-policy greedy",
        "tengen-temperature -1",
        "tengen-temperature 1 opening_moves -1 1",
        "tengen-symmetry all",
        "tengen-seed x",
        "lz-analyze b 10 frob 1",
        "lz-genmove_analyze x",
        "final_status_list x",
        "undo x",
        "frobnicate"}) {
    std::unique_ptr<GtpEngine> engine = MakeTestEngine();
    RunGtp(*engine, setup);
    const std::vector<GtpReply> replies = Replies(RunGtp(*engine, std::string(failing) + "\n"));
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_FALSE(replies[0].success) << failing;
    EXPECT_EQ(RunGtp(*engine, probe), expected) << failing;
  }
}

// loadsgf gives the same game as replaying the record, at every move number.
TEST(LoadSgf, MatchesTheReplayAtEveryMoveNumber) {
  for (std::string_view name : {"game_9x9.sgf", "handicap_19x19.sgf", "ff3_crlf.sgf",
                                "setup_25x25.sgf", "collection.sgf", "variations.sgf"}) {
    const std::string path = std::string(TENGEN_TEST_DATA_DIR) + "/sgf/" + std::string(name);
    absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(path);
    ASSERT_TRUE(records.ok()) << records.status();
    const GameRecord& record = records->front();
    std::vector<Color> movers;
    for (const GameRecordNode& node : record.nodes)
      if (node.move) movers.push_back(node.move->color);
    Rules rules = Rules::Chinese();
    rules.komi = record.komi;
    for (int k = 1; k <= static_cast<int>(movers.size()) + 2; ++k) {
      std::unique_ptr<GtpEngine> engine = MakeTestEngine();
      ASSERT_TRUE(engine->LoadSgf(path, k).ok()) << name << " " << k;
      absl::StatusOr<ReplayResult> replay = ReplayGame(record, rules, k - 1);
      ASSERT_TRUE(replay.ok());
      const GameState& game = engine->game();
      EXPECT_EQ(game.moves(), replay->game.moves()) << name << " " << k;
      EXPECT_TRUE(game.board().SamePosition(replay->game.board())) << name << " " << k;
      EXPECT_EQ(game.rules().komi, record.komi);
      if (k <= static_cast<int>(movers.size())) {
        EXPECT_EQ(game.to_move(), movers[k - 1]) << name << " " << k;
      }
    }
    std::unique_ptr<GtpEngine> engine = MakeTestEngine();
    ASSERT_TRUE(engine->LoadSgf(path, std::nullopt).ok());
    EXPECT_EQ(engine->game().moves().size(), movers.size()) << name;
  }
}

TEST(LoadSgf, EveryMalformedFileCannotBeLoaded) {
  const std::string dir = std::string(TENGEN_TEST_DATA_DIR) + "/sgf/malformed";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::unique_ptr<GtpEngine> engine = MakeTestEngine();
    const absl::Status status = engine->LoadSgf(entry.path().string(), std::nullopt);
    if (status.ok()) continue;  // some are tolerated by the reader, by design
    ++files;
    EXPECT_EQ(status.message(), "cannot load file") << entry.path();
    EXPECT_EQ(engine->game().size(), 9);
  }
  EXPECT_GT(files, 10);
}

}  // namespace
}  // namespace tengen
