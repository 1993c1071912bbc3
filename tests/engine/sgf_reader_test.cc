// The SGF reader: syntax, escapes, line ends, point lists, collections,
// variations, header fields and deep nesting.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"
#include "tests/support/colors.h"

namespace tengen {
namespace {

std::string DataPath(std::string_view name) {
  return std::string(TENGEN_TEST_DATA_DIR) + "/sgf/" + std::string(name);
}

// The only record of text; the test fails if text does not hold exactly one.
GameRecord ParseOne(std::string_view text) {
  absl::StatusOr<std::vector<GameRecord>> records = ParseSgf(text);
  EXPECT_TRUE(records.ok()) << records.status();
  if (!records.ok()) return GameRecord{};
  EXPECT_EQ(records->size(), 1u);
  return records->empty() ? GameRecord{} : records->front();
}

// The error message ParseSgf gives for text; the test fails if it parses.
std::string ParseError(std::string_view text) {
  absl::StatusOr<std::vector<GameRecord>> records = ParseSgf(text);
  EXPECT_FALSE(records.ok()) << "parsed: " << text;
  return records.ok() ? "" : Message(records.status());
}

PlayedMove Move(Color color, int x, int y, int size) {
  return PlayedMove{.color = color, .point = MakePoint(x, y, size)};
}

TEST(SgfReaderTest, ReadsHeaderFieldsMovesAndComments) {
  absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(DataPath("game_9x9.sgf"));
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 1u);
  const GameRecord& record = records->front();
  EXPECT_EQ(record.size, 9);
  EXPECT_EQ(record.komi, 7.5);
  EXPECT_EQ(record.handicap, 0);
  EXPECT_EQ(record.rules, "Chinese");
  EXPECT_EQ(record.result, "W+2.5");
  EXPECT_EQ(record.black_player, "Black ] player");
  EXPECT_EQ(record.white_player, "White\\player");
  EXPECT_EQ(record.date, "2024-05-01");
  EXPECT_EQ(record.game_name, "Sample 9x9");
  EXPECT_EQ(record.application, "Tengen:0.15");
  ASSERT_EQ(record.nodes.size(), 13u);
  EXPECT_EQ(record.nodes[0].comment,
            "A short game.\nThe comment has two lines, a softbreak and escapes: ] and \\.");
  EXPECT_FALSE(record.nodes[0].move.has_value());
  EXPECT_EQ(record.nodes[1].move, Move(B, 4, 4, 9));
  EXPECT_EQ(record.nodes[2].move, Move(W, 6, 2, 9));
  EXPECT_EQ(record.nodes[3].comment, "Black takes a corner.");
  EXPECT_EQ(record.nodes[10].move, (PlayedMove{W, kPass}));  // W[]
  EXPECT_EQ(record.nodes[11].move, (PlayedMove{B, kPass}));  // B[tt] on 9x9
  EXPECT_EQ(record.nodes[12].move, Move(W, 3, 2, 9));
}

TEST(SgfReaderTest, HandicapGameHasSetupAndPlayerToMove) {
  absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(DataPath("handicap_19x19.sgf"));
  ASSERT_TRUE(records.ok()) << records.status();
  const GameRecord& record = records->front();
  EXPECT_EQ(record.handicap, 4);
  EXPECT_EQ(record.komi, 0.5);
  EXPECT_EQ(record.result, "B+R");
  ASSERT_EQ(record.nodes[0].setup.size(), 4u);
  for (const SetupStone& stone : record.nodes[0].setup) EXPECT_EQ(stone.color, B);
  EXPECT_EQ(record.nodes[0].setup[1].point, MakePoint(15, 3, 19));  // pd
  EXPECT_EQ(record.nodes[0].player_to_move, W);
  EXPECT_EQ(record.nodes.size(), 11u);
}

TEST(SgfReaderTest, EscapesAndSoftLineBreaks) {
  EXPECT_EQ(ParseOne("(;C[a\\]b])").nodes[0].comment, "a]b");
  EXPECT_EQ(ParseOne("(;C[a\\\\b])").nodes[0].comment, "a\\b");
  EXPECT_EQ(ParseOne("(;C[\\\\])").nodes[0].comment, "\\");
  EXPECT_EQ(ParseOne("(;C[\\x\\:\\[])").nodes[0].comment, "x:[");
  EXPECT_EQ(ParseOne("(;C[a[b;c(d)e])").nodes[0].comment, "a[b;c(d)e");
  for (std::string_view line_end : {"\n", "\r", "\r\n", "\n\r"}) {
    const std::string soft = "(;C[one\\" + std::string(line_end) + "two])";
    EXPECT_EQ(ParseOne(soft).nodes[0].comment, "onetwo") << "soft break " << soft;
    const std::string hard = "(;C[one" + std::string(line_end) + "two])";
    EXPECT_EQ(ParseOne(hard).nodes[0].comment, "one\ntwo") << "hard break " << hard;
  }
  // Escapes work in every text field.
  const GameRecord record = ParseOne("(;PB[a\\]]PW[\\\\]GN[x\\\ny]RE[B+\\R])");
  EXPECT_EQ(record.black_player, "a]");
  EXPECT_EQ(record.white_player, "\\");
  EXPECT_EQ(record.game_name, "xy");
  EXPECT_EQ(record.result, "B+R");
}

TEST(SgfReaderTest, AllFourLineEndStylesReadTheSame) {
  const std::string lines[] = {"(;FF[4]GM[1]SZ[9]C[first", "second]", ";B[ee]", ";W[cc])"};
  std::vector<GameRecord> records;
  for (std::string_view line_end : {"\n", "\r", "\r\n", "\n\r"}) {
    std::string text;
    for (const std::string& line : lines) text += line + std::string(line_end);
    records.push_back(ParseOne(text));
    // Errors count lines the same way: the bad point is on line 4.
    std::string bad = text;
    bad.replace(bad.find("W[cc]"), 5, "W[zz]");
    EXPECT_TRUE(StartsWith(ParseError(bad), "line 4, column 3: W[zz]: point 'zz' is off"));
  }
  EXPECT_EQ(records[0].nodes[0].comment, "first\nsecond");
  EXPECT_EQ(records[0].nodes.size(), 3u);
  for (const GameRecord& record : records) EXPECT_EQ(record, records[0]);
}

TEST(SgfReaderTest, CompressedPointListsAreRectangles) {
  const GameRecord record = ParseOne("(;SZ[5]AB[aa:cb]AW[ed:dc][ee]AE[bb:bb])");
  const std::vector<SetupStone>& setup = record.nodes[0].setup;
  ASSERT_EQ(setup.size(), 6u + 4u + 1u + 1u);
  // AB[aa:cb]: columns a..c, rows a..b, row by row from the top.
  const int expected_black[][2] = {{0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(setup[i].point, MakePoint(expected_black[i][0], expected_black[i][1], 5)) << i;
    EXPECT_EQ(setup[i].color, B);
  }
  // AW[ed:dc]: corners given the other way round cover d..e x c..d.
  const int expected_white[][2] = {{3, 2}, {4, 2}, {3, 3}, {4, 3}, {4, 4}};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(setup[6 + i].point, MakePoint(expected_white[i][0], expected_white[i][1], 5)) << i;
    EXPECT_EQ(setup[6 + i].color, W);
  }
  EXPECT_EQ(setup[11].point, MakePoint(1, 1, 5));
  EXPECT_EQ(setup[11].color, Color::kEmpty);
}

TEST(SgfReaderTest, ReadsEveryGameOfACollection) {
  absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(DataPath("collection.sgf"));
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].game_name, "first");
  EXPECT_EQ((*records)[0].size, 9);
  EXPECT_EQ((*records)[0].nodes.size(), 3u);
  EXPECT_EQ((*records)[1].game_name, "second");
  EXPECT_EQ((*records)[1].size, 7);
  EXPECT_EQ((*records)[1].result, "0");
  EXPECT_EQ((*records)[1].nodes[4].move, (PlayedMove{W, kPass}));
  EXPECT_EQ((*records)[2].game_name, "third");
  EXPECT_EQ((*records)[2].result, "Void");
  EXPECT_EQ((*records)[2].nodes.size(), 1u);
}

