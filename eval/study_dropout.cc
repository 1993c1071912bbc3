#include "eval/study_dropout.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <filesystem>
#include <map>
#include <numeric>

#include "base/random.h"
#include "policy/features.h"
#include "policy/model_internal.h"
#include "policy/torch_errors.h"
#include "selfplay/selfplay_games.h"
#include "train/trainer.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

struct PolicyLoss {
  double loss = 0;  // mean cross-entropy of the move played, nats
  double top1 = 0;  // fraction of positions whose most likely move was played
};

// The model's policy loss on `data`, in evaluation mode (no dropout).
absl::StatusOr<PolicyLoss> MeasurePolicyLoss(const Model& model, const TrainingChunk& data) {
  return CatchTorchErrors("measuring the policy loss", [&]() -> absl::StatusOr<PolicyLoss> {
    PolicyValueNet network = NetworkOf(model);
    network->eval();
    torch::NoGradGuard no_grad;
    const int64_t n = data.board_size, moves = n * n + 1,
                  plane_values = data.plane_values_per_position();
    const int64_t total = data.positions();
    double loss_sum = 0, hits = 0;
    constexpr int64_t kChunk = 256;
    for (int64_t start = 0; start < total; start += kChunk) {
      const int64_t b = std::min(kChunk, total - start);
      const torch::Tensor planes =
          torch::from_blob(const_cast<uint8_t*>(data.planes.data() + start * plane_values),
                           {b, plane_values / (n * n), n, n}, torch::kUInt8)
              .to(torch::kFloat32);
      const torch::Tensor mask =
          torch::from_blob(const_cast<uint8_t*>(data.mask.data() + start * moves), {b, moves},
                           torch::kUInt8)
              .to(torch::kBool);
      std::vector<int64_t> played(data.move.begin() + start, data.move.begin() + start + b);
      const torch::Tensor move = torch::from_blob(played.data(), {b, 1}, torch::kInt64);
      const torch::Tensor logits =
          network->forward(planes).policy_logits.masked_fill(mask.logical_not(), -1e9);
      const torch::Tensor log_p = torch::log_softmax(logits, 1);
      loss_sum -= log_p.gather(1, move).sum().item<double>();
      hits += (logits.argmax(1) == move.squeeze(1)).sum().item<double>();
    }
    return PolicyLoss{.loss = total > 0 ? loss_sum / total : 0,
                      .top1 = total > 0 ? hits / total : 0};
  });
}

// `count` positions spread evenly over `data`.
TrainingChunk SpreadSample(const TrainingChunk& data, int64_t count) {
  TrainingChunk sample = data;
  const int64_t total = data.positions();
  count = std::min(count, total);
  sample.planes.clear();
  sample.mask.clear();
  sample.policy.clear();
  sample.move.clear();
  sample.outcome.clear();
  sample.value.clear();
  sample.ownership.clear();
  sample.score.clear();
  sample.has_final.clear();
  for (int64_t k = 0; k < count; ++k) sample.AppendPosition(data, k * total / count);
  return sample;
}

struct SplitData {
  TrainingChunk train, held_out;
  int held_out_games = 0;
};

absl::StatusOr<SplitData> PlayGames(const DropoutOptions& o, const StudyContext& context) {
  absl::StatusOr<std::shared_ptr<Evaluator>> evaluator =
      LoadStudyEvaluator(context.model_path, SymmetryMode::kRandom,
                         DeriveSeed(context.seed, "dropout-data-evaluator"));
  if (!evaluator.ok()) return evaluator.status();
  const SelfPlayOptions play{.board_size = context.board_size,
                             .rules = context.rules,
                             .parallel = std::max(1, std::min(o.parallel, o.games)),
                             .choice = ChoiceAt(1.0),
                             .seed = DeriveSeed(context.seed, "dropout-data-games"),
                             .model_name = "studied model"};
  std::vector<int> indices(o.games);
  std::iota(indices.begin(), indices.end(), 0);
  std::map<int, TrainingChunk> by_game;
  ProgressReporter progress(context.hooks.on_progress, "dropout data", o.games, "games");
  absl::Status status = PlaySelfPlayGames(
      **evaluator, play, indices,
      [&](FinishedGame game) {
        by_game.emplace(game.index, std::move(game.data));
        progress.Update(static_cast<int64_t>(by_game.size()));
        return absl::OkStatus();
      },
      [&] { return context.hooks.stop_requested(); });
  if (!status.ok()) return status;
  progress.Finish();
  if (context.hooks.stop_requested())
    return absl::CancelledError("stopped during the dropout study");
  SplitData split;
  for (TrainingChunk* chunk : {&split.train, &split.held_out}) {
    chunk->board_size = context.board_size;
    chunk->source = "selfplay";
  }
  for (const auto& [index, chunk] : by_game) {  // in game order, whatever order they ended in
    const bool held = o.held_out_every > 0 && index % o.held_out_every == 0;
    (held ? split.held_out : split.train).Append(chunk);
    split.held_out_games += held;
  }
  if (split.train.positions() == 0 || split.held_out.positions() == 0)
    return absl::FailedPreconditionError(
        "the dropout study needs both training and held-out positions");
  return split;
}

