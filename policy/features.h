// The input features of the policy network: a GameState as planes of plain
// floats (no torch types, so inference and training share this code and it
// builds fast).
//
// Layout: [plane][y][x] for the state's own board size N, y the row from the
// top and x the column from the left (as in engine/point.h). Every value is
// 0 or 1, and everything is from the point of view of the player to move:
//
// | plane | contents (1 where ...)                                            |
// |-------|-------------------------------------------------------------------|
// | 0     | a stone of the player to move ("own")                             |
// | 1     | a stone of the opponent                                           |
// | 2..5  | the point of the last, 2nd, 3rd, 4th last move (one-hot); a pass, |
// |       | or a move that does not exist, leaves its plane empty. The record |
// |       | starts at the last setup (GameState::moves()), whichever colours  |
// |       | made the moves                                                    |
// | 6     | a stone of an own chain with exactly 1 liberty                    |
// | 7     | a stone of an own chain with exactly 2 liberties                  |
// | 8     | a stone of an own chain with 3 or more liberties                  |
// | 9..11 | the same as 6..8 for the opponent's chains                        |
// | 12    | an empty point where the player to move may not play (simple ko,  |
// |       | superko or suicide, as GameState::IsLegal decides)                |
// | 13    | a point of the N x N board (all ones; zero in padding)            |
// | 14    | a point of the board, when black is to move (all zeros for white) |
//
// A chain without liberties (possible only after setup) appears in planes 0
// or 1 but in none of 6..11. Occupied points are never in plane 12.
//
// Symmetry s (engine/symmetry.h, 0 = identity) moves every plane: the
// encoding with symmetry s equals
//   ApplySymmetryToPlanes(s, kNumFeaturePlanes, N, encoding with symmetry 0),
// which is also the identity encoding of ApplySymmetry(s, state).
#ifndef TENGEN_POLICY_FEATURES_H_
#define TENGEN_POLICY_FEATURES_H_

#include <cstdint>
#include <span>
#include <vector>

#include "engine/game_state.h"

namespace tengen {

// Recorded in model files; bump it whenever the meaning of any plane changes,
// so that an old model is never fed features it was not trained on.
inline constexpr int kFeatureSetVersion = 1;

inline constexpr int kNumFeaturePlanes = 15;
inline constexpr int kNumLastMovePlanes = 4;

// Plane indices, as in the table above. Unscoped so that they index arrays
// and take offsets (kPlaneLastMove1 + k) without casts.
enum FeaturePlane : int {
  kPlaneOwnStones = 0,
  kPlaneOpponentStones = 1,
  kPlaneLastMove1 = 2,  // then 2nd, 3rd, 4th last at 3, 4, 5
  kPlaneOwnLiberties1 = 6,
  kPlaneOwnLiberties2 = 7,
  kPlaneOwnLiberties3OrMore = 8,
  kPlaneOpponentLiberties1 = 9,
  kPlaneOpponentLiberties2 = 10,
  kPlaneOpponentLiberties3OrMore = 11,
  kPlaneIllegal = 12,
  kPlaneOnBoard = 13,
  kPlaneBlackToMove = 14,
};
static_assert(kPlaneLastMove1 + kNumLastMovePlanes == kPlaneOwnLiberties1);
static_assert(kPlaneBlackToMove + 1 == kNumFeaturePlanes);

// Number of floats of the planes of a size x size (or padded) board.
constexpr int NumFeatureValues(int size) { return kNumFeaturePlanes * size * size; }

// Writes the planes of `state` with symmetry `symmetry` (0..7) applied into
// out, which must hold exactly NumFeatureValues(state.size()) floats. Every
// value of out is written. Allocates nothing.
void EncodeFeatures(const GameState& state, int symmetry, std::span<float> out);

// As EncodeFeatures, but the N x N planes sit in the top-left corner of
// padded_size x padded_size planes (padded_size >= N), with zeros everywhere
// else, planes 13 and 14 included; so a batch can mix board sizes.
// out must hold exactly NumFeatureValues(padded_size) floats.
void EncodeFeaturesPadded(const GameState& state, int symmetry, int padded_size,
                          std::span<float> out);

// The moves the player to move may play, as a policy vector: N * N + 1
// entries, move index y * N + x with pass last (engine/point.h), 1 where the
// move is legal (GameState::IsLegal) and 0 elsewhere. Symmetry `symmetry`
// moves the board entries as ApplySymmetryToPolicy does; pass stays last and
// is always 1. out must hold exactly N * N + 1 entries.
void WriteLegalMoveMask(const GameState& state, int symmetry, std::span<uint8_t> out);

// The same mask in a new vector.
std::vector<uint8_t> LegalMoveMask(const GameState& state, int symmetry);

}  // namespace tengen

#endif  // TENGEN_POLICY_FEATURES_H_
