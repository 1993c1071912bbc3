// `tengen eval`: the deterministic-versus-stochastic study, end to end.
//
// Without a model it first runs the sampled half of part d (a short
// self-play training run) and studies that run's best generation against
// the random player, then runs the parts (each in its own header):
//   collapse   a. the averaging collapse of a coordinate regressor
//   diversity  b. self-play diversity by argmax and by sampling
//   strength   c. argmax and sampled play against fixed opponents
//   learning   d. self-play training by argmax against by sampling
//   dropout    e. noise as a regulariser: dropout, batch size, known
//                 information
//   search     f. argmax against sampling at the root of a search
// and writes one JSON file with every number and one self-contained HTML
// report, both from the same typed results (eval/report/study_results.h,
// eval/report/report_html.h).
//
// Layout of the output folder:
//   report.json, report.html   the results (written atomically, at the end)
//   study.json                 the settings; a folder holding another
//                              study's settings is refused
//   parts/<part>.json          each finished part, so that after Ctrl-C or a
//                              crash the same command resumes with the next
//                              ({"seconds", "result"}; a file whose result
//                              does not read strictly is run again)
//   learning/sample-T-1/       the sampled self-play run, whose best
//                              generation is the studied network
//   strength/, learning/, dropout/, search/   games, runs and models of
//                              the parts
// No LibTorch here.
#ifndef TENGEN_EVAL_STUDY_H_
#define TENGEN_EVAL_STUDY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "eval/report/study_results.h"

namespace tengen {

// The parts in the order they run, by name.
const std::vector<std::string>& StudyPartNames();

struct StudyOptions {
  std::string out_dir = "eval";
  // Empty: the best generation of part d's sampled run (made first).
  std::string model_path;
  bool quick = false;  // the quick plan (study_plan.h)
  uint64_t seed = 1;
  int gnugo_level = 1;
  // GNU Go's binary; empty: /usr/games/gnugo or gnugo on the PATH; "none":
  // play no games against GNU Go. It runs with --seed <seed>.
  std::string gnugo_binary;
  std::vector<std::string> parts;  // empty: every part
  int threads = 2;
  // Progress of each part, a line as each part starts, stop between units
  // of work (every finished part is kept).
  JobHooks hooks;
};

struct StudyOutcome {
  std::string json_path, html_path;
  StudyResults results;  // what report.json holds (its ToJson)
};

// Runs (or resumes) the study. Errors name what failed; Cancelled after
// a stop request, with every finished part kept.
absl::StatusOr<StudyOutcome> RunStudy(const StudyOptions& options);

// A few lines for the terminal: where the report is and the headline numbers.
std::string DescribeStudy(const StudyOutcome& outcome);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_H_
