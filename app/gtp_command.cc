// tengen gtp: the GTP engine for GUIs and matches. Loads the model, makes
// the evaluator and serves GTP on stdin/stdout; diagnostics go to stderr.
#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "app/commands.h"
#include "app/common_flags.h"
#include "base/fmt_absl.h"
#include "gtp/gtp_engine.h"
#include "gtp/gtp_server.h"
#include "policy/model.h"

namespace tengen {
namespace {

constexpr std::string_view kNeedModel =
    "tengen gtp needs a model file: --model PATH.\n"
    "Make one with random weights:   tengen model init --out model.tgm\n"
    "or train one by self-play:      tengen run\n";

struct GtpFlags {
  std::string model;
  uint64_t seed = 1;
  double resign_below = DecisionOptions{}.resign_below;
  RulesFlags rules;
  // At the board the strongest single move is wanted: argmax over the
  // average of the 8 symmetries. Sampling is for variety.
  ChoiceFlags choice{.policy = "argmax"};
  EvaluatorFlags evaluator{.symmetry = "average"};
};

std::string Summary() {
  return "Serves the Go Text Protocol (GTP v2 with Leela Zero, KataGo, Sabaki,\n"
         "GoGui and KGS extensions) on stdin and stdout; diagnostics go to stderr.\n"
         "Without search: each move comes straight from the policy network.\n\n" +
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
  if (!std::isfinite(f.resign_below))
    return absl::InvalidArgumentError("--resign-below must be a number (-1 or less: never)");
  GtpEngineOptions options{.board_size = board_size,
                           .rules = *rules,
                           .choice = *choice,
                           .symmetry = *symmetry,
                           .seed = f.seed};
  options.decision.resign_below = f.resign_below;
  options.model_board_size = board_size;
  options.log = [](std::string_view line) { fmt::print(stderr, "tengen gtp: {}\n", line); };
  return options;
}

}  // namespace

int RunGtpCommand(std::span<const std::string> args) {
  GtpFlags f;
  FlagSet flags("tengen gtp", Summary());
  flags.Add("model", &f.model, "model file to play with (required)");
  AddChoiceFlags(flags, &f.choice);
  AddEvaluatorFlags(flags, &f.evaluator);
  AddRulesFlags(flags, &f.rules);
  flags.Add("seed", &f.seed, "seed for sampling and random symmetries");
  flags.Add("resign-below", &f.resign_below,
            "resign when the value for the mover is below this (in [-1, 1]; -1 never)");
  if (int code = ParseFlagsOrExit(flags, args, 0); code >= 0) return code;

  if (f.model.empty()) {
    fmt::print(stderr, "{}", kNeedModel);
    return kExitFailure;
  }
  absl::StatusOr<Model> model = Model::Load(f.model);
  if (!model.ok()) {
    fmt::print(stderr, "tengen gtp: {}\n{}", model.status(), kNeedModel);
    return kExitFailure;
  }
  absl::StatusOr<GtpEngineOptions> options =
      ToEngineOptions(f, model->metadata().config.board_size);
  absl::StatusOr<EvaluatorOptions> evaluator_options = ToEvaluatorOptions(f.evaluator, f.seed);
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
  fmt::print(stderr, "tengen gtp: {} {} ready: {}, {}, symmetry {}\n", kEngineName, kEngineVersion,
             (*evaluator)->Describe(), options->choice.Describe(),
             SymmetryModeName(options->symmetry));
  GtpEngine engine(std::move(*evaluator), std::move(*options));
  GtpServer server(engine, std::cin, std::cout);
  server.Run();
  return kExitOk;
}

}  // namespace tengen
