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
#include "eval/report/learning_result.h"
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

// One run of a learning comparison, taken as it is (nothing overridden):
// its name in the report, its folder under the comparison's, the
// temperature the report records for it (LearningRun::temperature) and
// the loop's settings.
struct LearningRunSpec {
  std::string name;        // e.g. "self-play by argmax"
  std::string folder;      // e.g. "argmax": a file name, unique among the runs
  double temperature = 0;  // of the moves self-play samples; 0: none
  RunConfig config;
};

// The run with `temperature` as RunLearningStudy runs it: named "self-play
// by argmax" or "self-play by sampling (T = t)", in folder "argmax" or
// "sample-T-t", with the options' config and the overrides above.
LearningRunSpec LearningRunSpecFor(const LearningOptions& options, double temperature);

// A generation of a finished run, picked as the network to study.
struct PickedGeneration {
  int64_t generation = 0;
  int64_t generations = 0;  // in the run
  std::string model_path;   // <run_dir>/models/gen-NNNN.tgm
  WinRateResult vs_random;  // its score, as the run measured it
};

// The generation of the finished run in `run_dir` that scored best against
// the random player (a tie goes to the later, further trained one), read
// from its metrics.jsonl. Without a gating match a policy-gradient run can
// collapse in its last generations, so its last is not always its best.
// NotFound where no generation played the random player; DataLoss for a
// damaged metrics line.
absl::StatusOr<PickedGeneration> BestGenerationVsRandom(const std::string& run_dir);

// Runs (or resumes) each spec's loop in <dir>/<folder>/, in order, and
// returns them as the report's "learning" section: the sizes and the
// evaluation are the first spec's, and generation 0 (the first run's
// models/gen-0000.tgm) plays the random player as the first spec's
// evaluation says. The specs should share seed, network and init model so
// that the runs share generation 0. Each generation's numbers are read as
// RunLearningStudy describes. InvalidArgument for no spec, or for two
// with one folder; Cancelled on a stop request (the same call resumes).
absl::StatusOr<LearningResult> RunLearningComparison(const std::vector<LearningRunSpec>& runs,
                                                     const StudyContext& context,
                                                     const std::string& dir);

// Runs (or resumes) the loops in <dir>/<run name>/ and returns the report's
// "learning" section (eval/report/learning_result.h), one run per
// temperature, each generation's numbers read from the run's metrics.jsonl
// (DataLoss for a line without its generation or with a score that has no
// counts) and its self-play SGF. Win rates are from the generation's view.
// Cancelled on a stop request (context.hooks.stop) (the same call resumes).
// One RunLearningComparison, a spec per temperature.
absl::StatusOr<LearningResult> RunLearningStudy(const LearningOptions& options,
                                                const StudyContext& context,
                                                const std::string& dir);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_LEARNING_H_
