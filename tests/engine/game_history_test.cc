// The cost of a game's history: forced moves keep no board copies, copies
// for the next move (WithRecentHistory) do not grow with the game and still
// answer legality exactly, and SGF replay stops at its documented limits.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "engine/game_state.h"
#include "engine/sgf.h"
#include "engine/symmetry.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"
#include "tests/support/colors.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

// n moves alternating black and white, all on the top-left point: every move
// after the first is forced (the point is occupied).
GameState ForcedMovesOnOnePoint(int size, int n) {
  GameState game(size);
  const Point corner = game.board().PointAt(0, 0);
  for (int i = 0; i < n; ++i) (void)game.PlayForced(corner, i % 2 == 0 ? B : W);
  return game;
}

// Every point and colour: CheckMove of a and b agree.
void ExpectSameLegality(const GameState& a, const GameState& b) {
  for (int y = 0; y < a.size(); ++y) {
    for (int x = 0; x < a.size(); ++x) {
      const Point p = a.board().PointAt(x, y);
      for (Color c : {B, W}) {
        EXPECT_EQ(Message(a.CheckMove(p, c)), Message(b.CheckMove(p, c)))
            << "at " << x << "," << y << " for " << ColorName(c);
      }
    }
  }
}

// Before the fix every forced move kept a copy of the board (sizeof(Board),
// about 10 KB), so 10,000 forced moves held ~100 MB and every copy of the
// game copied it. Now a forced move keeps only the points it changed.
TEST(GameHistoryTest, ForcedMovesKeepNoBoardCopies) {
  const int n = 10000;
  const GameState game = ForcedMovesOnOnePoint(19, n);
  ASSERT_EQ(game.move_number(), n);
  EXPECT_LT(game.HistoryBytes(), static_cast<size_t>(n) * 300);
  EXPECT_LT(game.HistoryBytes(), static_cast<size_t>(n) * sizeof(Board) / 20);
  const GameState copy = game;
  EXPECT_LE(copy.HistoryBytes(), game.HistoryBytes());
}

// Forced moves that capture, overwrite and suicide undo exactly from their
// recorded changes, ko ban included.
TEST(GameHistoryTest, ForcedMovesUndoExactly) {
  GameState game = Game(R"(
    . X O . .
    X . X O .
    . X O . .
    . . . . .
    . . . . .)",
                        Rules::Chinese(), W);
  ASSERT_TRUE(game.Play(game.board().PointAt(1, 1), W).ok());  // takes the ko
  ASSERT_NE(game.board().ko_point(), kNoPoint);
  std::vector<std::string> diagrams = {game.board().ToDiagram()};
  std::vector<uint64_t> hashes = {game.StateHash()};
  const Board& board = game.board();
  // Retaking at once is illegal (ko): forced. Then overwrite a white stone
  // with black, capturing; then a black stone with white, suiciding.
  for (auto [x, y, c] : {std::tuple{2, 1, B}, {3, 1, B}, {1, 0, W}, {0, 1, W}}) {
    EXPECT_FALSE(game.PlayForced(board.PointAt(x, y), c).ok());
    diagrams.push_back(game.board().ToDiagram());
    hashes.push_back(game.StateHash());
    ASSERT_TRUE(game.board().CheckConsistency().ok());
  }
  for (size_t k = diagrams.size() - 1; k > 0; --k) {
    ASSERT_TRUE(game.Undo());
    EXPECT_EQ(game.board().ToDiagram(), diagrams[k - 1]);
    EXPECT_EQ(game.StateHash(), hashes[k - 1]) << "ko point or stones differ after undo " << k;
    EXPECT_TRUE(game.board().CheckConsistency().ok());
  }
}

TEST(GameHistoryTest, RecentHistoryCopyIsSmallWhateverTheGameLength) {
  const GameState long_game = ForcedMovesOnOnePoint(19, 10000);
  const GameState short_game = ForcedMovesOnOnePoint(19, 20);
  const GameState long_copy = long_game.WithRecentHistory(16);
  const GameState short_copy = short_game.WithRecentHistory(16);
  EXPECT_LT(long_copy.HistoryBytes(), 2 * short_copy.HistoryBytes() + 4096);
  EXPECT_EQ(long_copy.moves().size(), 16u);
  EXPECT_EQ(long_copy.move_number(), 10000);
  EXPECT_TRUE(long_copy.board().SamePosition(long_game.board()));
  EXPECT_EQ(long_copy.StateHash(), long_game.StateHash());
  // moves() replayed from initial_board() give the board (as ApplySymmetry
  // does), and undo walks back to initial_board().
  const GameState image = ApplySymmetry(0, long_copy);
  EXPECT_TRUE(image.board().SamePosition(long_copy.board()));
  GameState undone = long_copy;
  for (int i = 0; i < 16; ++i) ASSERT_TRUE(undone.Undo());
  EXPECT_FALSE(undone.Undo());
  EXPECT_TRUE(undone.board().SamePosition(long_copy.initial_board()));
}

