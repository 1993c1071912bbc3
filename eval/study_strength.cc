#include "eval/study_strength.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "base/fmt_absl.h"
#include "base/random.h"
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

absl::StatusOr<StrengthResult> RunStrengthStudy(const StrengthOptions& options,
                                                const StudyContext& context,
                                                const std::string& sgf_root) {
  absl::StatusOr<std::shared_ptr<Evaluator>> evaluator =
      LoadStudyEvaluator(context.model_path, SymmetryMode::kNone, context.seed);
  if (!evaluator.ok()) return evaluator.status();
  StrengthResult strength;
  for (double t : options.temperatures)
    strength.players.push_back({.name = ChoiceLabel(t), .temperature = t, .symmetry = "none"});
  if (!context.gnugo_command.empty())
    strength.gnugo = GnuGoOpponent{.name = context.gnugo_name, .command = context.gnugo_command};
  uint64_t match_number = 0;
  auto network_player = [&](double temperature) {
    return CreateNetworkPlayer(ChoiceLabel(temperature), *evaluator, ChoiceAt(temperature),
                               DeriveSeed(context.seed, "strength-player", ++match_number));
  };
  auto play = [&](MatchPlayer& first, MatchPlayer& second, PairingKind kind, int games,
                  int parallel) -> absl::Status {
    if (games <= 0) return absl::OkStatus();
    absl::StatusOr<StudyMatchResult> result =
        PlayStudyPairing(first, second, context, games, parallel, sgf_root, "strength study");
    if (!result.ok()) return result.status();
    strength.pairings.push_back({.match = std::move(*result), .kind = kind});
    return absl::OkStatus();
  };

  for (double t : options.temperatures) {
    std::unique_ptr<MatchPlayer> player = network_player(t);
    std::unique_ptr<MatchPlayer> random =
        CreateRandomPlayer(DeriveSeed(context.seed, "strength-random", ++match_number));
    if (absl::Status s =
            play(*player, *random, PairingKind::kRandom, options.games_vs_random, options.parallel);
        !s.ok())
      return s;
  }
  const bool gnugo = !context.gnugo_command.empty() && options.games_vs_gnugo > 0;
  if (gnugo) {
    for (double t : options.temperatures) {
      absl::StatusOr<std::unique_ptr<MatchPlayer>> engine =
          CreateStudyGnuGo(context, options.move_timeout_s);
      if (!engine.ok()) return engine.status();
      std::unique_ptr<MatchPlayer> player = network_player(t);
      if (absl::Status s = play(*player, **engine, PairingKind::kGnuGo, options.games_vs_gnugo,
                                options.gnugo_parallel);
          !s.ok())
        return s;
    }
  }
  for (double t : options.temperatures) {
    if (t <= 0) continue;
    std::unique_ptr<MatchPlayer> argmax = network_player(0);
    std::unique_ptr<MatchPlayer> sampled = network_player(t);
    if (absl::Status s = play(*argmax, *sampled, PairingKind::kHeadToHead,
                              options.games_head_to_head, options.parallel);
        !s.ok())
      return s;
  }
  return strength;
}

}  // namespace tengen
