#include "selfplay/benchmarks.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <numeric>

#include "selfplay/selfplay_games.h"
#include "train/trainer.h"

namespace tengen {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The self-play benchmark as an evaluator wrapper. Self-play runs once,
// continuously, through it (so games reach every stage, not only openings),
// and at each slice boundary the wrapper times the evaluator alone on batches
// of positions self-play met, so both see the same machine load. Its own
// bookkeeping (sampling positions, the network-alone slices) is taken off
// the self-play clock.
class InterleavedBenchmark : public Evaluator {
 public:
  InterleavedBenchmark(Evaluator& inner, int batch, double warmup_seconds, double seconds)
      : inner_(inner), batch_(batch), warmup_seconds_(warmup_seconds), seconds_(seconds) {
    const int slices = std::max(1, static_cast<int>(seconds + 0.5));
    slice_seconds_ = seconds / slices;
  }

  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    const Clock::time_point off_clock = Clock::now();
    // Keep every 7th position met, for the network-alone measurement.
    for (const GameState* state : states)
      if (++seen_ % 7 == 0 && pool_.size() < 16384) pool_.push_back(*state);
    if (in_warmup_ && PlaySeconds(off_clock) >= warmup_seconds_) {
      in_warmup_ = false;
      slice_start_ = PlaySeconds(off_clock);
    } else if (!in_warmup_ && PlaySeconds(off_clock) - slice_start_ >= slice_seconds_) {
      played_ += slice_positions_;
      play_seconds_ += PlaySeconds(off_clock) - slice_start_;
      slice_positions_ = 0;
      if (absl::Status status = TimeEvaluatorAlone(); !status.ok()) return status;
      slice_start_ = PlaySeconds(off_clock);
    }
    paused_ += Since(off_clock);
    if (!in_warmup_) slice_positions_ += static_cast<int64_t>(states.size());
    return inner_.EvaluateBatch(states);
  }
  std::string Describe() const override { return inner_.Describe(); }

  bool Done() const { return play_seconds_ >= seconds_ - 1e-9; }
  double PositionsPerSecond() const { return play_seconds_ > 0 ? played_ / play_seconds_ : 0; }
  double EvalsPerSecond() const { return eval_seconds_ > 0 ? evaluated_ / eval_seconds_ : 0; }

 private:
  // Seconds since the start spent in self-play proper, as of `now`.
  double PlaySeconds(Clock::time_point now) const {
    return std::chrono::duration<double>(now - start_).count() - paused_;
  }

  absl::Status TimeEvaluatorAlone() {
    if (pool_.empty()) return absl::InternalError("self-play met no positions");
    std::vector<const GameState*> batch(batch_);
    const Clock::time_point start = Clock::now();
    do {
      for (const GameState*& state : batch) state = &pool_[(next_++ * 7919) % pool_.size()];
      absl::StatusOr<std::vector<Evaluation>> result = inner_.EvaluateBatch(batch);
      if (!result.ok()) return result.status();
      evaluated_ += static_cast<int64_t>(batch.size());
    } while (Since(start) < slice_seconds_);
    eval_seconds_ += Since(start);
    return absl::OkStatus();
  }

  Evaluator& inner_;
  const int batch_;
  const double warmup_seconds_;
  const double seconds_;
  double slice_seconds_;
  const Clock::time_point start_ = Clock::now();
  double paused_ = 0;  // seconds of bookkeeping and network-alone slices
  bool in_warmup_ = true;
  double slice_start_ = 0;  // play seconds at the start of the slice
  int64_t slice_positions_ = 0;
  int64_t played_ = 0;
  double play_seconds_ = 0;
  int64_t evaluated_ = 0;
  double eval_seconds_ = 0;
  int64_t seen_ = 0;
  size_t next_ = 0;
  std::vector<GameState> pool_;
};

}  // namespace

std::string SelfPlayBenchmarkResult::ToJson() const {
  return fmt::format(
      R"({{"bench":"selfplay","parallel":{},"positions_per_s":{:.0f},"nn_evals_per_s":{:.0f},)"
      R"("ratio":{:.3f},"dtype":"{}"}})",
      parallel, positions_per_s, nn_evals_per_s,
      nn_evals_per_s > 0 ? positions_per_s / nn_evals_per_s : 0, PrecisionName(precision));
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
  const SelfPlayOptions play{.board_size = model.metadata().config.board_size,
                             .parallel = options.parallel};
  InterleavedBenchmark bench(**evaluator, options.parallel, std::min(2.0, options.seconds / 3),
                             options.seconds);
  // More games than any run finishes; self-play stops once enough is timed.
  std::vector<int> indices(1 << 20);
  std::iota(indices.begin(), indices.end(), 0);
  absl::Status status = PlaySelfPlayGames(
      bench, play, indices, [](FinishedGame) { return absl::OkStatus(); },
      [&] { return bench.Done(); });
  if (!status.ok()) return status;
  if (!bench.Done())
    return absl::InternalError("self-play ran out of games before the time was up");
  return SelfPlayBenchmarkResult{options.parallel, options.evaluator.precision,
                                 bench.PositionsPerSecond(), bench.EvalsPerSecond()};
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
  TrainerOptions trainer{.steps = 3, .batch_size = options.batch, .threads = options.threads};
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
