// Golden transcripts: each tests/gtp/golden/NAME.in is served by a fresh test
// engine (gtp_test_util.h) and the output must equal NAME.out byte for byte.
// "@DATA@" in an input stands for tests/data. To regenerate the outputs
// after a deliberate change, run with TENGEN_UPDATE_GOLDEN=1 and review the
// diff.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "gtp/gtp_commands.h"
#include "gtp/gtp_protocol.h"
#include "tests/gtp/gtp_test_util.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<std::string> GoldenNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(TENGEN_GTP_GOLDEN_DIR))
    if (entry.path().extension() == ".in") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string GoldenInput(const std::string& name) {
  std::string input = ReadFile(fs::path(TENGEN_GTP_GOLDEN_DIR) / (name + ".in"));
  for (size_t at; (at = input.find("@DATA@")) != std::string::npos;)
    input.replace(at, 6, TENGEN_TEST_DATA_DIR);
  return input;
}

// The commands of an input up to and including the first quit.
std::vector<GtpCommand> Commands(const std::string& input) {
  std::vector<GtpCommand> commands;
  std::istringstream lines(input);
  for (std::string line; std::getline(lines, line);) {
    const std::string cleaned = CleanGtpLine(line);
    if (cleaned.empty()) continue;
    commands.push_back(ParseGtpCommand(cleaned));
    if (commands.back().name == "quit") break;
  }
  return commands;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, OutputMatches) {
  const std::string input = GoldenInput(GetParam());
  const std::string output = RunGtp(input);
  const fs::path expected_path = fs::path(TENGEN_GTP_GOLDEN_DIR) / (GetParam() + ".out");
  if (std::getenv("TENGEN_UPDATE_GOLDEN") != nullptr) std::ofstream(expected_path) << output;
  EXPECT_EQ(output, ReadFile(expected_path));
}

// Every command line gets exactly one well-formed reply with its id, and no
// reply holds an empty line.
TEST_P(GoldenTest, OneWellFormedReplyPerCommand) {
  const std::string input = GoldenInput(GetParam());
  const std::vector<GtpReply> replies = Replies(RunGtp(input));
  const std::vector<GtpCommand> commands = Commands(input);
  ASSERT_EQ(replies.size(), commands.size());
  for (size_t i = 0; i < replies.size(); ++i) EXPECT_EQ(replies[i].id, commands[i].id) << i;
}

INSTANTIATE_TEST_SUITE_P(Transcripts, GoldenTest, ::testing::ValuesIn(GoldenNames()));

// Every command of the table is exercised by some transcript.
TEST(GoldenCoverage, EveryCommandAppears) {
  std::set<std::string> used;
  for (const std::string& name : GoldenNames())
    for (const GtpCommand& command : Commands(GoldenInput(name))) used.insert(command.name);
  for (const GtpCommandSpec& spec : AllGtpCommands())
    EXPECT_TRUE(used.contains(spec.name)) << spec.name << " has no golden transcript";
}

}  // namespace
}  // namespace tengen
