// Matches: colours alternate, results add up, a player's failure in one game
// loses that game (with the reason recorded) and the match goes on, and
// every game can be written as SGF.
#include "match/match.h"

#include <map>
#include <set>

#include "base/fmt_absl.h"
#include "base/stop_token.h"
#include "engine/coordinates.h"
#include "engine/scoring.h"
#include "gtest/gtest.h"
#include "tests/support/files.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

enum class Trouble { kFailure, kIllegalMove, kResign, kStatusError };

// A random player with a name that, in chosen games, misbehaves once the
// game has `after` moves. Counts the calls it gets.
class ScriptedPlayer : public MatchPlayer {
 public:
  ScriptedPlayer(std::string name, uint64_t seed, std::map<int, Trouble> plan = {}, int after = 4)
      : name_(std::move(name)),
        random_(CreateRandomPlayer(seed)),
        plan_(std::move(plan)),
        after_(after) {}
  std::string name() const override { return name_; }
  absl::Status StartGame(int game, const GameState& state) override {
    EXPECT_EQ(state.moves().size(), 0u);
    ++started[game];
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<PlayerMove>> ChooseMoves(
      std::span<const int> games, std::span<const GameState* const> states) override {
    absl::StatusOr<std::vector<PlayerMove>> moves = random_->ChooseMoves(games, states);
    for (size_t i = 0; i < games.size(); ++i) {
      EXPECT_EQ(started[games[i]], 1);
      const auto trouble = plan_.find(games[i]);
      if (trouble == plan_.end() || static_cast<int>(states[i]->moves().size()) < after_) continue;
      switch (trouble->second) {
        case Trouble::kFailure:
          (*moves)[i] = {.failure = "engine crashed (exit status 139)"};
          break;
        case Trouble::kIllegalMove:
          for (int index = 0; index < states[i]->size() * states[i]->size(); ++index) {
            const Point p = MoveIndexToPoint(index, states[i]->size());
            if (states[i]->board().At(p) != Color::kEmpty) {
              (*moves)[i] = {.point = p};  // an occupied point
              break;
            }
          }
          break;
        case Trouble::kResign:
          (*moves)[i] = {.resign = true};
          break;
        case Trouble::kStatusError:
          return absl::UnavailableError("the engine is gone");
      }
    }
    return moves;
  }
  void OpponentMoved(int game, Color, Point) override { ++opponent_moves[game]; }
  void EndGame(int game) override { ++ended[game]; }

  std::map<int, int> started, ended, opponent_moves;

 private:
  std::string name_;
  std::unique_ptr<MatchPlayer> random_;
  std::map<int, Trouble> plan_;
  int after_;
};

void CheckResultsAddUp(const MatchResult& result, const MatchOptions& options) {
  ASSERT_EQ(static_cast<int>(result.games.size()), options.games);
  EXPECT_EQ(result.first.games(), options.games);
  WinRate recount;
  std::set<int> indices;
  for (const MatchGame& game : result.games) {
    SCOPED_TRACE(game.index);
    indices.insert(game.index);
    EXPECT_EQ(game.first_is_black, game.index % 2 == 0);  // colours alternate
    EXPECT_EQ(game.record.black_player,
              game.first_is_black ? result.first_name : result.second_name);
    EXPECT_EQ(game.record.white_player,
              game.first_is_black ? result.second_name : result.first_name);
    EXPECT_EQ(game.record.game_name, fmt::format("game {}", game.index));
    EXPECT_EQ(
        game.moves,
        static_cast<int>(ReplayGame(game.record, RulesOfRecord(game.record))->game.moves().size()));
    const Color first_color = game.first_is_black ? Color::kBlack : Color::kWhite;
    if (game.winner == Color::kEmpty)
      ++recount.draws;
    else if (game.winner == first_color)
      ++recount.wins;
    else
      ++recount.losses;
  }
  EXPECT_EQ(recount.wins, result.first.wins);
  EXPECT_EQ(recount.draws, result.first.draws);
  EXPECT_EQ(recount.losses, result.first.losses);
  EXPECT_EQ(static_cast<int>(indices.size()), options.games);
}

TEST(MatchTest, RandomPlayersAlternateColoursAndTheResultsAddUp) {
  ScriptedPlayer first("alpha", 1), second("beta", 2);
  const MatchOptions options{.games = 8, .parallel = 3, .board_size = 5};
  absl::StatusOr<MatchResult> result = PlayMatch(first, second, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->first_name, "alpha");
  EXPECT_EQ(result->second_name, "beta");
  CheckResultsAddUp(*result, options);
  for (const MatchGame& game : result->games) {
    SCOPED_TRACE(game.index);
    absl::StatusOr<ReplayResult> replay = ReplayGame(game.record, RulesOfRecord(game.record));
    ASSERT_TRUE(replay.ok());
    EXPECT_TRUE(replay->warnings.empty());
    if (game.end == GameEnd::kScore) {
      EXPECT_TRUE(replay->game.IsOver());
    } else {
      EXPECT_EQ(game.end, GameEnd::kMoveLimit);
      EXPECT_EQ(game.Reason(), "move limit");
      EXPECT_EQ(game.moves, 75);
    }
    EXPECT_EQ(game.record.result, FormatResult(game.margin));
    EXPECT_EQ(game.winner, game.margin > 0   ? Color::kBlack
                           : game.margin < 0 ? Color::kWhite
                                             : Color::kEmpty);
    // Each player heard about every move of the other and saw the game start and end once.
    for (ScriptedPlayer* player : {&first, &second}) {
      EXPECT_EQ(player->started[game.index], 1);
      EXPECT_EQ(player->ended[game.index], 1);
    }
    EXPECT_EQ(first.opponent_moves[game.index] + second.opponent_moves[game.index], game.moves);
  }
  EXPECT_FALSE(result->stopped_early);
}

// Records what each game started from.
class OpeningRecorder : public MatchPlayer {
 public:
  explicit OpeningRecorder(uint64_t seed) : random_(CreateRandomPlayer(seed)) {}
  std::string name() const override { return "recorder"; }
  absl::Status StartGame(int game, const GameState& state) override {
    started[game] = state.moves();
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<PlayerMove>> ChooseMoves(
      std::span<const int> games, std::span<const GameState* const> states) override {
    return random_->ChooseMoves(games, states);
  }
  std::map<int, std::vector<PlayedMove>> started;

 private:
  std::unique_ptr<MatchPlayer> random_;
};

TEST(MatchTest, RandomOpeningsArePlayedOncePerPairOfGamesAndHandedToThePlayers) {
  OpeningRecorder first(1), second(2);
  const MatchOptions options{
      .games = 6, .parallel = 3, .board_size = 7, .opening_moves = 5, .opening_seed = 9};
  absl::StatusOr<MatchResult> result = PlayMatch(first, second, options);
  ASSERT_TRUE(result.ok()) << result.status();
  CheckResultsAddUp(*result, options);
  std::map<int, std::vector<PlayedMove>> openings;
  for (const MatchGame& game : result->games) {
    SCOPED_TRACE(game.index);
    // The record starts with the opening, and both players were given it.
    absl::StatusOr<ReplayResult> replay = ReplayGame(game.record, RulesOfRecord(game.record));
    ASSERT_TRUE(replay.ok());
    const std::vector<PlayedMove>& moves = replay->game.moves();
    ASSERT_GE(moves.size(), 5u);
    const std::vector<PlayedMove> opening(moves.begin(), moves.begin() + 5);
    EXPECT_EQ(first.started.at(game.index), opening);
    EXPECT_EQ(second.started.at(game.index), opening);
    for (const PlayedMove& move : opening) EXPECT_NE(move.point, kPass);
    // The record marks the random moves, and only those (nodes[0] is the root).
    for (size_t node = 1; node < game.record.nodes.size(); ++node)
      EXPECT_EQ(game.record.nodes[node].comment == kRandomOpeningComment, node <= 5) << node;
    openings[game.index] = opening;
  }
  // Games 2j and 2j + 1 share theirs (colours swapped); pairs differ.
  for (int j = 0; j < 3; ++j) EXPECT_EQ(openings[2 * j], openings[2 * j + 1]);
  EXPECT_NE(openings[0], openings[2]);
  EXPECT_NE(openings[2], openings[4]);
  // Another seed gives other openings; a bad count is refused.
  OpeningRecorder a(1), b(2);
  MatchOptions reseeded = options;
  reseeded.opening_seed = 10;
  ASSERT_TRUE(PlayMatch(a, b, reseeded).ok());
  EXPECT_NE(a.started.at(0), openings[0]);
  reseeded.opening_moves = 50;  // more than the 49 points
  EXPECT_FALSE(PlayMatch(a, b, reseeded).ok());
}

TEST(MatchTest, AFailingPlayerLosesThatGameWithTheReasonAndTheMatchGoesOn) {
  TempDir dir("match_failures");
  ScriptedPlayer good("good", 3);
  ScriptedPlayer bad("bad", 4,
                     {{1, Trouble::kFailure}, {2, Trouble::kIllegalMove}, {4, Trouble::kResign}});
  const MatchOptions options{
      .games = 6, .parallel = 6, .board_size = 5, .sgf_dir = dir.Path("sgf")};
  absl::StatusOr<MatchResult> result = PlayMatch(good, bad, options);
  ASSERT_TRUE(result.ok()) << result.status();
  CheckResultsAddUp(*result, options);
  std::map<int, const MatchGame*> by_index;
  for (const MatchGame& game : result->games) by_index[game.index] = &game;
  auto loser_color = [](const MatchGame& game) {  // the bad player's colour
    return game.first_is_black ? Color::kWhite : Color::kBlack;
  };
  auto letter = [](Color c) { return c == Color::kBlack ? "B" : "W"; };
  for (int index : {1, 2, 4}) {
    SCOPED_TRACE(index);
    const MatchGame& game = *by_index.at(index);
    EXPECT_EQ(game.winner, Opponent(loser_color(game)));
    EXPECT_EQ(game.margin, 0);
    EXPECT_EQ(game.record.nodes.back().comment, game.Reason());
    EXPECT_GE(game.moves, 4);
  }
  EXPECT_EQ(by_index.at(1)->end, GameEnd::kFailure);
  EXPECT_EQ(by_index.at(1)->failure, "bad failed: engine crashed (exit status 139)");
  EXPECT_EQ(by_index.at(1)->Reason(), "bad failed: engine crashed (exit status 139)");
  EXPECT_EQ(by_index.at(1)->record.result,
            fmt::format("{}+F", letter(Opponent(loser_color(*by_index.at(1))))));
  EXPECT_EQ(by_index.at(2)->end, GameEnd::kFailure);
  EXPECT_EQ(by_index.at(2)->failure.rfind("bad played the illegal move ", 0), 0u)
      << by_index.at(2)->failure;
  EXPECT_EQ(by_index.at(2)->record.result,
            fmt::format("{}+F", letter(Opponent(loser_color(*by_index.at(2))))));
  EXPECT_EQ(by_index.at(4)->end, GameEnd::kResignation);
  EXPECT_EQ(by_index.at(4)->Reason(), "resignation");
  EXPECT_EQ(by_index.at(4)->failure, "");
  EXPECT_EQ(by_index.at(4)->record.result,
            fmt::format("{}+R", letter(Opponent(loser_color(*by_index.at(4))))));
  for (int index : {0, 3, 5})
    EXPECT_TRUE(by_index.at(index)->end == GameEnd::kScore ||
                by_index.at(index)->end == GameEnd::kMoveLimit);
  // The games were written as SGF, one file each, as recorded.
  for (const MatchGame& game : result->games) {
    const std::string path = dir.Path(fmt::format("sgf/game-{:05}.sgf", game.index));
    absl::StatusOr<std::vector<GameRecord>> read = ReadSgfFile(path);
    ASSERT_TRUE(read.ok()) << read.status();
    ASSERT_EQ(read->size(), 1u);
    EXPECT_EQ(WriteSgf((*read)[0]), WriteSgf(game.record));
  }
  EXPECT_EQ(FilesEndingIn(dir.Path("sgf"), ".sgf").size(), 6u);
  EXPECT_EQ(FilesContaining(dir.Path("sgf"), ".tmp.").size(), 0u);
  // Read back for a resumed match, each game ends as it was played.
  const std::vector<MatchGame> again = FinishedGamesIn(dir.Path("sgf"), options.games);
  ASSERT_EQ(again.size(), 6u);
  for (const MatchGame& game : again) {
    SCOPED_TRACE(game.index);
    const MatchGame& played = *by_index.at(game.index);
    EXPECT_EQ(game.end, played.end);
    EXPECT_EQ(game.failure, played.failure);
    EXPECT_EQ(game.Reason(), played.Reason());
    EXPECT_EQ(game.winner, played.winner);
    EXPECT_EQ(game.moves, played.moves);
  }
}

TEST(MatchTest, GameEndsHaveTheNamesTheFilesUse) {
  EXPECT_EQ(GameEndName(GameEnd::kScore), "score");
  EXPECT_EQ(GameEndName(GameEnd::kResignation), "resignation");
  EXPECT_EQ(GameEndName(GameEnd::kMoveLimit), "move limit");
  EXPECT_EQ(GameEndName(GameEnd::kFailure), "failure");
  const MatchGame failed{.end = GameEnd::kFailure, .failure = "x failed: it hung"};
  EXPECT_EQ(failed.Reason(), "x failed: it hung");
  EXPECT_EQ(MatchGame{.end = GameEnd::kMoveLimit}.Reason(), "move limit");
}

TEST(MatchTest, APlayerThatIsUnusableAsAWholeEndsTheMatchWithAnError) {
  ScriptedPlayer good("good", 5), gone("gone", 6, {{0, Trouble::kStatusError}}, 0);
  absl::StatusOr<MatchResult> result =
      PlayMatch(good, gone, {.games = 2, .parallel = 2, .board_size = 5});
  EXPECT_EQ(result.status(), absl::UnavailableError("the engine is gone"));
}

TEST(MatchTest, StopEarlyAndStopRequests) {
  ScriptedPlayer a("a", 7), b("b", 8);
  int checks = 0;
  const MatchOptions options{
      .games = 10, .parallel = 1, .board_size = 5, .stop_early = [&](const WinRate& so_far) {
        ++checks;
        EXPECT_EQ(so_far.games(), checks);
        return so_far.games() >= 3;
      }};
  absl::StatusOr<MatchResult> result = PlayMatch(a, b, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->stopped_early);
  EXPECT_EQ(result->games.size(), 3u);
  EXPECT_EQ(result->first.games(), 3);
  EXPECT_EQ(a.started.size(), 3u);  // no game started after the decision

  StopSource stop;
  stop.RequestStop();
  result = PlayMatch(a, b, {.games = 2, .board_size = 5, .hooks = {.stop = stop.token()}});
  EXPECT_TRUE(absl::IsCancelled(result.status())) << result.status();
}

TEST(MatchTest, NetworkPlayersWithTheSameSeedsPlayTheSameMatch) {
  auto play = [] {
    std::shared_ptr<Evaluator> evaluator(CreateUniformEvaluator());
    auto first = CreateNetworkPlayer("net", evaluator, {}, 21);
    auto second = CreateRandomPlayer(22);
    absl::StatusOr<MatchResult> result =
        PlayMatch(*first, *second, {.games = 4, .parallel = 2, .board_size = 5});
    EXPECT_TRUE(result.ok()) << result.status();
    std::map<int, std::string> games;
    for (const MatchGame& game : result->games) games[game.index] = WriteSgf(game.record);
    return games;
  };
  const std::map<int, std::string> once = play();
  EXPECT_EQ(once.size(), 4u);
  EXPECT_EQ(once, play());
  EXPECT_NE(once.at(0), once.at(2));
}

}  // namespace
}  // namespace tengen