// One network of the part: its dropout rate, batch and steps.
struct RunPlan {
  std::string name;
  double dropout = 0;
  int batch = 0, steps = 0;
};

std::vector<RunPlan> PlanRuns(const DropoutOptions& o) {
  std::vector<RunPlan> plans;
  for (double rate : o.rates)
    plans.push_back({.name = rate > 0 ? fmt::format("dropout {:g}", rate) : "no dropout",
                     .dropout = rate,
                     .batch = o.batch,
                     .steps = o.steps});
  if (o.large_batch > 0) {
    const int64_t samples = static_cast<int64_t>(o.steps) * o.batch;
    plans.push_back({.name = fmt::format("batch {}", o.large_batch),
                     .dropout = 0,
                     .batch = o.large_batch,
                     .steps = static_cast<int>(std::max<int64_t>(1, samples / o.large_batch))});
  }
  return plans;
}

}  // namespace

JsonValue DropoutOptions::ToJson() const {
  JsonValue rates_json = JsonValue::Array();
  for (double r : rates) rates_json.Append(r);
  JsonValue json = JsonValue::Object();
  json.Set("rates", std::move(rates_json))
      .Set("large_batch", large_batch)
      .Set("games", games)
      .Set("held_out_every", held_out_every)
      .Set("steps", steps)
      .Set("segments", segments)
      .Set("batch", batch)
      .Set("learning_rate", learning_rate)
      .Set("games_vs_random", games_vs_random)
      .Set("games_vs_reference", games_vs_reference)
      .Set("parallel", parallel)
      .Set("synthetic", synthetic ? synthetic->ToJson() : JsonValue());
  return json;
}

absl::Status DropoutOptions::Validate() const {
  if (steps < 1 || segments < 1 || games < 2 || batch < 1 || large_batch < 0)
    return absl::InvalidArgumentError(
        "dropout study: steps, segments, batch and at least 2 games needed, and large_batch "
        "must not be negative");
  if (rates.empty() || rates.front() != 0)
    return absl::InvalidArgumentError(
        "dropout study: the rates must start with 0, the network the others are compared with");
  for (double r : rates)
    if (!(r >= 0 && r < 1))
      return absl::InvalidArgumentError(
          fmt::format("dropout study: dropout rate {} is not in [0, 1)", r));
  if (synthetic) return synthetic->Validate();
  return absl::OkStatus();
}

