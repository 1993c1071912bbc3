// Long histories and long input: loadsgf limits and messages, the cost of a
// move after a long game, bounded input lines, undo with a count, and the
// board size warning.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "gtp/line_reader.h"
#include "tests/gtp/gtp_test_util.h"

namespace tengen {
namespace {

bool Contains(std::string_view text, std::string_view piece) {
  return text.find(piece) != std::string_view::npos;
}

// A test engine whose log lines are collected in *log.
std::unique_ptr<GtpEngine> LoggingEngine(std::vector<std::string>* log,
                                         GtpEngineOptions options = TestEngineOptions()) {
  options.log = [log](std::string_view line) { log->emplace_back(line); };
  return MakeTestEngine(std::move(options));
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            fmt::format("tengen_server_history_test_{}_{}", ::getpid(),
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    const std::string path = (path_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// "(;GM[1]SZ[9];B[aa];B[aa]...)": every move after the first lands on an
// occupied point, as in the issue.
std::string ForcedMovesSgf(int moves) {
  std::string text = "(;GM[1]SZ[9]";
  for (int i = 0; i < moves; ++i) text += ";B[aa]";
  return text + ")";
}

TEST(LongHistory, LoadsgfAtTheMoveLimitThenGenmoveSeesOnlyRecentHistory) {
  TempDir dir;
  const std::string path = dir.Write("forced.sgf", ForcedMovesSgf(kMaxReplayMoves));
  std::vector<std::string> log;
  GtpEngineOptions options = TestEngineOptions();
  options.symmetry = SymmetryMode::kAverage;  // 8 images of the position
  std::unique_ptr<GtpEngine> engine = LoggingEngine(&log, options);
  const std::vector<GtpReply> replies =
      Replies(RunGtp(*engine, fmt::format("loadsgf {}\ngenmove w\ngenmove b\n", path)));
  ASSERT_EQ(replies.size(), 3u);
  for (const GtpReply& reply : replies) EXPECT_TRUE(reply.success) << reply.body;
  EXPECT_EQ(engine->game().move_number(), kMaxReplayMoves + 2);
  // What genmove evaluates does not grow with the game.
  const GameState position = engine->PositionFor(Color::kWhite);
  EXPECT_LE(position.moves().size(), 16u);
  EXPECT_EQ(position.move_number(), kMaxReplayMoves + 2);
  EXPECT_LT(position.HistoryBytes(), 64u << 10);
  // 9,999 broken moves: a few log lines, not thousands.
  EXPECT_LE(log.size(), 12u);
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const std::string& line) {
    return Contains(line, "and 9989 more moves that broke the rules");
  }));
}

TEST(LongHistory, LoadsgfOverTheMoveLimitFailsSayingWhy) {
  TempDir dir;
  const std::string path = dir.Write("long.sgf", ForcedMovesSgf(kMaxReplayMoves + 1));
  std::vector<std::string> log;
  std::unique_ptr<GtpEngine> engine = LoggingEngine(&log);
  const std::vector<GtpReply> replies =
      Replies(RunGtp(*engine, fmt::format("play b D4\nloadsgf {}\nshowboard\n", path)));
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_FALSE(replies[1].success);
  EXPECT_EQ(replies[1].body, " cannot load file");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_TRUE(Contains(log[0], "more than 10000 moves")) << log[0];
  EXPECT_EQ(engine->game().moves().size(), 1u);  // the game before is kept
}

TEST(LongHistory, LoadsgfOfAMissingFileSaysItCannotBeOpened) {
  TempDir dir;
  const std::string path = dir.Path("missing.sgf");
  std::vector<std::string> log;
  std::unique_ptr<GtpEngine> engine = LoggingEngine(&log);
  const std::vector<GtpReply> replies = Replies(RunGtp(*engine, "loadsgf " + path + "\n"));
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_FALSE(replies[0].success);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_TRUE(Contains(log[0], "cannot open " + path + ": No such file")) << log[0];
  EXPECT_FALSE(Contains(log[0], "regular")) << log[0];
}

TEST(LongHistory, LoadsgfOverTheFileSizeLimitFails) {
  TempDir dir;
  std::string text = "(;GM[1]SZ[9]C[";
  text += std::string(kMaxSgfFileBytes - text.size(), 'x') + "])";
  const std::string path = dir.Write("big.sgf", text);
  std::vector<std::string> log;
  std::unique_ptr<GtpEngine> engine = LoggingEngine(&log);
  const std::vector<GtpReply> replies = Replies(RunGtp(*engine, "loadsgf " + path + "\n"));
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_FALSE(replies[0].success);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_TRUE(Contains(log[0], "over the limit of 4 MiB")) << log[0];
}

std::string Padded(std::string_view command, size_t bytes) {
  std::string line(command);
  line.resize(bytes, ' ');
  return line;
}

TEST(LongLines, ALineAtTheLimitIsServedAndOneByteMoreIsRefused) {
  const std::string input = Padded("1 protocol_version", kMaxLineBytes) + "\n" +
                            Padded("2 quit", kMaxLineBytes + 1) + "\n" + "3 name\n";
  const std::vector<GtpReply> replies = Replies(RunGtp(input));
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_TRUE(replies[0].success);
  EXPECT_EQ(replies[0].body, " 2");
  EXPECT_FALSE(replies[1].success);  // and it did not quit
  EXPECT_EQ(replies[1].body, " line too long (over 1048576 bytes)");
  EXPECT_TRUE(replies[2].success);
  EXPECT_EQ(replies[2].body, " Tengen");
}

TEST(LongLines, HandleLineRefusesTooLongLinesToo) {
  std::unique_ptr<GtpEngine> engine = MakeTestEngine();
  std::istringstream in;
  std::ostringstream out;
  GtpServer server(*engine, in, out);
  EXPECT_TRUE(server.HandleLine(Padded("quit", kMaxLineBytes + 1)));
  EXPECT_EQ(out.str(), "? line too long (over 1048576 bytes)\n\n");
}

TEST(LongLines, ReaderKeepsAtMostTheMaximumAndDiscardsTheRest) {
  // Lines across the reader's 4 KB chunks: at the limit, one byte over,
  // far over, then an unterminated last line.
  const size_t max = 5000;
  std::istringstream in(std::string(max, 'a') + "\n" + std::string(max + 1, 'b') + "\n" +
                        std::string(50000, 'c') + "\nlast");
  LineReader reader(in, max);
  std::optional<InputLine> line = reader.Next();
  ASSERT_TRUE(line.has_value());
  EXPECT_FALSE(line->too_long);
  EXPECT_EQ(line->text, std::string(max, 'a'));
  for (int i = 0; i < 2; ++i) {
    // A fresh variable: assigning into `line` would keep its old buffer.
    const std::optional<InputLine> too_long = reader.Next();
    ASSERT_TRUE(too_long.has_value());
    EXPECT_TRUE(too_long->too_long);
    EXPECT_TRUE(too_long->text.empty());
    EXPECT_LE(too_long->text.capacity(), 32u);  // the memory was given back
  }
  line = reader.Next();
  ASSERT_TRUE(line.has_value());
  EXPECT_FALSE(line->too_long);
  EXPECT_EQ(line->text, "last");
  EXPECT_FALSE(reader.Next().has_value());
}

TEST(Undo, TakesAnOptionalCountWhereZeroMeansOne) {
  const std::vector<GtpReply> replies =
      Replies(RunGtp("play b D4\nplay w C3\nplay b E5\nplay w F6\n"
                     "undo 0\n"  // one, as qgo means it
                     "undo 2\n"  // two
                     "undo 5\n"  // only one left: refused, nothing changes
                     "undo -1\nundo 1 2\nundo x\n"
                     "undo 1\n"
                     "undo\n"));
  ASSERT_EQ(replies.size(), 12u);
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(replies[i].success) << i << ": " << replies[i].body;
  EXPECT_EQ(replies[6].body, " cannot undo");
  for (int i = 7; i < 10; ++i) EXPECT_EQ(replies[i].body, " syntax error") << i;
  EXPECT_TRUE(replies[10].success);  // the move that was left
  EXPECT_FALSE(replies[11].success);
  EXPECT_EQ(replies[11].body, " cannot undo");
}

TEST(Undo, CountedUndoGivesTheSamePositionAsRepeatedUndo) {
  std::unique_ptr<GtpEngine> counted = MakeTestEngine();
  std::unique_ptr<GtpEngine> repeated = MakeTestEngine();
  const std::string moves = "play b D4\nplay w C3\nplay b E5\nplay w F6\n";
  RunGtp(*counted, moves + "undo 3\n");
  RunGtp(*repeated, moves + "undo\nundo\nundo\n");
  EXPECT_EQ(RunGtp(*counted, "showboard\nprintsgf\n"), RunGtp(*repeated, "showboard\nprintsgf\n"));
  EXPECT_EQ(counted->game().moves().size(), 1u);
}

TEST(BoardSizeWarning, LoggedOncePerChangeToAnotherSizeThanTheModels) {
  std::vector<std::string> log;
  GtpEngineOptions options = TestEngineOptions();
  options.model_board_size = 9;
  std::unique_ptr<GtpEngine> engine = LoggingEngine(&log, options);
  const auto warnings = [&] {
    return std::count_if(log.begin(), log.end(),
                         [](const std::string& line) { return Contains(line, "trained on 9x9"); });
  };
  RunGtp(*engine, "boardsize 9\ngenmove b\n");
  EXPECT_EQ(warnings(), 0);
  RunGtp(*engine, "boardsize 19\ngenmove b\ngenmove w\nclear_board\nboardsize 19\ngenmove b\n");
  EXPECT_EQ(warnings(), 1);
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const std::string& line) {
    return Contains(line, "warning: the model was trained on 9x9 boards; on 19x19");
  }));
  RunGtp(*engine, "boardsize 9\nboardsize 13\n");
  EXPECT_EQ(warnings(), 2);
  TempDir dir;
  const std::string path = dir.Write("g.sgf", "(;GM[1]SZ[7];B[aa])");
  RunGtp(*engine, "loadsgf " + path + "\n");
  EXPECT_EQ(warnings(), 3);
}

}  // namespace
}  // namespace tengen
