// Training data files: the positions of self-play games (or SGF records)
// with what the trainer needs, one file per game or batch of games.
//
// Format (version 1): a NumPy .npz archive (see npz.h; zip with a CRC-32 per
// member) holding, for P positions on an N x N board with C feature planes:
//   header   uint8 [H]            UTF-8 JSON: {"format":"tengen-training-data",
//                                 "version":1, "board_size", "feature_set",
//                                 "planes", "positions", "games", "rules",
//                                 "komi", "model", "source", "created"}
//   planes   uint8 [P, C, N, N]   input features (policy/features.h), 0 or 1,
//                                 in the position's own orientation
//   mask     uint8 [P, N*N+1]     1 for the moves the player could choose
//                                 among (legal, not filling an own eye; pass
//                                 only when nothing else was allowed)
//   policy   float32 [P, N*N+1]   the distribution the move was drawn from,
//                                 before temperature (for SGF data: one-hot)
//   move     int16 [P]            the move played: y*N + x, pass = N*N
//   outcome  int8 [P]             final result for the player to move:
//                                 +1 win, -1 loss, 0 draw
//   value    float32 [P]          the value head's estimate when played
//                                 (0 where none)
// Files are written to a temporary name and renamed. Python reads them with
// numpy alone; docs/training_data.md has a ten-line reader.
#ifndef TENGEN_TRAIN_TRAINING_DATA_H_
#define TENGEN_TRAIN_TRAINING_DATA_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/game_state.h"

namespace tengen {

inline constexpr int kTrainingDataVersion = 1;

// The positions of one file, as flat arrays in the layout above.
struct TrainingChunk {
  int board_size = 9;
  int games = 0;
  std::string rules;  // as DescribeRules writes it: "ko positional, suicide forbidden, komi 7.5"
  double komi = 7.5;
  std::string model;   // name of the model that played, if any
  std::string source;  // "selfplay" or "sgf"
  std::string created;

  std::vector<uint8_t> planes;
  std::vector<uint8_t> mask;
  std::vector<float> policy;
  std::vector<int16_t> move;
  std::vector<int8_t> outcome;
  std::vector<float> value;

  int64_t positions() const { return static_cast<int64_t>(move.size()); }
  int moves_per_position() const { return board_size * board_size + 1; }
  int64_t plane_values_per_position() const;

  // Appends the positions of `other` (same board size).
  void Append(const TrainingChunk& other);
  // Ok when every array has the size P implies and every value is in range
  // (planes 0/1, moves on the board or pass and allowed by the mask,
  // outcomes -1/0/1, probabilities finite and non-negative).
  absl::Status Validate() const;
};

// One position of a game being recorded, before the result is known.
struct RecordedPosition {
  std::vector<uint8_t> planes;
  std::vector<uint8_t> mask;
  std::vector<float> policy;
  int move = 0;
  Color mover = Color::kBlack;
  float value = 0;
};

// The positions of one finished game with outcomes from each mover's view;
// `winner` is kEmpty for a draw.
TrainingChunk ChunkOfGame(int board_size, std::span<const RecordedPosition> positions,
                          Color winner);

// Serialises / writes atomically / reads and validates a chunk. Reading
// names the file and what is wrong with it.
absl::StatusOr<std::string> EncodeTrainingChunk(const TrainingChunk& chunk);
absl::StatusOr<TrainingChunk> DecodeTrainingChunk(std::string_view bytes);
absl::Status WriteTrainingFile(const std::string& path, const TrainingChunk& chunk);
absl::StatusOr<TrainingChunk> ReadTrainingFile(const std::string& path);

}  // namespace tengen

#endif  // TENGEN_TRAIN_TRAINING_DATA_H_
