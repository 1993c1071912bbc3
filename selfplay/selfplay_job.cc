#include "selfplay/selfplay_job.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <optional>

#include "base/fmt_absl.h"
#include "base/random.h"

namespace tengen {

namespace fs = std::filesystem;

absl::Status ValidateWorkerName(const std::string& worker) {
  if (worker.empty() || worker.size() > 64)
    return absl::InvalidArgumentError("a worker name needs 1 to 64 characters");
  for (char c : worker) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok)
      return absl::InvalidArgumentError(
          fmt::format("worker name '{}' may hold only letters, digits, '-', '_' and '.'", worker));
  }
  return absl::OkStatus();
}

std::string GameDataPath(const std::string& out_dir, const std::string& worker, int game) {
  return (fs::path(out_dir) / "data" / fmt::format("{}-{:06}.npz", worker, game)).string();
}

std::string GameSgfPath(const std::string& out_dir, const std::string& worker, int game) {
  return (fs::path(out_dir) / "sgf" / fmt::format("{}-{:06}.sgf", worker, game)).string();
}

std::vector<int> MissingGames(const std::string& out_dir, const std::string& worker, int games) {
  std::vector<int> missing;
  for (int game = 0; game < games; ++game)
    if (!fs::exists(GameDataPath(out_dir, worker, game))) missing.push_back(game);
  return missing;
}

absl::StatusOr<SelfPlayJobSummary> RunSelfPlayJob(Evaluator& evaluator,
                                                  const SelfPlayJobOptions& options) {
  if (absl::Status status = ValidateWorkerName(options.worker); !status.ok()) return status;
  std::error_code error;
  for (const char* sub : {"data", "sgf"}) {
    fs::create_directories(fs::path(options.out_dir) / sub, error);
    if (error)
      return absl::UnavailableError(
          fmt::format("cannot create {}/{}: {}", options.out_dir, sub, error.message()));
  }
  const std::vector<int> missing = MissingGames(options.out_dir, options.worker, options.games);
  SelfPlayJobSummary summary;
  summary.games_done = options.games - static_cast<int>(missing.size());
  const auto start = std::chrono::steady_clock::now();
  std::optional<ProgressReporter> progress;
  if (!missing.empty())
    progress.emplace(options.hooks.on_progress, fmt::format("selfplay {}", options.worker),
                     options.games, "games", summary.games_done);
  auto on_finished = [&](FinishedGame game) -> absl::Status {
    // SGF first: a game is done only once its data file exists.
    if (absl::Status status = WriteSgfFile(GameSgfPath(options.out_dir, options.worker, game.index),
                                           std::span<const GameRecord>(&game.record, 1));
        !status.ok())
      return status;
    if (absl::Status status =
            WriteTrainingFile(GameDataPath(options.out_dir, options.worker, game.index), game.data);
        !status.ok())
      return status;
    ++summary.games_played;
    ++summary.games_done;
    summary.positions += game.data.positions();
    if (progress) progress->Update(summary.games_done);
    return absl::OkStatus();
  };
  absl::Status status = PlaySelfPlayGames(evaluator, options.play, missing, on_finished,
                                          [&] { return options.hooks.stop_requested(); });
  if (progress) progress->Finish();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.stopped_early = summary.games_done < options.games;
  if (!status.ok()) return status;
  return summary;
}

}  // namespace tengen
