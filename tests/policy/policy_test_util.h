// Helpers shared by the policy tests: random positions and small models.
#ifndef TENGEN_TESTS_POLICY_POLICY_TEST_UTIL_H_
#define TENGEN_TESTS_POLICY_POLICY_TEST_UTIL_H_

#include <vector>

#include "base/random.h"
#include "engine/game_state.h"
#include "gtest/gtest.h"
#include "policy/model.h"

namespace tengen {

// A game after `moves` uniformly random legal non-pass moves (fewer if it
// runs out), so positions have captures, kos and varied history.
inline GameState RandomGame(int size, int moves, uint64_t seed, Rules rules = Rules::Chinese()) {
  GameState game(size, rules);
  Rng rng(seed);
  for (int i = 0; i < moves; ++i) {
    const std::vector<Point> legal = game.LegalMoves(game.to_move());
    if (legal.size() <= 1) break;
    EXPECT_TRUE(game.Play(legal[rng.Below(static_cast<uint32_t>(legal.size() - 1))]).ok());
  }
  return game;
}

// A small random network (fast to build and run in tests), with the
// auxiliary ownership and score heads unless aux_heads is false.
inline Model SmallModel(int size = 9, uint64_t seed = 1, int blocks = 2, int channels = 16,
                        bool aux_heads = true) {
  NetworkConfig config{
      .board_size = size, .blocks = blocks, .channels = channels, .aux_heads = aux_heads};
  absl::StatusOr<Model> model = Model::CreateRandom(config, seed);
  EXPECT_TRUE(model.ok()) << model.status();
  return *model;
}

// The same network without the auxiliary heads (as models made before them).
inline Model SmallModelWithoutAuxHeads(int size = 9, uint64_t seed = 1, int blocks = 2,
                                       int channels = 16) {
  return SmallModel(size, seed, blocks, channels, /*aux_heads=*/false);
}

}  // namespace tengen

#endif  // TENGEN_TESTS_POLICY_POLICY_TEST_UTIL_H_
