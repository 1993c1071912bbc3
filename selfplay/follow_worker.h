// A self-play worker that follows a `tengen run` folder: it plays games for
// the run's current generation with the run's best model, writes them into
// <run>/selfplay/gen-NNNN/ (as selfplay_job.h does), and whenever the run
// moves to a new generation or promotes a new model it switches, until the
// run's last generation is done or a stop request. Any number of such workers, on
// any machines sharing the folder, may run beside the run's own workers;
// each needs a unique name.
#ifndef TENGEN_SELFPLAY_FOLLOW_WORKER_H_
#define TENGEN_SELFPLAY_FOLLOW_WORKER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "base/job_hooks.h"
#include "policy/evaluator.h"
#include "policy/model.h"
#include "selfplay/selfplay_games.h"

namespace tengen {

struct FollowWorkerOptions {
  std::string run_dir;
  std::string worker = "w0";
  int games_per_round = 64;  // games between looks at the run's state
  // Board size, rules, komi, search and move choice come from the run's
  // config; the rest (parallel, max_moves, seed) from here.
  SelfPlayOptions play;
  EvaluatorOptions evaluator;
  // Seconds to wait before looking again when the run has finished its
  // current generation's games and is training (or has not started).
  double poll_seconds = 5;
  // Stops after this many rounds (0: no limit); for tests.
  int max_rounds = 0;
  // on_log: "worker W: playing generation G with M" on each switch; stop
  // ends the worker between moves (finished games are kept).
  JobHooks hooks;
};

absl::Status RunFollowWorker(const FollowWorkerOptions& options);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_FOLLOW_WORKER_H_
