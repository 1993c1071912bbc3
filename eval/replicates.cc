#include "eval/replicates.h"

#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/subprocess.h"
#include "eval/report/replicates_html.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

std::string LogPath(const std::string& out_dir, uint64_t seed) {
  return (fs::path(out_dir) / "logs" / fmt::format("seed-{}.log", seed)).string();
}

// The replicate's results, if it has finished: its report.json reads
// strictly and is the study of that seed.
absl::StatusOr<StudyResults> FinishedReplicate(const std::string& out_dir, uint64_t seed) {
  const std::string path = (fs::path(ReplicateDir(out_dir, seed)) / "report.json").string();
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<JsonValue> json = ParseJson(*text);
  if (!json.ok()) return absl::DataLossError(fmt::format("{}: {}", path, json.status()));
  absl::StatusOr<StudyResults> results = StudyResults::FromJson(*json);
  if (!results.ok()) return absl::DataLossError(fmt::format("{}: {}", path, results.status()));
  if (results->settings.seed != seed)
    return absl::FailedPreconditionError(
        fmt::format("{} is the study of seed {}, not {}", path, results->settings.seed, seed));
  return results;
}

// The last lines of a log, for an error message.
std::string LogTail(const std::string& path, int lines) {
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return "";
  size_t start = text->size();
  for (int i = 0; i <= lines && start > 0; ++i) {
    start = text->rfind('\n', start - 1);
    if (start == std::string::npos) {
      start = 0;
      break;
    }
  }
  return text->substr(start);
}

struct Running {
  uint64_t seed;
  std::unique_ptr<Subprocess> process;
};

}  // namespace

std::string ReplicateDir(const std::string& out_dir, uint64_t seed) {
  return (fs::path(out_dir) / fmt::format("seed-{}", seed)).string();
}

absl::StatusOr<ReplicatedStudyOutcome> RunReplicatedStudy(const ReplicatedStudyOptions& options) {
  if (options.replicates < 1 || options.jobs < 1)
    return absl::InvalidArgumentError(fmt::format("replicates ({}) and jobs ({}) must be 1 or more",
                                                  options.replicates, options.jobs));
  if (!options.aggregate_only && options.replicate_command.empty())
    return absl::InvalidArgumentError("no command to run a replicate");
  std::error_code error;
  fs::create_directories(fs::path(options.out_dir) / "logs", error);
  if (error)
    return absl::UnavailableError(
        fmt::format("cannot create {}: {}", options.out_dir, error.message()));

  std::vector<uint64_t> seeds, pending;
  for (int k = 0; k < options.replicates; ++k) seeds.push_back(options.seed + k);
  for (uint64_t seed : seeds)
    if (!FinishedReplicate(options.out_dir, seed).ok()) pending.push_back(seed);
  const int already = options.replicates - static_cast<int>(pending.size());
  if (already > 0)
    options.hooks.Log(
        fmt::format("eval: {} of {} replicates already done", already, options.replicates));
  if (options.aggregate_only && !pending.empty()) {
    std::string missing;
    for (uint64_t seed : pending)
      missing += fmt::format(" {}", ReplicateDir(options.out_dir, seed));
    return absl::FailedPreconditionError(
        fmt::format("{} of {} replicates have no finished report.json:{}", pending.size(),
                    options.replicates, missing));
  }

  ProgressReporter progress(options.hooks.on_progress, "replicates", options.replicates,
                            "replicates", already);
  int done = already;
  std::vector<Running> running;
  std::vector<std::string> failures;
  size_t next = 0;
  while (next < pending.size() || !running.empty()) {
    if (options.hooks.stop_requested()) {
      for (Running& r : running) r.process->Terminate();
      for (Running& r : running)
        r.process->WaitForExit(SteadyClock::now() + std::chrono::seconds(60));
      return absl::CancelledError(
          fmt::format("replicates stopped ({} of {} done)", done, options.replicates));
    }
    while (next < pending.size() && static_cast<int>(running.size()) < options.jobs) {
      const uint64_t seed = pending[next++];
      const std::string log = LogPath(options.out_dir, seed);
      // sh puts the replicate's output in its log and then becomes it.
      std::vector<std::string> argv = {"/bin/sh", "-c", "exec \"$@\" >> \"$0\" 2>&1", log};
      argv.insert(argv.end(), options.replicate_command.begin(), options.replicate_command.end());
      argv.insert(argv.end(),
                  {"--seed", std::to_string(seed), "--out", ReplicateDir(options.out_dir, seed)});
      SubprocessOptions process_options;
      process_options.parent_death_signal = SIGTERM;
      absl::StatusOr<std::unique_ptr<Subprocess>> process =
          Subprocess::StartArgv(std::move(argv), process_options);
      if (!process.ok()) return process.status();
      options.hooks.Log(fmt::format("eval: replicate seed {} started (output in {})", seed, log));
      running.push_back({seed, std::move(*process)});
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (size_t i = 0; i < running.size();) {
      if (!running[i].process->PollExit()) {
        ++i;
        continue;
      }
      const uint64_t seed = running[i].seed;
      const std::string log = LogPath(options.out_dir, seed);
      if (running[i].process->exit_code() == 0 && FinishedReplicate(options.out_dir, seed).ok()) {
        progress.Update(++done);
        options.hooks.Log(fmt::format("eval: replicate seed {} finished", seed));
      } else {
        failures.push_back(fmt::format("seed {} {} (log {}):\n{}", seed,
                                       running[i].process->DescribeExit(), log, LogTail(log, 6)));
        options.hooks.Log(fmt::format("eval: replicate seed {} failed; see {}", seed, log));
      }
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  if (!failures.empty()) {
    std::string text;
    for (const std::string& f : failures) text += "\n" + f;
    return absl::InternalError(
        fmt::format("{} of {} replicates failed:{}", failures.size(), options.replicates, text));
  }
  progress.Finish();

  std::vector<StudyResults> results;
  std::vector<std::string> dirs;
  for (uint64_t seed : seeds) {
    absl::StatusOr<StudyResults> r = FinishedReplicate(options.out_dir, seed);
    if (!r.ok()) return r.status();
    results.push_back(std::move(*r));
    dirs.push_back(ReplicateDir(options.out_dir, seed));
  }
  ReplicatedStudyOutcome outcome{.json_path = (fs::path(options.out_dir) / "report.json").string(),
                                 .html_path = (fs::path(options.out_dir) / "report.html").string(),
                                 .summary = SummarizeReplicates(results, dirs)};
  if (absl::Status status =
          WriteFileAtomically(outcome.json_path, SerializeJson(outcome.summary.ToJson()) + "\n");
      !status.ok())
    return status;
  if (absl::Status status =
          WriteFileAtomically(outcome.html_path, RenderReplicateReport(outcome.summary));
      !status.ok())
    return status;
  return outcome;
}

std::string DescribeReplicatedStudy(const ReplicatedStudyOutcome& outcome) {
  std::string text = fmt::format("report: {}\ndata:   {}\n{} replicates, seeds", outcome.html_path,
                                 outcome.json_path, outcome.summary.seeds.size());
  for (uint64_t seed : outcome.summary.seeds) text += fmt::format(" {}", seed);
  text += "\n";
  for (const ReplicateClaim& claim : outcome.summary.claims)
    text += fmt::format("{}: {}\n  -> {} (evidence: {})\n", claim.part, claim.claim, claim.verdict,
                        EvidenceStrengthName(claim.strength));
  return text;
}

}  // namespace tengen
