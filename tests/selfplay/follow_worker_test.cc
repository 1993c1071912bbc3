// RunFollowWorker in this process against a hand-made run folder: it plays
// the run's current generation with its best model, switches as run.json
// moves on, stops when the run is done or asked to, and refuses a folder
// that is not a run.
#include "selfplay/follow_worker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/json.h"
#include "base/stop_token.h"
#include "policy/model.h"
#include "selfplay/run_config.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

class FollowWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.network = NetworkConfig{.board_size = 5,
                                    .blocks = 1,
                                    .channels = 8,
                                    .policy_channels = 4,
                                    .value_channels = 4,
                                    .value_hidden = 8};
    config_.generations = 3;
    ASSERT_TRUE(
        WriteFileAtomically(dir_.Path("config.json"), SerializeJson(config_.ToJson()) + "\n").ok());
    std::filesystem::create_directories(dir_.Path("models"));
    SaveModel(0);
    WriteRunState(0, 0);
  }
  void SaveModel(int generation) {
    absl::StatusOr<Model> model = Model::CreateRandom(config_.network, 10 + generation);
    ASSERT_TRUE(model.ok()) << model.status();
    model->set_name(fmt::format("generation {}", generation));
    ASSERT_TRUE(model->Save(dir_.Path(fmt::format("models/gen-{:04}.tgm", generation))).ok());
  }
  void WriteRunState(int generation, int best) {
    JsonValue state = JsonValue::Object();
    state.Set("generation", generation).Set("best_generation", best).Set("last_generation", 3);
    ASSERT_TRUE(WriteFileAtomically(dir_.Path("run.json"), SerializeJson(state) + "\n").ok());
  }
  int Games(int generation) const {
    const std::string data = dir_.Path(fmt::format("selfplay/gen-{:04}/data", generation));
    if (!std::filesystem::exists(data)) return 0;
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(data))
      count += entry.path().extension() == ".npz";
    return count;
  }
  FollowWorkerOptions Options() {
    FollowWorkerOptions options;
    options.run_dir = dir_.path();
    options.worker = "far-away";
    options.games_per_round = 2;
    options.play.parallel = 2;
    options.evaluator.threads = 1;
    options.poll_seconds = 0.1;
    options.hooks.on_log = [this](std::string_view line) { log_.emplace_back(line); };
    return options;
  }

  TempDir dir_{"follow_worker"};
  RunConfig config_;
  std::vector<std::string> log_;
};

TEST_F(FollowWorkerTest, PlaysTheCurrentGenerationWithTheBestModel) {
  FollowWorkerOptions options = Options();
  options.max_rounds = 1;
  ASSERT_TRUE(RunFollowWorker(options).ok());
  EXPECT_EQ(Games(1), 2);
  EXPECT_TRUE(std::filesystem::exists(dir_.Path("selfplay/gen-0001/data/far-away-000000.npz")));
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_EQ(log_[0], "worker far-away: playing generation 1 with generation 0");
  // A second round adds two more games, with no second switch.
  ASSERT_TRUE(RunFollowWorker(options).ok());
  EXPECT_EQ(Games(1), 4);
}

TEST_F(FollowWorkerTest, SwitchesWhenTheRunMovesOnAndPromotes) {
  FollowWorkerOptions options = Options();
  options.max_rounds = 1;
  ASSERT_TRUE(RunFollowWorker(options).ok());
  SaveModel(1);
  WriteRunState(1, 1);  // generation 1 done, and it became the best
  ASSERT_TRUE(RunFollowWorker(options).ok());
  EXPECT_EQ(Games(2), 2);
  ASSERT_EQ(log_.size(), 2u);
  EXPECT_EQ(log_[1], "worker far-away: playing generation 2 with generation 1");
}

TEST_F(FollowWorkerTest, EndsOnceTheRunsLastGenerationIsDone) {
  WriteRunState(3, 2);
  SaveModel(2);
  FollowWorkerOptions options = Options();
  options.max_rounds = 5;
  ASSERT_TRUE(RunFollowWorker(options).ok());
  for (int g = 1; g <= 4; ++g) EXPECT_EQ(Games(g), 0) << g;
}

TEST_F(FollowWorkerTest, AStopRequestEndsIt) {
  StopSource stop;
  stop.RequestStop();
  FollowWorkerOptions options = Options();
  options.hooks.stop = stop.token();
  EXPECT_TRUE(absl::IsCancelled(RunFollowWorker(options)));
  EXPECT_EQ(Games(1), 0);
}

TEST_F(FollowWorkerTest, AFolderThatIsNotARunIsRefusedNamingConfigJson) {
  TempDir empty("follow_worker_empty");
  FollowWorkerOptions options = Options();
  options.run_dir = empty.path();
  const absl::Status status = RunFollowWorker(options);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_NE(status.message().find("config.json"), std::string::npos) << status;
}

TEST_F(FollowWorkerTest, ABadConfigIsReportedAsSuch) {
  ASSERT_TRUE(WriteFileAtomically(dir_.Path("config.json"), R"({"selfplay": {"gamez": 1}})").ok());
  const absl::Status status = RunFollowWorker(Options());
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("selfplay.gamez"), std::string::npos) << status;
}

}  // namespace
}  // namespace tengen
