// tengen gtp: the GTP engine for GUIs and matches. Loads the model, makes
// the evaluator and serves GTP on stdin/stdout; diagnostics go to stderr.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <vector>

#include "app/commands.h"
#include "app/common_flags.h"
#include "base/fmt_absl.h"
#include "gtp/gtp_engine.h"
#include "gtp/gtp_server.h"
#include "policy/model.h"
#include "search/search_options.h"

namespace tengen {
namespace {

// The net Tengen ships, played when no --model is given.
constexpr std::string_view kShippedModel = "models/tengen-9x9.tgm";

// Where the shipped net is: beside the binary's folder (the build folder
// inside the source tree, or an install prefix's bin/), beside the binary,
// or in the source tree it was built from; "" when none of them has it.
std::string ShippedModelPath() {
  std::vector<std::filesystem::path> places;
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    places.push_back(binary.parent_path().parent_path() / kShippedModel);
    places.push_back(binary.parent_path() / kShippedModel);
  }
  places.push_back(std::filesystem::path(TENGEN_SOURCE_DIR) / kShippedModel);
  for (const std::filesystem::path& place : places)
    if (std::filesystem::is_regular_file(place, error)) return place.string();
  return "";
}

constexpr std::string_view kNeedModel =
    "tengen gtp needs a model file: --model PATH (the shipped models/tengen-9x9.tgm is not\n"
    "where this binary looks for it).\n"
    "Make one with random weights:   tengen model init --out model.tgm\n"
    "or train one by self-play:      tengen run\n";

// Defaults from GtpEngineOptions: at the board the strongest single move is
// wanted, argmax over the average of the 8 symmetries, after a PUCT search
// of 200 visits. Sampling is for variety.
struct GtpFlags {
  // --seed, --resign-below, --visits and --batch; first: the defaults below
  // are its own.
  GtpEngineOptions engine;
  std::string search = std::string(RootPolicyName(engine.search.root_policy));  // or "none"
  std::string model;
  RulesFlags rules;
  ChoiceFlags choice{.options = engine.choice};
  EvaluatorFlags evaluator{.symmetry = std::string(SymmetryModeName(engine.symmetry))};
};

std::string Summary() {
  return "Serves the Go Text Protocol (GTP v2 with Leela Zero, KataGo, Sabaki,\n"
         "GoGui and KGS extensions) on stdin and stdout; diagnostics go to stderr.\n"
         "Each move comes from a tree search of the policy and value network\n"
         "(--visits, --search); with --visits 0 or --search none, straight from\n"
         "the policy.\n\n" +
         std::string(kNeedModel);
}

// The engine options from the flags, or a message for the user.
absl::StatusOr<GtpEngineOptions> ToEngineOptions(const GtpFlags& f, int board_size) {
  absl::StatusOr<Rules> rules = ToRules(f.rules);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<MoveChoiceOptions> choice = ToChoiceOptions(f.choice);
  if (!choice.ok()) return choice.status();
  absl::StatusOr<SymmetryMode> symmetry = SymmetryModeFromName(f.evaluator.symmetry);
  if (!symmetry.ok()) return symmetry.status();
  if (!std::isfinite(f.engine.decision.resign_below))
    return absl::InvalidArgumentError("--resign-below must be a number (-1 or less: never)");
  GtpEngineOptions options = f.engine;
  if (f.search == "none") {
    options.visits = 0;
  } else {
    absl::StatusOr<RootPolicy> root = RootPolicyFromName(f.search);
    if (!root.ok())
      return absl::InvalidArgumentError(
          fmt::format("--search must be puct, gumbel or none, not '{}'", f.search));
    options.search.root_policy = *root;
  }
  if (options.visits < 0 || options.visits > kMaxVisits)
    return absl::InvalidArgumentError(
        fmt::format("--visits must be in [0, {}] (0: no search)", kMaxVisits));
  if (absl::Status status = options.search.Validate(); !status.ok()) return status;
  options.board_size = board_size;
  options.rules = *rules;
  options.choice = *choice;
  options.symmetry = *symmetry;
  options.model_board_size = board_size;
  options.log = [](std::string_view line) { fmt::print(stderr, "tengen gtp: {}\n", line); };
  return options;
}

}  // namespace

