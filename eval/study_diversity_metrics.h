// How varied a set of games is: the numbers of part b of the study
// (selfplay/study_diversity.h), as pure functions of the games' moves so
// they are easy to test. No LibTorch here.
#ifndef TENGEN_EVAL_STUDY_DIVERSITY_METRICS_H_
#define TENGEN_EVAL_STUDY_DIVERSITY_METRICS_H_

#include <map>
#include <span>
#include <vector>

#include "engine/point.h"
#include "engine/rules.h"
#include "eval/report/diversity_result.h"

namespace tengen {

// Shannon entropy in bits of the empirical distribution given by counts
// (zero counts ignored; 0 for no or one outcome).
double EntropyBits(std::span<const int> counts);

// Entropy in bits of a probability vector (zeros ignored; the vector need
// not be normalised: it is divided by its sum).
double DistributionEntropyBits(std::span<const double> probabilities);

struct PositionDiversity {
  int move = 0;            // positions after this many moves
  int games_reaching = 0;  // games at least this long
  int distinct = 0;        // distinct positions (stones, player to move, ko)
  // Distinct after identifying the 8 symmetric images of each position.
  int distinct_up_to_symmetry = 0;
};

struct GameDiversity {
  int games = 0;
  int distinct_games = 0;  // distinct move sequences
  double mean_length = 0;  // moves per game, passes included
  // Entropy of the first move over the games, and of the sequence of the
  // first `opening_moves` moves (games shorter than that count with what
  // they have). Both are at most log2(games).
  double first_move_entropy_bits = 0;
  double opening_entropy_bits = 0;
  int opening_moves = 0;
  std::map<int, int> first_move_counts;      // move index (y*N + x, pass N*N) -> games
  std::vector<PositionDiversity> positions;  // one per requested move number
};

// The diversity of `games` (each the points played, in order, from the
// empty board of `size` under `rules`; every move legal) after each move
// number in `checkpoints`.
GameDiversity MeasureGameDiversity(const std::vector<std::vector<Point>>& games, int size,
                                   const Rules& rules, std::span<const int> checkpoints,
                                   int opening_moves);

// The report's forms of a measure: its position counts, and its first
// moves as vertices on a board of `size`, most played first (ties in move
// order).
std::vector<DiversityPositionCount> PositionCountsOf(const GameDiversity& diversity);
std::vector<FirstMoveCount> FirstMovesOf(const GameDiversity& diversity, int size);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_DIVERSITY_METRICS_H_
