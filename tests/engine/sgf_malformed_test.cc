// Every file in tests/data/sgf/malformed/ must be rejected with a message
// that names a line and a column and says what is wrong.
#include <filesystem>
#include <map>
#include <string>

#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"

namespace tengen {
namespace {

// File name -> the start of the position and a piece of the message.
struct Expected {
  std::string_view position;
  std::string_view message;
};
const std::map<std::string, Expected, std::less<>> kExpectedErrors = {
    {"unterminated_value.sgf", {"line 3, column 9", "expected ']' to close the value of W"}},
    {"trailing_backslash.sgf", {"line 1, column 9", "the '\\' at the very end escapes nothing"}},
    {"missing_open_paren.sgf", {"line 1, column 1", "expected '(' to start a game tree"}},
    {"missing_semicolon.sgf", {"line 1, column 2", "expected ';' to start a node"}},
    {"unclosed_tree.sgf", {"line 2, column 1", "expected ')' before the end of the input"}},
    {"point_off_board.sgf", {"line 1, column 10", "point 'jj' is off the 9x9 board"}},
    {"point_uppercase.sgf", {"line 1, column 11", "point 'Ab' is off the 19x19 board"}},
    {"point_not_letters.sgf", {"line 1, column 4", "'a1' is not a point"}},
    {"point_z_on_25.sgf", {"line 1, column 11", "point 'za' is off the 25x25 board"}},
    {"setup_tt_on_19.sgf", {"line 1, column 11", "point 'tt' is off the 19x19 board"}},
    {"setup_empty_value.sgf", {"line 1, column 5", "'' is not a point"}},
    {"size_too_large.sgf", {"line 1, column 5", "board size 26 is not supported"}},
    {"size_zero.sgf", {"line 1, column 5", "board size 0 is not supported"}},
    {"size_not_square.sgf", {"line 1, column 5", "only square boards are supported, not 19x13"}},
    {"size_not_number.sgf", {"line 1, column 5", "the board size must be a whole number"}},
    {"komi_not_number.sgf", {"line 1, column 11", "komi must be a number"}},
    {"handicap_not_number.sgf", {"line 1, column 5", "the handicap must be a whole number"}},
    {"two_moves_in_node.sgf", {"line 1, column 14", "a node holds at most one move"}},
    {"empty.sgf", {"line 1, column 1", "no game tree"}},
    {"whitespace_only.sgf", {"line 3, column 2", "no game tree"}},
    {"empty_tree.sgf", {"line 1, column 2", "empty game tree"}},
    {"node_after_variation.sgf", {"line 1, column 16", "nodes of a sequence must come before"}},
    {"bad_syntax_in_variation.sgf", {"line 3, column 9", "expected a property like B[dd]"}},
    {"lowercase_property.sgf", {"line 1, column 3", "has no upper-case letter"}},
    {"missing_value.sgf", {"line 1, column 4", "expected '[' to start a value of B"}},
    {"text_after_tree.sgf", {"line 2, column 1", "expected '(' to start another game tree"}},
    {"size_not_in_root.sgf", {"line 1, column 9", "SZ may appear only in the root node"}},
    {"not_go.sgf", {"line 1, column 5", "not a Go game record"}},
    {"player_not_colour.sgf", {"line 1, column 5", "PL[X]: expected B or W"}},
    {"komi_two_values.sgf", {"line 1, column 10", "KM takes one value, but has 2"}},
};

TEST(SgfMalformedTest, EveryMalformedFileGivesALocatedError) {
  const std::filesystem::path folder =
      std::filesystem::path(TENGEN_TEST_DATA_DIR) / "sgf/malformed";
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(entry.path().string());
    ASSERT_FALSE(records.ok()) << "parsed without an error";
    const std::string message(records.status().message().data(), records.status().message().size());
    EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(HasSubstr(message, "line "));
    EXPECT_TRUE(HasSubstr(message, "column "));
    const auto expected = kExpectedErrors.find(name);
    ASSERT_NE(expected, kExpectedErrors.end()) << "add the expected error of " << name;
    EXPECT_TRUE(StartsWith(
        message, entry.path().string() + ": " + std::string(expected->second.position) + ": "));
    EXPECT_TRUE(HasSubstr(message, std::string(expected->second.message)));
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(kExpectedErrors.size())) << "a listed file is missing";
}

}  // namespace
}  // namespace tengen
