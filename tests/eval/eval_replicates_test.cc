// `tengen eval --quick --replicates 2 --jobs 2` end to end, run once for
// the suite: two whole studies as two processes (seeds 5 and 6), then the
// summary across seeds; its JSON holds every figure with a value per seed,
// its page rendered by headless Chromium shows every value, a rerun only
// aggregates, and --aggregate refuses a folder with a replicate missing.
#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <string>

#include "base/json.h"
#include "eval/report/study_results.h"
#include "gtest/gtest.h"
#include "tests/eval/eval_test_util.h"
#include "tests/support/files.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

std::string Eval(const std::string& out, const std::string& extra = "") {
  return fmt::format("{} eval --quick --seed 5 --replicates 2 --jobs 2 --out {} {}", TENGEN_BINARY,
                     out, extra);
}

class EvalReplicatesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("eval_replicates");
    run_ = new CommandResult(RunCommand(Eval(dir_->Path("out"))));
    absl::StatusOr<JsonValue> report = ParseJson(ReadBytes(dir_->Path("out/report.json")));
    report_ = new JsonValue(report.ok() ? *report : JsonValue());
  }
  static void TearDownTestSuite() {
    delete report_;
    delete run_;
    delete dir_;
  }
  void SetUp() override {
    ASSERT_EQ(run_->exit_code, 0) << run_->output;
    ASSERT_TRUE(report_->is_object()) << "report.json is missing or not JSON";
  }
  static std::string Out(const std::string& relative) { return dir_->Path("out/" + relative); }

  static TempDir* dir_;
  static CommandResult* run_;
  static JsonValue* report_;
};

TempDir* EvalReplicatesTest::dir_ = nullptr;
CommandResult* EvalReplicatesTest::run_ = nullptr;
JsonValue* EvalReplicatesTest::report_ = nullptr;

TEST_F(EvalReplicatesTest, EachSeedIsAWholeStudyInItsOwnFolder) {
  for (int seed : {5, 6}) {
    absl::StatusOr<JsonValue> json =
        ParseJson(ReadBytes(Out(fmt::format("seed-{}/report.json", seed))));
    ASSERT_TRUE(json.ok()) << seed;
    absl::StatusOr<StudyResults> results = StudyResults::FromJson(*json);
    ASSERT_TRUE(results.ok()) << results.status();
    EXPECT_EQ(results->settings.seed, static_cast<uint64_t>(seed));
    EXPECT_TRUE(results->collapse && results->diversity && results->strength && results->learning &&
                results->dropout && results->search);
    EXPECT_TRUE(fs::exists(Out(fmt::format("logs/seed-{}.log", seed))));
  }
  EXPECT_NE(run_->output.find("replicates, seeds 5 6"), std::string::npos) << run_->output;
}

TEST_F(EvalReplicatesTest, EveryFigureHasAValuePerSeedAndEveryPartAClaim) {
  EXPECT_EQ(*report_->GetString("format"), "tengen-eval-replicates");
  const std::vector<JsonValue>& figures = report_->Find("figures")->AsArray();
  EXPECT_GE(figures.size(), 15u);
  for (const JsonValue& figure : figures) {
    const std::string id = *figure.GetString("id");
    const std::vector<JsonValue>& values = figure.Find("values")->AsArray();
    ASSERT_EQ(values.size(), 2u) << id;
    for (const JsonValue& v : values) EXPECT_TRUE(v.is_number()) << id;
    EXPECT_LE(*figure.GetNumber("low"), *figure.GetNumber("mean")) << id;
    EXPECT_GE(*figure.GetNumber("high"), *figure.GetNumber("mean")) << id;
  }
  std::set<std::string> parts;
  for (const JsonValue& claim : report_->Find("claims")->AsArray())
    parts.insert(*claim.GetString("part"));
  for (const char* part : {"collapse", "diversity", "strength", "learning", "dropout", "search"})
    EXPECT_TRUE(parts.count(part)) << part;
}

TEST_F(EvalReplicatesTest, ChromiumRendersThePageWithEveryValue) {
  const std::string chromium = "/usr/bin/chromium";
  ASSERT_TRUE(fs::exists(chromium))
      << "Chromium is not installed at " << chromium
      << ": install the Debian package 'chromium' (scripts/install-deps.sh does)";
  TempDir profile("eval_replicates_chromium");
  // The page as Chromium built it: what a reader sees, not what was written.
  const CommandResult dom = RunCommand(fmt::format(
      "timeout 180 {} --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir={} --dump-dom file://{} 2>/dev/null",
      chromium, profile.Path("profile"), fs::absolute(Out("report.html")).string()));
  ASSERT_EQ(dom.exit_code, 0) << dom.output.substr(0, 2000);
  ASSERT_NE(dom.output.find("<section id=\"claims\">"), std::string::npos)
      << dom.output.substr(0, 2000);
  EXPECT_EQ(eval_test::FindMissingValue(dom.output), "");
  for (const char* part : {"collapse", "diversity", "strength", "learning", "dropout", "search"})
    EXPECT_NE(dom.output.find(fmt::format("<section id=\"{}\">", part)), std::string::npos);
  // One dot per seed for every figure.
  int dots = 0;
  for (size_t at = dom.output.find("class=\"seed\""); at != std::string::npos;
       at = dom.output.find("class=\"seed\"", at + 1))
    ++dots;
  EXPECT_EQ(dots, 2 * static_cast<int>(report_->Find("figures")->AsArray().size()));
  for (const char* seed : {"seed 5", "seed 6"}) EXPECT_NE(dom.output.find(seed), std::string::npos);
}

TEST_F(EvalReplicatesTest, ARerunOnlyAggregatesAndAMissingReplicateIsNamed) {
  const CommandResult again = RunCommand(Eval(Out("")));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("2 of 2 replicates already done"), std::string::npos) << again.output;
  EXPECT_EQ(again.output.find("started"), std::string::npos) << again.output;

  TempDir copy("eval_replicates_copy");
  fs::copy(Out("seed-5"), copy.Path("seed-5"), fs::copy_options::recursive);
  const CommandResult partial = RunCommand(fmt::format(
      "{} eval --quick --seed 5 --replicates 2 --aggregate --out {}", TENGEN_BINARY, copy.path()));
  EXPECT_NE(partial.exit_code, 0);
  EXPECT_NE(partial.output.find("1 of 2 replicates have no finished report.json"),
            std::string::npos)
      << partial.output;
  EXPECT_NE(partial.output.find("seed-6"), std::string::npos) << partial.output;
}

}  // namespace
}  // namespace tengen