TEST(SgfReaderTest, VariationsKeepTheMainLine) {
  absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(DataPath("variations.sgf"));
  ASSERT_TRUE(records.ok()) << records.status();
  const GameRecord& record = records->front();
  ASSERT_EQ(record.nodes.size(), 4u);
  EXPECT_EQ(record.nodes[1].move, Move(B, 3, 3, 13));
  EXPECT_EQ(record.nodes[2].move, Move(W, 9, 9, 13));
  EXPECT_EQ(record.nodes[3].move, Move(B, 3, 9, 13));
  EXPECT_EQ(record.nodes[3].comment, "main");
}

TEST(SgfReaderTest, VariationsOffTheMainLineAreCheckedForSyntaxOnly) {
  // Their values are not interpreted: an off-board point there is no error...
  EXPECT_EQ(ParseOne("(;SZ[9];B[aa](;W[bb])(;W[zz]SZ[99]))").nodes.size(), 3u);
  // ...but broken syntax is, wherever it is.
  EXPECT_TRUE(StartsWith(ParseError("(;B[aa](;W[bb])(;W[cc]#))"),
                         "line 1, column 23: expected a property"));
  EXPECT_TRUE(StartsWith(ParseError("(;B[aa](;W[bb])(;W[cc"),
                         "line 1, column 19: expected ']' to close the value of W"));
  EXPECT_TRUE(HasSubstr(ParseError("(;B[aa](;W[bb])(;W[cc])"), "expected ')' before the end"));
}

