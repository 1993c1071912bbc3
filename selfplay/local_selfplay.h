// Self-play on this machine: the games of one folder split over K workers
// that run as threads of this process, each with its own network evaluator
// on one LibTorch thread. On the 2-core machines Tengen is measured on, two
// such workers play about twice as fast as one worker with two intra-op
// threads (LibTorch's intra-op threading gains little at these sizes), so
// that is the default for `tengen selfplay` and `tengen run`.
#ifndef TENGEN_SELFPLAY_LOCAL_SELFPLAY_H_
#define TENGEN_SELFPLAY_LOCAL_SELFPLAY_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "policy/evaluator.h"
#include "policy/model.h"
#include "selfplay/selfplay_games.h"
#include "selfplay/selfplay_job.h"

namespace tengen {

struct LocalSelfPlayOptions {
  std::string out_dir;
  int games = 100;  // games to have in out_dir over all workers
  int workers = 2;  // 1 or more
  // Worker i is named "<worker>-<i>" (or just "<worker>" when workers == 1)
  // and plays games / workers of them (the first games % workers one more),
  // seeded with WorkerSeed(play.seed, i).
  std::string worker = "w0";
  // board_size, model_name and worker are filled in from the model and the
  // worker's name; the rest applies to every worker.
  SelfPlayOptions play;
  // Each worker's evaluator; threads is per worker (1 is best, see above),
  // and seed is replaced by the worker's seed.
  EvaluatorOptions evaluator;
  // Progress as one task, `progress_task`, counting the games of all
  // workers; stop stops every worker between moves.
  JobHooks hooks;
  std::string progress_task = "selfplay";
  // Called from the calling thread about twice a second while workers run;
  // returning true stops them as a stop request would (e.g. once workers
  // elsewhere have filled the folder). May be empty.
  std::function<bool()> poll;
};

// The seed of local worker `index` for a job seeded with `seed`.
uint64_t WorkerSeed(uint64_t seed, int index);

// The name of local worker `index` of `workers` named after `worker`.
std::string LocalWorkerName(const std::string& worker, int workers, int index);

// Plays the games missing from out_dir (selfplay_job.h: finished games are
// kept, so the same call resumes). Returns the workers' summaries added up
// (seconds: the wall time); stopped_early when a stop request or `poll`
// ended it before every game was done. The first worker error stops the
// others and is returned.
absl::StatusOr<SelfPlayJobSummary> RunLocalSelfPlay(const Model& model,
                                                    const LocalSelfPlayOptions& options);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_LOCAL_SELFPLAY_H_
