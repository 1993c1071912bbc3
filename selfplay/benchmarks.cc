#include "selfplay/benchmarks.h"

#include <fmt/format.h>

#include <chrono>
#include <numeric>

#include "selfplay/selfplay_games.h"
#include "selfplay/trainer.h"

namespace tengen {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Games of self-play with a fresh evaluator for `seconds`; returns the
// positions played and a sample of positions met on the way.
struct SelfPlayRun {
  int64_t positions = 0;
  double seconds = 0;
  std::vector<GameState> samples;
};

absl::StatusOr<SelfPlayRun> PlayFor(Evaluator& evaluator, const SelfPlayOptions& play,
                                    double seconds) {
  SelfPlayRun run;
  std::vector<int> indices(100000);
  std::iota(indices.begin(), indices.end(), 0);
  const Clock::time_point start = Clock::now();
  auto on_finished = [&](FinishedGame game) -> absl::Status {
    run.positions += game.moves;
    return absl::OkStatus();
  };
  // Counting moves of unfinished games too: wrap the evaluator.
  class Counting : public Evaluator {
   public:
    Counting(Evaluator& inner, SelfPlayRun& run) : inner_(inner), run_(run) {}
    absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
        std::span<const GameState* const> states) override {
      evaluated_ += static_cast<int64_t>(states.size());
      // Keep every 7th position met, for the network-alone measurement.
      for (const GameState* state : states)
        if (++seen_ % 7 == 0 && run_.samples.size() < 8192) run_.samples.push_back(*state);
      return inner_.EvaluateBatch(states);
    }
    std::string Describe() const override { return inner_.Describe(); }
    int64_t evaluated_ = 0;
    int64_t seen_ = 0;

   private:
    Evaluator& inner_;
    SelfPlayRun& run_;
  } counting(evaluator, run);
  absl::Status status = PlaySelfPlayGames(counting, play, indices, on_finished,
                                          [&] { return Since(start) >= seconds; });
  if (!status.ok()) return status;
  run.seconds = Since(start);
  run.positions = counting.evaluated_;
  return run;
}

}  // namespace

std::string SelfPlayBenchmarkResult::ToJson() const {
  return fmt::format(
      R"({{"bench":"selfplay","parallel":{},"positions_per_s":{:.0f},"nn_evals_per_s":{:.0f},)"
      R"("ratio":{:.3f}}})",
      parallel, positions_per_s, nn_evals_per_s,
      nn_evals_per_s > 0 ? positions_per_s / nn_evals_per_s : 0);
}

std::string TrainBenchmarkResult::ToJson() const {
  return fmt::format(R"({{"bench":"train","batch":{},"threads":{},"samples_per_s":{:.0f}}})", batch,
                     threads, samples_per_s);
}

absl::StatusOr<SelfPlayBenchmarkResult> RunSelfPlayBenchmark(
    const Model& model, const SelfPlayBenchmarkOptions& options) {
  absl::StatusOr<std::unique_ptr<Evaluator>> evaluator =
      CreateNetworkEvaluator(model, options.evaluator);
  if (!evaluator.ok()) return evaluator.status();
  SelfPlayOptions play{.board_size = model.metadata().config.board_size,
                       .parallel = options.parallel};
  // Warm up; the positions met become the pool the network alone is timed
  // on, and every slice of self-play adds to it.
  absl::StatusOr<SelfPlayRun> warmup =
      PlayFor(**evaluator, play, std::min(2.0, options.seconds / 3));
  if (!warmup.ok()) return warmup.status();
  if (warmup->samples.empty()) return absl::InternalError("self-play met no positions");
  std::vector<GameState> pool = std::move(warmup->samples);
  // Alternate one-second slices of self-play and of the evaluator alone on
  // positions self-play met, so both see the same machine load.
  int64_t played = 0, evaluated = 0;
  double play_seconds = 0, eval_seconds = 0;
  std::vector<const GameState*> batch(options.parallel);
  size_t next = 0;
  const int slices = std::max(1, static_cast<int>(options.seconds + 0.5));
  for (int slice = 0; slice < slices; ++slice) {
    absl::StatusOr<SelfPlayRun> run = PlayFor(**evaluator, play, options.seconds / slices);
    if (!run.ok()) return run.status();
    played += run->positions;
    play_seconds += run->seconds;
    for (GameState& state : run->samples)
      if (pool.size() < 16384) pool.push_back(std::move(state));
    const Clock::time_point start = Clock::now();
    do {
      for (const GameState*& state : batch) state = &pool[(next++ * 7919) % pool.size()];
      absl::StatusOr<std::vector<Evaluation>> result = (*evaluator)->EvaluateBatch(batch);
      if (!result.ok()) return result.status();
      evaluated += static_cast<int64_t>(batch.size());
    } while (Since(start) < options.seconds / slices);
    eval_seconds += Since(start);
  }
  return SelfPlayBenchmarkResult{options.parallel, played / play_seconds, evaluated / eval_seconds};
}

absl::StatusOr<TrainBenchmarkResult> RunTrainBenchmark(const Model& model,
                                                       const TrainBenchmarkOptions& options) {
  // Positions from a short self-play run with a uniform player.
  const int n = model.metadata().config.board_size;
  std::unique_ptr<Evaluator> uniform = CreateUniformEvaluator();
  TrainingChunk data;
  data.board_size = n;
  std::vector<int> indices(64);
  std::iota(indices.begin(), indices.end(), 0);
  absl::Status played = PlaySelfPlayGames(*uniform, {.board_size = n, .parallel = 64}, indices,
                                          [&](FinishedGame game) {
                                            data.Append(game.data);
                                            return absl::OkStatus();
                                          });
  if (!played.ok()) return played;
  Model copy = model.Clone();
  TrainerOptions trainer{
      .steps = 3, .batch_size = options.batch, .threads = options.threads, .show_progress = false};
  if (absl::StatusOr<TrainingReport> warmup = TrainModel(copy, data, trainer); !warmup.ok())
    return warmup.status();
  // Steps until the time is up, in rounds of a few steps.
  int64_t samples = 0;
  double seconds = 0;
  trainer.steps = 5;
  while (seconds < options.seconds) {
    absl::StatusOr<TrainingReport> report = TrainModel(copy, data, trainer);
    if (!report.ok()) return report.status();
    samples += report->samples;
    seconds += report->seconds;
  }
  return TrainBenchmarkResult{options.batch, options.threads, samples / seconds};
}

}  // namespace tengen