TEST(SgfReaderTest, PassIsEmptyOrTtUpTo19AndTtIsAPointAbove) {
  for (int size : {1, 9, 19}) {
    const GameRecord record = ParseOne(fmt::format("(;SZ[{}];B[];W[tt])", size));
    EXPECT_EQ(record.nodes[1].move, (PlayedMove{B, kPass})) << size;
    EXPECT_EQ(record.nodes[2].move, (PlayedMove{W, kPass})) << size;
  }
  for (int size : {20, 21, 25}) {
    const GameRecord record = ParseOne(fmt::format("(;SZ[{}];B[];W[tt])", size));
    EXPECT_EQ(record.nodes[1].move, (PlayedMove{B, kPass})) << size;
    EXPECT_EQ(record.nodes[2].move, Move(W, 19, 19, size)) << size;
  }
  EXPECT_EQ(ParseOne("(;SZ[25];B[yy])").nodes[1].move, Move(B, 24, 24, 25));
}

TEST(SgfReaderTest, SizeIsReadFirstInTheRootAndDefaultsTo19) {
  EXPECT_EQ(ParseOne("(;B[tt]SZ[25])").nodes[0].move, Move(B, 19, 19, 25));
  EXPECT_EQ(ParseOne("(;AB[ss]SZ[19:19])").nodes[0].setup[0].point, MakePoint(18, 18, 19));
  const GameRecord unsized = ParseOne("(;;B[ss])");
  EXPECT_EQ(unsized.size, 19);
  EXPECT_EQ(unsized.nodes[1].move, Move(B, 18, 18, 19));
  EXPECT_EQ(ParseOne("(;SZ[ 9 ])").size, 9);
  EXPECT_EQ(ParseOne("(;SZ[1];B[aa])").nodes[1].move, Move(B, 0, 0, 1));
}

TEST(SgfReaderTest, NumbersAndResultsAsWritten) {
  EXPECT_EQ(ParseOne("(;KM[6.5])").komi, 6.5);
  EXPECT_EQ(ParseOne("(;KM[+0.5])").komi, 0.5);
  EXPECT_EQ(ParseOne("(;KM[-3])").komi, -3.0);
  EXPECT_EQ(ParseOne("(;KM[ 7 ])").komi, 7.0);
  EXPECT_EQ(ParseOne("(;KM[])").komi, 0.0);
  EXPECT_EQ(ParseOne("(;HA[9])").handicap, 9);
  EXPECT_EQ(ParseOne("(;HA[])").handicap, 0);
  for (std::string_view result : {"B+3.5", "W+R", "B+T", "0", "Draw", "Void", "?"}) {
    EXPECT_EQ(ParseOne(fmt::format("(;RE[{}])", result)).result, result);
  }
  // Header fields may come in a later main-line node; the last one wins.
  const GameRecord late = ParseOne("(;PB[a];B[aa]PB[b]RE[B+1]KM[5])");
  EXPECT_EQ(late.black_player, "b");
  EXPECT_EQ(late.result, "B+1");
  EXPECT_EQ(late.komi, 5.0);
}

TEST(SgfReaderTest, PlayerToMove) {
  EXPECT_EQ(ParseOne("(;PL[W])").nodes[0].player_to_move, W);
  EXPECT_EQ(ParseOne("(;PL[B])").nodes[0].player_to_move, B);
  EXPECT_EQ(ParseOne("(;PL[b])").nodes[0].player_to_move, B);
  EXPECT_FALSE(ParseOne("(;B[aa])").nodes[0].player_to_move.has_value());
}

