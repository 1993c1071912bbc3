// `tengen run`: the whole loop, generation after generation: self-play with
// the best model, training a candidate on the newest games, a match of the
// candidate against the best (win rate with a 95% interval), promotion, and
// one line of metrics.
//
// Everything lives in one folder, so Ctrl-C (or a crash) and the same
// command again resume where it stopped:
//   config.json            the settings (fixed when the run starts)
//   run.json               the last finished generation and the best model
//   metrics.jsonl          one JSON line per generation
//   models/gen-NNNN.tgm    every generation's model; gen-0000 is random
//   models/best.tgm        the current best (what `tengen gtp` should play)
//   selfplay/gen-NNNN/     games played by the best model during generation
//                          NNNN: sgf/ and data/ (selfplay_job.h); external
//                          workers may add games here too
//   train/gen-NNNN/        checkpoints while generation NNNN trains
//   matches/gen-NNNN/      the evaluation games as SGF
#ifndef TENGEN_SELFPLAY_RUN_LOOP_H_
#define TENGEN_SELFPLAY_RUN_LOOP_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "base/job_hooks.h"
#include "selfplay/run_config.h"

namespace tengen {

struct RunOptions {
  std::string dir = "run";
  // The config to start a new run with; for an existing run, it must equal
  // the stored one (or be absent).
  std::optional<RunConfig> config;
  // Overrides config.generations when set (e.g. to extend a finished run).
  std::optional<int> generations;
  // on_log receives each line for the person running the loop: the
  // generation summaries, warnings (skipped data files, damaged
  // checkpoints) and what was done about a damaged model file; on_progress
  // the self-play, training and match progress; stop ends the loop between
  // units of work (the same call resumes).
  JobHooks hooks;
};

// Runs (or resumes) the loop until the configured number of generations or
// a stop request (then returns a Cancelled error saying how to resume).
// models/best.tgm and the best generation's file are checked to load when
// the loop starts and again when it ends: a damaged one is reported through
// options.hooks.on_log and rewritten from the newest intact generation file (the best
// generation's own if it is intact, otherwise the newest older one, which
// then becomes the best); an error only when no generation file is intact.
// A damaged file of the generation being resumed is set aside (renamed to
// *.damaged) and that generation trained again.
absl::Status RunTrainingLoop(const RunOptions& options);

// Reads the state of a run folder: the last finished generation, the best
// generation so far and the last one planned (0s for a new run).
struct RunState {
  int generation = 0;
  int best_generation = 0;
  // The generation the run stops after (0: never), as last started; lets
  // --follow workers see a run extended with --generations.
  int last_generation = 0;
};
absl::StatusOr<RunState> ReadRunState(const std::string& dir);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_RUN_LOOP_H_
