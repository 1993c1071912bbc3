// Every subcommand's flags as a user meets them: --help for each, the
// defaults it shows equal to the Options structs' own, both spellings of a
// value, and usage errors (exit 2, one line naming the flag).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/board_benchmark.h"
#include "gtest/gtest.h"
#include "gtp/gtp_engine.h"
#include "gtp/move_decision.h"
#include "match/match.h"
#include "match/match_stats.h"
#include "match/player_spec.h"
#include "policy/move_chooser.h"
#include "policy/nn_benchmark.h"
#include "tests/support/run_tengen.h"
#include "tests/support/temp_dir.h"
#include "train/trainer.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

// The default --help shows for --flag: the text of "(default: X)" on its
// line, or "(none shown)".
std::string DefaultShown(const std::string& help, const std::string& flag) {
  const size_t at = help.find("\n  --" + flag + " ");
  if (at == std::string::npos) return "(no such flag)";
  const std::string line = help.substr(at + 1, help.find('\n', at + 1) - at - 1);
  const size_t open = line.find("(default: ");
  if (open == std::string::npos || line.back() != ')') return "(none shown)";
  return line.substr(open + 10, line.size() - open - 11);
}

TEST(FlagsCliTest, EverySubcommandsHelpExitsZeroOnStdout) {
  for (const char* command :
       {"gtp", "selfplay", "train", "run", "match", "eval", "bench", "bench board", "bench nn",
        "bench selfplay", "bench train", "model", "model init", "model info", "model export"}) {
    // stdout only: the help goes there.
    const CommandResult run =
        RunCommand(fmt::format("({} {} --help 2>/dev/null)", TENGEN_BINARY, command));
    EXPECT_EQ(run.exit_code, 0) << command << ":\n" << run.output;
    EXPECT_NE(run.output.find(fmt::format("tengen {}", command)), std::string::npos)
        << command << ":\n"
        << run.output;
  }
  for (const char* command : {"selfplay", "bench board", "model info"}) {
    const CommandResult run =
        RunCommand(fmt::format("({} {} -h 2>/dev/null)", TENGEN_BINARY, command));
    EXPECT_EQ(run.exit_code, 0) << command << " -h:\n" << run.output;
    EXPECT_NE(run.output.find("--help"), std::string::npos) << command << " -h:\n" << run.output;
  }
}

TEST(FlagsCliTest, HelpBeginsWithTheCommandLineThenTheSummary) {
  const CommandResult run = Tengen("bench board --help");
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.output.rfind("Usage: tengen bench board [OPTIONS]\n\nLight random playouts", 0), 0u)
      << run.output;
}

TEST(FlagsCliTest, HelpShowsTheOptionsStructsDefaults) {
  const CommandResult match = Tengen("match --help");
  ASSERT_EQ(match.exit_code, 0) << match.output;
  const SprtOptions sprt;
  EXPECT_EQ(DefaultShown(match.output, "alpha"), fmt::format("{}", sprt.alpha)) << match.output;
  EXPECT_EQ(DefaultShown(match.output, "beta"), fmt::format("{}", sprt.beta));
  EXPECT_EQ(DefaultShown(match.output, "move-timeout"),
            fmt::format("{}", std::chrono::duration<double>(PlayerContext{}.move_timeout).count()));
  EXPECT_EQ(DefaultShown(match.output, "parallel"), fmt::format("{}", MatchOptions{}.parallel));
  EXPECT_EQ(DefaultShown(match.output, "size"), fmt::format("{}", MatchOptions{}.board_size));

  const CommandResult board = Tengen("bench board --help");
  const BoardBenchmarkOptions board_defaults;
  EXPECT_EQ(DefaultShown(board.output, "size"), fmt::format("{}", board_defaults.size));
  EXPECT_EQ(DefaultShown(board.output, "seconds"), fmt::format("{}", board_defaults.seconds));
  EXPECT_EQ(DefaultShown(board.output, "seed"), fmt::format("{}", board_defaults.seed));

  const CommandResult nn = Tengen("bench nn --help");
  const NnBenchmarkOptions nn_defaults;
  EXPECT_EQ(DefaultShown(nn.output, "batch"),
            fmt::format("{}", fmt::join(nn_defaults.batches, ",")))
      << nn.output;
  EXPECT_EQ(DefaultShown(nn.output, "seconds"), fmt::format("{}", nn_defaults.seconds));
  EXPECT_EQ(DefaultShown(nn.output, "dtype"), "fp32,bf16,winograd");

  const CommandResult train = Tengen("train --help");
  const TrainerOptions trainer;
  EXPECT_EQ(DefaultShown(train.output, "steps"), fmt::format("{}", trainer.steps)) << train.output;
  EXPECT_EQ(DefaultShown(train.output, "batch"), fmt::format("{}", trainer.batch_size));
  EXPECT_EQ(DefaultShown(train.output, "lr"), fmt::format("{}", trainer.learning_rate));
  EXPECT_EQ(DefaultShown(train.output, "weight-decay"), fmt::format("{}", trainer.weight_decay));
  EXPECT_EQ(DefaultShown(train.output, "threads"), fmt::format("{}", trainer.threads));
  EXPECT_EQ(DefaultShown(train.output, "augment"), trainer.augment ? "true" : "false");
  EXPECT_EQ(DefaultShown(train.output, "checkpoint-dir"), "<model-out>.checkpoints");

  const CommandResult gtp = Tengen("gtp --help");
  EXPECT_EQ(DefaultShown(gtp.output, "resign-below"),
            fmt::format("{}", DecisionOptions{}.resign_below))
      << gtp.output;
  const GtpEngineOptions engine;
  EXPECT_EQ(DefaultShown(gtp.output, "policy"), std::string(ChoiceModeName(engine.choice.mode)));
  EXPECT_EQ(DefaultShown(gtp.output, "symmetry"), std::string(SymmetryModeName(engine.symmetry)));
  EXPECT_EQ(DefaultShown(gtp.output, "seed"), fmt::format("{}", engine.seed));
  EXPECT_EQ(DefaultShown(gtp.output, "temperature"),
            fmt::format("{}", MoveChoiceOptions{}.temperature));

  const CommandResult selfplay = Tengen("selfplay --help");
  EXPECT_EQ(DefaultShown(selfplay.output, "policy"),
            std::string(ChoiceModeName(MoveChoiceOptions{}.mode)))
      << selfplay.output;
  EXPECT_EQ(DefaultShown(selfplay.output, "top-p"), fmt::format("{}", MoveChoiceOptions{}.top_p));
  EXPECT_EQ(DefaultShown(selfplay.output, "progress"), "true");
  // Unset, these are the --rules preset's, and the help says so.
  EXPECT_EQ(DefaultShown(selfplay.output, "komi"), "the rules' (chinese: 7.5)");
  EXPECT_EQ(DefaultShown(selfplay.output, "ko"), "the rules' (chinese: positional)");
}

class FlagsCliFilesTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) { return dir_.Path(name); }
  TempDir dir_{"flags_cli_test"};
};

TEST_F(FlagsCliFilesTest, EqualsAndSpaceSpellingsMakeTheSameModel) {
  ASSERT_EQ(Tengen(fmt::format("model init --out {} --blocks 1 --channels 8 --size 7 --name a "
                               "--seed 5",
                               Path("spaced.tgm")))
                .exit_code,
            0);
  ASSERT_EQ(Tengen(fmt::format("model init --out={} --blocks=1 --channels=8 --size=7 --name=a "
                               "--seed=5 --force=false",
                               Path("joined.tgm")))
                .exit_code,
            0);
  const CommandResult spaced = Tengen("model info " + Path("spaced.tgm"));
  const CommandResult joined = Tengen("model info " + Path("joined.tgm"));
  ASSERT_EQ(spaced.exit_code, 0) << spaced.output;
  EXPECT_NE(spaced.output.find("1x8 for 7x7"), std::string::npos) << spaced.output;
  EXPECT_EQ(fs::file_size(Path("spaced.tgm")), fs::file_size(Path("joined.tgm")));
  // The descriptions differ only in the time the files were made.
  auto without_time = [](std::string text) {
    const size_t at = text.find("\ncreated ");
    if (at != std::string::npos) text.erase(at, text.find('\n', at + 1) - at);
    return text;
  };
  EXPECT_EQ(without_time(spaced.output), without_time(joined.output));
}

// Usage errors: exit 2 and one line on stderr that names the flag.
TEST(FlagsCliTest, BadValuesUnknownFlagsAndMissingValuesAreUsageErrors) {
  struct Case {
    std::string arguments;
    std::vector<std::string> expected;  // each in the message
  };
  const std::vector<Case> cases = {
      {"match --black random --white random --games abc", {"--games", "'abc'", "integer"}},
      {"match --black random --white random --games 99999999999999",
       {"--games", "99999999999999", "-2147483648..2147483647"}},
      {"selfplay --model m --out o --seed -1", {"--seed", "0..2^64-1"}},
      {"selfplay --model m --out o --temperature nan", {"--temperature", "finite"}},
      {"train --window 1.5", {"--window", "integer"}},
      {"bench nn --batch 1,two", {"--batch", "'two'"}},
      {"gtp --resign-below", {"--resign-below", "missing"}},
      {"eval --colour red", {"--colour", "tengen eval --help"}},
      {"run --dir", {"--dir", "missing"}},
      {"bench train --batch=", {"--batch"}},
      {"model info a.tgm b.tgm", {"b.tgm", "not expected"}},
      {"match stray", {"stray", "not expected"}},
      {"model init --force=maybe", {"--force", "maybe"}},
  };
  for (const Case& c : cases) {
    const CommandResult run = Tengen(c.arguments);
    EXPECT_EQ(run.exit_code, 2) << c.arguments << ":\n" << run.output;
    EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << c.arguments << ":\n"
                                                                         << run.output;
    for (const std::string& expected : c.expected)
      EXPECT_NE(run.output.find(expected), std::string::npos) << c.arguments << ":\n" << run.output;
  }
}

}  // namespace
}  // namespace tengen
