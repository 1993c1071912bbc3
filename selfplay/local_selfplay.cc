#include "selfplay/local_selfplay.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "base/random.h"
#include "base/stop_token.h"

namespace tengen {

uint64_t WorkerSeed(uint64_t seed, int index) {
  return DeriveSeed(seed, "selfplay-worker", static_cast<uint64_t>(index));
}

std::string LocalWorkerName(const std::string& worker, int workers, int index) {
  return workers == 1 ? worker : fmt::format("{}-{}", worker, index);
}

namespace {

// One worker thread's share, settings and standing.
struct Worker {
  SelfPlayJobOptions job;
  std::unique_ptr<Evaluator> evaluator;  // null when its share is already done
  std::atomic<int> done{0};              // its games in the folder
  std::atomic<bool> ended{false};
  absl::StatusOr<SelfPlayJobSummary> summary = SelfPlayJobSummary{};
};

}  // namespace

absl::StatusOr<SelfPlayJobSummary> RunLocalSelfPlay(const Model& model,
                                                    const LocalSelfPlayOptions& options) {
  if (options.workers < 1)
    return absl::InvalidArgumentError(
        fmt::format("self-play needs 1 or more workers, not {}", options.workers));
  if (options.games < 0)
    return absl::InvalidArgumentError(
        fmt::format("self-play needs 0 or more games, not {}", options.games));

  // Shares and evaluators are made here, one after another, so that a bad
  // setting is reported before any game starts.
  StopSource stop_workers;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < options.workers; ++i) {
    const int quota = options.games / options.workers + (i < options.games % options.workers);
    if (quota == 0) continue;
    auto worker = std::make_unique<Worker>();
    SelfPlayJobOptions& job = worker->job;
    job.out_dir = options.out_dir;
    job.games = quota;
    job.worker = LocalWorkerName(options.worker, options.workers, i);
    if (absl::Status status = ValidateWorkerName(job.worker); !status.ok()) return status;
    job.play = options.play;
    job.play.board_size = model.metadata().config.board_size;
    job.play.seed = WorkerSeed(options.play.seed, i);
    job.play.worker = job.worker;
    if (absl::Status status = job.play.Validate(); !status.ok()) return status;
    job.hooks.stop = stop_workers.token();
    job.hooks.on_log = options.hooks.on_log;
    Worker* raw = worker.get();
    job.hooks.on_progress = [raw](const Progress& p) { raw->done.store(static_cast<int>(p.done)); };
    worker->done = quota - static_cast<int>(MissingGames(job.out_dir, job.worker, quota).size());
    if (worker->done < quota) {
      EvaluatorOptions evaluator_options = options.evaluator;
      evaluator_options.seed = job.play.seed;
      absl::StatusOr<std::unique_ptr<Evaluator>> evaluator =
          CreateNetworkEvaluator(model, evaluator_options);
      if (!evaluator.ok()) return evaluator.status();
      worker->evaluator = std::move(*evaluator);
    }
    workers.push_back(std::move(worker));
  }
  auto total_done = [&] {
    int total = 0;
    for (const auto& worker : workers) total += worker->done.load();
    return total;
  };

  const auto start = std::chrono::steady_clock::now();
  ProgressReporter progress(options.hooks.on_progress, options.progress_task, options.games,
                            "games", total_done());
  std::vector<std::thread> threads;
  for (const auto& worker : workers) {
    if (worker->evaluator == nullptr) continue;
    threads.emplace_back([&stop_workers, w = worker.get()] {
      w->summary = RunSelfPlayJob(*w->evaluator, w->job);
      if (!w->summary.ok()) stop_workers.RequestStop();  // the first failure stops the rest
      w->ended.store(true);
    });
  }
  // Watches until every worker has ended: the caller's stop request at
  // once, progress and `poll` about twice a second.
  auto all_ended = [&] {
    for (const auto& worker : workers)
      if (worker->evaluator != nullptr && !worker->ended.load()) return false;
    return true;
  };
  for (int tick = 0; !all_ended(); ++tick) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (options.hooks.stop_requested()) stop_workers.RequestStop();
    if (tick % 10 != 9) continue;
    progress.Update(total_done());
    if (options.poll && options.poll()) stop_workers.RequestStop();
  }
  for (std::thread& thread : threads) thread.join();
  progress.Update(total_done());
  progress.Finish();

  SelfPlayJobSummary summary;
  for (const auto& worker : workers) {
    if (!worker->summary.ok()) return worker->summary.status();
    summary.games_played += worker->summary->games_played;
    summary.positions += worker->summary->positions;
  }
  summary.games_done = total_done();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.stopped_early = summary.games_done < options.games;
  return summary;
}

}  // namespace tengen
