// Part d of the study: does randomness in self-play help training explore?
// Two runs of the generation loop (run_loop.h) from the same initial
// network with the same compute (games, steps, settings), differing only in
// how self-play chooses moves: argmax (temperature 0) in one, sampling
// (temperature 1) in the other. Self-play evaluates without symmetries in
// both, so the argmax run is truly deterministic. Every generation is
// promoted (no gating match), and each is measured against common
// references: the uniform random player and generation 0, which both runs
// share. No LibTorch here.
#ifndef TENGEN_EVAL_STUDY_LEARNING_H_
#define TENGEN_EVAL_STUDY_LEARNING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/study_common.h"
#include "selfplay/run_config.h"

namespace tengen {

struct LearningOptions {
  // Shared by both runs. RunLearningStudy overrides selfplay.temperature per
  // run, selfplay.symmetry ("none") and evaluate.games (0: always promote).
  RunConfig config;
  std::vector<double> temperatures = {0, 1};

  JsonValue ToJson() const;
};

// Runs (or resumes) the loops in <dir>/<run name>/ and returns the report's
// "learning" section:
//   {"generations", "games_per_generation", "train_steps_per_generation",
//    "evaluation": {"games_vs_random", "games_vs_first", "temperature"},
//    "generation_0": {"vs_random": win rate},
//    "runs": [{"name", "temperature", "dir",
//              "pooled_vs_random", "pooled_vs_first": every generation's
//              games against the reference together (generations 1..G),
//              "generations": [{"generation", "vs_random", "vs_first",
//                               "policy_loss", "policy_entropy",
//                               "selfplay_games", "distinct_selfplay_games",
//                               "selfplay_first_move_entropy_bits"}]}]}
// Win rates are WinRateToJson objects from the generation's view.
// Cancelled on StopRequested() (the same call resumes).
absl::StatusOr<JsonValue> RunLearningStudy(const LearningOptions& options,
                                           const StudyContext& context, const std::string& dir);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_LEARNING_H_