int RunGtpCommand(std::span<const std::string> args) {
  GtpFlags f;
  FlagSet flags("tengen gtp", Summary());
  flags.Add("model", &f.model, "model file to play with");
  flags.SetDefaultText("model", "the shipped models/tengen-9x9.tgm");
  AddChoiceFlags(flags, &f.choice);
  AddEvaluatorFlags(flags, &f.evaluator);
  AddRulesFlags(flags, &f.rules);
  flags.Add("seed", &f.engine.seed, "seed for sampling and random symmetries");
  flags.Add("resign-below", &f.engine.decision.resign_below,
            "resign when the value for the mover is below this (in [-1, 1]; -1 never)");
  flags.Add("visits", &f.engine.visits,
            "visits of the tree search per move (a time limit may stop it sooner); 0: no "
            "search, the policy alone");
  flags.Add("search", &f.search,
            "the search at the root: puct, gumbel, or none (the policy alone, as --visits 0)");
  flags.Add("batch", &f.engine.search.batch_size,
            "positions the search evaluates in one network call");
  flags.Add("playouts", &f.engine.search.playout_mix,
            "mix of fast playouts in the search's leaf values, in [0, 1] (0: the value head "
            "alone; 0.5 was stronger with a young net, docs/search.md)");
  flags.Add("ponder", &f.engine.ponder,
            "after each genmove, search on the opponent's time until the next command "
            "(tengen-ponder at the board)");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;

  if (f.model.empty()) {
    f.model = ShippedModelPath();
    if (f.model.empty()) {
      fmt::print(stderr, "{}", kNeedModel);
      return kExitFailure;
    }
    fmt::print(stderr, "playing the shipped net {} (--model to choose another)\n", f.model);
  }
  absl::StatusOr<Model> model = Model::Load(f.model);
  if (!model.ok()) {
    fmt::print(stderr, "tengen gtp: {}\n{}", model.status(), kNeedModel);
    return kExitFailure;
  }
  absl::StatusOr<GtpEngineOptions> options =
      ToEngineOptions(f, model->metadata().config.board_size);
  absl::StatusOr<EvaluatorOptions> evaluator_options =
      ToEvaluatorOptions(f.evaluator, f.engine.seed);
  if (!options.ok() || !evaluator_options.ok()) {
    fmt::print(stderr, "tengen gtp: {}\n",
               options.ok() ? evaluator_options.status() : options.status());
    return kExitUsage;
  }
  // The GTP engine applies the symmetry mode itself, so it can change it
  // during a game; the network evaluates positions as they are.
  evaluator_options->symmetry = SymmetryMode::kNone;
  absl::StatusOr<std::unique_ptr<Evaluator>> evaluator =
      CreateNetworkEvaluator(*model, *evaluator_options);
  if (!evaluator.ok()) {
    fmt::print(stderr, "tengen gtp: {}\n", evaluator.status());
    return kExitFailure;
  }
  const std::string search =
      options->visits > 0
          ? fmt::format("{} search of {} visits, batch {}{}",
                        RootPolicyName(options->search.root_policy), options->visits,
                        options->search.batch_size, options->ponder ? ", pondering" : "")
          : std::string("no search");
  fmt::print(stderr, "tengen gtp: {} {} ready: {}, {}, symmetry {}, {}\n", kEngineName,
             kEngineVersion, (*evaluator)->Describe(), options->choice.Describe(),
             SymmetryModeName(options->symmetry), search);
  GtpEngine engine(std::move(*evaluator), std::move(*options));
  GtpServer server(engine, std::cin, std::cout);
  server.Run();
  return kExitOk;
}

}  // namespace tengen
