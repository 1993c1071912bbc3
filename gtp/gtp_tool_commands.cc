// GoGui tools (gogui-analyze_commands and the policy views) and Tengen's
// settings at the board:
//   tengen-policy [argmax|sample]       how genmove picks from the policy
//   tengen-temperature [T [opening_moves K T1]]
//                                        sampling temperature T, and T1 for
//                                        the first K moves (sample only)
//   tengen-symmetry [none|random|average]
//   tengen-seed S                        reseeds sampling and symmetries
//   tengen-visits [N]                    visits of the search a move; 0: the
//                                        policy alone, no search
//   tengen-search [puct|gumbel]          the search's root policy
//   tengen-ponder [on|off]               search on the opponent's time after
//                                        genmove (GtpEngineOptions::ponder)
//   tengen-settings                      every setting, one per line
// Without an argument, tengen-policy, -temperature, -symmetry, -visits,
// -search and -ponder answer the current value. The search tools (tengen-visits_gfx,
// tengen-pv_gfx) search the position for the engine's visits, or for
// GtpEngineOptions' default when search is off. tengen-ownership_gfx draws
// the final ownership (OwnershipGfx) of the position, player to move: the
// search's (for the engine's visits) with search on, else the network's;
// an error when the network has no ownership head.
#include <fmt/format.h>

#include <charconv>

#include "gtp/analysis_format.h"
#include "gtp/gtp_commands.h"

