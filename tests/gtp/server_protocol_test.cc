// The text layer: line cleaning, command splitting, reply formatting and
// argument parsing.
#include "gtest/gtest.h"
#include "gtp/gtp_protocol.h"
#include "tests/gtp/reply_check.h"

namespace tengen {
namespace {

TEST(CleanGtpLine, DropsControlCharactersExceptTabsAndNewlines) {
  EXPECT_EQ(CleanGtpLine(std::string("na\x01me\x7f", 6)), "name");
  EXPECT_EQ(CleanGtpLine(std::string("1 na\0me", 7)), "1 name");
  EXPECT_EQ(CleanGtpLine("play b D4\r"), "play b D4");
  EXPECT_EQ(CleanGtpLine("\x1b[Aname"), "[Aname");
  EXPECT_EQ(CleanGtpLine("1\tplay\tb\tD4\t"), "1 play b D4");
  // Bytes above 127 (UTF-8) are text, not control characters.
  EXPECT_EQ(CleanGtpLine("loadsgf caf\xc3\xa9.sgf"), "loadsgf caf\xc3\xa9.sgf");
}

TEST(CleanGtpLine, CutsCommentsAndTrims) {
  EXPECT_EQ(CleanGtpLine("# only a comment"), "");
  EXPECT_EQ(CleanGtpLine("  name   # comment # more"), "name");
  EXPECT_EQ(CleanGtpLine("name#"), "name");
  EXPECT_EQ(CleanGtpLine(" \t \r"), "");
  EXPECT_EQ(CleanGtpLine(""), "");
}

TEST(ParseGtpCommand, SplitsIdNameAndArguments) {
  GtpCommand command = ParseGtpCommand("12 play  b D4");
  EXPECT_EQ(command.id, "12");
  EXPECT_EQ(command.name, "play");
  EXPECT_EQ(command.args, (std::vector<std::string>{"b", "D4"}));
  command = ParseGtpCommand("name");
  EXPECT_EQ(command.id, "");
  EXPECT_EQ(command.name, "name");
  EXPECT_TRUE(command.args.empty());
  command = ParseGtpCommand("7");
  EXPECT_EQ(command.id, "7");
  EXPECT_EQ(command.name, "");
  // Only digits make an id.
  EXPECT_EQ(ParseGtpCommand("-1 name").name, "-1");
  EXPECT_EQ(ParseGtpCommand("1a name").name, "1a");
  EXPECT_EQ(ParseGtpCommand("99999999999999999999 name").id, "99999999999999999999");
}

TEST(FormatGtpReply, FramesWithAndWithoutIds) {
  EXPECT_EQ(FormatGtpSuccess("", ""), "=\n\n");
  EXPECT_EQ(FormatGtpSuccess("3", ""), "=3\n\n");
  EXPECT_EQ(FormatGtpSuccess("3", "D4"), "=3 D4\n\n");
  EXPECT_EQ(FormatGtpFailure("", "illegal move"), "? illegal move\n\n");
  EXPECT_EQ(FormatGtpFailure("12", "syntax error"), "?12 syntax error\n\n");
  EXPECT_EQ(FormatGtpSuccess("1", "a\nb"), "=1 a\nb\n\n");
  EXPECT_EQ(FormatGtpSuccess("1", "\na\nb"), "=1\na\nb\n\n");
}

TEST(FormatGtpReply, NeverHoldsAnEmptyLine) {
  for (std::string_view text :
       {"a\n\nb", "\n\n\na", "a\n\n", "a\r\n\r\nb", "a\n   \nb", "\n", "\n\n", " ", "a\n\t\nb"}) {
    for (const std::string& reply : {FormatGtpSuccess("5", text), FormatGtpFailure("", text)}) {
      std::string error;
      const auto replies = SplitGtpReplies(reply, &error);
      ASSERT_TRUE(replies.has_value()) << error << ": " << reply;
      EXPECT_EQ(replies->size(), 1u) << reply;
    }
  }
  EXPECT_EQ(FormatGtpSuccess("", "a\n\nb\n"), "= a\nb\n\n");
}

TEST(GtpArgs, ParsesTypedValuesOrFailsWithSyntaxError) {
  const std::vector<std::string> words = {"b", "D4", "-7", "+2.5", "1e2", "nan", "x", "Z9", "+-1"};
  const GtpArgs args(words);
  EXPECT_EQ(*args.ColorAt(0), Color::kBlack);
  EXPECT_EQ(*args.VertexAt(1, 9), MakePoint(3, 5, 9));
  EXPECT_EQ(*args.IntAt(2), -7);
  EXPECT_EQ(*args.NumberAt(3), 2.5);
  EXPECT_EQ(*args.NumberAt(4), 100.0);
  for (absl::Status status :
       {args.ColorAt(1).status(), args.VertexAt(7, 9).status(), args.IntAt(3).status(),
        args.NumberAt(5).status(), args.NumberAt(6).status(), args.IntAt(8).status(),
        args.IntAt(99).status(), args.ExpectCount(0, 2)}) {
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.message(), "syntax error");
  }
  EXPECT_TRUE(args.ExpectCount(9, 9).ok());
  EXPECT_FALSE(ParseGtpInt("99999999999").has_value());
  EXPECT_FALSE(ParseGtpNumber("inf").has_value());
  EXPECT_FALSE(ParseGtpNumber("1e999").has_value());
  EXPECT_FALSE(ParseGtpNumber("").has_value());
}

TEST(SplitGtpReplies, RejectsBrokenFraming) {
  std::string error;
  EXPECT_TRUE(SplitGtpReplies("= a\n\n?1 b\n\n=\ninfo x\n\n", &error).has_value()) << error;
  for (std::string_view broken :
       {"= a\n", "x\n\n", "= a\n\n\n", "=1a\n\n", "= a\n \nb\n\n", "= a\r\n\n"})
    EXPECT_FALSE(SplitGtpReplies(broken, &error).has_value()) << broken;
}

}  // namespace
}  // namespace tengen