TEST(SgfReaderTest, WhitespaceUnknownPropertiesAndOldStyleNames) {
  const GameRecord spaced = ParseOne(" \n( ;\tSZ [9]\r\n AB [aa] \n [bb] ; B\t[cc] XX[y] )\n ");
  EXPECT_EQ(spaced.size, 9);
  EXPECT_EQ(spaced.nodes[0].setup.size(), 2u);
  EXPECT_EQ(spaced.nodes[1].move, Move(B, 2, 2, 9));
  EXPECT_EQ(ParseOne("(;XX[any \\] text]YY[1][2]TB[aa:bb];B[aa])").nodes.size(), 2u);
  EXPECT_TRUE(HasSubstr(ParseError("(;XX[unclosed"), "close the value of XX"));

  absl::StatusOr<std::vector<GameRecord>> old = ReadSgfFile(DataPath("ff3_crlf.sgf"));
  ASSERT_TRUE(old.ok()) << old.status();
  const GameRecord& record = old->front();
  EXPECT_EQ(record.size, 19);
  EXPECT_EQ(record.nodes[0].setup.size(), 3u);
  EXPECT_EQ(record.nodes[0].setup[2].color, W);
  EXPECT_EQ(record.nodes[0].player_to_move, W);
  EXPECT_EQ(record.nodes[0].comment, "old\nstyle");
  EXPECT_EQ(record.nodes[2].move, Move(B, 16, 16, 19));

  EXPECT_EQ(ParseOne("\xEF\xBB\xBF(;B[aa])").nodes[0].move, Move(B, 0, 0, 19));
}

TEST(SgfReaderTest, ErrorsNameLineAndColumn) {
  EXPECT_EQ(ParseError("(;FF[4]\nSZ[9]\n;B[ee];W[cc"),
            "line 3, column 9: expected ']' to close the value of W that starts here, but the "
            "input ends first");
  EXPECT_EQ(ParseError("(;SZ[9]\n\n  ;B[jj])"),
            "line 3, column 5: B[jj]: point 'jj' is off the 9x9 board");
  // Columns count characters, not bytes: 'é' is two bytes.
  EXPECT_TRUE(StartsWith(ParseError("(;C[\xC3\xA9]B[zz])"), "line 1, column 8: "));
  EXPECT_TRUE(HasSubstr(ParseError("(;C[x\\"), "escapes nothing"));
  EXPECT_TRUE(StartsWith(ParseError("(;B[aa]W[bb])"), "line 1, column 8: a node holds at most"));
}

TEST(SgfReaderTest, NestingDeeperThanAnyStackIsParsedWithoutRecursion) {
  constexpr int kDepth = 100'000;
  // Empty sequences around one node: the innermost tree is the main line.
  const std::string wrapped = std::string(kDepth, '(') + ";B[aa]" + std::string(kDepth, ')');
  const GameRecord record = ParseOne(wrapped);
  ASSERT_EQ(record.nodes.size(), 1u);
  EXPECT_EQ(record.nodes[0].move, Move(B, 0, 0, 19));

  // A main line of nested variations, one node each.
  std::string chain;
  for (int i = 0; i < kDepth; ++i) chain += i % 2 == 0 ? "(;B[aa]" : "(;W[bb]";
  chain += std::string(kDepth, ')');
  const GameRecord deep = ParseOne(chain);
  ASSERT_EQ(deep.nodes.size(), static_cast<size_t>(kDepth));
  EXPECT_EQ(deep.nodes.back().move, Move(W, 1, 1, 19));

  // Deep nesting off the main line is skipped.
  const std::string side =
      "(;B[aa](;W[bb])" + std::string(kDepth, '(') + ";W[cc]" + std::string(kDepth, ')') + ")";
  EXPECT_EQ(ParseOne(side).nodes.size(), 2u);

  // Unclosed, it is an error, not a crash.
  EXPECT_TRUE(HasSubstr(ParseError(std::string(kDepth, '(') + ";B[aa]"),
                        fmt::format("({} tree(s) still open)", kDepth)));
}

TEST(SgfReaderTest, ReadSgfFileErrorsNameTheFile) {
  const std::string missing = DataPath("no_such_file.sgf");
  absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(missing);
  ASSERT_FALSE(records.ok());
  EXPECT_TRUE(HasSubstr(Message(records.status()), "no_such_file.sgf"));
  const std::string bad = DataPath("malformed/point_off_board.sgf");
  records = ReadSgfFile(bad);
  ASSERT_FALSE(records.ok());
  EXPECT_TRUE(StartsWith(Message(records.status()), bad + ": line 1, column 10: "));
}

}  // namespace
}  // namespace tengen
