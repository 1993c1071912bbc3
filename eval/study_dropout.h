// Part e of the study: noise as a regulariser. Networks of the studied
// model's shape, from the same initial weights, are trained on the same
// data: one per spatial dropout rate (NetworkConfig::dropout), on the same
// batches and steps; and, when large_batch is set, one more without
// dropout at that batch size for as many samples (fewer steps: less
// gradient noise at the same learning rate), against the first rate's
// network as the small-batch side. The data are self-play games of the
// studied model; a fraction of the games is held out, and the policy's
// cross-entropy to the moves played in those games (evaluation mode, so no
// dropout) is measured as training goes, with the same measure on as many
// training positions beside it. Then every network plays the common
// references. Last, the known-information experiment
// (eval/study_synthetic.h). The header is torch-free; the .cc measures with
// LibTorch.
#ifndef TENGEN_EVAL_STUDY_DROPOUT_H_
#define TENGEN_EVAL_STUDY_DROPOUT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/dropout_result.h"
#include "eval/study_common.h"
#include "eval/study_synthetic.h"

namespace tengen {

struct DropoutOptions {
  std::vector<double> rates = {0, 0.1, 0.3};  // one network each, in [0, 1)
  // The large-batch network's batch (no dropout, steps * batch / large_batch
  // steps); 0: none.
  int large_batch = 1024;
  int games = 128;         // self-play games of the studied model
  int held_out_every = 5;  // game i is held out when i % held_out_every == 0
  int steps = 800;         // optimiser steps, for each network
  int segments = 10;       // loss measured after each of this many equal parts
  int batch = 128;
  double learning_rate = 0.01;  // SGD with momentum 0.9, as the trainer does
  int games_vs_random = 64;
  int games_vs_reference = 64;  // against the studied model
  int parallel = 64;
  std::optional<SyntheticOptions> synthetic = SyntheticOptions{};  // nullopt: not run

  JsonValue ToJson() const;
  absl::Status Validate() const;
};

// Plays the games, trains the networks (saved as <dir>/<name>.tgm) and
// returns the report's "dropout" section (eval/report/dropout_result.h):
// one run per rate in order, then the large-batch run. Losses are mean
// cross-entropy in nats of the move played, over the moves the player
// could choose; curves start at step 0 (before training).
// Cancelled on a stop request (context.hooks.stop).
absl::StatusOr<DropoutResult> RunDropoutStudy(const DropoutOptions& options,
                                              const StudyContext& context, const std::string& dir);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_DROPOUT_H_
