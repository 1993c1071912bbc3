// tengen train: train a model on self-play data and/or SGF game records.
#include <fmt/format.h>

#include <filesystem>
#include <initializer_list>

#include "app/commands.h"
#include "app/common_flags.h"
#include "app/terminal.h"
#include "base/atomic_file.h"
#include "base/check.h"
#include "base/fmt_absl.h"
#include "base/text_util.h"
#include "policy/device.h"
#include "policy/model.h"
#include "train/trainer.h"
#include "train/training_window.h"

namespace tengen {
namespace {

// The one of `names` that from_name reads as `value`: the name a flag shows
// for an enum default of TrainerOptions.
template <typename Enum, typename FromName>
std::string NameOf(Enum value, std::initializer_list<std::string_view> names, FromName from_name) {
  for (std::string_view name : names) {
    const absl::StatusOr<Enum> named = from_name(name);
    if (named.ok() && *named == value) return std::string(name);
  }
  TENGEN_CHECK(false && "the default has no name in the list");
  return {};
}

struct TrainFlags {
  TrainerOptions trainer;  // first: the names below default to its values
  std::string data;
  std::string sgf;
  std::string model_in;
  std::string model_out;
  std::string objective =
      NameOf(trainer.objective, {"reinforce", "supervised"}, TrainingObjectiveFromName);
  std::string target = trainer.target_distribution ? "distribution" : "move";
  std::string optimizer = NameOf(trainer.optimizer, {"sgd", "adam"}, OptimizerKindFromName);
  std::string schedule = NameOf(trainer.schedule, {"constant", "cosine", "step"}, ScheduleFromName);
  int64_t window = 500000;
  std::string checkpoint_dir;
};

std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  for (std::string_view item : SplitText(text, ','))
    if (!item.empty()) items.emplace_back(item);
  return items;
}

// Builds the trainer options from the flags; prints and returns false on a
// bad value.
bool ResolveOptions(TrainFlags& f) {
  absl::StatusOr<TrainingObjective> objective = TrainingObjectiveFromName(f.objective);
  absl::StatusOr<OptimizerKind> optimizer = OptimizerKindFromName(f.optimizer);
  absl::StatusOr<LearningRateSchedule> schedule = ScheduleFromName(f.schedule);
  for (const absl::Status& status : {objective.status(), optimizer.status(), schedule.status()}) {
    if (!status.ok()) {
      fmt::print(stderr, "tengen train: {}\n", status);
      return false;
    }
  }
  if (f.target != "move" && f.target != "distribution") {
    fmt::print(stderr, "tengen train: --target must be move or distribution\n");
    return false;
  }
  f.trainer.objective = *objective;
  f.trainer.optimizer = *optimizer;
  f.trainer.schedule = *schedule;
  f.trainer.target_distribution = f.target == "distribution";
  f.trainer.checkpoint_dir =
      f.checkpoint_dir.empty() ? f.model_out + ".checkpoints" : f.checkpoint_dir;
  if (absl::Status status = f.trainer.Validate(); !status.ok()) {
    fmt::print(stderr, "tengen train: {}\n", status);
    return false;
  }
  return true;
}

// Ok when every entry of a --data or --sgf list is a folder; otherwise says
// what it is and what to give instead.
absl::Status CheckFolders(std::string_view flag, const std::vector<std::string>& dirs,
                          std::string_view extension) {
  for (const std::string& dir : dirs) {
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(dir, error);
    if (!std::filesystem::exists(status))
      return absl::NotFoundError(fmt::format("--{} {}: no such folder", flag, dir));
    if (!std::filesystem::is_directory(status))
      return absl::InvalidArgumentError(fmt::format(
          "--{} {}: is a file, not a folder; give the folder that holds the {} files (they are "
          "searched for recursively)",
          flag, dir, extension));
  }
  return absl::OkStatus();
}

// Ok when a model file can be written at path: it is not a folder and its
// folder exists and takes new files. Checked before training, so that a run
// does not spend its steps only to fail at the end.
absl::Status CheckWritable(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(path, error))
    return absl::InvalidArgumentError(
        fmt::format("--model-out {}: is a folder; give the path of the model file to write", path));
  const fs::path parent = fs::absolute(path, error).parent_path();
  if (!fs::is_directory(parent, error))
    return absl::NotFoundError(
        fmt::format("--model-out {}: the folder {} does not exist", path, parent.string()));
  const std::string probe = path + ".write-test";
  if (absl::Status status = WriteFileAtomically(probe, ""); !status.ok())
    return absl::PermissionDeniedError(
        fmt::format("--model-out {}: cannot write there: {}", path, status.message()));
  fs::remove(probe, error);
  return absl::OkStatus();
}

}  // namespace

