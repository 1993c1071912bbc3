// `tengen selfplay`: plays a number of self-play games with one model and
// writes each finished game as an SGF file and a training data file.
//
// Layout under the output folder, per worker:
//   sgf/<worker>-<game>.sgf    the game record (result, rules, komi, model)
//   data/<worker>-<game>.npz   its training positions (training_data.h)
// Both are written atomically, SGF first; a game counts as done once its
// data file exists. Running the same command again (after Ctrl-C or a crash)
// plays only the games that are not done, so nothing is lost or clobbered,
// and workers with different names can share one folder.
#ifndef TENGEN_SELFPLAY_SELFPLAY_JOB_H_
#define TENGEN_SELFPLAY_SELFPLAY_JOB_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/job_hooks.h"
#include "selfplay/selfplay_games.h"

namespace tengen {

struct SelfPlayJobOptions {
  std::string out_dir;
  int games = 100;            // games this worker should have done in out_dir
  std::string worker = "w0";  // letters, digits, '-', '_' and '.'
  SelfPlayOptions play;
  // Progress as "selfplay <worker>" in games (only when games are missing);
  // the job stops cleanly, between moves, once hooks.stop asks.
  JobHooks hooks;
};

// Ok for a worker name that is safe in file names.
absl::Status ValidateWorkerName(const std::string& worker);

// The game numbers in [0, games) whose data file for `worker` is missing.
std::vector<int> MissingGames(const std::string& out_dir, const std::string& worker, int games);

// Data file and SGF paths of one game.
std::string GameDataPath(const std::string& out_dir, const std::string& worker, int game);
std::string GameSgfPath(const std::string& out_dir, const std::string& worker, int game);

struct SelfPlayJobSummary {
  int games_played = 0;   // this run
  int games_done = 0;     // in the folder for this worker, after this run
  int64_t positions = 0;  // recorded this run
  double seconds = 0;
  bool stopped_early = false;  // asked to stop before every game was done
};

// Plays the missing games, writing each as it finishes; stops cleanly when
// options.hooks.stop asks (games in flight are dropped, finished ones kept).
absl::StatusOr<SelfPlayJobSummary> RunSelfPlayJob(Evaluator& evaluator,
                                                  const SelfPlayJobOptions& options);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_SELFPLAY_JOB_H_
