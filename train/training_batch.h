// Minibatches for the trainer, with symmetry augmentation: each sampled
// position is turned by a random one of the 8 symmetries, and its planes,
// move mask, target policy, played move and final ownership are all turned
// the same way.
// No LibTorch here: plain arrays the trainer copies into tensors.
#ifndef TENGEN_TRAIN_TRAINING_BATCH_H_
#define TENGEN_TRAIN_TRAINING_BATCH_H_

#include <cstdint>
#include <vector>

#include "base/random.h"
#include "train/training_data.h"

namespace tengen {

struct TrainingBatch {
  int size = 0;
  int board_size = 0;
  std::vector<float> planes;     // [B, C, N, N]
  std::vector<uint8_t> mask;     // [B, N*N+1]
  std::vector<float> policy;     // [B, N*N+1]
  std::vector<int64_t> move;     // [B]
  std::vector<float> outcome;    // [B], -1 / 0 / +1 for the player to move
  std::vector<float> ownership;  // [B, N*N], -1 / 0 / +1 for the player to move
  std::vector<float> score;      // [B], final area margin for the player to move
  std::vector<float> has_final;  // [B], 1 where ownership and score are known, else 0
  std::vector<int> symmetry;     // [B], the symmetry applied
  std::vector<int64_t> source;   // [B], the position's index in the data

  TrainingBatch(int batch_size, int board_size);
};

// Writes position `index` of `data`, turned by symmetry s, into slot `slot`.
void WriteAugmentedPosition(const TrainingChunk& data, int64_t index, int s, int slot,
                            TrainingBatch& batch);

// batch_size positions drawn uniformly with replacement, each under a
// random symmetry when `augment` (else the identity).
TrainingBatch SampleBatch(const TrainingChunk& data, int batch_size, Rng& rng, bool augment = true);

}  // namespace tengen

#endif  // TENGEN_TRAIN_TRAINING_BATCH_H_
