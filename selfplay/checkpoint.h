// Training checkpoints: the model, the optimiser state and where the run
// stands, in one file written atomically; the newest few are kept. Includes
// LibTorch (trainer internals only).
//
// File format: "tengen-checkpoint 1", a JSON line (CheckpointHeader),
// "model <bytes> crc32 <hex>", "optimizer <bytes> crc32 <hex>", then the
// model file bytes (policy/model.h) and the optimiser's LibTorch archive.
#ifndef TENGEN_SELFPLAY_CHECKPOINT_H_
#define TENGEN_SELFPLAY_CHECKPOINT_H_

#include <torch/torch.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "policy/model.h"

namespace tengen {

struct CheckpointHeader {
  int64_t start_step = 0;   // the model's training step when the run began
  int64_t target_step = 0;  // where the run will stop
  int64_t step = 0;         // the model's training step in this checkpoint
  std::string fingerprint;  // the settings that shape the run
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

absl::Status LoadOptimizerState(torch::optim::Optimizer& optimizer, const std::string& bytes);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_CHECKPOINT_H_
