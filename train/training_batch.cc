#include "train/training_batch.h"

#include <span>

#include "base/check.h"
#include "engine/symmetry.h"
#include "policy/features.h"

namespace tengen {

TrainingBatch::TrainingBatch(int batch_size, int n)
    : size(batch_size),
      board_size(n),
      planes(static_cast<size_t>(batch_size) * kNumFeaturePlanes * n * n),
      mask(static_cast<size_t>(batch_size) * (n * n + 1)),
      policy(static_cast<size_t>(batch_size) * (n * n + 1)),
      move(batch_size),
      outcome(batch_size),
      ownership(static_cast<size_t>(batch_size) * n * n),
      score(batch_size),
      has_final(batch_size),
      symmetry(batch_size),
      source(batch_size) {}

void WriteAugmentedPosition(const TrainingChunk& data, int64_t index, int s, int slot,
                            TrainingBatch& batch) {
  TENGEN_CHECK(index >= 0 && index < data.positions() && slot >= 0 && slot < batch.size);
  TENGEN_CHECK(static_cast<int64_t>(data.ownership.size()) ==
                   data.positions() * data.points_per_position() &&
               static_cast<int64_t>(data.has_final.size()) == data.positions() &&
               static_cast<int64_t>(data.score.size()) == data.positions());
  const int n = data.board_size;
  const int area = data.points_per_position();
  const int64_t plane_values = data.plane_values_per_position();
  const int moves = data.moves_per_position();
  // Planes: uint8 to float, then turned.
  std::vector<float> original(data.planes.begin() + index * plane_values,
                              data.planes.begin() + (index + 1) * plane_values);
  ApplySymmetryToPlanes<float>(
      s, kNumFeaturePlanes, n, original,
      std::span<float>(batch.planes).subspan(slot * plane_values, plane_values));
  ApplySymmetryToPolicy<uint8_t>(s, n,
                                 std::span<const uint8_t>(data.mask).subspan(index * moves, moves),
                                 std::span<uint8_t>(batch.mask).subspan(slot * moves, moves));
  ApplySymmetryToPolicy<float>(s, n,
                               std::span<const float>(data.policy).subspan(index * moves, moves),
                               std::span<float>(batch.policy).subspan(slot * moves, moves));
  batch.move[slot] = ApplySymmetryToMoveIndex(s, data.move[index], n);
  batch.outcome[slot] = data.outcome[index];
  // Ownership is indexed as the policy's board points (y*N + x).
  const std::vector<float> owner(data.ownership.begin() + index * area,
                                 data.ownership.begin() + (index + 1) * area);
  ApplySymmetryToPlanes<float>(s, 1, n, owner,
                               std::span<float>(batch.ownership).subspan(slot * area, area));
  batch.score[slot] = data.score[index];
  batch.has_final[slot] = data.has_final[index];
  batch.symmetry[slot] = s;
  batch.source[slot] = index;
}

TrainingBatch SampleBatch(const TrainingChunk& data, int batch_size, Rng& rng, bool augment) {
  TENGEN_CHECK(data.positions() > 0);
  TrainingBatch batch(batch_size, data.board_size);
  for (int slot = 0; slot < batch_size; ++slot) {
    const int64_t index =
        static_cast<int64_t>(rng.Next() % static_cast<uint64_t>(data.positions()));
    const int s = augment ? static_cast<int>(rng.Below(kNumSymmetries)) : 0;
    WriteAugmentedPosition(data, index, s, slot, batch);
  }
  return batch;
}

}  // namespace tengen
