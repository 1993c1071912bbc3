// tengen match: games between models and/or external GTP engines.
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "app/commands.h"
#include "app/common_flags.h"
#include "app/terminal.h"
#include "base/fmt_absl.h"
#include "base/random.h"
#include "base/text_util.h"
#include "match/match_job.h"

namespace tengen {
namespace {

// Reads ELO0,ELO1 into sprt, whose alpha and beta come from their flags.
absl::StatusOr<SprtOptions> ParseSprt(const std::string& text, SprtOptions sprt) {
  const std::vector<std::string_view> parts = SplitText(text, ',');
  const double alpha = sprt.alpha, beta = sprt.beta;
  char* end = nullptr;
  if (parts.size() == 2) {
    const std::string a(parts[0]), b(parts[1]);
    sprt.elo0 = std::strtod(a.c_str(), &end);
    const bool first_ok = !a.empty() && end == a.c_str() + a.size();
    sprt.elo1 = std::strtod(b.c_str(), &end);
    const bool second_ok = !b.empty() && end == b.c_str() + b.size();
    if (first_ok && second_ok && sprt.elo0 < sprt.elo1 && alpha > 0 && alpha < 0.5 && beta > 0 &&
        beta < 0.5)
      return sprt;
  }
  return absl::InvalidArgumentError(fmt::format(
      "--sprt '{}' should be ELO0,ELO1 with ELO0 < ELO1 (and --alpha, --beta in (0, 0.5))", text));
}

}  // namespace

int RunMatchCommand(std::span<const std::string> args) {
  std::string black, white, sprt_text, out;
  RulesFlags rules;
  MatchJobOptions options;
  SprtOptions sprt;  // --alpha and --beta; --sprt gives its Elo bounds
  double move_timeout =
      std::chrono::duration<double>(options.context.move_timeout).count();  // seconds
  FlagSet flags(
      "tengen match",
      "Plays games between two players and reports the first's win rate with a 95% interval\n"
      "and the Elo difference with its interval. Players: random, "
      "model:PATH[,policy=argmax|sample,\n"
      "temperature=T,opening=K:T1,top_p=P,symmetry=S,name=N] or gtp:COMMAND (any GTP engine).\n"
      "Colours alternate: --black plays black in even-numbered games.");
  flags.Add("black", &black, "first player (black in game 0)");
  flags.Add("white", &white, "second player");
  flags.Add("games", &options.match.games, "games to play (fewer if the SPRT decides)");
  flags.Add("size", &options.match.board_size, "board size");
  AddRulesFlags(flags, &rules);
  flags.Add("parallel", &options.match.parallel,
            "games in flight at once (internal players batch them)");
  flags.Add("max-moves", &options.match.max_moves, "move limit per game (0: 3*N*N)");
  flags.Add("random-opening", &options.match.opening_moves,
            "start game 2j and 2j+1 (colours swapped) from the same K uniformly random moves, so "
            "deterministic players (GNU Go, argmax) meet in different games");
  flags.Add("sprt", &sprt_text, "ELO0,ELO1: stop early once the SPRT decides between them");
  flags.Add("alpha", &sprt.alpha, "SPRT false-positive rate");
  flags.Add("beta", &sprt.beta, "SPRT false-negative rate");
  flags.Add("out", &out, "folder for games/*.sgf, results.csv and summary.json");
  flags.Add("seed", &options.context.seed, "random seed");
  flags.Add("threads", &options.context.threads, "network threads per internal player");
  flags.Add("move-timeout", &move_timeout,
            "seconds an external engine may take for one command, and to start");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (black.empty() || white.empty()) {
    fmt::print(stderr, "tengen match: --black and --white are required (see --help)\n");
    return kExitUsage;
  }
  absl::StatusOr<PlayerSpec> first = ParsePlayerSpec(black);
  absl::StatusOr<PlayerSpec> second = ParsePlayerSpec(white);
  absl::StatusOr<Rules> rules_value = ToRules(rules);
  for (const absl::Status& status : {first.status(), second.status(), rules_value.status()}) {
    if (!status.ok()) {
      fmt::print(stderr, "tengen match: {}\n", status);
      return kExitUsage;
    }
  }
  if (options.match.board_size < 1 || options.match.board_size > 25 || options.match.games < 1 ||
      options.match.parallel < 1 || !(move_timeout > 0)) {
    fmt::print(
        stderr,
        "tengen match: --size 1..25, --games, --parallel and --move-timeout must be positive\n");
    return kExitUsage;
  }
  if (const unsigned cores = std::thread::hardware_concurrency();
      options.context.threads < 1 ||
      (cores > 0 && static_cast<unsigned>(options.context.threads) > cores)) {
    fmt::print(stderr, "tengen match: --threads must be 1..{} (the cores of this machine)\n",
               cores > 0 ? cores : 1);
    return kExitUsage;
  }
  if (!sprt_text.empty()) {
    absl::StatusOr<SprtOptions> bounds = ParseSprt(sprt_text, sprt);
    if (!bounds.ok()) {
      fmt::print(stderr, "tengen match: {}\n", bounds.status());
      return kExitUsage;
    }
    options.sprt = *bounds;
  }
  options.match.opening_seed = DeriveSeed(options.context.seed, "match-opening");
  options.first = *first;
  options.second = *second;
  options.match.rules = *rules_value;
  options.context.move_timeout =
      std::chrono::milliseconds(static_cast<int64_t>(move_timeout * 1000));
  options.out_dir = out;
  Terminal terminal;
  options.match.hooks = terminal.Hooks();
  absl::StatusOr<MatchJobResult> result = RunMatchJob(options);
  if (!result.ok()) {
    fmt::print(stderr, "tengen match: {}\n", result.status());
    return absl::IsInvalidArgument(result.status()) ? kExitUsage : kExitFailure;
  }
  fmt::print("{}", DescribeMatchJob(*result));
  return kExitOk;
}

}  // namespace tengen
