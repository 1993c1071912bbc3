// RunLocalSelfPlay: the games of one folder split over worker threads, one
// progress task for all of them, resuming, and stopping on request or poll.
#include "selfplay/local_selfplay.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/stop_token.h"
#include "policy/model.h"
#include "selfplay/selfplay_job.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

Model SmallModel() {
  NetworkConfig config;
  config.board_size = 5;
  config.blocks = 1;
  config.channels = 8;
  config.policy_channels = 4;
  config.value_channels = 4;
  config.value_hidden = 8;
  absl::StatusOr<Model> model = Model::CreateRandom(config, 11);
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

LocalSelfPlayOptions Options(const std::string& out, int games, int workers) {
  LocalSelfPlayOptions options;
  options.out_dir = out;
  options.games = games;
  options.workers = workers;
  options.play.parallel = 2;
  options.play.seed = 9;
  options.play.model_name = "small";
  options.evaluator.threads = 1;
  return options;
}

std::set<std::string> DataFiles(const std::string& out) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(out + "/data"))
    names.insert(entry.path().filename().string());
  return names;
}

TEST(LocalSelfPlayTest, SplitsTheGamesOverNamedWorkersAndReportsOneTask) {
  TempDir dir("local_split");
  const Model model = SmallModel();
  LocalSelfPlayOptions options = Options(dir.path(), 7, 3);
  std::mutex mutex;
  std::vector<Progress> reports;
  options.hooks.on_progress = [&](const Progress& p) {
    std::lock_guard lock(mutex);
    reports.push_back(p);
  };
  options.progress_task = "selfplay x3";
  absl::StatusOr<SelfPlayJobSummary> summary = RunLocalSelfPlay(model, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->games_played, 7);
  EXPECT_EQ(summary->games_done, 7);
  EXPECT_FALSE(summary->stopped_early);
  EXPECT_GT(summary->positions, 7);
  // 7 games over 3 workers: 3, 2 and 2, each worker numbering its own.
  EXPECT_EQ(DataFiles(dir.path()),
            (std::set<std::string>{"w0-0-000000.npz", "w0-0-000001.npz", "w0-0-000002.npz",
                                   "w0-1-000000.npz", "w0-1-000001.npz", "w0-2-000000.npz",
                                   "w0-2-000001.npz"}));
  ASSERT_FALSE(reports.empty());
  for (const Progress& p : reports) {
    EXPECT_EQ(p.task, "selfplay x3");
    EXPECT_EQ(p.unit, "games");
    EXPECT_EQ(p.total, 7);
  }
  EXPECT_EQ(reports.front().done, 0);
  EXPECT_TRUE(reports.back().finished);
  EXPECT_EQ(reports.back().done, 7);
  for (size_t i = 1; i < reports.size(); ++i) EXPECT_GE(reports[i].done, reports[i - 1].done);
}

TEST(LocalSelfPlayTest, OneWorkerKeepsTheWorkerNameAndTheSameCallResumes) {
  TempDir dir("local_resume");
  const Model model = SmallModel();
  absl::StatusOr<SelfPlayJobSummary> first = RunLocalSelfPlay(model, Options(dir.path(), 2, 1));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(DataFiles(dir.path()), (std::set<std::string>{"w0-000000.npz", "w0-000001.npz"}));
  // Asking for more plays only what is missing.
  absl::StatusOr<SelfPlayJobSummary> second = RunLocalSelfPlay(model, Options(dir.path(), 3, 1));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->games_played, 1);
  EXPECT_EQ(second->games_done, 3);
  // Nothing missing: nothing played.
  absl::StatusOr<SelfPlayJobSummary> third = RunLocalSelfPlay(model, Options(dir.path(), 3, 1));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->games_played, 0);
  EXPECT_FALSE(third->stopped_early);
}

TEST(LocalSelfPlayTest, AStopRequestStopsEveryWorkerAndKeepsOnlyWholeGames) {
  TempDir dir("local_stop");
  const Model model = SmallModel();
  LocalSelfPlayOptions options = Options(dir.path(), 400, 2);
  StopSource stop;
  options.hooks.stop = stop.token();
  std::atomic<bool> asked{false};
  options.hooks.on_progress = [&](const Progress& p) {
    if (p.done >= 2 && !asked.exchange(true)) stop.RequestStop();
  };
  absl::StatusOr<SelfPlayJobSummary> summary = RunLocalSelfPlay(model, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_TRUE(summary->stopped_early);
  EXPECT_GE(summary->games_done, 2);
  EXPECT_LT(summary->games_done, 400);
  // Every data file is a whole game with its SGF beside it.
  const std::set<std::string> data = DataFiles(dir.path());
  EXPECT_EQ(static_cast<int>(data.size()), summary->games_done);
  for (const std::string& name : data) {
    const std::string stem = name.substr(0, name.size() - 4);
    EXPECT_TRUE(std::filesystem::exists(dir.Path("sgf/" + stem + ".sgf"))) << stem;
  }
}

TEST(LocalSelfPlayTest, PollReturningTrueStopsTheWorkers) {
  TempDir dir("local_poll");
  const Model model = SmallModel();
  LocalSelfPlayOptions options = Options(dir.path(), 400, 2);
  int polls = 0;
  options.poll = [&] { return ++polls >= 2; };
  absl::StatusOr<SelfPlayJobSummary> summary = RunLocalSelfPlay(model, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_TRUE(summary->stopped_early);
  EXPECT_GE(polls, 2);
}

TEST(LocalSelfPlayTest, BadSettingsFailBeforeAnyGame) {
  TempDir dir("local_bad");
  const Model model = SmallModel();
  LocalSelfPlayOptions no_workers = Options(dir.path(), 4, 0);
  EXPECT_TRUE(absl::IsInvalidArgument(RunLocalSelfPlay(model, no_workers).status()));
  LocalSelfPlayOptions bad_name = Options(dir.path(), 4, 2);
  bad_name.worker = "a/b";
  EXPECT_TRUE(absl::IsInvalidArgument(RunLocalSelfPlay(model, bad_name).status()));
  LocalSelfPlayOptions bad_device = Options(dir.path(), 4, 2);
  bad_device.evaluator.device = "tpu";
  EXPECT_FALSE(RunLocalSelfPlay(model, bad_device).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.Path("data")));
}

TEST(LocalSelfPlayTest, WorkerSeedsDifferPerWorkerAndNamesFollowTheCount) {
  EXPECT_NE(WorkerSeed(1, 0), WorkerSeed(1, 1));
  EXPECT_NE(WorkerSeed(1, 0), WorkerSeed(2, 0));
  EXPECT_EQ(LocalWorkerName("w0", 1, 0), "w0");
  EXPECT_EQ(LocalWorkerName("local", 2, 1), "local-1");
}

}  // namespace
}  // namespace tengen