absl::StatusOr<DropoutResult> RunDropoutStudy(const DropoutOptions& o, const StudyContext& context,
                                              const std::string& dir) {
  if (absl::Status s = o.Validate(); !s.ok()) return s;
  absl::StatusOr<Model> reference_model = Model::Load(context.model_path);
  if (!reference_model.ok()) return reference_model.status();
  absl::StatusOr<SplitData> data = PlayGames(o, context);
  if (!data.ok()) return data.status();
  const TrainingChunk train_sample = SpreadSample(data->train, data->held_out.positions());
  std::error_code error;
  fs::create_directories(dir, error);
  if (error)
    return absl::UnavailableError(fmt::format("cannot create {}: {}", dir, error.message()));
  absl::StatusOr<std::shared_ptr<Evaluator>> reference =
      LoadStudyEvaluator(context.model_path, SymmetryMode::kRandom,
                         DeriveSeed(context.seed, "dropout-reference-evaluator"));
  if (!reference.ok()) return reference.status();

  DropoutResult result{
      .rates = o.rates,
      .large_batch = o.large_batch,
      .games = o.games,
      .held_out_games = data->held_out_games,
      .train_positions = data->train.positions(),
      .held_out_positions = data->held_out.positions(),
      .steps = o.steps,
      .batch = o.batch,
      .learning_rate = o.learning_rate,
      .objective =
          "supervised: cross-entropy to the move played, plus the value loss; SGD, momentum 0.9",
      .network = reference_model->metadata().config.Describe()};
  for (const RunPlan& plan : PlanRuns(o)) {
    const std::string& name = plan.name;
    NetworkConfig config = reference_model->metadata().config;
    config.dropout = plan.dropout;
    absl::StatusOr<Model> model =
        Model::CreateRandom(config, DeriveSeed(context.seed, "dropout-init"));
    if (!model.ok()) return model.status();
    model->set_name(fmt::format("dropout study: {}", name));
    std::vector<double> steps, train_loss, held_loss, held_top1;
    auto measure = [&](int64_t step) -> absl::Status {
      absl::StatusOr<PolicyLoss> on_train = MeasurePolicyLoss(*model, train_sample);
      absl::StatusOr<PolicyLoss> on_held = MeasurePolicyLoss(*model, data->held_out);
      if (!on_train.ok()) return on_train.status();
      if (!on_held.ok()) return on_held.status();
      steps.push_back(static_cast<double>(step));
      train_loss.push_back(on_train->loss);
      held_loss.push_back(on_held->loss);
      held_top1.push_back(on_held->top1);
      return absl::OkStatus();
    };
    if (absl::Status s = measure(0); !s.ok()) return s;
    ProgressReporter progress(context.hooks.on_progress, fmt::format("train, {}", name), plan.steps,
                              "steps");
    int64_t done = 0;
    const int segments = std::min(o.segments, plan.steps);
    for (int segment = 0; segment < segments; ++segment) {
      const int64_t target = static_cast<int64_t>(plan.steps) * (segment + 1) / segments;
      if (target == done) continue;
      TrainerOptions trainer;
      trainer.objective = TrainingObjective::kSupervised;
      trainer.steps = target - done;
      trainer.batch_size = plan.batch;
      trainer.learning_rate = o.learning_rate;
      trainer.seed = DeriveSeed(context.seed, "dropout-train");
      trainer.threads = context.threads;
      trainer.hooks.stop = context.hooks.stop;
      absl::StatusOr<TrainingReport> report = TrainModel(*model, data->train, trainer);
      if (!report.ok()) return report.status();
      if (report->stopped_early || context.hooks.stop_requested())
        return absl::CancelledError("stopped during the dropout study");
      done = target;
      progress.Update(done);
      if (absl::Status s = measure(done); !s.ok()) return s;
    }
    progress.Finish();
    if (absl::Status s = model->Save((fs::path(dir) / (FileSlug(name) + ".tgm")).string()); !s.ok())
      return s;

    absl::StatusOr<std::unique_ptr<Evaluator>> evaluator =
        CreateNetworkEvaluator(*model, {.symmetry = SymmetryMode::kRandom,
                                        .threads = 1,
                                        .seed = DeriveSeed(context.seed, "dropout-evaluator")});
    if (!evaluator.ok()) return evaluator.status();
    std::shared_ptr<Evaluator> shared(std::move(*evaluator));
    DropoutRun run{.name = name,
                   .dropout = plan.dropout,
                   .batch = plan.batch,
                   .steps = plan.steps,
                   .curve = {.step = steps,
                             .train_loss = train_loss,
                             .held_out_loss = held_loss,
                             .held_out_top1 = held_top1},
                   .final_train_loss = train_loss.back(),
                   .final_held_out_loss = held_loss.back(),
                   .final_held_out_top1 = held_top1.back()};
    const MoveChoiceOptions sample = ChoiceAt(1.0);
    if (o.games_vs_random > 0) {
      std::unique_ptr<MatchPlayer> player =
          CreateNetworkPlayer(name, shared, sample, DeriveSeed(context.seed, "dropout-vs-random"));
      std::unique_ptr<MatchPlayer> random =
          CreateRandomPlayer(DeriveSeed(context.seed, "dropout-random"));
      absl::StatusOr<StudyMatchResult> match =
          PlayStudyMatch(*player, *random, context, o.games_vs_random, o.parallel,
                         fmt::format("{} vs random", name),
                         (fs::path(dir) / FileSlug(name + " vs random")).string());
      if (!match.ok()) return match.status();
      run.vs_random = std::move(*match);
    }
    if (o.games_vs_reference > 0) {
      std::unique_ptr<MatchPlayer> player =
          CreateNetworkPlayer(name, shared, sample, DeriveSeed(context.seed, "dropout-vs-studied"));
      std::unique_ptr<MatchPlayer> studied = CreateNetworkPlayer(
          "studied model", *reference, sample, DeriveSeed(context.seed, "dropout-studied"));
      absl::StatusOr<StudyMatchResult> match =
          PlayStudyMatch(*player, *studied, context, o.games_vs_reference, o.parallel,
                         fmt::format("{} vs studied model", name),
                         (fs::path(dir) / FileSlug(name + " vs studied model")).string());
      if (!match.ok()) return match.status();
      run.vs_reference = std::move(*match);
    }
    result.runs.push_back(std::move(run));
  }
  if (o.synthetic) {
    absl::StatusOr<SyntheticResult> synthetic = RunSyntheticStudy(
        *o.synthetic, reference_model->metadata().config,
        DeriveSeed(context.seed, "dropout-synthetic"), context.threads, context.hooks);
    if (!synthetic.ok()) return synthetic.status();
    result.synthetic = std::move(*synthetic);
  }
  return result;
}

}  // namespace tengen
