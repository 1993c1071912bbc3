// `tengen gtp` as a GUI or a match runner starts it: without a usable model it
// says how to make one and exits with 1; with one it speaks only GTP on
// stdout.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/gtp/reply_check.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

class GtpCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tengen_gtp_cli_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) { return (dir_ / name).string(); }

  // Runs `tengen <arguments>` with `input` on stdin.
  CommandRun Tengen(const std::string& arguments, const std::string& input = "") {
    std::ofstream(Path("stdin")) << input;
    const std::string command = std::string(TENGEN_BINARY) + " " + arguments + " <" +
                                Path("stdin") + " >" + Path("stdout") + " 2>" + Path("stderr");
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(Path("stdout")),
            ReadFile(Path("stderr"))};
  }

  std::string MakeModel() {
    const CommandRun init = Tengen("model init --blocks 1 --channels 8 --out " + Path("m.tgm"));
    EXPECT_EQ(init.exit_code, 0) << init.err;
    return Path("m.tgm");
  }

  fs::path dir_;
};

void ExpectHowToMakeAModel(const CommandRun& run) {
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("tengen model init --out model.tgm"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("tengen run"), std::string::npos) << run.err;
}

// The shipped net, where this source tree has it (tengen gtp finds it there
// through the source folder compiled into the binary).
const fs::path kShippedNet = fs::path(TENGEN_SOURCE_DIR) / "models" / "tengen-9x9.tgm";

TEST_F(GtpCliTest, WithoutAModelSaysHowToMakeOne) {
  if (fs::exists(kShippedNet)) GTEST_SKIP() << "this tree ships " << kShippedNet;
  ExpectHowToMakeAModel(Tengen("gtp", "name\n"));
}

TEST_F(GtpCliTest, WithoutAModelPlaysTheShippedNet) {
  if (!fs::exists(kShippedNet)) GTEST_SKIP() << "this tree ships no net at " << kShippedNet;
  const CommandRun run = Tengen("gtp --visits 8", "boardsize 9\nclear_board\ngenmove b\nquit\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("playing the shipped net"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("tengen-9x9.tgm"), std::string::npos) << run.err;
  // Two empty replies, then a vertex (not a pass or a resignation on an
  // empty board), then quit's.
  EXPECT_EQ(run.out.rfind("=\n\n=\n\n= ", 0), 0u) << run.out;
  const std::string move = run.out.substr(8, run.out.find('\n', 8) - 8);
  EXPECT_TRUE(move.size() >= 2 && move[0] >= 'A' && move[0] <= 'J' && move[0] != 'I')
      << "genmove b on an empty board gave '" << move << "'";
}

TEST_F(GtpCliTest, MissingOrBadModelFilesSayHowToMakeOne) {
  CommandRun run = Tengen("gtp --model " + Path("missing.tgm"), "name\n");
  ExpectHowToMakeAModel(run);
  EXPECT_NE(run.err.find("missing.tgm"), std::string::npos) << run.err;
  std::ofstream(Path("garbage.tgm")) << "garbage";
  run = Tengen("gtp --model " + Path("garbage.tgm"), "name\n");
  ExpectHowToMakeAModel(run);
  EXPECT_NE(run.err.find("not a Tengen model file"), std::string::npos) << run.err;
}

TEST_F(GtpCliTest, BadFlagsAreUsageErrors) {
  const std::string model = MakeModel();
  CommandRun run = Tengen("gtp --model " + model + " --policy greedy");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("greedy"), std::string::npos) << run.err;
  run = Tengen("gtp --model " + model + " --symmetry sideways");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("sideways"), std::string::npos) << run.err;
  run = Tengen("gtp --help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("--resign-below"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("tengen model init"), std::string::npos) << run.out;
}

TEST_F(GtpCliTest, SpeaksOnlyGtpOnStdout) {
  const std::string model = MakeModel();
  const CommandRun run =
      Tengen("gtp --model " + model,
             "1 protocol_version\n2 name\n3 version\n4 boardsize 9\n5 genmove b\n"
             "6 lz-analyze 10\n7 tengen-raw_nn\n8 quit\n9 name\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::string error;
  const auto replies = SplitGtpReplies(run.out, &error);
  ASSERT_TRUE(replies.has_value()) << error << "\n" << run.out;
  ASSERT_EQ(replies->size(), 8u) << run.out;
  EXPECT_EQ(run.out.substr(0, 26), "=1 2\n\n=2 Tengen\n\n=3 0.15\n\n");
  for (size_t i = 0; i < replies->size(); ++i) {
    EXPECT_TRUE((*replies)[i].success) << i;
    EXPECT_EQ((*replies)[i].id, std::to_string(i + 1));
  }
  EXPECT_NE((*replies)[5].body.find("info move"), std::string::npos);
  EXPECT_NE(run.err.find("ready"), std::string::npos) << run.err;
}

TEST_F(GtpCliTest, SearchesWithVisits) {
  const std::string model = MakeModel();
  const CommandRun run = Tengen("gtp --model " + model + " --visits 16 --batch 4",
                                "1 boardsize 9\n2 genmove b\n3 tengen-visits\n"
                                "4 kata-genmove_analyze w 0 rootInfo true\n5 tengen-settings\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::string error;
  const auto replies = SplitGtpReplies(run.out, &error);
  ASSERT_TRUE(replies.has_value()) << error << "\n" << run.out;
  ASSERT_EQ(replies->size(), 5u) << run.out;
  for (const GtpReply& reply : *replies) EXPECT_TRUE(reply.success) << reply.body;
  EXPECT_EQ((*replies)[1].body.size(), 3u) << (*replies)[1].body;  // " D4"
  EXPECT_EQ((*replies)[2].body, " 16");
  EXPECT_NE((*replies)[3].body.find("rootInfo visits "), std::string::npos) << (*replies)[3].body;
  EXPECT_NE((*replies)[4].body.find("search puct\nvisits 16\nbatch 4"), std::string::npos)
      << (*replies)[4].body;
  EXPECT_NE(run.err.find("puct search of 16 visits, batch 4"), std::string::npos) << run.err;
  // Bad search flags are usage errors.
  EXPECT_EQ(Tengen("gtp --model " + model + " --search sideways").exit_code, 2);
  EXPECT_EQ(Tengen("gtp --model " + model + " --visits -1").exit_code, 2);
  EXPECT_EQ(Tengen("gtp --model " + model + " --batch 0").exit_code, 2);
  const CommandRun none = Tengen("gtp --model " + model + " --search none", "tengen-visits\n");
  EXPECT_EQ(none.out, "= 0\n\n") << none.err;
}

TEST_F(GtpCliTest, EndOfInputEndsTheSession) {
  const CommandRun run =
      Tengen("gtp --model " + MakeModel() + " --policy sample --seed 3", "genmove w\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("= ", 0), 0u) << run.out;
}

}  // namespace
}  // namespace tengen
