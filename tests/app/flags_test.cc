// FlagSet, the subcommands' flag parser over CLI11: both spellings of a
// value, bool flags, comma lists, range and syntax checks, errors that name
// the flag, and the help with the defaults taken from the bound fields.
#include "app/flags.h"

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tengen {
namespace {

struct Options {
  int games = 20;
  int64_t window = 500000;
  uint64_t seed = 1;
  double alpha = 0.05;
  std::string name = "w0";
  bool progress = true;
  bool quick = false;
  std::vector<int> batches = {1, 2, 8, 64};
  std::string path;
};

// Holds a FlagSet bound to a fresh Options.
struct Bound {
  Options options;
  FlagSet flags{"tengen test", "A test command.\nIts summary has two lines."};
  Bound() {
    flags.Add("games", &options.games, "games to play");
    flags.Add("window", &options.window, "positions to keep");
    flags.Add("seed", &options.seed, "random seed");
    flags.Add("alpha", &options.alpha, "false-positive rate");
    flags.Add("name", &options.name, "a name");
    flags.Add("progress", &options.progress, "show a progress bar");
    flags.Add("quick", &options.quick, "small sizes");
    flags.Add("batch", &options.batches, "batch sizes");
  }
  absl::Status Parse(const std::vector<std::string>& args) { return flags.Parse(args); }
};

// The message of parsing args, or "ok".
std::string ErrorOf(const std::vector<std::string>& args) {
  Bound bound;
  const absl::Status status = bound.Parse(args);
  return status.ok() ? "ok" : std::string(status.message());
}

TEST(FlagsTest, UnsetFlagsKeepTheFieldsValues) {
  Bound bound;
  ASSERT_TRUE(bound.Parse({}).ok());
  const Options defaults;
  EXPECT_EQ(bound.options.games, defaults.games);
  EXPECT_EQ(bound.options.seed, defaults.seed);
  EXPECT_EQ(bound.options.alpha, defaults.alpha);
  EXPECT_EQ(bound.options.name, defaults.name);
  EXPECT_EQ(bound.options.progress, defaults.progress);
  EXPECT_EQ(bound.options.batches, defaults.batches);
  EXPECT_FALSE(bound.flags.help_requested());
}

TEST(FlagsTest, EqualsAndSpaceSpellingsAgree) {
  Bound spaced, joined;
  ASSERT_TRUE(spaced
                  .Parse({"--games", "7", "--window", "-3", "--seed", "18446744073709551615",
                          "--alpha", "-0.25", "--name", "w-1", "--batch", "4,16"})
                  .ok());
  ASSERT_TRUE(joined
                  .Parse({"--games=7", "--window=-3", "--seed=18446744073709551615",
                          "--alpha=-0.25", "--name=w-1", "--batch=4,16"})
                  .ok());
  for (const Options* o : {&spaced.options, &joined.options}) {
    EXPECT_EQ(o->games, 7);
    EXPECT_EQ(o->window, -3);
    EXPECT_EQ(o->seed, UINT64_MAX);
    EXPECT_EQ(o->alpha, -0.25);
    EXPECT_EQ(o->name, "w-1");
    EXPECT_EQ(o->batches, (std::vector<int>{4, 16}));
  }
}

TEST(FlagsTest, BoolFlagsTakeNothingOrTrueOrFalse) {
  Bound bare;
  ASSERT_TRUE(bare.Parse({"--quick"}).ok());
  EXPECT_TRUE(bare.options.quick);
  Bound off;
  ASSERT_TRUE(off.Parse({"--progress=false", "--quick=true"}).ok());
  EXPECT_FALSE(off.options.progress);
  EXPECT_TRUE(off.options.quick);
  // "--quick false" is --quick and a stray argument.
  EXPECT_NE(ErrorOf({"--quick", "false"}).find("false"), std::string::npos);
}

TEST(FlagsTest, TheLastOfARepeatedFlagWins) {
  Bound bound;
  ASSERT_TRUE(bound
                  .Parse({"--games", "3", "--games=4", "--progress=false", "--progress", "--batch",
                          "1,2", "--batch", "8"})
                  .ok());
  EXPECT_EQ(bound.options.games, 4);
  EXPECT_TRUE(bound.options.progress);
  EXPECT_EQ(bound.options.batches, std::vector<int>{8});
}

TEST(FlagsTest, IntegersAreDecimalAndInTheTypesRange) {
  Bound bound;
  ASSERT_TRUE(bound.Parse({"--games", "010"}).ok());
  EXPECT_EQ(bound.options.games, 10) << "decimal, not octal";
  EXPECT_EQ(ErrorOf({"--games", "abc"}),
            "--games: 'abc' is not allowed: it must be an integer in -2147483648..2147483647");
  EXPECT_NE(ErrorOf({"--games", "99999999999999"}).find("--games: '99999999999999' is not allowed"),
            std::string::npos);
  EXPECT_NE(ErrorOf({"--games", "0x10"}).find("--games"), std::string::npos);
  EXPECT_NE(ErrorOf({"--games", "1.5"}).find("--games"), std::string::npos);
  EXPECT_NE(ErrorOf({"--window", "99999999999999999999"}).find("--window"), std::string::npos);
  EXPECT_EQ(ErrorOf({"--seed", "-1"}),
            "--seed: '-1' is not allowed: it must be an integer in 0..2^64-1");
  EXPECT_NE(ErrorOf({"--batch", "1,x,8"}).find("--batch: 'x' is not allowed"), std::string::npos);
}

TEST(FlagsTest, FloatsMustBeFiniteNumbers) {
  EXPECT_EQ(ErrorOf({"--alpha", "abc"}), "--alpha: 'abc' is not a finite number");
  EXPECT_EQ(ErrorOf({"--alpha", "inf"}), "--alpha: 'inf' is not a finite number");
  EXPECT_EQ(ErrorOf({"--alpha=nan"}), "--alpha: 'nan' is not a finite number");
  EXPECT_EQ(ErrorOf({"--alpha", "1e999"}), "--alpha: '1e999' is not a finite number");
  EXPECT_EQ(ErrorOf({"--alpha", "1e-3"}), "ok");
}

TEST(FlagsTest, UnknownFlagsMissingValuesAndStrayArgumentsAreErrors) {
  EXPECT_NE(ErrorOf({"--colour", "red"}).find("--colour"), std::string::npos);
  EXPECT_NE(ErrorOf({"--games"}).find("--games"), std::string::npos);
  EXPECT_NE(ErrorOf({"--games"}).find("missing"), std::string::npos);
  EXPECT_NE(ErrorOf({"stray"}).find("stray"), std::string::npos);
  EXPECT_NE(ErrorOf({"--batch", "1", "2"}).find("2"), std::string::npos);
  EXPECT_NE(ErrorOf({"-x"}).find("-x"), std::string::npos);
}

TEST(FlagsTest, APositionalArgumentBindsWhenDeclared) {
  Bound bound;
  bound.flags.AddPositional("PATH", &bound.options.path, "a file");
  ASSERT_TRUE(bound.Parse({"--games", "2", "model.tgm"}).ok());
  EXPECT_EQ(bound.options.path, "model.tgm");
  EXPECT_EQ(bound.options.games, 2);
  Bound two;
  two.flags.AddPositional("PATH", &two.options.path, "a file");
  const absl::Status status = two.Parse({"a.tgm", "b.tgm"});
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("b.tgm"), std::string::npos) << status;
}

TEST(FlagsTest, HelpIsRequestedByEitherSpelling) {
  for (const char* spelling : {"--help", "-h"}) {
    Bound bound;
    ASSERT_TRUE(bound.Parse({spelling}).ok()) << spelling;
    EXPECT_TRUE(bound.flags.help_requested()) << spelling;
  }
}

TEST(FlagsTest, HelpStartsWithTheCommandAndShowsEveryDefault) {
  Bound bound;
  bound.flags.SetDefaultText("name", "the preset's");
  const std::string help = bound.flags.Help();
  EXPECT_EQ(help.rfind("Usage: tengen test", 0), 0u) << help;
  EXPECT_NE(help.find("A test command.\nIts summary has two lines."), std::string::npos) << help;
  const Options defaults;
  for (const std::string& expected :
       {std::string("--games INT"), fmt::format("(default: {})", defaults.games),
        fmt::format("(default: {})", defaults.window), fmt::format("(default: {})", defaults.alpha),
        std::string("positions to keep"), std::string("(default: the preset's)"),
        std::string("(default: true)"), std::string("(default: false)"),
        fmt::format("(default: {})", fmt::join(defaults.batches, ",")), std::string("--help")}) {
    EXPECT_NE(help.find(expected), std::string::npos) << expected << " not in\n" << help;
  }
}

}  // namespace
}  // namespace tengen
