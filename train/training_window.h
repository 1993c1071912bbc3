// The data a training run learns from: the most recent positions found in
// data folders (self-play output) and, for supervised training, positions
// made from SGF game records. No LibTorch here.
#ifndef TENGEN_TRAIN_TRAINING_WINDOW_H_
#define TENGEN_TRAIN_TRAINING_WINDOW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/sgf.h"
#include "train/training_data.h"

namespace tengen {

struct TrainingWindowOptions {
  std::vector<std::string> data_dirs;  // searched recursively for *.npz
  std::vector<std::string> sgf_dirs;   // searched recursively for *.sgf
  int board_size = 9;
  // Keep the newest files (by path order: generation folders, then worker
  // and game numbers) until this many positions; 0 keeps everything.
  int64_t max_positions = 0;
};

struct TrainingWindow {
  TrainingChunk positions;
  int files_used = 0;
  // One line per file skipped, e.g. "skipping a.npz: member move.npy fails
  // its CRC-32 check". Skipped files never stop training.
  std::vector<std::string> warnings;
};

// Loads the window. Errors only when nothing usable is found at all.
absl::StatusOr<TrainingWindow> LoadTrainingWindow(const TrainingWindowOptions& options);

// Positions of an SGF game for supervised training: every recorded move of
// the main line from a legal position, with planes, the legal-move mask, a
// one-hot policy on the move played and the outcome from RE (0 when the
// result is unknown or a draw), and no ownership or score targets
// (has_final 0). Records of another size give nothing.
TrainingChunk ChunkOfSgfGame(const GameRecord& record, int board_size);

}  // namespace tengen

#endif  // TENGEN_TRAIN_TRAINING_WINDOW_H_
