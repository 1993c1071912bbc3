// Part e of the study: noise inside the network. Two networks of the
// studied model's shape, from the same initial weights, are trained with
// the same data, batches and steps, one with spatial dropout
// (NetworkConfig::dropout) and one without. The data are self-play games of
// the studied model; a fraction of the games is held out, and the policy's
// cross-entropy to the moves played in those games (evaluation mode, so no
// dropout) is measured as training goes, with the same measure on as many
// training positions beside it. Then both networks play the common
// references. The header is torch-free; the .cc measures with LibTorch.
#ifndef TENGEN_EVAL_STUDY_DROPOUT_H_
#define TENGEN_EVAL_STUDY_DROPOUT_H_

#include <string>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/dropout_result.h"
#include "eval/study_common.h"

namespace tengen {

struct DropoutOptions {
  double dropout = 0.2;    // the rate of the dropout network
  int games = 128;         // self-play games of the studied model
  int held_out_every = 5;  // game i is held out when i % held_out_every == 0
  int steps = 800;         // optimiser steps, for each network
  int segments = 10;       // loss measured after each of this many equal parts
  int batch = 128;
  double learning_rate = 0.01;  // SGD with momentum 0.9, as the trainer does
  int games_vs_random = 64;
  int games_vs_reference = 64;  // against the studied model
  int parallel = 64;

  JsonValue ToJson() const;
};

// Plays the games, trains both networks (saved as <dir>/<name>.tgm) and
// returns the report's "dropout" section (eval/report/dropout_result.h):
// the network without dropout first, then the one with it. Losses are mean
// cross-entropy in nats of the move played, over the moves the player
// could choose; curves start at step 0 (before training).
// Cancelled on a stop request (context.hooks.stop).
absl::StatusOr<DropoutResult> RunDropoutStudy(const DropoutOptions& options,
                                              const StudyContext& context, const std::string& dir);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_DROPOUT_H_
