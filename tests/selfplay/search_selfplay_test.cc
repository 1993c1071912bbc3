// Self-play with search: games end and replay to their results, the data
// holds the searched positions with the search's policy targets, one
// network call serves every game, the opening is sampled, the playout cap
// records only full searches, and seeds reproduce games.
#include "selfplay/search_selfplay.h"

#include <map>
#include <set>

#include "base/fmt_absl.h"
#include "engine/scoring.h"
#include "gtest/gtest.h"
#include "policy/playable_moves.h"
#include "tests/selfplay/selfplay_test_util.h"
#include "tests/support/fake_evaluators.h"

namespace tengen {
namespace {

SelfPlayOptions SearchedOptions(int size, int visits, uint64_t seed) {
  SelfPlayOptions options{.board_size = size, .parallel = 3, .seed = seed, .worker = "s"};
  options.search.visits = visits;
  return options;
}

std::map<int, FinishedGame> Play(Evaluator& evaluator, const SelfPlayOptions& options,
                                 const std::vector<int>& indices) {
  std::map<int, FinishedGame> games;
  const absl::Status status =
      PlaySelfPlayGames(evaluator, options, indices, [&](FinishedGame game) {
        EXPECT_TRUE(games.emplace(game.index, std::move(game)).second);
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  return games;
}

// The record replays to the recorded result, every recorded position is
// one of the game's positions with the move played there, a policy target
// inside its mask and the final ownership and score from its mover's view.
void CheckSearchedGame(const FinishedGame& game, const SelfPlayOptions& options) {
  SCOPED_TRACE(fmt::format("game {}", game.index));
  const int n = options.board_size, moves = n * n + 1;
  absl::StatusOr<ReplayResult> replay = ReplayGame(game.record, RulesOfRecord(game.record));
  ASSERT_TRUE(replay.ok()) << replay.status();
  const double margin = ScoreArea(replay->game.board(), options.rules.komi).Margin();
  EXPECT_EQ(margin, game.margin);
  EXPECT_EQ(game.record.result, FormatResult(margin));
  EXPECT_TRUE(game.hit_move_limit || replay->game.IsOver());
  const TrainingChunk& data = game.data;
  ASSERT_TRUE(data.Validate().ok()) << data.Validate();
  ASSERT_GT(data.positions(), 0);
  const std::vector<Color> owner = AreaOwnership(replay->game.board());
  // Recorded positions appear in the game's order.
  int64_t next = 0;
  for (const ReplayedMove& step : ReplayMoves(game.record)) {
    if (next == data.positions()) break;
    const std::vector<uint8_t> planes = PlanesOf(step.before);
    if (!std::equal(planes.begin(), planes.end(), data.planes.begin() + next * planes.size()) ||
        data.move[next] != PointToMoveIndex(step.move.point, n))
      continue;
    const Color mover = step.move.color;
    EXPECT_TRUE(step.before.board().IsSimpleEye(step.move.point, mover) == false ||
                step.move.point == kPass);
    double total = 0;
    for (int k = 0; k < moves; ++k) {
      const float p = data.policy[next * moves + k];
      total += p;
      if (!data.mask[next * moves + k]) {
        EXPECT_EQ(p, 0.0f);
      }
    }
    EXPECT_NEAR(total, 1.0, 1e-5);
    ASSERT_EQ(data.has_final[next], 1);
    EXPECT_EQ(data.score[next], static_cast<float>(mover == Color::kBlack ? margin : -margin));
    for (int y = 0; y < n; ++y)
      for (int x = 0; x < n; ++x) {
        const Color c = owner[MakePoint(x, y, n)];
        const int expected = c == Color::kEmpty ? 0 : c == mover ? 1 : -1;
        EXPECT_EQ(data.ownership[next * n * n + y * n + x], expected);
      }
    ++next;
  }
  EXPECT_EQ(next, data.positions()) << "recorded positions that the game did not play";
}

TEST(SearchSelfPlayTest, GumbelGamesEndReplayAndRecordSearchTargets) {
  ScoreEvaluator evaluator;
  const SelfPlayOptions options = SearchedOptions(5, 16, 3);
  const std::map<int, FinishedGame> games = Play(evaluator, options, {0, 1, 2, 3, 4});
  ASSERT_EQ(games.size(), 5u);
  int sharpened = 0;
  for (const auto& [index, game] : games) {
    CheckSearchedGame(game, options);
    // The uniform prior (ScoreEvaluator's) is not what is recorded: the
    // improved policy moves mass towards the moves the search found good.
    const TrainingChunk& data = game.data;
    const int moves = 26;
    for (int64_t i = 0; i < data.positions(); ++i) {
      float low = 1, high = 0;
      for (int k = 0; k < moves; ++k) {
        if (!data.mask[i * moves + k]) continue;
        low = std::min(low, data.policy[i * moves + k]);
        high = std::max(high, data.policy[i * moves + k]);
      }
      if (high > 1.5f * low) ++sharpened;
    }
  }
  EXPECT_GT(sharpened, 10);
}

TEST(SearchSelfPlayTest, OneNetworkCallServesTheLeavesOfEveryGame) {
  ScoreEvaluator evaluator;
  SelfPlayOptions options = SearchedOptions(5, 16, 5);
  options.parallel = 6;
  Play(evaluator, options, {0, 1, 2, 3, 4, 5});
  // Each search gathers at most batch_size (4) leaves a step: calls larger
  // than that hold the leaves of several games.
  const int per_search = options.search.search.batch_size;
  int above = 0;
  for (int size : evaluator.batch_sizes) above += size > per_search;
  EXPECT_GT(above, static_cast<int>(evaluator.batch_sizes.size()) / 2);
}

TEST(SearchSelfPlayTest, TheSameSeedAndNumberGiveTheSameGameWhateverRunsBeside) {
  ScoreEvaluator evaluator;
  SelfPlayOptions options = SearchedOptions(5, 12, 11);
  const std::map<int, FinishedGame> together = Play(evaluator, options, {1, 2, 3});
  options.parallel = 1;
  const std::map<int, FinishedGame> alone = Play(evaluator, options, {2});
  EXPECT_EQ(WriteSgf(alone.at(2).record), WriteSgf(together.at(2).record));
  EXPECT_EQ(alone.at(2).data.policy, together.at(2).data.policy);
  EXPECT_NE(together.at(1).record.nodes, together.at(2).record.nodes);
}

TEST(SearchSelfPlayTest, TheSampledOpeningMakesDeterministicSearchesDiverse) {
  ScoreEvaluator evaluator;
  // PUCT without noise and no sampled opening: every game is the same.
  SelfPlayOptions options = SearchedOptions(5, 12, 7);
  options.search.search.root_policy = RootPolicy::kPuct;
  options.choice.opening_moves = 0;
  std::set<std::string> same;
  for (const auto& [index, game] : Play(evaluator, options, {0, 1, 2, 3}))
    same.insert(WriteSgf(game.record).substr(WriteSgf(game.record).find(";B[")));
  EXPECT_EQ(same.size(), 1u);
  // Its first four moves drawn from the visit distribution: games differ.
  options.choice.opening_moves = 4;
  std::set<std::string> openings;
  for (const auto& [index, game] : Play(evaluator, options, {0, 1, 2, 3})) {
    CheckSearchedGame(game, options);
    std::string first_moves;
    for (int i = 0; i < 4; ++i) first_moves += fmt::format("{},", game.data.move[i]);
    openings.insert(first_moves);
  }
  EXPECT_GT(openings.size(), 1u);
}

TEST(SearchSelfPlayTest, ThePlayoutCapRecordsOnlyFullSearches) {
  ScoreEvaluator evaluator;
  SelfPlayOptions options = SearchedOptions(5, 16, 9);
  options.search.search.root_policy = RootPolicy::kPuct;
  options.search.search.root_noise = true;
  options.search.full_search_fraction = 0.25;
  options.search.cheap_visits = 4;
  int64_t recorded = 0, played = 0;
  for (const auto& [index, game] : Play(evaluator, options, {0, 1, 2, 3, 4, 5, 6, 7})) {
    CheckSearchedGame(game, options);
    recorded += game.data.positions();
    played += game.moves;
  }
  // About a quarter of the moves (forced ones are never recorded).
  EXPECT_GT(recorded, played / 10);
  EXPECT_LT(recorded, played / 2);
}

TEST(SearchSelfPlayTest, BadSearchSettingsAreRefused) {
  ScoreEvaluator evaluator;
  auto finished = [](FinishedGame) { return absl::OkStatus(); };
  const std::vector<int> indices = {0};
  SelfPlayOptions options = SearchedOptions(5, 16, 1);
  options.search.full_search_fraction = 0.5;  // and no cheap visits
  EXPECT_FALSE(PlaySelfPlayGames(evaluator, options, indices, finished).ok());
  options.search.cheap_visits = 32;  // more than a full search
  EXPECT_FALSE(PlaySelfPlayGames(evaluator, options, indices, finished).ok());
  options = SearchedOptions(5, -1, 1);
  EXPECT_FALSE(PlaySelfPlayGames(evaluator, options, indices, finished).ok());
  options = SearchedOptions(5, 16, 1);
  options.search.search.gumbel_considered = 0;
  EXPECT_FALSE(PlaySelfPlayGames(evaluator, options, indices, finished).ok());
  EXPECT_TRUE(evaluator.batch_sizes.empty());
}

}  // namespace
}  // namespace tengen
