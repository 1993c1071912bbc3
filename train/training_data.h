// Training data files: the positions of self-play games (or SGF records)
// with what the trainer needs, one file per game or batch of games.
//
// Format (version 2): a NumPy .npz archive (see npz.h; zip with a CRC-32 per
// member) holding, for P positions on an N x N board with C feature planes:
//   header   uint8 [H]            UTF-8 JSON: {"format":"tengen-training-data",
//                                 "version":2, "board_size", "feature_set",
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
//   ownership int8 [P, N*N]       each point's owner at the end of the game
//                                 (area scoring), from the player to move's
//                                 view: +1 own, -1 opponent's, 0 neutral
//                                 (y*N + x; all 0 where final is 0)
//   score    float32 [P]          the final area margin for the player to
//                                 move, komi included (0 where final is 0)
//   final    uint8 [P]            1 where ownership and score are known
//                                 (self-play), 0 where not (SGF records)
// Version 1 files (no ownership, score or final members) still read, with
// final 0; files of a newer version than the reader are refused.
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

inline constexpr int kTrainingDataVersion = 2;

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
  std::vector<int8_t> ownership;   // [P, N*N], -1 / 0 / +1 for the player to move
  std::vector<float> score;        // [P], final area margin for the player to move
  std::vector<uint8_t> has_final;  // [P], 1 where ownership and score are known

  int64_t positions() const { return static_cast<int64_t>(move.size()); }
  int moves_per_position() const { return board_size * board_size + 1; }
  int points_per_position() const { return board_size * board_size; }
  int64_t plane_values_per_position() const;

  // Appends the positions of `other` (same board size).
  void Append(const TrainingChunk& other);
  // Appends position `index` of `other` (same board size); counts no game.
  void AppendPosition(const TrainingChunk& other, int64_t index);
  // Ok when every array has the size P implies and every value is in range
  // (planes 0/1, moves on the board or pass and allowed by the mask,
  // outcomes -1/0/1, probabilities finite and non-negative, ownership
  // -1/0/1, scores finite, final 0/1 with ownership and score all 0 where
  // final is 0).
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

// How a finished game ended, for the outcomes and the auxiliary targets.
struct FinalPosition {
  Color winner = Color::kEmpty;  // kEmpty: a draw
  // N*N entries (y*N + x): kBlack or kWhite for a point the area score gives to that colour,
  // kEmpty for neutral; empty vector: unknown (no ownership or score targets, has_final 0).
  std::vector<Color> owner;
  double margin = 0;  // black's area score minus white's minus komi
};

// The end of a game as its final board scores it (Tromp-Taylor area
// scoring, nothing removed as dead, the state's komi): the owner of every
// point, the margin and the winner by the margin's sign.
FinalPosition FinalPositionOf(const GameState& state);

// The positions of one finished game with outcomes, ownership and score
// from each mover's view (has_final 1 when final.owner is known).
TrainingChunk ChunkOfGame(int board_size, std::span<const RecordedPosition> positions,
                          const FinalPosition& final);

// Serialises / writes atomically / reads and validates a chunk. Reading
// names the file and what is wrong with it.
absl::StatusOr<std::string> EncodeTrainingChunk(const TrainingChunk& chunk);
absl::StatusOr<TrainingChunk> DecodeTrainingChunk(std::string_view bytes);
absl::Status WriteTrainingFile(const std::string& path, const TrainingChunk& chunk);
absl::StatusOr<TrainingChunk> ReadTrainingFile(const std::string& path);

}  // namespace tengen

#endif  // TENGEN_TRAIN_TRAINING_DATA_H_
