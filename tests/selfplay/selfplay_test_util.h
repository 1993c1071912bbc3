// Helpers shared by the self-play tests and the training tests that read
// self-play's output: playing self-play games in this process and replaying
// a recorded game position by position. The generic helpers (temporary
// folders, files, commands, child processes, fake evaluators) are in
// tests/support/.
#ifndef TENGEN_TESTS_SELFPLAY_SELFPLAY_TEST_UTIL_H_
#define TENGEN_TESTS_SELFPLAY_SELFPLAY_TEST_UTIL_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "engine/game_state.h"
#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "policy/evaluator.h"
#include "policy/features.h"
#include "policy/playable_moves.h"
#include "selfplay/selfplay_games.h"

namespace tengen {

// Self-play games numbered 0..count-1, in the order of their numbers.
inline std::vector<FinishedGame> PlayGames(Evaluator& evaluator, SelfPlayOptions options,
                                           int count) {
  std::vector<int> indices(count);
  for (int i = 0; i < count; ++i) indices[i] = i;
  std::vector<FinishedGame> games;
  const absl::Status status =
      PlaySelfPlayGames(evaluator, options, indices, [&](FinishedGame game) {
        games.push_back(std::move(game));
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  std::sort(games.begin(), games.end(),
            [](const FinishedGame& a, const FinishedGame& b) { return a.index < b.index; });
  return games;
}

inline std::vector<FinishedGame> PlayUniformGames(int size, int count, uint64_t seed,
                                                  int parallel = 4) {
  std::unique_ptr<Evaluator> uniform = CreateUniformEvaluator();
  return PlayGames(*uniform, {.board_size = size, .parallel = parallel, .seed = seed}, count);
}

// One move of a recorded game, with the position it was played from.
struct ReplayedMove {
  GameState before;  // the position the move was chosen in
  PlayedMove move;
  std::vector<uint8_t> mask;  // PlayableMoveMask(before)
  bool had_choice = false;    // some point (not pass) was playable
  int data_index = -1;        // its position in the training data, if recorded
};

// Replays a record's moves from the empty board with the record's rules.
// Data positions are the moves made with a choice, in order (self-play
// leaves forced passes out).
inline std::vector<ReplayedMove> ReplayMoves(const GameRecord& record) {
  std::vector<ReplayedMove> out;
  GameState state(record.size, RulesOfRecord(record));
  int data_index = 0;
  for (const GameRecordNode& node : record.nodes) {
    EXPECT_TRUE(node.setup.empty());
    if (!node.move.has_value()) continue;
    ReplayedMove step{.before = state, .move = *node.move};
    step.mask = PlayableMoveMask(state);
    step.had_choice =
        std::any_of(step.mask.begin(), step.mask.end() - 1, [](uint8_t m) { return m != 0; });
    if (step.had_choice) step.data_index = data_index++;
    const absl::Status played = state.Play(node.move->point, node.move->color);
    EXPECT_TRUE(played.ok()) << played;
    out.push_back(std::move(step));
  }
  return out;
}

// The planes of a state under symmetry 0, as stored in training data.
inline std::vector<uint8_t> PlanesOf(const GameState& state) {
  std::vector<float> planes(NumFeatureValues(state.size()));
  EncodeFeatures(state, 0, planes);
  return std::vector<uint8_t>(planes.begin(), planes.end());
}

}  // namespace tengen

#endif  // TENGEN_TESTS_SELFPLAY_SELFPLAY_TEST_UTIL_H_
