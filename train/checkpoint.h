// Training checkpoints: the model, the optimiser state and where the run
// stands, in one file written atomically; the newest few are kept. No
// LibTorch here: the optimiser is only declared (trainer internals).
//
// File format, with the header of policy/file_header.h: "tengen-checkpoint
// 1", a JSON line (CheckpointHeader), "model <bytes> crc32 <hex>",
// "optimizer <bytes> crc32 <hex>", then the model file bytes (policy/model.h)
// and the optimiser's LibTorch archive.
#ifndef TENGEN_TRAIN_CHECKPOINT_H_
#define TENGEN_TRAIN_CHECKPOINT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "policy/model.h"

namespace torch::optim {
class Optimizer;
}  // namespace torch::optim

namespace tengen {

// Loss sums over the steps of one report window (trainer.h TrainingReport).
struct LossSums {
  double policy = 0, value = 0, entropy = 0;
  int64_t count = 0;                // steps summed
  double ownership = 0, score = 0;  // 0 for networks without aux heads

  bool operator==(const LossSums&) const = default;
};

// What the run has done so far, so that a resumed run reports the whole run
// as an uninterrupted one would. Checkpoints written before these fields
// existed load with them all 0: the resumed run then reports only the steps,
// samples and seconds after the resume (and, if the first tenth was already
// done, the first losses of the resumed part).
struct CheckpointProgress {
  LossSums first, last;  // the first and the last tenth of the steps
  double latest_policy = 0, latest_value = 0, latest_entropy = 0;  // the newest step
  double latest_ownership = 0, latest_score = 0;
  int64_t samples = 0;  // positions trained on so far
  double seconds = 0;   // training time so far (not counting pauses)

  bool operator==(const CheckpointProgress&) const = default;
};

struct CheckpointHeader {
  int64_t start_step = 0;   // the model's training step when the run began
  int64_t target_step = 0;  // where the run will stop
  int64_t step = 0;         // the model's training step in this checkpoint
  std::string fingerprint;  // the settings that shape the run
  CheckpointProgress progress;
};

// Writes <dir>/checkpoint-<step>.ckpt atomically, then deletes all but the
// newest `keep` checkpoints.
absl::Status SaveCheckpoint(const std::string& dir, const CheckpointHeader& header,
                            const Model& model, torch::optim::Optimizer& optimizer, int keep);

struct LoadedCheckpoint {
  CheckpointHeader header;
  Model model;
  std::string optimizer_bytes;        // load with LoadOptimizerState
  std::vector<std::string> warnings;  // damaged newer checkpoints that were skipped
};

// The newest intact checkpoint in dir, or nullopt if there is none. Damaged
// files are skipped (with a warning), never fatal.
absl::StatusOr<std::optional<LoadedCheckpoint>> LoadLatestCheckpoint(const std::string& dir);

// What a checkpoint folder holds: the newest intact checkpoint, if any, and
// the damaged ones newer than it (all of them when none is intact), each
// with a warning that names the file and says what is wrong.
struct CheckpointScan {
  std::optional<LoadedCheckpoint> latest;
  std::vector<std::string> damaged;   // paths
  std::vector<std::string> warnings;  // one per damaged path
};
absl::StatusOr<CheckpointScan> ScanCheckpoints(const std::string& dir);

// Renames each damaged checkpoint to <path>.damaged, kept for inspection
// but no longer a checkpoint, so that it neither shadows nor (by its higher
// step) makes SaveCheckpoint delete the checkpoints written after it.
absl::Status SetAsideDamagedCheckpoints(const std::vector<std::string>& damaged);

absl::Status LoadOptimizerState(torch::optim::Optimizer& optimizer, const std::string& bytes);

}  // namespace tengen

#endif  // TENGEN_TRAIN_CHECKPOINT_H_
