#include "eval/study_diversity_metrics.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/check.h"
#include "engine/coordinates.h"
#include "engine/game_state.h"
#include "engine/symmetry.h"

namespace tengen {

double EntropyBits(std::span<const int> counts) {
  double total = 0;
  for (int c : counts) total += std::max(0, c);
  if (total <= 0) return 0;
  double entropy = 0;
  for (int c : counts)
    if (c > 0) entropy -= c / total * std::log2(c / total);
  return std::max(0.0, entropy);
}

double DistributionEntropyBits(std::span<const double> probabilities) {
  double total = 0;
  for (double p : probabilities)
    if (p > 0) total += p;
  if (total <= 0) return 0;
  double entropy = 0;
  for (double p : probabilities)
    if (p > 0) entropy -= p / total * std::log2(p / total);
  return std::max(0.0, entropy);
}

GameDiversity MeasureGameDiversity(const std::vector<std::vector<Point>>& games, int size,
                                   const Rules& rules, std::span<const int> checkpoints,
                                   int opening_moves) {
  GameDiversity result;
  result.games = static_cast<int>(games.size());
  result.opening_moves = opening_moves;
  std::set<std::vector<Point>> sequences(games.begin(), games.end());
  result.distinct_games = static_cast<int>(sequences.size());
  std::map<std::vector<Point>, int> openings;
  double total_length = 0;
  for (const std::vector<Point>& game : games) {
    total_length += static_cast<double>(game.size());
    if (!game.empty()) ++result.first_move_counts[PointToMoveIndex(game[0], size)];
    const size_t k = std::min<size_t>(game.size(), std::max(0, opening_moves));
    ++openings[std::vector<Point>(game.begin(), game.begin() + k)];
  }
  result.mean_length = games.empty() ? 0 : total_length / games.size();
  std::vector<int> counts;
  for (const auto& [move, count] : result.first_move_counts) counts.push_back(count);
  result.first_move_entropy_bits = EntropyBits(counts);
  counts.clear();
  for (const auto& [opening, count] : openings) counts.push_back(count);
  result.opening_entropy_bits = EntropyBits(counts);

  for (int checkpoint : checkpoints) {
    PositionDiversity diversity{.move = checkpoint};
    std::set<uint64_t> hashes, canonical;
    for (const std::vector<Point>& game : games) {
      if (static_cast<int>(game.size()) < checkpoint) continue;
      ++diversity.games_reaching;
      GameState state(size, rules);
      for (int i = 0; i < checkpoint; ++i) TENGEN_CHECK(state.Play(game[i]).ok());
      hashes.insert(state.StateHash());
      uint64_t smallest = state.StateHash();
      for (int s = 1; s < kNumSymmetries; ++s)
        smallest = std::min(smallest, ApplySymmetry(s, state).StateHash());
      canonical.insert(smallest);
    }
    diversity.distinct = static_cast<int>(hashes.size());
    diversity.distinct_up_to_symmetry = static_cast<int>(canonical.size());
    result.positions.push_back(diversity);
  }
  return result;
}

std::vector<DiversityPositionCount> PositionCountsOf(const GameDiversity& diversity) {
  std::vector<DiversityPositionCount> counts;
  for (const PositionDiversity& p : diversity.positions)
    counts.push_back({.move = p.move,
                      .games_reaching = p.games_reaching,
                      .distinct = p.distinct,
                      .distinct_up_to_symmetry = p.distinct_up_to_symmetry});
  return counts;
}

std::vector<FirstMoveCount> FirstMovesOf(const GameDiversity& diversity, int size) {
  std::vector<std::pair<int, int>> firsts(diversity.first_move_counts.begin(),
                                          diversity.first_move_counts.end());
  std::stable_sort(firsts.begin(), firsts.end(),
                   [](auto a, auto b) { return a.second > b.second; });
  std::vector<FirstMoveCount> moves;
  for (const auto& [move, count] : firsts)
    moves.push_back({.vertex = GtpVertex(MoveIndexToPoint(move, size), size), .games = count});
  return moves;
}

}  // namespace tengen
