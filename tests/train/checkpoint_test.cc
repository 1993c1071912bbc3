// Checkpoint files keep the format they had before model and checkpoint
// files shared one header codec (policy/file_header.h): a file assembled as
// the old code wrote it loads, and SaveCheckpoint writes exactly that.
#include "train/checkpoint.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <sstream>

#include "base/checksum.h"
#include "gtest/gtest.h"
#include "policy/model_internal.h"
#include "tests/support/files.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

// The header lines and payloads as the code before the codec wrote them,
// with its very format string.
std::string OldCheckpointBytes(std::string_view json, const std::string& model,
                               const std::string& optimizer) {
  return fmt::format("{}\n{}\nmodel {} crc32 {:08x}\noptimizer {} crc32 {:08x}\n",
                     "tengen-checkpoint 1", json, model.size(), Crc32(model), optimizer.size(),
                     Crc32(optimizer)) +
         model + optimizer;
}

std::string OptimizerBytes(torch::optim::Optimizer& optimizer) {
  torch::serialize::OutputArchive archive;
  optimizer.save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

class CheckpointFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_.set_training_step(3);
    optimizer_ = std::make_unique<torch::optim::SGD>(NetworkOf(model_)->parameters(),
                                                     torch::optim::SGDOptions(0.1).momentum(0.9));
    // One step, so that the optimiser has momentum buffers to save.
    torch::Tensor loss = torch::zeros({});
    for (const torch::Tensor& p : NetworkOf(model_)->parameters()) loss = loss + p.sum();
    loss.backward();
    optimizer_->step();
  }

  TempDir dir_{"checkpoint_file"};
  Model model_ =
      Model::CreateRandom(NetworkConfig{.board_size = 5, .blocks = 1, .channels = 8}, 4).value();
  std::unique_ptr<torch::optim::SGD> optimizer_;
};

TEST_F(CheckpointFileTest, AFileInTheOldFormatLoads) {
  const std::string model_bytes = *model_.ToBytes();
  const std::string optimizer_bytes = OptimizerBytes(*optimizer_);
  const std::string json =
      R"({"start_step":1,"target_step":10,"step":3,"fingerprint":"obj=0 seed=5",)"
      R"("progress":{"first":{"policy":1.5,"value":0.25,"entropy":2,"count":4},)"
      R"("last":{"policy":0,"value":0,"entropy":0,"count":0},"latest_policy":1.25,)"
      R"("latest_value":0.5,"latest_entropy":1.75,"samples":48,"seconds":0.5}})";
  WriteBytes(dir_.Path("checkpoint-000000000003.ckpt"),
             OldCheckpointBytes(json, model_bytes, optimizer_bytes));
  absl::StatusOr<std::optional<LoadedCheckpoint>> loaded = LoadLatestCheckpoint(dir_.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_TRUE(loaded->has_value());
  const LoadedCheckpoint& checkpoint = **loaded;
  EXPECT_TRUE(checkpoint.warnings.empty());
  EXPECT_EQ(checkpoint.header.start_step, 1);
  EXPECT_EQ(checkpoint.header.target_step, 10);
  EXPECT_EQ(checkpoint.header.step, 3);
  EXPECT_EQ(checkpoint.header.fingerprint, "obj=0 seed=5");
  EXPECT_EQ(checkpoint.header.progress.first, (LossSums{1.5, 0.25, 2, 4}));
  EXPECT_EQ(checkpoint.header.progress.samples, 48);
  EXPECT_EQ(checkpoint.header.progress.latest_entropy, 1.75);
  EXPECT_EQ(checkpoint.model.metadata(), model_.metadata());
  EXPECT_EQ(*checkpoint.model.ToBytes(), model_bytes);
  EXPECT_EQ(checkpoint.optimizer_bytes, optimizer_bytes);
  EXPECT_TRUE(LoadOptimizerState(*optimizer_, checkpoint.optimizer_bytes).ok());
}

TEST_F(CheckpointFileTest, SaveWritesTheOldFormatByteForByte) {
  const CheckpointHeader header{.start_step = 0,
                                .target_step = 10,
                                .step = 3,
                                .fingerprint = "obj=1",
                                .progress = {.samples = 16}};
  ASSERT_TRUE(SaveCheckpoint(dir_.path(), header, model_, *optimizer_, 2).ok());
  const std::string written = ReadBytes(dir_.Path("checkpoint-000000000003.ckpt"));
  // The JSON line is the JSON writer's (base/json.h); the framing around
  // it and the payloads are the codec's.
  const size_t json_start = written.find('\n') + 1;
  const std::string json = written.substr(json_start, written.find('\n', json_start) - json_start);
  EXPECT_EQ(written, OldCheckpointBytes(json, *model_.ToBytes(), OptimizerBytes(*optimizer_)));
}

TEST_F(CheckpointFileTest, DamageIsNamedWithTheFile) {
  const CheckpointHeader header{.target_step = 10, .step = 3, .fingerprint = "f"};
  ASSERT_TRUE(SaveCheckpoint(dir_.path(), header, model_, *optimizer_, 2).ok());
  const std::string path = dir_.Path("checkpoint-000000000003.ckpt");
  const std::string good = ReadBytes(path);
  auto warning_for = [&](const std::string& bytes) {
    WriteBytes(path, bytes);
    absl::StatusOr<CheckpointScan> scan = ScanCheckpoints(dir_.path());
    EXPECT_TRUE(scan.ok());
    EXPECT_FALSE(scan->latest.has_value());
    return scan->warnings.empty() ? "" : scan->warnings[0];
  };
  EXPECT_NE(warning_for("tengen-checkpoint 2\n{}\n")
                .find(path + ": format version 2, but this "
                             "Tengen reads version 1"),
            std::string::npos);
  EXPECT_NE(warning_for(good.substr(0, good.size() - 1))
                .find(path + ": truncated: expected " +
                      std::to_string(good.size() - good.find("\n", good.find("optimizer ")) - 1) +
                      " bytes of model and optimiser state"),
            std::string::npos);
  std::string flipped = good;
  flipped.back() ^= 0x01;
  EXPECT_NE(warning_for(flipped).find(
                path + ": corrupted: the checksum of the optimiser state does not match"),
            std::string::npos);
}

}  // namespace
}  // namespace tengen
