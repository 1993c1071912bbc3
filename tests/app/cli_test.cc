// The tengen binary as a user meets it: help, flags, exit codes, messages.
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/support/run_tengen.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

class CliTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) { return dir_.Path(name); }
  TempDir dir_{"cli_test"};
};

TEST_F(CliTest, HelpListsEverySubcommand) {
  const CommandResult help = Tengen("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* name : {"gtp", "model", "selfplay", "train", "run", "match", "eval", "bench"}) {
    EXPECT_NE(help.output.find(fmt::format("\n  {} ", name)), std::string::npos)
        << name << " is not listed:\n"
        << help.output;
    const CommandResult sub = Tengen(fmt::format("{} --help", name));
    EXPECT_EQ(sub.exit_code, 0) << name << ":\n" << sub.output;
    EXPECT_NE(sub.output.find("tengen " + std::string(name)), std::string::npos) << name << ":\n"
                                                                                 << sub.output;
  }
  EXPECT_EQ(Tengen("").exit_code, 2);
  const CommandResult unknown = Tengen("frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("unknown subcommand 'frobnicate'"), std::string::npos);
}

TEST_F(CliTest, BadFlagsAreUsageErrorsThatNameTheFlag) {
  CommandResult run = Tengen("bench board --size 0");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("--size"), std::string::npos) << run.output;
  run = Tengen("bench board --seconds abc");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("'abc' is not a finite number"), std::string::npos) << run.output;
  run = Tengen("bench board --colour red");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("not expected: "), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("--colour"), std::string::npos) << run.output;
  run = Tengen("bench board --size");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("--size: 1 required INT missing"), std::string::npos) << run.output;
}

TEST_F(CliTest, BoardBenchPrintsOneJsonLine) {
  const CommandResult run = Tengen("bench board --size 5 --seconds 0.2");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.rfind("{\"bench\":\"board\",\"size\":5,\"playouts_per_s\":", 0), 0u)
      << run.output;
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1);
}

// Self-play and the network alone both get timed, in one JSON line.
TEST_F(CliTest, SelfPlayBenchTimesBothAndPrintsOneJsonLine) {
  ASSERT_EQ(Tengen("model init --out " + Path("tiny.tgm") + " --blocks 1 --channels 8").exit_code,
            0);
  const CommandResult run =
      Tengen("bench selfplay --model " + Path("tiny.tgm") + " --seconds 1 --parallel 8");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
  double positions = 0, evals = 0, ratio = 0;
  ASSERT_EQ(std::sscanf(run.output.c_str(),
                        "{\"bench\":\"selfplay\",\"parallel\":8,\"positions_per_s\":%lf,"
                        "\"nn_evals_per_s\":%lf,\"ratio\":%lf}",
                        &positions, &evals, &ratio),
            3)
      << run.output;
  EXPECT_GT(positions, 0);
  EXPECT_GT(evals, 0);
  EXPECT_NEAR(ratio, positions / evals, 0.01);
}

TEST_F(CliTest, ModelInitInfoExportAndTheirErrors) {
  CommandResult run =
      Tengen("model init --out " + Path("m.tgm") + " --blocks 1 --channels 8 --name cli");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  run = Tengen("model info " + Path("m.tgm"));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.output.find("1x8 for 9x9"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("cli"), std::string::npos);

  // Never overwrite without --force.
  run = Tengen("model init --out " + Path("m.tgm"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("--force"), std::string::npos);
  EXPECT_NE(Tengen("model info " + Path("m.tgm")).output.find("1x8"), std::string::npos);

  EXPECT_EQ(Tengen("model init").exit_code, 2);
  run = Tengen("model init --out " + Path("x.tgm") + " --blocks 0");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("blocks"), std::string::npos);
  EXPECT_FALSE(fs::exists(Path("x.tgm")));

  std::ofstream(Path("garbage.tgm")) << "garbage";
  run = Tengen("model info " + Path("garbage.tgm"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("not a Tengen model file"), std::string::npos) << run.output;

  run = Tengen("model export " + Path("m.tgm") + " --torchscript " + Path("m.ts"));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_GT(fs::file_size(Path("m.ts")), 1000u);
  EXPECT_EQ(Tengen("model export " + Path("m.tgm")).exit_code, 2);
}

}  // namespace
}  // namespace tengen
