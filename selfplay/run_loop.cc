#include "selfplay/run_loop.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <thread>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/random.h"
#include "base/text_util.h"
#include "match/gtp_player.h"
#include "match/match.h"
#include "match/search_player.h"
#include "policy/device.h"
#include "policy/model.h"
#include "selfplay/local_selfplay.h"
#include "selfplay/selfplay_job.h"
#include "train/trainer.h"
#include "train/training_window.h"

namespace tengen {

namespace fs = std::filesystem;

namespace {

std::string Path(const std::string& dir, const std::string& relative) {
  return (fs::path(dir) / relative).string();
}
std::string ModelPath(const std::string& dir, int generation) {
  return Path(dir, fmt::format("models/gen-{:04}.tgm", generation));
}
std::string SelfPlayDir(const std::string& dir, int generation) {
  return Path(dir, fmt::format("selfplay/gen-{:04}", generation));
}

void Log(const RunOptions& options, std::string_view line) { options.hooks.Log(line); }

std::string BestPath(const std::string& dir) { return Path(dir, "models/best.tgm"); }

absl::Status WriteRunState(const std::string& dir, const RunState& state) {
  JsonValue json = JsonValue::Object();
  json.Set("generation", state.generation)
      .Set("best_generation", state.best_generation)
      .Set("last_generation", state.last_generation);
  return WriteFileAtomically(Path(dir, "run.json"), SerializeJson(json) + "\n");
}

int CountGames(const std::string& out_dir) {
  int count = 0;
  std::error_code error;
  for (auto it = fs::directory_iterator(fs::path(out_dir) / "data", error);
       !error && it != fs::directory_iterator(); it.increment(error))
    count += it->path().extension() == ".npz";
  return count;
}

// Seconds generation `generation` has spent in self-play so far, kept
// beside its games (also by runs killed with -9, to within a few seconds)
// so that a resumed run reports the whole time; 0 if none is recorded.
std::string SelfPlaySecondsPath(const std::string& dir, int generation) {
  return Path(dir, fmt::format("models/gen-{:04}.selfplay.json", generation));
}
double ReadSelfPlaySeconds(const std::string& dir, int generation) {
  absl::StatusOr<std::string> text = ReadFileToString(SelfPlaySecondsPath(dir, generation));
  if (!text.ok()) return 0;
  absl::StatusOr<JsonValue> json = ParseJson(*text);
  if (!json.ok() || !json->is_object()) return 0;
  absl::StatusOr<double> seconds = json->GetNumber("seconds");
  return seconds.ok() && std::isfinite(*seconds) && *seconds > 0 ? *seconds : 0;
}
void WriteSelfPlaySeconds(const std::string& dir, int generation, double seconds) {
  JsonValue json = JsonValue::Object();
  json.Set("seconds", seconds);
  // Only a figure for the report: failing to keep it never stops the run.
  (void)WriteFileAtomically(SelfPlaySecondsPath(dir, generation), SerializeJson(json) + "\n");
}

// The self-play seconds of one generation, kept in its folder across
// restarts: the time before this call plus ours, saved every 5 seconds
// (Tick) and at the end (Save).
class SelfPlayClock {
 public:
  SelfPlayClock(const std::string& dir, int generation)
      : dir_(dir), generation_(generation), before_(ReadSelfPlaySeconds(dir, generation)) {}
  void Tick() {
    if (Elapsed() - last_saved_ < 5) return;
    last_saved_ = Elapsed();
    WriteSelfPlaySeconds(dir_, generation_, before_ + last_saved_);
  }
  void Save() const { WriteSelfPlaySeconds(dir_, generation_, before_ + Elapsed()); }

