// Part b's typed result, the "diversity" section of report.json
// (eval/study_diversity.h runs the part). No LibTorch here.
#ifndef TENGEN_EVAL_REPORT_DIVERSITY_RESULT_H_
#define TENGEN_EVAL_REPORT_DIVERSITY_RESULT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"

namespace tengen {

// {"move", "games_reaching", "distinct", "distinct_up_to_symmetry"}: the
// positions after `move` moves, over the games at least that long.
struct DiversityPositionCount {
  int move = 0;
  int games_reaching = 0;
  int distinct = 0;
  int distinct_up_to_symmetry = 0;  // the 8 images of a position counted once

  JsonValue ToJson() const;
  static absl::StatusOr<DiversityPositionCount> FromJson(const JsonValue& json,
                                                         std::string_view path);
  bool operator==(const DiversityPositionCount&) const = default;
};

// {"vertex", "games"}: how many games opened with a move.
struct FirstMoveCount {
  std::string vertex;  // e.g. "E5", or "pass"
  int games = 0;

  JsonValue ToJson() const;
  static absl::StatusOr<FirstMoveCount> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const FirstMoveCount&) const = default;
};

// One way of choosing moves and the games it played. Entropies are in bits;
// the exact first-move entropy is that of the distribution sampled from on
// the empty board, and max_entropy_bits is log2(games).
struct DiversityMode {
  std::string name;        // "argmax" or e.g. "sample T=0.5"
  double temperature = 0;  // 0: argmax
  int games = 0, distinct_games = 0;
  double mean_length = 0;  // moves per game, passes included
  int black_wins = 0;
  double first_move_entropy_bits = 0, first_move_entropy_bits_exact = 0;
  double opening_entropy_bits = 0, max_entropy_bits = 0;
  std::vector<DiversityPositionCount> positions;  // one per checkpoint
  std::vector<FirstMoveCount> first_moves;        // most played first

  JsonValue ToJson() const;
  static absl::StatusOr<DiversityMode> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const DiversityMode&) const = default;
};

// {"games_per_mode", "symmetry", "opening_moves", "checkpoints",
//  "empty_board_policy", "empty_board_value", "modes"}.
struct DiversityResult {
  int games_per_mode = 0;
  std::string symmetry;                    // how the network was evaluated: "none"
  int opening_moves = 0;                   // the opening entropy's sequence length
  std::vector<int> checkpoints;            // move numbers whose positions are counted
  std::vector<double> empty_board_policy;  // N*N+1, pass last, over playable moves
  double empty_board_value = 0;
  std::vector<DiversityMode> modes;

  JsonValue ToJson() const;
  static absl::StatusOr<DiversityResult> FromJson(const JsonValue& json,
                                                  std::string_view path = "diversity");
  bool operator==(const DiversityResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_DIVERSITY_RESULT_H_
