#include "eval/study_strength.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "base/fmt_absl.h"
#include "base/interrupt.h"
#include "match/gtp_player.h"

namespace tengen {

JsonValue StrengthOptions::ToJson() const {
  JsonValue temps = JsonValue::Array();
  for (double t : temperatures) temps.Append(t);
  JsonValue json = JsonValue::Object();
  json.Set("temperatures", std::move(temps))
      .Set("games_vs_random", games_vs_random)
      .Set("games_vs_gnugo", games_vs_gnugo)
      .Set("games_head_to_head", games_head_to_head)
      .Set("parallel", parallel)
      .Set("gnugo_parallel", gnugo_parallel)
      .Set("move_timeout_s", move_timeout_s);
  return json;
}

absl::StatusOr<JsonValue> RunStrengthStudy(const StrengthOptions& options,
                                           const StudyContext& context,
                                           const std::string& sgf_root) {
  absl::StatusOr<std::shared_ptr<Evaluator>> evaluator =
      LoadStudyEvaluator(context.model_path, SymmetryMode::kNone, context.seed);
  if (!evaluator.ok()) return evaluator.status();
  JsonValue players = JsonValue::Array(), pairings = JsonValue::Array();
  for (double t : options.temperatures) {
    JsonValue player = JsonValue::Object();
    player.Set("name", ChoiceLabel(t)).Set("temperature", t).Set("symmetry", "none");
    players.Append(std::move(player));
  }
  uint64_t match_number = 0;
  auto network_player = [&](double temperature) {
    return CreateNetworkPlayer(ChoiceLabel(temperature), *evaluator, ChoiceAt(temperature),
                               context.seed * 7919 + 31 * ++match_number);
  };
  auto play = [&](MatchPlayer& first, MatchPlayer& second, std::string_view kind, int games,
                  int parallel) -> absl::Status {
    if (games <= 0) return absl::OkStatus();
    if (StopRequested()) return absl::CancelledError("stopped during the strength study");
    const std::string label = fmt::format("{} vs {}", first.name(), second.name());
    const std::string dir = (std::filesystem::path(sgf_root) / FileSlug(label)).string();
    absl::StatusOr<JsonValue> result =
        PlayStudyMatch(first, second, context, games, parallel, label, dir);
    if (!result.ok()) return result.status();
    result->Set("kind", kind);
    pairings.Append(std::move(*result));
    return absl::OkStatus();
  };

  for (double t : options.temperatures) {
    std::unique_ptr<MatchPlayer> player = network_player(t);
    std::unique_ptr<MatchPlayer> random =
        CreateRandomPlayer(context.seed * 104729 + ++match_number);
    if (absl::Status s =
            play(*player, *random, "random", options.games_vs_random, options.parallel);
        !s.ok())
      return s;
  }
  const bool gnugo = !context.gnugo_command.empty() && options.games_vs_gnugo > 0;
  if (gnugo) {
    for (double t : options.temperatures) {
      absl::StatusOr<std::unique_ptr<MatchPlayer>> engine = CreateGtpPlayer(
          context.gnugo_command,
          {.name = context.gnugo_name,
           .move_timeout = std::chrono::milliseconds(options.move_timeout_s * 1000)});
      if (!engine.ok())
        return absl::FailedPreconditionError(fmt::format("GNU Go: {}", engine.status()));
      std::unique_ptr<MatchPlayer> player = network_player(t);
      if (absl::Status s =
              play(*player, **engine, "gnugo", options.games_vs_gnugo, options.gnugo_parallel);
          !s.ok())
        return s;
    }
  }
  for (double t : options.temperatures) {
    if (t <= 0) continue;
    std::unique_ptr<MatchPlayer> argmax = network_player(0);
    std::unique_ptr<MatchPlayer> sampled = network_player(t);
    if (absl::Status s =
            play(*argmax, *sampled, "head_to_head", options.games_head_to_head, options.parallel);
        !s.ok())
      return s;
  }
  JsonValue gnugo_json = JsonValue::Object();
  gnugo_json.Set("available", !context.gnugo_command.empty())
      .Set("name", context.gnugo_name)
      .Set("command", context.gnugo_command);
  JsonValue json = JsonValue::Object();
  json.Set("players", std::move(players))
      .Set("gnugo", std::move(gnugo_json))
      .Set("pairings", std::move(pairings));
  return json;
}

}  // namespace tengen