// A ko taken, then many passes, then the retake: the retake repeats the
// position from before all the passes, which positional and situational
// superko forbid. A copy keeping only the passes must still forbid it.
TEST(GameHistoryTest, RecentHistoryCopyKeepsSuperkoFromLongAgo) {
  for (KoRule ko : {KoRule::kPositional, KoRule::kSituational, KoRule::kSimple}) {
    SCOPED_TRACE(KoRuleName(ko));
    GameState game = Game(R"(
      . X O . .
      X . X O .
      . X O . .
      . . . . .
      . . . . .)",
                          Rules{.ko = ko, .suicide_allowed = false}, W);
    const Point retake = game.board().PointAt(2, 1);
    ASSERT_TRUE(game.Play(game.board().PointAt(1, 1), W).ok());
    for (int i = 0; i < 40; ++i) ASSERT_TRUE(game.Play(kPass, i % 2 == 0 ? B : W).ok());
    EXPECT_EQ(game.IsLegal(retake, B), ko == KoRule::kSimple);
    for (int kept : {0, 1, 4, 39, 41, 100}) {
      SCOPED_TRACE(kept);
      const GameState copy = game.WithRecentHistory(kept);
      EXPECT_EQ(copy.IsLegal(retake, B), ko == KoRule::kSimple);
      ExpectSameLegality(game, copy);
      GameState white_to_move = copy;
      white_to_move.set_to_move(W);
      GameState full_white = game;
      full_white.set_to_move(W);
      ExpectSameLegality(full_white, white_to_move);
    }
  }
}

GameRecord PassesRecord(int size, int moves) {
  GameRecord record;
  record.size = size;
  record.nodes.resize(moves + 1);
  for (int i = 1; i <= moves; ++i) record.nodes[i].move = PlayedMove{i % 2 ? B : W, kPass};
  return record;
}

TEST(GameHistoryTest, ReplayAcceptsTheMoveLimitAndRejectsOneMore) {
  absl::StatusOr<ReplayResult> at_limit =
      ReplayGame(PassesRecord(9, kMaxReplayMoves), Rules::Chinese());
  ASSERT_TRUE(at_limit.ok()) << at_limit.status();
  EXPECT_EQ(at_limit->game.move_number(), kMaxReplayMoves);
  absl::StatusOr<ReplayResult> over =
      ReplayGame(PassesRecord(9, kMaxReplayMoves + 1), Rules::Chinese());
  ASSERT_FALSE(over.ok());
  EXPECT_TRUE(HasSubstr(Message(over.status()), "more than 10000 moves"));
  // A record over the limit replays when asked for fewer moves.
  EXPECT_TRUE(ReplayGame(PassesRecord(9, kMaxReplayMoves + 1), Rules::Chinese(), 100).ok());
}

// The forced moves of the issue (`;B[aa]` over and over) up to the limit.
TEST(GameHistoryTest, ReplayOfForcedMovesAtTheLimitStaysSmall) {
  std::string text = "(;GM[1]SZ[9]";
  for (int i = 0; i < kMaxReplayMoves; ++i) text += ";B[aa]";
  text += ")";
  absl::StatusOr<std::vector<GameRecord>> records = ParseSgf(text);
  ASSERT_TRUE(records.ok()) << records.status();
  absl::StatusOr<ReplayResult> replay = ReplayGame(records->front(), Rules::Chinese());
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->warnings.size(), static_cast<size_t>(kMaxReplayMoves - 1));
  EXPECT_LT(replay->game.HistoryBytes(), static_cast<size_t>(kMaxReplayMoves) * 300);
}

class SgfFileTest : public ::testing::Test {
 protected:
  TempDir dir_{"game_history_test"};
};

TEST_F(SgfFileTest, MissingFileSaysItCannotBeOpenedAndWhy) {
  const std::string path = dir_.Path("missing.sgf");
  absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(path);
  ASSERT_FALSE(records.ok());
  EXPECT_TRUE(HasSubstr(Message(records.status()), "cannot open " + path));
  EXPECT_TRUE(HasSubstr(Message(records.status()), "No such file"));
  EXPECT_FALSE(HasSubstr(Message(records.status()), "regular"));
}

TEST_F(SgfFileTest, DirectoryIsNotARegularFile) {
  absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(dir_.path());
  ASSERT_FALSE(records.ok());
  EXPECT_TRUE(HasSubstr(Message(records.status()), "not a regular file (a directory)"));
}

TEST_F(SgfFileTest, FileSizeLimitIsInclusive) {
  const std::string header = "(;GM[1]SZ[9]C[";
  const auto write = [&](const std::string& name, std::uintmax_t bytes) {
    const std::string path = dir_.Path(name);
    std::ofstream out(path, std::ios::binary);
    out << header << std::string(bytes - header.size() - 2, 'x') << "])";
    return path;
  };
  const std::string at_limit = write("at.sgf", kMaxSgfFileBytes);
  ASSERT_EQ(std::filesystem::file_size(at_limit), kMaxSgfFileBytes);
  EXPECT_TRUE(ReadSgfFile(at_limit).ok());
  absl::StatusOr<std::vector<GameRecord>> over =
      ReadSgfFile(write("over.sgf", kMaxSgfFileBytes + 1));
  ASSERT_FALSE(over.ok());
  EXPECT_TRUE(HasSubstr(Message(over.status()), "over the limit of 4 MiB"));
}

}  // namespace
}  // namespace tengen