 private:
  double Elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  std::string dir_;
  int generation_;
  double before_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  double last_saved_ = 0;
};

// Self-play by followers alone (selfplay.workers 0): waits, showing the
// games as they arrive, until the generation's folder holds `target`.
absl::Status WaitForFollowers(const RunOptions& options, int generation, int target) {
  const std::string out = SelfPlayDir(options.dir, generation);
  SelfPlayClock clock(options.dir, generation);
  const int already = std::min(CountGames(out), target);
  options.hooks.Log(
      fmt::format("generation {}: waiting for followers to play {} games into {} ({} there)",
                  generation, target, out, already));
  ProgressReporter progress(options.hooks.on_progress, fmt::format("gen {} followers", generation),
                            target, "games", already);
  for (int games = already; games < target; games = std::min(CountGames(out), target)) {
    progress.Update(games);
    if (options.hooks.stop_requested()) {
      clock.Save();
      return absl::CancelledError("stopped while waiting for followers");
    }
    // One look a second: a listing of a shared folder is not free.
    for (int i = 0; i < 10 && !options.hooks.stop_requested(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    clock.Tick();
  }
  progress.Update(target);
  clock.Save();
  return absl::OkStatus();
}

// Self-play for one generation: local workers play until the generation's
// folder holds config.selfplay.games games (workers elsewhere, --follow,
// may fill it first: then ours stop).
absl::Status SelfPlayPhase(const RunOptions& options, const RunConfig& config, int generation,
                           int best) {
  const std::string out = SelfPlayDir(options.dir, generation);
  const int target = config.selfplay.games;
  if (CountGames(out) >= target) return absl::OkStatus();
  if (config.selfplay.workers == 0) return WaitForFollowers(options, generation, target);
  absl::StatusOr<Model> model = Model::Load(ModelPath(options.dir, best));
  if (!model.ok()) return model.status();
  absl::StatusOr<Rules> rules = RulesFromPresetName(config.rules);
  absl::StatusOr<Precision> precision = PrecisionFromName(config.selfplay.precision);
  absl::StatusOr<SymmetryMode> symmetry = SymmetryModeFromName(config.selfplay.symmetry);
  for (const absl::Status& status : {rules.status(), precision.status(), symmetry.status()})
    if (!status.ok()) return status;
  rules->komi = config.komi;
  const uint64_t seed = DeriveSeed(config.seed, "run-selfplay", static_cast<uint64_t>(generation));
  LocalSelfPlayOptions local{
      .out_dir = out,
      .games = target,
      .workers = config.selfplay.workers,
      .worker = "local",
      .play = {.rules = *rules,
               .parallel = config.selfplay.parallel,
               .choice = config.SelfPlayChoice(),
               .search = config.SelfPlaySearch(),
               .seed = seed,
               .model_name = model->metadata().name.empty()
                                 ? fs::path(ModelPath(options.dir, best)).filename().string()
                                 : model->metadata().name},
      .evaluator = {.symmetry = *symmetry, .threads = 1, .precision = *precision},
      .hooks = options.hooks,
      .progress_task = fmt::format("gen {} selfplay", generation)};
  SelfPlayClock clock(options.dir, generation);
  local.poll = [&] {
    clock.Tick();
    return CountGames(out) >= target;
  };
  absl::StatusOr<SelfPlayJobSummary> summary = RunLocalSelfPlay(*model, local);
  clock.Save();
  if (!summary.ok()) return summary.status();
  if (options.hooks.stop_requested()) return absl::CancelledError("stopped during self-play");
  return absl::OkStatus();
}

std::string TrainingSummaryPath(const std::string& dir, int generation) {
  return Path(dir, fmt::format("models/gen-{:04}.train.json", generation));
}

// What the metrics line says about training, also kept beside the model
// so a resumed run reports it too.
JsonValue TrainingSummary(const TrainingReport& report, int64_t positions) {
  JsonValue json = JsonValue::Object();
  json.Set("positions", positions)
      .Set("steps", report.end_step - report.start_step)
      .Set("training_step", report.end_step)
      .Set("policy_loss", report.last_policy_loss)
      .Set("value_loss_first", report.first_value_loss)
      .Set("value_loss", report.last_value_loss)
      .Set("ownership_loss", report.last_ownership_loss)
      .Set("score_loss", report.last_score_loss)
      .Set("policy_entropy", report.last_entropy)
      .Set("train_samples_per_s", report.samples_per_s())
      .Set("train_seconds", report.seconds);
  return json;
}

JsonValue ReadTrainingSummary(const std::string& dir, int generation) {
  absl::StatusOr<std::string> text = ReadFileToString(TrainingSummaryPath(dir, generation));
  if (!text.ok()) return JsonValue::Object();
  absl::StatusOr<JsonValue> json = ParseJson(*text);
  return json.ok() && json->is_object() ? *json : JsonValue::Object();
}

absl::StatusOr<JsonValue> TrainPhase(const RunOptions& options, const RunConfig& config,
                                     int generation, int best) {
  TrainingWindowOptions window_options{.board_size = config.network.board_size};
  for (int g = std::max(1, generation - config.train.window_generations + 1); g <= generation; ++g)
    window_options.data_dirs.push_back(SelfPlayDir(options.dir, g));
  absl::StatusOr<TrainingWindow> window = LoadTrainingWindow(window_options);
  if (!window.ok()) return window.status();
  for (const std::string& warning : window->warnings)
    Log(options, fmt::format("warning: {}", warning));
  absl::StatusOr<Model> model = Model::Load(ModelPath(options.dir, best));
  if (!model.ok()) return model.status();
  model->set_name(fmt::format("generation {}", generation));
  TrainerOptions trainer;
  trainer.steps = config.train.steps;
  trainer.batch_size = config.train.batch;
  trainer.learning_rate = config.train.lr;
  trainer.momentum = config.train.momentum;
  trainer.weight_decay = config.train.weight_decay;
  absl::StatusOr<TrainingObjective> objective = TrainingObjectiveFromName(config.Objective());
  if (!objective.ok()) return objective.status();
  trainer.objective = *objective;
  // Searched self-play stores the search's policy targets: learn those.
  trainer.target_distribution =
      *objective == TrainingObjective::kSupervised && config.selfplay.visits > 0;
  trainer.value_loss_weight = config.train.value_weight;
  trainer.ownership_loss_weight = config.train.ownership_weight;
  trainer.score_loss_weight = config.train.score_weight;
  trainer.entropy_bonus = config.train.entropy_bonus;
  trainer.threads = config.train.threads;
  trainer.seed = DeriveSeed(config.seed, "run-train", static_cast<uint64_t>(generation));
  trainer.checkpoint_dir = Path(options.dir, fmt::format("train/gen-{:04}", generation));
  trainer.checkpoint_every = config.train.checkpoint_every;
  trainer.device = config.train.device;
  trainer.hooks = options.hooks;  // progress as "train", and Ctrl-C stops it with a checkpoint
  trainer.on_warning = [&](std::string_view warning) {
    Log(options, fmt::format("warning: {}", warning));
  };
  absl::StatusOr<OptimizerKind> optimizer = OptimizerKindFromName(config.train.optimizer);
  absl::StatusOr<LearningRateSchedule> schedule = ScheduleFromName(config.train.schedule);
  if (!optimizer.ok()) return optimizer.status();
  if (!schedule.ok()) return schedule.status();
  trainer.optimizer = *optimizer;
  trainer.schedule = *schedule;
  absl::StatusOr<TrainingReport> report = TrainModel(*model, window->positions, trainer);
  if (!report.ok()) return report.status();
  if (report->stopped_early) return absl::CancelledError("stopped during training");
  // The summary first: the model file's existence marks the phase done.
  const JsonValue summary = TrainingSummary(*report, window->positions.positions());
  if (absl::Status status = WriteFileAtomically(TrainingSummaryPath(options.dir, generation),
                                                SerializeJson(summary) + "\n");
      !status.ok())
    return status;
  if (absl::Status status = model->Save(ModelPath(options.dir, generation)); !status.ok())
    return status;
  std::error_code ignored;
  fs::remove_all(trainer.checkpoint_dir, ignored);
  return summary;
}

absl::StatusOr<std::shared_ptr<Evaluator>> LoadEvaluator(const std::string& path,
                                                         const RunConfig& config) {
  absl::StatusOr<Model> model = Model::Load(path);
  if (!model.ok()) return model.status();
  absl::StatusOr<Precision> precision = PrecisionFromName(config.selfplay.precision);
  if (!precision.ok()) return precision.status();
  absl::StatusOr<std::unique_ptr<Evaluator>> evaluator =
      CreateNetworkEvaluator(*model, {.symmetry = SymmetryMode::kRandom,
                                      .threads = config.train.threads,
                                      .precision = *precision,
                                      .seed = config.seed});
  if (!evaluator.ok()) return evaluator.status();
  return std::shared_ptr<Evaluator>(std::move(*evaluator));
}

// A network player for the evaluation matches: it samples from the raw
// policy at evaluate.temperature, or (evaluate.visits > 0) searches and
// samples from the search's policy target at that temperature.
std::unique_ptr<MatchPlayer> CreateEvaluationPlayer(const RunConfig& config, std::string name,
                                                    std::shared_ptr<Evaluator> evaluator,
                                                    uint64_t seed) {
  const MoveChoiceOptions choice{.mode = ChoiceMode::kSample,
                                 .temperature = config.evaluate.temperature};
  if (config.evaluate.visits == 0)
    return CreateNetworkPlayer(std::move(name), std::move(evaluator), choice, seed);
  SearchOptions search;
  search.root_policy = RootPolicy::kGumbel;
  search.gumbel_considered = config.selfplay.considered;
  search.seed = seed;
  return CreateSearchPlayer(std::move(name), std::move(evaluator), search,
                            {.visits = config.evaluate.visits, .stop_when_decided = false}, choice,
                            seed);
}

// GNU Go at evaluate.gnugo_level, or nullptr (with a log line) where its
// command does not start.
std::unique_ptr<MatchPlayer> CreateGnuGoPlayer(const RunOptions& options, const RunConfig& config) {
  if (config.evaluate.gnugo_command == "none") return nullptr;
  const std::string binary = FindGnuGo(config.evaluate.gnugo_command);
  if (binary.empty()) {
    Log(options, "no games against GNU Go: it is not installed (package gnugo)");
    return nullptr;
  }
  const std::string command =
      fmt::format("{} --mode gtp --level {} --chinese-rules", binary, config.evaluate.gnugo_level);
  absl::StatusOr<std::unique_ptr<MatchPlayer>> player =
      CreateGtpPlayer(command, {.name = fmt::format("gnugo-{}", config.evaluate.gnugo_level)});
  if (!player.ok()) {
    Log(options, fmt::format("no games against GNU Go: {}", player.status().message()));
    return nullptr;
  }
  return std::move(*player);
}

// The candidate against one opponent; nullopt when games is 0.
absl::StatusOr<std::optional<WinRate>> Evaluate(const RunOptions& options, const RunConfig& config,
                                                int generation,
                                                std::shared_ptr<Evaluator> candidate,
                                                MatchPlayer& opponent, int games,
                                                const std::string& label) {
  if (games <= 0) return std::optional<WinRate>();
  std::unique_ptr<MatchPlayer> player = CreateEvaluationPlayer(
      config, fmt::format("gen-{:04}", generation), candidate,
      DeriveSeed(config.seed, "run-eval-candidate", static_cast<uint64_t>(generation)));
  absl::StatusOr<Rules> rules = RulesFromPresetName(config.rules);
  if (!rules.ok()) return rules.status();
  rules->komi = config.komi;
  const MatchOptions match{
      .games = games,
      .parallel = games,
      .board_size = config.network.board_size,
      .rules = *rules,
      .sgf_dir = Path(options.dir, fmt::format("matches/gen-{:04}/{}", generation, label)),
      .label = fmt::format("gen {} vs {}", generation, label),
      .hooks = options.hooks};
  absl::StatusOr<MatchResult> result = PlayMatch(*player, opponent, match);
  if (!result.ok()) return result.status();
  return std::optional<WinRate>(result->first);
}

JsonValue WinRateJson(const std::optional<WinRate>& rate) {
  if (!rate.has_value()) return JsonValue();
  const Interval interval = rate->Interval95();
  const EloEstimate elo = EstimateElo(*rate);
  JsonValue json = JsonValue::Object();
  json.Set("games", rate->games())
      .Set("wins", rate->wins)
      .Set("draws", rate->draws)
      .Set("losses", rate->losses)
      .Set("rate", rate->rate())
      .Set("low", interval.low)
      .Set("high", interval.high)
      .Set("elo", elo.elo)
      .Set("elo_low", elo.interval.low)
      .Set("elo_high", elo.interval.high);
  return json;
}

// Adds generation `generation`'s line to metrics.jsonl, dropping any line
// of that or a later generation left by a run that stopped between writing
// its metrics and run.json.
absl::Status WriteMetricsLine(const std::string& dir, int generation, const JsonValue& line) {
  const std::string path = Path(dir, "metrics.jsonl");
  std::string contents;
  if (fs::exists(path)) {
    absl::StatusOr<std::string> old = ReadFileToString(path);
    if (!old.ok()) return old.status();
    for (std::string_view text : SplitText(*old, '\n')) {
      if (text.empty()) continue;
      absl::StatusOr<JsonValue> old_line = ParseJson(text);
      if (!old_line.ok()) continue;  // a damaged line is dropped, not kept
      absl::StatusOr<int64_t> old_generation = old_line->GetInteger("generation");
      if (old_generation.ok() && *old_generation < generation) contents += std::string(text) + "\n";
    }
  }
  return WriteFileAtomically(path, contents + SerializeJson(line) + "\n");
}

// Generation 0 of a new run: the config's init_model (whose network must
// be the config's) or random weights.
absl::StatusOr<Model> FirstModel(const RunConfig& config) {
  if (config.init_model.empty()) return Model::CreateRandom(config.network, config.seed);
  absl::StatusOr<Model> model = Model::Load(config.init_model);
  if (!model.ok()) return model.status();
  NetworkConfig wanted = config.network, given = model->metadata().config;
  wanted.dropout = given.dropout = 0;  // dropout is a training setting, not the shape
  if (!(wanted == given))
    return absl::InvalidArgumentError(fmt::format(
        "init_model {} is a {} network, but the config's network is {}: make them agree",
        config.init_model, given.Describe(), wanted.Describe()));
  return model;
}

absl::StatusOr<RunConfig> PrepareRun(const RunOptions& options) {
  const std::string config_path = Path(options.dir, "config.json");
  RunConfig config = options.config.value_or(RunConfig{});
  const bool stored_config = fs::exists(config_path);
  if (stored_config) {
    absl::StatusOr<std::string> text = ReadFileToString(config_path);
    if (!text.ok()) return text.status();
    absl::StatusOr<RunConfig> stored = RunConfigFromJson(*text);
    if (!stored.ok())
      return absl::InvalidArgumentError(fmt::format("{}: {}", config_path, stored.status()));
    if (options.config.has_value() &&
        SerializeJson(options.config->ToJson()) != SerializeJson(stored->ToJson()))
      return absl::FailedPreconditionError(fmt::format(
          "{} was started with another config ({}); resume without --config, or use a new --dir",
          options.dir, config_path));
    config = *stored;
  } else if (absl::Status status = config.Validate(); !status.ok()) {
    return status;
  }
  const RunConfig as_given = config;  // config.json keeps the config's own generations
  if (options.generations.has_value()) config.generations = *options.generations;
  if (absl::Status status = CheckDevice(config.train.device); !status.ok()) return status;
  // Generation 0 is made (and checked) before anything is written, so a
  // bad init_model leaves no run folder behind.
  std::optional<Model> first;
  if (!fs::exists(ModelPath(options.dir, 0))) {
    absl::StatusOr<Model> made = FirstModel(config);
    if (!made.ok()) return made.status();
    first = std::move(*made);
  }
  std::error_code error;
  for (const char* sub : {"models", "selfplay", "train", "matches"}) {
    fs::create_directories(fs::path(options.dir) / sub, error);
    if (error)
      return absl::UnavailableError(
          fmt::format("cannot create {}/{}: {}", options.dir, sub, error.message()));
  }
  if (!stored_config) {
    if (absl::Status status =
            WriteFileAtomically(config_path, SerializeJson(as_given.ToJson()) + "\n");
        !status.ok())
      return status;
  }
  if (first.has_value()) {
    first->set_name("generation 0");
    if (absl::Status status = first->Save(ModelPath(options.dir, 0)); !status.ok()) return status;
    if (absl::Status status = first->Save(Path(options.dir, "models/best.tgm")); !status.ok())
      return status;
  }
  return config;
}

// Ok, or why the model file at path does not load.
absl::Status CheckModelFile(const std::string& path) { return Model::Load(path).status(); }

// Makes sure models/best.tgm and the best generation's file load. A damaged
// one is reported and rewritten from the newest intact generation file: the
// best generation's if intact, otherwise the newest older one (up to the
// last finished generation), which becomes the best.
absl::Status EnsureBestModel(const RunOptions& options, RunState& state) {
  const std::string best_path = BestPath(options.dir);
  const absl::Status best_status = CheckModelFile(best_path);
  const std::string generation_path = ModelPath(options.dir, state.best_generation);
  const absl::Status generation_status = CheckModelFile(generation_path);
  if (best_status.ok() && generation_status.ok()) return absl::OkStatus();
  if (!best_status.ok())
    Log(options, fmt::format("warning: the best model cannot be used: {}", best_status.message()));
  if (!generation_status.ok())
    Log(options, fmt::format("warning: the best generation's model cannot be used: {}",
                             generation_status.message()));
  int source = generation_status.ok() ? state.best_generation : -1;
  for (int g = std::max(state.generation, state.best_generation); source < 0 && g >= 0; --g)
    if (g != state.best_generation && CheckModelFile(ModelPath(options.dir, g)).ok()) source = g;
  if (source < 0)
    return absl::DataLossError(fmt::format(
        "{} is damaged and no generation file in {}/models loads; restore one from a backup or "
        "start a new run in another --dir",
        best_status.ok() ? generation_path : best_path, options.dir));
  absl::StatusOr<Model> model = Model::Load(ModelPath(options.dir, source));
  if (!model.ok()) return model.status();
  if (source != state.best_generation) {
    // The damaged generation file cannot play self-play: set it aside.
    std::error_code ignored;
    fs::rename(generation_path, generation_path + ".damaged", ignored);
    Log(options, fmt::format("generation {} is now the best (its file {} is the newest intact "
                             "one); generation {}'s file is renamed to *.damaged",
                             source, ModelPath(options.dir, source), state.best_generation));
    state.best_generation = source;
    if (absl::Status status = WriteRunState(options.dir, state); !status.ok()) return status;
  }
  if (absl::Status status = model->Save(best_path); !status.ok()) return status;
  Log(options, fmt::format("restored {} from {}", best_path, ModelPath(options.dir, source)));
  return absl::OkStatus();
}

// A generation file that exists but does not load (damaged after it was
// written) is set aside so that the generation is trained again.
void SetAsideDamagedGeneration(const RunOptions& options, int generation) {
  const std::string path = ModelPath(options.dir, generation);
  if (!fs::exists(path)) return;
  const absl::Status status = CheckModelFile(path);
  if (status.ok()) return;
  std::error_code ignored;
  fs::rename(path, path + ".damaged", ignored);
  Log(options, fmt::format("warning: {}; renamed it to *.damaged and training generation {} again",
                           status.message(), generation));
}

}  // namespace

absl::StatusOr<RunState> ReadRunState(const std::string& dir) {
  RunState state;
  const std::string path = Path(dir, "run.json");
  if (!fs::exists(path)) return state;
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<JsonValue> json = ParseJson(*text);
  if (!json.ok()) return absl::DataLossError(fmt::format("{}: {}", path, json.status()));
  absl::StatusOr<int64_t> generation = json->GetInteger("generation");
  absl::StatusOr<int64_t> best = json->GetInteger("best_generation");
  if (!generation.ok() || !best.ok())
    return absl::DataLossError(fmt::format("{}: missing fields", path));
  state.generation = static_cast<int>(*generation);
  state.best_generation = static_cast<int>(*best);
  if (absl::StatusOr<int64_t> last = json->GetInteger("last_generation"); last.ok())
    state.last_generation = static_cast<int>(*last);
  return state;
}

absl::Status RunTrainingLoop(const RunOptions& options) {
  absl::StatusOr<RunConfig> config = PrepareRun(options);
  if (!config.ok()) return config.status();
  absl::StatusOr<RunState> state = ReadRunState(options.dir);
  if (!state.ok()) return state.status();
  state->last_generation = config->generations;
  if (absl::Status status = WriteRunState(options.dir, *state); !status.ok()) return status;
  if (absl::Status status = EnsureBestModel(options, *state); !status.ok()) return status;
  std::shared_ptr<Evaluator> first_evaluator;
  std::unique_ptr<MatchPlayer> gnugo_player;  // started once, at the first evaluation
  bool gnugo_tried = false;
  for (int g = state->generation + 1; config->generations == 0 || g <= config->generations; ++g) {
    const auto start = std::chrono::steady_clock::now();
    const int best = state->best_generation;
    if (absl::Status status = SelfPlayPhase(options, *config, g, best); !status.ok()) return status;
    // The whole generation's figures, also when resumed: self-play and
    // training time are kept on disk; evaluation starts over on resume.
    const double selfplay_seconds =
        std::max(ReadSelfPlaySeconds(options.dir, g),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    JsonValue training = JsonValue::Object();
    SetAsideDamagedGeneration(options, g);
    if (!fs::exists(ModelPath(options.dir, g))) {
      absl::StatusOr<JsonValue> summary = TrainPhase(options, *config, g, best);
      if (!summary.ok()) return summary.status();
      training = *summary;
    } else {
      training = ReadTrainingSummary(options.dir, g);
    }
    const auto evaluation_start = std::chrono::steady_clock::now();
    const JsonValue* train_seconds = training.Find("train_seconds");
    const double training_seconds =
        train_seconds != nullptr && train_seconds->type() == JsonValue::Type::kNumber
            ? train_seconds->AsNumber()
            : 0;
    absl::StatusOr<std::shared_ptr<Evaluator>> candidate =
        LoadEvaluator(ModelPath(options.dir, g), *config);
    absl::StatusOr<std::shared_ptr<Evaluator>> current =
        LoadEvaluator(ModelPath(options.dir, best), *config);
    if (!first_evaluator) {
      absl::StatusOr<std::shared_ptr<Evaluator>> first =
          LoadEvaluator(ModelPath(options.dir, 0), *config);
      if (!first.ok()) return first.status();
      first_evaluator = *first;
    }
    if (!candidate.ok()) return candidate.status();
    if (!current.ok()) return current.status();
    auto best_player = CreateEvaluationPlayer(*config, fmt::format("gen-{:04}", best), *current,
                                              DeriveSeed(config->seed, "run-eval-best", g));
    auto first_player = CreateEvaluationPlayer(*config, "gen-0000", first_evaluator,
                                               DeriveSeed(config->seed, "run-eval-first", g));
    auto random_player = CreateRandomPlayer(DeriveSeed(config->seed, "run-eval-random", g));
    absl::StatusOr<std::optional<WinRate>> vs_best =
        Evaluate(options, *config, g, *candidate, *best_player, config->evaluate.games, "best");
    if (!vs_best.ok()) return vs_best.status();
    absl::StatusOr<std::optional<WinRate>> vs_random =
        Evaluate(options, *config, g, *candidate, *random_player, config->evaluate.games_vs_random,
                 "random");
    if (!vs_random.ok()) return vs_random.status();
    absl::StatusOr<std::optional<WinRate>> vs_first = Evaluate(
        options, *config, g, *candidate, *first_player, config->evaluate.games_vs_first, "first");
    if (!vs_first.ok()) return vs_first.status();
    absl::StatusOr<std::optional<WinRate>> vs_gnugo = std::optional<WinRate>();
    if (config->evaluate.games_vs_gnugo > 0) {
      if (!gnugo_tried) gnugo_player = CreateGnuGoPlayer(options, *config);
      gnugo_tried = true;
      if (gnugo_player)
        vs_gnugo = Evaluate(options, *config, g, *candidate, *gnugo_player,
                            config->evaluate.games_vs_gnugo, "gnugo");
    }
    if (!vs_gnugo.ok()) return vs_gnugo.status();

    const bool promoted =
        !vs_best->has_value() || (*vs_best)->rate() > config->evaluate.promote_above;
    if (promoted) {
      absl::StatusOr<Model> model = Model::Load(ModelPath(options.dir, g));
      if (!model.ok()) return model.status();
      if (absl::Status status = model->Save(Path(options.dir, "models/best.tgm")); !status.ok())
        return status;
      state->best_generation = g;
    }
    JsonValue line = JsonValue::Object();
    line.Set("generation", g)
        .Set("games", CountGames(SelfPlayDir(options.dir, g)))
        .Set("selfplay_seconds", selfplay_seconds);
    for (const auto& [key, value] : training.AsObject()) line.Set(key, value);
    line.Set("vs_best", WinRateJson(*vs_best))
        .Set("vs_random", WinRateJson(*vs_random))
        .Set("vs_first", WinRateJson(*vs_first))
        .Set("vs_gnugo", WinRateJson(*vs_gnugo))
        .Set("promoted", promoted)
        .Set("best_generation", state->best_generation)
        .Set("seconds",
             selfplay_seconds + training_seconds +
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - evaluation_start)
                     .count());
    if (absl::Status status = WriteMetricsLine(options.dir, g, line); !status.ok()) return status;
    state->generation = g;
    if (absl::Status status = WriteRunState(options.dir, *state); !status.ok()) return status;
    Log(options, fmt::format("generation {}: vs best {}{}; vs random {}; vs gen 0 {}; vs {} {}", g,
                             vs_best->has_value() ? DescribeWinRate(**vs_best) : "-",
                             promoted ? " (promoted)" : "",
                             vs_random->has_value() ? DescribeWinRate(**vs_random) : "-",
                             vs_first->has_value() ? DescribeWinRate(**vs_first) : "-",
                             fmt::format("gnugo-{}", config->evaluate.gnugo_level),
                             vs_gnugo->has_value() ? DescribeWinRate(**vs_gnugo) : "-"));
    if (options.hooks.stop_requested()) return absl::CancelledError("stopped");
  }
  return EnsureBestModel(options, *state);
}

}  // namespace tengen
