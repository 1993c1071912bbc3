// Training a model on self-play data or game records. The header is
// torch-free; trainer.cc and checkpoint.cc include LibTorch.
//
// Objectives:
//  - policy gradient (REINFORCE with a baseline), for pure-policy self-play
//    as AlphaGo trained its policy network: for each position,
//      -(z - v) * log pi(a | s)  +  c_v * (v - z)^2
//    where z is the game's outcome for the player to move, v the value
//    head's estimate (the baseline, not differentiated in the first term)
//    and pi is the policy restricted to the moves the player could choose;
//  - supervised: cross-entropy to the played move (or to the stored
//    distribution) plus the same value loss.
// Networks with auxiliary heads (NetworkConfig::aux_heads) add, under
// either objective and only over the samples whose final position is known
// (has_final; 0 when a batch has none):
//  - ownership: per point binary cross-entropy between p = (1 + o) / 2, o
//    the head's tanh output (p clamped to [1e-6, 1 - 1e-6]), and
//    t = (1 + target) / 2, averaged over the points, times
//    ownership_loss_weight;
//  - score: Huber loss (delta 1) of (prediction - target) / N, times
//    score_loss_weight.
// Models without the heads train exactly as before.
// L2 regularisation is the optimiser's weight decay. Every sample is turned
// by a random symmetry (training_batch.h).
#ifndef TENGEN_TRAIN_TRAINER_H_
#define TENGEN_TRAIN_TRAINER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "policy/model.h"
#include "train/learning_rate_schedule.h"
#include "train/training_data.h"

namespace tengen {

enum class TrainingObjective { kPolicyGradient, kSupervised };
enum class OptimizerKind { kSgd, kAdam };

absl::StatusOr<TrainingObjective> TrainingObjectiveFromName(
    std::string_view name);                                                  // reinforce|supervised
absl::StatusOr<OptimizerKind> OptimizerKindFromName(std::string_view name);  // sgd|adam

struct TrainerOptions {
  TrainingObjective objective = TrainingObjective::kPolicyGradient;
  // Supervised only: learn the stored distribution instead of the move.
  bool target_distribution = false;
  int64_t steps = 500;  // optimiser steps this run adds
  int batch_size = 256;
  OptimizerKind optimizer = OptimizerKind::kSgd;
  double learning_rate = 0.01;
  double momentum = 0.9;  // SGD only
  double weight_decay = 1e-4;
  // constant; cosine decay to 0 over the run; step: x0.1 at 50% and 75%.
  LearningRateSchedule schedule = LearningRateSchedule::kConstant;
  double value_loss_weight = 1.0;
  double ownership_loss_weight = 1.0;  // networks with aux heads only
  double score_loss_weight = 0.5;      // networks with aux heads only
  double entropy_bonus = 0.0;          // adds bonus * policy entropy to the objective
  bool augment = true;
  uint64_t seed = 1;
  int threads = 2;
  std::string device = "cpu";
  // Where to keep checkpoints (empty: none). After a crash or Ctrl-C the
  // same call resumes from the newest one and loses only the steps after it.
  std::string checkpoint_dir;
  int checkpoint_every = 1;  // steps
  int keep_checkpoints = 2;
  // Progress as "train" in steps; stop ends the run between steps, with a
  // checkpoint (when checkpoint_dir is set) so the same call resumes.
  JobHooks hooks;
  // Called with each warning as it happens (damaged checkpoints skipped or
  // set aside, a fresh start when none is intact); the library never prints.
  // Unset: the warnings are only in TrainingReport::warnings.
  std::function<void(std::string_view)> on_warning;

  absl::Status Validate() const;
  // The learning rate at step `step` of `steps` (0-based), by
  // ScheduledLearningRate (train/learning_rate_schedule.h).
  double LearningRateAt(int64_t step) const;
};

struct TrainingReport {
  int64_t start_step = 0;  // the model's training step before this run
  int64_t end_step = 0;    // and after (less than start + steps if stopped)
  bool resumed = false;    // continued from a checkpoint
  bool stopped_early = false;
  // Mean losses over the first and the last tenth of the run's steps, also
  // when it was resumed from a checkpoint.
  double first_policy_loss = 0, last_policy_loss = 0;
  double first_value_loss = 0, last_value_loss = 0;
  // Networks with aux heads (0 otherwise); unweighted, over the samples
  // with known final positions.
  double first_ownership_loss = 0, last_ownership_loss = 0;
  double first_score_loss = 0, last_score_loss = 0;
  double last_entropy = 0;
  // Over the whole run, including the steps before a resume (a checkpoint
  // written before these were recorded gives only the resumed part).
  int64_t samples = 0;
  double seconds = 0;
  std::vector<std::string> warnings;  // as passed to TrainerOptions::on_warning
  double samples_per_s() const { return seconds > 0 ? samples / seconds : 0; }
};

// Trains `model` in place. Stops early, leaving a checkpoint, when
// options.hooks.stop asks. The model's training_step advances by the steps
// done.
absl::StatusOr<TrainingReport> TrainModel(Model& model, const TrainingChunk& data,
                                          const TrainerOptions& options);

}  // namespace tengen

#endif  // TENGEN_TRAIN_TRAINER_H_
