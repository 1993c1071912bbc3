// tengen eval: the deterministic-versus-stochastic study and its report.
#include <fmt/format.h>

#include <filesystem>

#include "app/commands.h"
#include "app/common_flags.h"
#include "app/terminal.h"
#include "base/fmt_absl.h"
#include "base/text_util.h"
#include "eval/replicates.h"
#include "eval/study.h"

namespace tengen {
namespace {

// Prints a study's outcome (its headlines, or why it stopped) and returns
// the exit code: a stop says how to resume, a bad setting is a usage error.
template <typename Outcome, typename Describe>
int ReportOutcome(const absl::StatusOr<Outcome>& outcome, Describe describe) {
  if (absl::IsCancelled(outcome.status())) {
    fmt::print(stderr, "{}; run the same command to resume\n", outcome.status());
    return kExitFailure;
  }
  if (!outcome.ok()) {
    fmt::print(stderr, "tengen eval: {}\n", outcome.status());
    return absl::IsInvalidArgument(outcome.status()) ? kExitUsage : kExitFailure;
  }
  fmt::print("{}", describe(*outcome));
  return kExitOk;
}

}  // namespace

int RunEvalCommand(std::span<const std::string> args) {
  StudyOptions options;
  std::string parts;
  FlagSet flags(
      "tengen eval",
      "The deterministic-versus-stochastic study: (a) a coordinate regressor collapses "
      "to the centre where a\n"
      "softmax keeps the symmetric good moves, (b) self-play diversity by argmax and by "
      "sampling, (c) their\n"
      "strength against random, GNU Go and each other, (d) self-play training by argmax "
      "against by sampling,\n"
      "(e) noise as a regulariser: dropout rates, small against large batches, and "
      "networks trained on\n"
      "synthetic data of known information, (f) the search era: argmax against sampling "
      "at the root of a\n"
      "search, and sampled against deterministic openings in search self-play. Writes "
      "<out>/report.html (self-contained) and "
      "<out>/report.json (every number).\n"
      "Without --model it first runs part d's sampled self-play run and studies its best "
      "generation.\n" +
          fmt::format(
              "By default the whole study runs for {} seeds (<out>/seed-S/) and the report "
              "sets them side by side\n"
              "with paired tests: about 26 minutes on 2 idle cores; --replicates 1 runs one "
              "study in <out>;\n"
              "--quick takes a few minutes. Ctrl-C stops cleanly; the same command resumes.",
              kDefaultStudyReplicates));
  flags.Add("model", &options.model_path, "model file to study");
  flags.SetDefaultText("model", "the best generation of <out>/learning/sample-T-1");
  flags.Add("out", &options.out_dir, "output folder");
  flags.Add("quick", &options.quick, "small sizes, for tests and a first look");
  flags.Add("seed", &options.seed, "random seed: the same seed gives the same numbers");
  flags.Add("gnugo-level", &options.gnugo_level, "GNU Go's level (0..10) for the strength part");
  flags.Add("gnugo", &options.gnugo_binary, "GNU Go binary (none: skip the games against it)");
  flags.SetDefaultText("gnugo", "/usr/games/gnugo or the PATH");
  flags.Add("parts", &parts,
            "comma-separated parts to run: collapse,diversity,strength,learning,dropout,search");
  flags.SetDefaultText("parts", "all");
  flags.Add("threads", &options.threads,
            "LibTorch threads for in-process training (evaluation uses one)");
  int replicates = kDefaultStudyReplicates, jobs = 1;
  bool aggregate = false;
  flags.Add("replicates", &replicates,
            "run the whole study once per seed (seed, seed+1, ...), each in <out>/seed-<S>/, and "
            "report every figure across seeds with paired tests (1: one study in <out>)");
  flags.Add("jobs", &jobs, "replicates run at once, each its own process");
  flags.Add("aggregate", &aggregate,
            "only set finished replicates side by side (after a Slurm job array ran them)");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (replicates < 1 || jobs < 1) {
    fmt::print(stderr, "tengen eval: --replicates and --jobs must be 1 or more\n");
    return kExitUsage;
  }
  if (options.gnugo_level < 0 || options.gnugo_level > 10 || options.threads < 1 ||
      options.out_dir.empty()) {
    fmt::print(
        stderr,
        "tengen eval: --gnugo-level must be in 0..10, --threads positive and --out not empty\n");
    return kExitUsage;
  }
  if (!parts.empty())
    for (std::string_view part : SplitText(parts, ',')) options.parts.emplace_back(part);
  Terminal terminal;
  if (replicates > 1 || aggregate) {
    // Each replicate is this binary's single-seed study with the same flags.
    std::error_code error;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe", error).string();
    if (error) {
      fmt::print(stderr, "tengen eval: cannot find this program's path: {}\n", error.message());
      return kExitFailure;
    }
    ReplicatedStudyOptions replicated{.out_dir = options.out_dir,
                                      .replicates = replicates,
                                      .jobs = jobs,
                                      .seed = options.seed,
                                      .aggregate_only = aggregate,
                                      .hooks = terminal.Hooks()};
    replicated.replicate_command = {self,
                                    "eval",
                                    "--replicates",
                                    "1",
                                    "--threads",
                                    std::to_string(options.threads),
                                    "--gnugo-level",
                                    std::to_string(options.gnugo_level)};
    if (options.quick) replicated.replicate_command.push_back("--quick");
    for (const auto& [flag, value] :
         {std::pair<std::string, std::string>{"--model", options.model_path},
          {"--gnugo", options.gnugo_binary},
          {"--parts", parts}})
      if (!value.empty())
        replicated.replicate_command.insert(replicated.replicate_command.end(), {flag, value});
    return ReportOutcome(RunReplicatedStudy(replicated), DescribeReplicatedStudy);
  }
  options.hooks = terminal.Hooks();
  return ReportOutcome(RunStudy(options), DescribeStudy);
}

}  // namespace tengen
