// tengen selfplay: self-play games and training data from one model.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "app/commands.h"
#include "app/common_flags.h"
#include "app/terminal.h"
#include "base/fmt_absl.h"
#include "policy/device.h"
#include "policy/model.h"
#include "selfplay/follow_worker.h"
#include "selfplay/local_selfplay.h"

namespace tengen {
namespace {

// More games stepped together than this gains nothing (the network's
// batches are chunked far below it) and only costs memory.
constexpr int kMaxParallelGames = 4096;

struct SelfPlayFlags {
  std::string model;
  std::string out;
  std::string follow;
  // Defaults from the options these flags fill in.
  int games = LocalSelfPlayOptions{}.games;
  int parallel = SelfPlayOptions{}.parallel;
  int workers = LocalSelfPlayOptions{}.workers;
  std::string worker = LocalSelfPlayOptions{}.worker;
  uint64_t seed = SelfPlayOptions{}.seed;
  int max_moves = SelfPlayOptions{}.max_moves;
  bool progress = true;
  RulesFlags rules;
  ChoiceFlags choice;
  EvaluatorFlags evaluator;
  // Search (selfplay/search_selfplay.h); visits 0: moves from the raw policy.
  SelfPlaySearchOptions search;
  std::string root_policy = "gumbel";
};

// The checks every worker would otherwise make on its own, printing the
// same error once per worker: made once, before any worker starts.
absl::Status ValidateSelfPlayFlags(const SelfPlayFlags& f) {
  if (f.games < 0 || f.workers < 1)
    return absl::InvalidArgumentError("--games must be >= 0 and --workers >= 1");
  if (f.parallel < 1 || f.parallel > kMaxParallelGames)
    return absl::InvalidArgumentError(
        fmt::format("--parallel must be in 1..{} (games stepped together), not {}",
                    kMaxParallelGames, f.parallel));
  if (f.max_moves < 0)
    return absl::InvalidArgumentError(
        fmt::format("--max-moves must be 0 (3*N*N) or more, not {}", f.max_moves));
  if (absl::Status status = f.search.Validate(); !status.ok()) return status;
  if (absl::Status status = CheckDevice(f.evaluator.options.device); !status.ok()) return status;
  if (absl::Status status = ValidateWorkerName(f.worker); !status.ok()) return status;
  if (f.out.empty()) return absl::OkStatus();
  // The folder is made by the job; here only whether it can be: --out is a
  // folder or does not exist yet, and its nearest existing parent is a
  // folder this process may write into.
  std::error_code error;
  std::filesystem::path place = std::filesystem::absolute(f.out, error);
  if (std::filesystem::exists(place, error) && !std::filesystem::is_directory(place, error))
    return absl::InvalidArgumentError(
        fmt::format("--out {} is a file, not a folder: give a folder for the games", f.out));
  while (!place.empty() && !std::filesystem::exists(place, error)) place = place.parent_path();
  if (place.empty() || !std::filesystem::is_directory(place, error))
    return absl::InvalidArgumentError(
        fmt::format("--out {}: {} is not a folder, so the games cannot be written there", f.out,
                    place.string()));
  if (access(place.c_str(), W_OK | X_OK) != 0)
    return absl::InvalidArgumentError(fmt::format("--out {}: cannot write into {} ({})", f.out,
                                                  place.string(), std::strerror(errno)));
  return absl::OkStatus();
}

}  // namespace

int RunSelfplayCommand(std::span<const std::string> args) {
  SelfPlayFlags f;
  FlagSet flags(
      "tengen selfplay",
      "Plays self-play games with one model, every move searched (--visits; 0: sampled from the\n"
      "raw policy), and writes each game as sgf/<worker>-<n>.sgf and data/<worker>-<n>.npz\n"
      "under --out. Running the same command again finishes what is missing (after Ctrl-C or a\n"
      "crash).");
  flags.Add("model", &f.model, "model file (required unless --follow)");
  flags.Add("out", &f.out, "output folder (required unless --follow)");
  flags.Add("follow", &f.follow,
            "a `tengen run` folder: play its current generation with its best model, switching as "
            "the run moves on, until the run ends (scale-out workers); the run's config sets the "
            "board, rules, search and temperatures");
  flags.Add("games", &f.games, "games to have in --out, over all workers");
  flags.Add("parallel", &f.parallel, "games stepped together in one process (the batch size)");
  flags.Add("workers", &f.workers,
            "workers, each a thread with its own network (two one-thread workers are faster here "
            "than one two-thread one)");
  flags.Add("worker", &f.worker, "this worker's name, unique per process writing into --out");
  flags.Add("seed", &f.seed, "random seed");
  flags.Add("max-moves", &f.max_moves, "move limit per game (0: 3*N*N)");
  flags.Add("progress", &f.progress, "show a progress bar");
  AddRulesFlags(flags, &f.rules);
  AddChoiceFlags(flags, &f.choice);
  AddEvaluatorFlags(flags, &f.evaluator);
  flags.Add("visits", &f.search.visits,
            "simulations of each move's search (0: moves drawn from the raw policy); the opening "
            "moves are drawn from the search's policy target at --opening-temperature");
  flags.Add("search", &f.root_policy,
            "root policy: gumbel (sequential halving) or puct (with root Dirichlet noise)");
  flags.Add("considered", &f.search.search.gumbel_considered,
            "gumbel: moves considered at the root");
  flags.Add("full-fraction", &f.search.full_search_fraction,
            "playout-cap randomisation: the share of moves searched in full and recorded");
  flags.Add("cheap-visits", &f.search.cheap_visits,
            "visits of the other moves' searches (played, not recorded)");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (absl::StatusOr<RootPolicy> root = RootPolicyFromName(f.root_policy); root.ok()) {
    f.search.search.root_policy = *root;
    f.search.search.root_noise = *root == RootPolicy::kPuct;
  } else {
    fmt::print(stderr, "tengen selfplay: --search: {}\n", root.status());
    return kExitUsage;
  }
  if (f.follow.empty() && (f.model.empty() || f.out.empty())) {
    fmt::print(stderr,
               "tengen selfplay: --model and --out (or --follow RUN) are required (see --help)\n");
    return kExitUsage;
  }
  if (absl::Status status = ValidateSelfPlayFlags(f); !status.ok()) {
    fmt::print(stderr, "tengen selfplay: {}\n", status);
    return kExitUsage;
  }
  absl::StatusOr<Rules> rules = ToRules(f.rules);
  absl::StatusOr<MoveChoiceOptions> choice = ToChoiceOptions(f.choice);
  absl::StatusOr<EvaluatorOptions> evaluator_options = ToEvaluatorOptions(f.evaluator, f.seed);
  for (const absl::Status& status : {rules.status(), choice.status(), evaluator_options.status()}) {
    if (!status.ok()) {
      fmt::print(stderr, "tengen selfplay: {}\n", status);
      return kExitUsage;
    }
  }
  Terminal terminal(f.progress);
  if (!f.follow.empty()) {
    FollowWorkerOptions follow{
        .run_dir = f.follow, .worker = f.worker, .games_per_round = f.parallel};
    follow.play = SelfPlayOptions{
        .parallel = f.parallel, .choice = *choice, .max_moves = f.max_moves, .seed = f.seed};
    follow.evaluator = *evaluator_options;
    follow.hooks = terminal.Hooks();
    const absl::Status status = RunFollowWorker(follow);
    if (!status.ok() && !absl::IsCancelled(status)) {
      fmt::print(stderr, "tengen selfplay: {}\n", status);
      return kExitFailure;
    }
    return absl::IsCancelled(status) ? kExitFailure : kExitOk;
  }
  // Loaded before any worker starts, so a bad model is reported once.
  absl::StatusOr<Model> model = Model::Load(f.model);
  if (!model.ok()) {
    fmt::print(stderr, "tengen selfplay: {}\n", model.status());
    return kExitFailure;
  }
  LocalSelfPlayOptions local{
      .out_dir = f.out,
      .games = f.games,
      .workers = f.workers,
      .worker = f.worker,
      .play = {.rules = *rules,
               .parallel = f.parallel,
               .choice = *choice,
               .search = f.search,
               .max_moves = f.max_moves,
               .seed = f.seed,
               .model_name = model->metadata().name.empty()
                                 ? std::filesystem::path(f.model).filename().string()
                                 : model->metadata().name},
      .evaluator = *evaluator_options,
      .hooks = terminal.Hooks(),
      .progress_task = f.workers == 1 ? fmt::format("selfplay {}", f.worker)
                                      : fmt::format("selfplay x{}", f.workers)};
  absl::StatusOr<SelfPlayJobSummary> summary = RunLocalSelfPlay(*model, local);
  if (!summary.ok()) {
    fmt::print(stderr, "tengen selfplay: {}\n", summary.status());
    return kExitFailure;
  }
  if (summary->stopped_early) {
    fmt::print(stderr, "stopped: {} of {} games done; run the same command to finish\n",
               summary->games_done, f.games);
    return kExitFailure;
  }
  if (f.progress && summary->games_played > 0)
    fmt::print(stderr, "{} games, {} positions in {:.1f} s ({:.0f} positions/s)\n",
               summary->games_played, summary->positions, summary->seconds,
               summary->positions / summary->seconds);
  return kExitOk;
}

}  // namespace tengen
