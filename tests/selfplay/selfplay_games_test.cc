// Self-play games: they end, their records replay to their results, their
// training positions are exactly the positions played, the move rules hold
// (no own-eye filling, passes only when forced) and seeds reproduce games.
#include "selfplay/selfplay_games.h"

#include <map>
#include <set>

#include "base/fmt_absl.h"
#include "engine/scoring.h"
#include "gtest/gtest.h"
#include "tests/selfplay/selfplay_test_util.h"
#include "tests/support/fake_evaluators.h"

namespace tengen {
namespace {

// Every property a finished self-play game must have.
void CheckGame(const FinishedGame& game, const SelfPlayOptions& options, bool uniform_policy) {
  SCOPED_TRACE(fmt::format("game {}", game.index));
  const int n = options.board_size;
  const GameRecord& record = game.record;
  EXPECT_EQ(record.size, n);
  EXPECT_EQ(record.komi, options.rules.komi);
  EXPECT_EQ(RulesOfRecord(record), options.rules);
  EXPECT_EQ(record.game_name, fmt::format("selfplay {} game {}", options.worker, game.index));

  // The record replays without a broken rule to a position whose area score
  // is the recorded result.
  absl::StatusOr<ReplayResult> replay = ReplayGame(record, RulesOfRecord(record));
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->warnings.empty());
  const double margin = ScoreArea(replay->game.board(), options.rules.komi).Margin();
  EXPECT_EQ(margin, game.margin);
  EXPECT_EQ(record.result, FormatResult(margin));
  EXPECT_EQ(game.moves, static_cast<int>(replay->game.moves().size()));

  // It ended by two passes, or at the move limit.
  if (game.hit_move_limit) {
    EXPECT_EQ(game.moves, options.MoveLimit());
    EXPECT_FALSE(replay->game.IsOver());
    EXPECT_NE(record.nodes.back().comment.find("limit"), std::string::npos);
  } else {
    EXPECT_TRUE(replay->game.IsOver());
    EXPECT_LE(game.moves, options.MoveLimit());
    ASSERT_GE(game.moves, 2);
    EXPECT_EQ(replay->game.moves()[game.moves - 1].point, kPass);
    EXPECT_EQ(replay->game.moves()[game.moves - 2].point, kPass);
  }

