#include "base/command_line.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace tengen {
namespace {

using Words = std::vector<std::string>;

Words Split(std::string_view command_line) {
  absl::StatusOr<Words> words = SplitCommandLine(command_line);
  EXPECT_TRUE(words.ok()) << command_line << ": " << words.status();
  return words.ok() ? *words : Words{};
}

TEST(SplitCommandLineTest, SplitsAtRunsOfBlanks) {
  EXPECT_EQ(Split("/usr/games/gnugo --mode gtp --level 1"),
            (Words{"/usr/games/gnugo", "--mode", "gtp", "--level", "1"}));
  EXPECT_EQ(Split("  gnugo \t --mode\n gtp  "), (Words{"gnugo", "--mode", "gtp"}));
}

TEST(SplitCommandLineTest, SingleQuotesKeepEverythingLiterally) {
  EXPECT_EQ(Split(R"(engine 'a b' 'x\y' '"q"' '$HOME')"),
            (Words{"engine", "a b", R"(x\y)", R"("q")", "$HOME"}));
}

TEST(SplitCommandLineTest, DoubleQuotesEscapeOnlyQuoteBackslashDollarBacktick) {
  EXPECT_EQ(Split(R"(engine "a b" "say \"hi\"" "c:\\dir" "\$x" "\`" "\n stays")"),
            (Words{"engine", "a b", R"(say "hi")", R"(c:\dir)", "$x", "`", R"(\n stays)"}));
  EXPECT_EQ(Split("engine \"one\\\ntwo\""), (Words{"engine", "onetwo"}));
  EXPECT_EQ(Split(R"(engine "it's")"), (Words{"engine", "it's"}));
}

TEST(SplitCommandLineTest, BackslashOutsideQuotesMakesTheNextCharacterLiteral) {
  EXPECT_EQ(Split(R"(my\ engine \'x\' \"y\" a\\b \z)"),
            (Words{"my engine", "'x'", R"("y")", R"(a\b)", "z"}));
  EXPECT_EQ(Split("engine --a \\\n--b"), (Words{"engine", "--a", "--b"}));
}

TEST(SplitCommandLineTest, AdjacentPiecesFormOneWord) {
  EXPECT_EQ(Split(R"(a"b c"d'e f'g)"), (Words{"ab cde fg"}));
  EXPECT_EQ(Split(R"(--name="GNU Go" --x='1 2')"), (Words{"--name=GNU Go", "--x=1 2"}));
}

TEST(SplitCommandLineTest, EmptyQuotesAreEmptyWords) {
  EXPECT_EQ(Split(R"(engine '' "" x)"), (Words{"engine", "", "", "x"}));
}

TEST(SplitCommandLineTest, ShellOperatorsAreOrdinaryText) {
  EXPECT_EQ(Split("gnugo 2>/dev/null | tee log; $HOME *"),
            (Words{"gnugo", "2>/dev/null", "|", "tee", "log;", "$HOME", "*"}));
}

TEST(SplitCommandLineTest, RejectsUnterminatedQuotesTrailingBackslashAndEmptyLines) {
  struct Case {
    std::string_view command_line;
    std::string_view message;
  };
  for (const Case& c : {Case{"engine 'abc", "unterminated single quote"},
                        Case{"engine \"abc", "unterminated double quote"},
                        Case{"engine \"abc\\\"", "unterminated double quote"},
                        Case{"engine abc\\", "backslash at the end"}, Case{"", "no program"},
                        Case{" \t\n ", "no program"}}) {
    absl::StatusOr<Words> words = SplitCommandLine(c.command_line);
    ASSERT_FALSE(words.ok()) << c.command_line;
    EXPECT_EQ(words.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(std::string(words.status().message()).find(c.message), std::string::npos)
        << words.status();
  }
}

}  // namespace
}  // namespace tengen