int RunTrainCommand(std::span<const std::string> args) {
  TrainFlags f;
  FlagSet flags(
      "tengen train",
      "Trains a model on self-play data (--data) and/or SGF records (--sgf) and writes it to\n"
      "--model-out. Checkpoints go to --checkpoint-dir after every --checkpoint-every steps;\n"
      "after a crash or Ctrl-C the same command resumes where it stopped.");
  flags.Add("data", &f.data, "folders of training data files (.npz), comma-separated");
  flags.Add("sgf", &f.sgf, "folders of SGF game records, comma-separated (supervised training)");
  flags.Add("model-in", &f.model_in, "model to start from (required)");
  flags.Add("model-out", &f.model_out, "model file to write (required)");
  flags.Add("objective", &f.objective,
            "reinforce (policy gradient with a value baseline) or supervised");
  flags.Add("target", &f.target,
            "supervised target: move (the move played) or distribution (the stored policy)");
  flags.Add("steps", &f.trainer.steps, "optimiser steps");
  flags.Add("batch", &f.trainer.batch_size, "positions per step");
  flags.Add("optimizer", &f.optimizer, "sgd (with momentum) or adam");
  flags.Add("lr", &f.trainer.learning_rate, "learning rate");
  flags.Add("momentum", &f.trainer.momentum, "SGD momentum");
  flags.Add("weight-decay", &f.trainer.weight_decay, "L2 regularisation");
  flags.Add("schedule", &f.schedule, "learning-rate schedule: constant, cosine or step");
  flags.Add("value-weight", &f.trainer.value_loss_weight, "weight of the value loss");
  flags.Add("entropy-bonus", &f.trainer.entropy_bonus, "weight of a policy-entropy bonus");
  flags.Add("ownership-weight", &f.trainer.ownership_loss_weight,
            "weight of the ownership loss (models with aux heads)");
  flags.Add("score-weight", &f.trainer.score_loss_weight,
            "weight of the score loss (models with aux heads)");
  flags.Add("window", &f.window, "train on the newest this many positions (0: all)");
  flags.Add("augment", &f.trainer.augment, "turn each sample by a random symmetry");
  flags.Add("seed", &f.trainer.seed, "random seed");
  flags.Add("threads", &f.trainer.threads, "intra-op threads");
  flags.Add("device", &f.trainer.device, "cpu, or cuda where this LibTorch has CUDA");
  flags.Add("checkpoint-dir", &f.checkpoint_dir, "checkpoint folder");
  flags.SetDefaultText("checkpoint-dir", "<model-out>.checkpoints");
  flags.Add("checkpoint-every", &f.trainer.checkpoint_every, "steps between checkpoints");
  flags.Add("keep-checkpoints", &f.trainer.keep_checkpoints, "checkpoints to keep");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (f.model_in.empty() || f.model_out.empty() || (f.data.empty() && f.sgf.empty())) {
    fmt::print(
        stderr,
        "tengen train: --model-in, --model-out and --data or --sgf are required (see --help)\n");
    return kExitUsage;
  }
  if (!ResolveOptions(f)) return kExitUsage;
  if (absl::Status status = CheckDevice(f.trainer.device); !status.ok()) {
    fmt::print(stderr, "tengen train: {}\n", status);
    return kExitUsage;
  }
  for (const absl::Status& status :
       {CheckFolders("data", CommaList(f.data), ".npz"),
        CheckFolders("sgf", CommaList(f.sgf), ".sgf"), CheckWritable(f.model_out)}) {
    if (!status.ok()) {
      fmt::print(stderr, "tengen train: {}\n", status);
      return kExitUsage;
    }
  }
  absl::StatusOr<Model> model = Model::Load(f.model_in);
  if (!model.ok()) {
    fmt::print(stderr, "tengen train: {}\n", model.status());
    return kExitFailure;
  }
  const int size = model->metadata().config.board_size;
  absl::StatusOr<TrainingWindow> window = LoadTrainingWindow({.data_dirs = CommaList(f.data),
                                                              .sgf_dirs = CommaList(f.sgf),
                                                              .board_size = size,
                                                              .max_positions = f.window});
  if (!window.ok()) {
    fmt::print(stderr, "tengen train: {}\n", window.status());
    return kExitFailure;
  }
  for (const std::string& warning : window->warnings) fmt::print(stderr, "warning: {}\n", warning);
  fmt::print(stderr, "training on {} positions from {} files\n", window->positions.positions(),
             window->files_used);
  Terminal terminal;
  f.trainer.hooks = terminal.Hooks();
  f.trainer.on_warning = [&terminal](std::string_view warning) {
    terminal.Print(fmt::format("warning: {}", warning));
  };
  absl::StatusOr<TrainingReport> report = TrainModel(*model, window->positions, f.trainer);
  if (!report.ok()) {
    fmt::print(stderr, "tengen train: {}\n", report.status());
    return kExitFailure;
  }
  if (report->stopped_early) {
    fmt::print(stderr, "stopped at step {}; run the same command to resume\n", report->end_step);
    return kExitFailure;
  }
  if (absl::Status status = model->Save(f.model_out); !status.ok()) {
    fmt::print(stderr, "tengen train: {}\n", status);
    return kExitFailure;
  }
  std::error_code ignored;
  std::filesystem::remove_all(f.trainer.checkpoint_dir, ignored);
  const std::string aux =
      model->metadata().config.aux_heads
          ? fmt::format(", ownership loss {:.4f} -> {:.4f}, score loss {:.4f} -> {:.4f}",
                        report->first_ownership_loss, report->last_ownership_loss,
                        report->first_score_loss, report->last_score_loss)
          : "";
  fmt::print(stderr,
             "wrote {} (step {}): policy loss {:.4f} -> {:.4f}, value loss {:.4f} -> {:.4f}{}, "
             "{:.0f} samples/s\n",
             f.model_out, report->end_step, report->first_policy_loss, report->last_policy_loss,
             report->first_value_loss, report->last_value_loss, aux, report->samples_per_s());
  return kExitOk;
}

}  // namespace tengen