  // Position by position: the data holds exactly the moves made with a
  // choice, with the planes, mask and policy of the position they were
  // made in, and outcomes from each mover's view.
  const Color winner = margin > 0 ? Color::kBlack : margin < 0 ? Color::kWhite : Color::kEmpty;
  const TrainingChunk& data = game.data;
  ASSERT_TRUE(data.Validate().ok()) << data.Validate();
  const int moves = n * n + 1;
  const std::vector<ReplayedMove> replayed = ReplayMoves(record);
  int64_t recorded = 0;
  for (const ReplayedMove& step : replayed) {
    const Point p = step.move.point;
    const int m = PointToMoveIndex(p, n);
    EXPECT_EQ(step.move.color, step.before.to_move());
    EXPECT_TRUE(step.mask[m]) << "move " << m << " breaks its mask";
    if (p != kPass) {
      EXPECT_FALSE(step.before.board().IsSimpleEye(p, step.move.color))
          << "fills its own eye at " << m;
    } else {
      EXPECT_FALSE(step.had_choice) << "passed while a point was allowed";
    }
    if (!step.had_choice) continue;
    const int64_t i = step.data_index;
    ASSERT_LT(i, data.positions());
    EXPECT_EQ(data.move[i], m);
    EXPECT_EQ(data.outcome[i], winner == Color::kEmpty ? 0 : step.move.color == winner ? 1 : -1);
    const std::vector<uint8_t> planes = PlanesOf(step.before);
    EXPECT_TRUE(std::equal(planes.begin(), planes.end(), data.planes.begin() + i * planes.size()));
    EXPECT_TRUE(std::equal(step.mask.begin(), step.mask.end(), data.mask.begin() + i * moves));
    double total = 0;
    int allowed = 0;
    for (int k = 0; k < moves; ++k) {
      const float q = data.policy[i * moves + k];
      total += q;
      allowed += step.mask[k];
      if (!step.mask[k]) {
        EXPECT_EQ(q, 0.0f) << "probability on a move outside the mask";
      }
    }
    EXPECT_NEAR(total, 1.0, 1e-5);
    if (uniform_policy) {
      for (int k = 0; k < moves; ++k) {
        if (step.mask[k]) {
          EXPECT_NEAR(data.policy[i * moves + k], 1.0 / allowed, 1e-6);
        }
      }
    }
    ++recorded;
  }
  EXPECT_EQ(recorded, data.positions());
  // The mover alternates, so outcomes alternate in sign when the game has
  // a winner and no forced pass came between.
  EXPECT_EQ(data.games, 1);
}

TEST(SelfPlayGamesTest, GamesEndReplayToTheirResultsAndRecordEveryChoice) {
  std::unique_ptr<Evaluator> uniform = CreateUniformEvaluator();
  const SelfPlayOptions options{.board_size = 7, .parallel = 5, .seed = 17, .worker = "t"};
  std::vector<int> indices = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  std::set<int> seen;
  int finished = 0, black_wins = 0, white_wins = 0;
  const absl::Status status = PlaySelfPlayGames(*uniform, options, indices, [&](FinishedGame game) {
    EXPECT_TRUE(seen.insert(game.index).second) << "game " << game.index << " finished twice";
    CheckGame(game, options, /*uniform_policy=*/true);
    for (float v : game.data.value) EXPECT_EQ(v, 0.0f);  // the uniform evaluator's value
    ++finished;
    (game.margin > 0 ? black_wins : white_wins)++;
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(finished, 12);
  EXPECT_EQ(seen, std::set<int>(indices.begin(), indices.end()));
  EXPECT_GT(black_wins + white_wins, 0);
}

TEST(SelfPlayGamesTest, AGradedPolicyIsRecordedRestrictedToTheMask) {
  GradedEvaluator graded;
  const SelfPlayOptions options{.board_size = 5, .parallel = 3, .seed = 2, .worker = "g"};
  for (const FinishedGame& game : PlayGames(graded, options, 6)) {
    CheckGame(game, options, /*uniform_policy=*/false);
    // The recorded policy is the evaluator's, restricted to the mask.
    const std::vector<ReplayedMove> replayed = ReplayMoves(game.record);
    for (const ReplayedMove& step : replayed) {
      if (!step.had_choice) continue;
      const GameState* state = &step.before;
      const Evaluation evaluation =
          (*graded.EvaluateBatch(std::span<const GameState* const>(&state, 1)))[0];
      const std::vector<float> expected = RestrictPolicy(evaluation.policy, step.mask);
      const int moves = 26;
      for (int k = 0; k < moves; ++k)
        EXPECT_FLOAT_EQ(game.data.policy[step.data_index * moves + k], expected[k]);
      EXPECT_EQ(game.data.value[step.data_index], evaluation.value);
    }
  }
}

TEST(SelfPlayGamesTest, TheMoveLimitStopsGamesAndTheyAreScoredAsTheyStand) {
  std::unique_ptr<Evaluator> uniform = CreateUniformEvaluator();
  const SelfPlayOptions options{
      .board_size = 7, .parallel = 4, .max_moves = 12, .seed = 5, .worker = "m"};
  const std::vector<FinishedGame> games = PlayGames(*uniform, options, 4);
  ASSERT_EQ(games.size(), 4u);
  for (const FinishedGame& game : games) {
    EXPECT_TRUE(game.hit_move_limit);
    EXPECT_EQ(game.moves, 12);
    CheckGame(game, options, true);
  }
  EXPECT_EQ(SelfPlayOptions{.board_size = 9}.MoveLimit(), 243);
}

TEST(SelfPlayGamesTest, TheSameSeedAndNumberGiveTheSameGameWhateverRunsBeside) {
  std::unique_ptr<Evaluator> uniform = CreateUniformEvaluator();
  SelfPlayOptions options{.board_size = 7, .parallel = 3, .seed = 99};
  auto play = [&](SelfPlayOptions o, std::vector<int> indices) {
    std::map<int, FinishedGame> games;
    EXPECT_TRUE(PlaySelfPlayGames(*uniform, o, indices, [&](FinishedGame g) {
                  games.emplace(g.index, std::move(g));
                  return absl::OkStatus();
                }).ok());
    return games;
  };
  std::map<int, FinishedGame> together = play(options, {3, 4, 5, 6});
  options.parallel = 1;
  std::map<int, FinishedGame> alone = play(options, {6, 4});
  for (int index : {4, 6}) {
    SCOPED_TRACE(index);
    EXPECT_EQ(WriteSgf(alone.at(index).record), WriteSgf(together.at(index).record));
    EXPECT_EQ(alone.at(index).data.move, together.at(index).data.move);
    EXPECT_EQ(alone.at(index).data.planes, together.at(index).data.planes);
  }
  // Different games of one run, and the same game under another seed, differ.
  EXPECT_NE(together.at(3).record.nodes, together.at(4).record.nodes);
  options.seed = 100;
  std::map<int, FinishedGame> reseeded = play(options, {4});
  EXPECT_NE(reseeded.at(4).record.nodes, together.at(4).record.nodes);
  std::set<uint64_t> seeds;
  for (uint64_t seed : {1, 2})
    for (int index = 0; index < 100; ++index) seeds.insert(GameSeed(seed, index));
  EXPECT_EQ(seeds.size(), 200u);
}

TEST(SelfPlayGamesTest, StoppingErrorsAndBadOptions) {
  std::unique_ptr<Evaluator> uniform = CreateUniformEvaluator();
  const SelfPlayOptions options{.board_size = 5, .parallel = 2};
  const std::vector<int> indices = {0, 1, 2};
  int finished = 0;
  auto count = [&](FinishedGame) {
    ++finished;
    return absl::OkStatus();
  };
  // A stop before the first step finishes nothing and is not an error.
  EXPECT_TRUE(PlaySelfPlayGames(*uniform, options, indices, count, [] { return true; }).ok());
  EXPECT_EQ(finished, 0);
  // on_finished's first error ends the run and is returned.
  int calls = 0;
  const absl::Status failed = PlaySelfPlayGames(*uniform, options, indices, [&](FinishedGame) {
    ++calls;
    return absl::UnavailableError("disk full");
  });
  EXPECT_EQ(failed, absl::UnavailableError("disk full"));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(PlaySelfPlayGames(*uniform, {.board_size = 0}, indices, count).ok());
  EXPECT_FALSE(PlaySelfPlayGames(*uniform, {.board_size = 5, .parallel = 0}, indices, count).ok());
  EXPECT_FALSE(
      PlaySelfPlayGames(*uniform, {.board_size = 5, .max_moves = -1}, indices, count).ok());
  EXPECT_EQ(finished, 0);
}

}  // namespace
}  // namespace tengen