namespace tengen {
namespace {

// One tool a line, "type/label/command"; %s asks the user for a string.
constexpr std::string_view kGoGuiTools =
    "gfx/Policy heatmap/tengen-policy_gfx\n"
    "dboard/Policy/tengen-policy_dboard\n"
    "gfx/Search visits heatmap/tengen-visits_gfx\n"
    "gfx/Principal variation/tengen-pv_gfx\n"
    "gfx/Ownership/tengen-ownership_gfx\n"
    "string/Raw network output/tengen-raw_nn\n"
    "string/Settings/tengen-settings\n"
    "none/Choose moves by argmax/tengen-policy argmax\n"
    "none/Choose moves by sampling/tengen-policy sample\n"
    "none/Set temperature/tengen-temperature %s\n"
    "none/Symmetry: none/tengen-symmetry none\n"
    "none/Symmetry: random/tengen-symmetry random\n"
    "none/Symmetry: average of 8/tengen-symmetry average\n"
    "none/Set visits (0: policy only)/tengen-visits %s\n"
    "none/Search: PUCT/tengen-search puct\n"
    "none/Search: Gumbel/tengen-search gumbel\n"
    "none/Ponder on the opponent's time/tengen-ponder on\n"
    "none/Do not ponder/tengen-ponder off\n"
    "string/Final score/final_score";

GtpResult AnalyzeCommands(GtpSession&, const GtpArgs& args) {
  if (!args.empty()) return GtpSyntaxError();
  return std::string(kGoGuiTools);
}

// A tool over the evaluation of the position as it is, player to move.
template <typename Format>
GtpHandler EvaluationTool(Format format) {
  return [format](GtpSession& session, const GtpArgs& args) -> GtpResult {
    if (!args.empty()) return GtpSyntaxError();
    GtpEngine& engine = session.engine();
    absl::StatusOr<Evaluation> evaluation = engine.Evaluate(engine.game().to_move());
    if (!evaluation.ok()) return evaluation.status();
    return format(engine.game(), *evaluation);
  };
}

// A tool over a search of the position as it is, player to move.
template <typename Format>
GtpHandler SearchTool(Format format) {
  return [format](GtpSession& session, const GtpArgs& args) -> GtpResult {
    if (!args.empty()) return GtpSyntaxError();
    GtpEngine& engine = session.engine();
    const int visits = engine.searching() ? engine.options().visits : GtpEngineOptions().visits;
    const Color to_move = engine.game().to_move();
    absl::StatusOr<SearchResult> result =
        engine.RunSearch(to_move, {.visits = visits, .stop_when_decided = false});
    if (!result.ok()) return result.status();
    return format(engine.PositionFor(to_move), *result);
  };
}

constexpr std::string_view kNoOwnershipHead = "the network has no ownership head";

GtpResult OwnershipTool(GtpSession& session, const GtpArgs& args) {
  if (!args.empty()) return GtpSyntaxError();
  GtpEngine& engine = session.engine();
  const Color to_move = engine.game().to_move();
  const GameState position = engine.PositionFor(to_move);
  const size_t points = static_cast<size_t>(position.size() * position.size());
  if (engine.searching()) {
    absl::StatusOr<SearchResult> result =
        engine.RunSearch(to_move, {.visits = engine.options().visits, .stop_when_decided = false});
    if (!result.ok()) return result.status();
    if (result->ownership.size() != points) return GtpError(kNoOwnershipHead);
    return OwnershipGfx(position, result->ownership, result->score_lead);
  }
  absl::StatusOr<Evaluation> evaluation = engine.Evaluate(to_move);
  if (!evaluation.ok()) return evaluation.status();
  if (evaluation->ownership.size() != points) return GtpError(kNoOwnershipHead);
  return OwnershipGfx(position, evaluation->ownership, evaluation->score);
}

GtpResult Visits(GtpSession& session, const GtpArgs& args) {
  GtpEngine& engine = session.engine();
  if (args.empty()) return std::to_string(engine.options().visits);
  if (args.size() != 1) return GtpSyntaxError();
  absl::StatusOr<int> visits = args.IntAt(0);
  if (!visits.ok()) return visits.status();
  if (absl::Status status = engine.SetVisits(*visits); !status.ok()) return status;
  return std::string();
}

GtpResult SearchPolicy(GtpSession& session, const GtpArgs& args) {
  GtpEngine& engine = session.engine();
  if (args.empty()) return std::string(RootPolicyName(engine.options().search.root_policy));
  if (args.size() != 1) return GtpSyntaxError();
  absl::StatusOr<RootPolicy> policy = RootPolicyFromName(args[0]);
  if (!policy.ok()) return policy.status();
  engine.SetRootPolicy(*policy);
  return std::string();
}

GtpResult Ponder(GtpSession& session, const GtpArgs& args) {
  GtpEngine& engine = session.engine();
  if (args.empty()) return std::string(engine.options().ponder ? "on" : "off");
  if (args.size() != 1 || (args[0] != "on" && args[0] != "off")) return GtpSyntaxError();
  engine.SetPonder(args[0] == "on");
  return std::string();
}

GtpResult Policy(GtpSession& session, const GtpArgs& args) {
  GtpEngine& engine = session.engine();
  if (args.empty()) return std::string(ChoiceModeName(engine.options().choice.mode));
  if (args.size() != 1) return GtpSyntaxError();
  absl::StatusOr<ChoiceMode> mode = ChoiceModeFromName(args[0]);
  if (!mode.ok()) return mode.status();
  MoveChoiceOptions choice = engine.options().choice;
  choice.mode = *mode;
  if (absl::Status status = engine.SetChoiceOptions(choice); !status.ok()) return status;
  return std::string();
}

GtpResult Temperature(GtpSession& session, const GtpArgs& args) {
  GtpEngine& engine = session.engine();
  MoveChoiceOptions choice = engine.options().choice;
  if (args.empty())
    return fmt::format("{} opening_moves {} {}", choice.temperature, choice.opening_moves,
                       choice.opening_temperature);
  if (args.size() != 1 && !(args.size() == 4 && args[1] == "opening_moves"))
    return GtpSyntaxError();
  absl::StatusOr<double> temperature = args.NumberAt(0);
  if (!temperature.ok()) return temperature.status();
  choice.temperature = *temperature;
  if (args.size() == 4) {
    absl::StatusOr<int> moves = args.IntAt(2);
    absl::StatusOr<double> opening = args.NumberAt(3);
    if (!moves.ok() || !opening.ok()) return GtpSyntaxError();
    choice.opening_moves = *moves;
    choice.opening_temperature = *opening;
  }
  if (absl::Status status = engine.SetChoiceOptions(choice); !status.ok()) return status;
  return std::string();
}

GtpResult Symmetry(GtpSession& session, const GtpArgs& args) {
  GtpEngine& engine = session.engine();
  if (args.empty()) return std::string(SymmetryModeName(engine.options().symmetry));
  if (args.size() != 1) return GtpSyntaxError();
  absl::StatusOr<SymmetryMode> mode = SymmetryModeFromName(args[0]);
  if (!mode.ok()) return mode.status();
  engine.SetSymmetryMode(*mode);
  return std::string();
}

GtpResult Seed(GtpSession& session, const GtpArgs& args) {
  if (args.size() != 1) return GtpSyntaxError();
  uint64_t seed = 0;
  const std::string& text = args[0];
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (error != std::errc() || end != text.data() + text.size()) return GtpSyntaxError();
  session.engine().Reseed(seed);
  return std::string();
}

GtpResult Settings(GtpSession& session, const GtpArgs& args) {
  if (!args.empty()) return GtpSyntaxError();
  return session.engine().DescribeSettings();
}

}  // namespace

std::vector<GtpCommandSpec> ToolCommands() {
  return {
      {"gogui-analyze_commands", AnalyzeCommands},
      {"tengen-policy_gfx", EvaluationTool(PolicyGfx)},
      {"tengen-policy_dboard",
       EvaluationTool([](const GameState& game, const Evaluation& evaluation) {
         return PolicyDboard(game.size(), evaluation);
       })},
      {"tengen-visits_gfx", SearchTool(SearchGfx)},
      {"tengen-pv_gfx", SearchTool(PrincipalVariationGfx)},
      {"tengen-ownership_gfx", OwnershipTool},
      {"tengen-raw_nn", EvaluationTool([](const GameState& game, const Evaluation& evaluation) {
         return RawEvaluationText(game.size(), evaluation);
       })},
      {"tengen-policy", Policy},
      {"tengen-temperature", Temperature},
      {"tengen-symmetry", Symmetry},
      {"tengen-seed", Seed},
      {"tengen-visits", Visits},
      {"tengen-search", SearchPolicy},
      {"tengen-ponder", Ponder},
      {"tengen-settings", Settings},
  };
}

}  // namespace tengen
