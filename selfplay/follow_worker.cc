#include "selfplay/follow_worker.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/random.h"
#include "selfplay/run_config.h"
#include "selfplay/run_loop.h"
#include "selfplay/selfplay_job.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

// Games this worker has finished in a folder (its data files).
int DoneByWorker(const std::string& out_dir, const std::string& worker) {
  int done = 0;
  std::error_code error;
  const std::string prefix = worker + "-";
  for (auto it = fs::directory_iterator(fs::path(out_dir) / "data", error);
       !error && it != fs::directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    done += name.rfind(prefix, 0) == 0 && it->path().extension() == ".npz";
  }
  return done;
}

void Sleep(double seconds, const StopToken& stop) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until && !stop.stop_requested())
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

}  // namespace

absl::Status RunFollowWorker(const FollowWorkerOptions& options) {
  absl::StatusOr<std::string> config_text =
      ReadFileToString((fs::path(options.run_dir) / "config.json").string());
  if (!config_text.ok())
    return absl::FailedPreconditionError(
        fmt::format("{} is not a tengen run folder (no config.json): {}", options.run_dir,
                    config_text.status()));
  absl::StatusOr<RunConfig> config = RunConfigFromJson(*config_text);
  if (!config.ok()) return config.status();
  absl::StatusOr<Rules> rules = RulesFromPresetName(config->rules);
  if (!rules.ok()) return rules.status();
  rules->komi = config->komi;

  int loaded_generation = -1;
  std::unique_ptr<Evaluator> evaluator;
  std::string model_name;
  for (int round = 0; options.max_rounds == 0 || round < options.max_rounds; ++round) {
    if (options.hooks.stop_requested()) return absl::CancelledError("stopped");
    absl::StatusOr<RunState> state = ReadRunState(options.run_dir);
    if (!state.ok()) return state.status();
    const int generation = state->generation + 1;
    const int last = state->last_generation != 0 ? state->last_generation : config->generations;
    if (last != 0 && generation > last) return absl::OkStatus();
    if (state->best_generation != loaded_generation) {
      const std::string path =
          (fs::path(options.run_dir) / fmt::format("models/gen-{:04}.tgm", state->best_generation))
              .string();
      absl::StatusOr<Model> model = Model::Load(path);
      if (!model.ok()) {
        Sleep(options.poll_seconds, options.hooks.stop);  // the run may be writing it right now
        continue;
      }
      absl::StatusOr<std::unique_ptr<Evaluator>> created =
          CreateNetworkEvaluator(*model, options.evaluator);
      if (!created.ok()) return created.status();
      evaluator = std::move(*created);
      loaded_generation = state->best_generation;
      model_name = model->metadata().name;
      options.hooks.Log(fmt::format("worker {}: playing generation {} with {}", options.worker,
                                    generation, model_name));
    }
    const std::string out =
        (fs::path(options.run_dir) / fmt::format("selfplay/gen-{:04}", generation)).string();
    SelfPlayJobOptions job;
    job.out_dir = out;
    job.worker = options.worker;
    job.games = DoneByWorker(out, options.worker) + options.games_per_round;
    job.play = options.play;
    job.play.board_size = config->network.board_size;
    job.play.rules = *rules;
    // The run decides how its games are searched and sampled.
    job.play.search = config->SelfPlaySearch();
    job.play.choice = config->SelfPlayChoice();
    job.play.model_name = model_name;
    job.play.worker = options.worker;
    job.play.seed =
        DeriveSeed(options.play.seed, "follow-selfplay", static_cast<uint64_t>(generation));
    job.hooks.stop = options.hooks.stop;
    absl::StatusOr<SelfPlayJobSummary> summary = RunSelfPlayJob(*evaluator, job);
    if (!summary.ok()) return summary.status();
  }
  return absl::OkStatus();
}

}  // namespace tengen
