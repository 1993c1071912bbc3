// The study replicated across seeds: `tengen eval --replicates R` runs R
// whole studies (eval/study.h), replicate k with seed + k in
// <out>/seed-<seed>/, each as its own process (up to `jobs` at once), then
// sets them side by side (eval/report/replicate_summary.h) in
// <out>/report.json and <out>/report.html.
//
// Each replicate is exactly `tengen eval --seed S --out <out>/seed-S` with
// the same other flags, so replicates may also run elsewhere, for example
// as a Slurm job array (deploy/slurm/study.sbatch): a replicate whose
// report.json is there already is not run again, and a stopped one resumes
// (the study resumes by itself). Each replicate's output goes to
// <out>/logs/seed-S.log. No LibTorch here.
#ifndef TENGEN_EVAL_REPLICATES_H_
#define TENGEN_EVAL_REPLICATES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "eval/report/replicate_summary.h"

namespace tengen {

// Seeds `tengen eval` runs by default: the fewest that give a paired test
// across seeds some power, at default sizes (study_plan.h) within about
// half an hour on 2 idle cores.
inline constexpr int kDefaultStudyReplicates = 3;

struct ReplicatedStudyOptions {
  std::string out_dir = "eval";
  int replicates = kDefaultStudyReplicates;  // 1 or more
  int jobs = 1;                              // replicate processes at once, 1 or more
  uint64_t seed = 1;                         // replicate k runs with seed + k
  // The command of one replicate without its --seed and --out, which are
  // appended: e.g. {"/usr/local/bin/tengen", "eval", "--quick",
  // "--replicates", "1"}.
  std::vector<std::string> replicate_command;
  // Only set the finished replicates side by side; run none (for a job
  // array's last step). Fails naming the replicates that are missing.
  bool aggregate_only = false;
  // Progress in replicates, a line as each starts and ends; stop ends the
  // running replicates (SIGTERM: each keeps its finished parts).
  JobHooks hooks;
};

struct ReplicatedStudyOutcome {
  std::string json_path, html_path;
  ReplicateSummary summary;
};

// The folder of the replicate with `seed`: <out_dir>/seed-<seed>.
std::string ReplicateDir(const std::string& out_dir, uint64_t seed);

absl::StatusOr<ReplicatedStudyOutcome> RunReplicatedStudy(const ReplicatedStudyOptions& options);

// A few lines for the terminal: where the report is, and each claim's
// verdict.
std::string DescribeReplicatedStudy(const ReplicatedStudyOutcome& outcome);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPLICATES_H_
