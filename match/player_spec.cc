#include "match/player_spec.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "base/fmt_absl.h"
#include "base/random.h"
#include "base/text_util.h"
#include "match/gtp_player.h"
#include "match/search_player.h"
#include "policy/model.h"

namespace tengen {
namespace {

absl::Status ParseNumber(std::string_view key, std::string_view value, double& out) {
  char* end = nullptr;
  const std::string text(value);
  out = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size())
    return absl::InvalidArgumentError(
        fmt::format("player option {}: '{}' is not a number", key, value));
  return absl::OkStatus();
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

absl::Status ApplyModelOption(std::string_view key, std::string_view value, PlayerSpec& spec) {
  auto number = [&](double& out) { return ParseNumber(key, value, out); };
  // A number in [low, high] into `out`, which is left as it was otherwise.
  auto number_in = [&](double low, double high, std::string_view what,
                       double& out) -> absl::Status {
    double x = 0;
    if (absl::Status status = number(x); !status.ok()) return status;
    if (!(x >= low && x <= high))
      return absl::InvalidArgumentError(
          fmt::format("player option {}={}: expected {} in [{}, {}]", key, value, what, low, high));
    out = x;
    return absl::OkStatus();
  };
  if (key == "policy") {
    absl::StatusOr<ChoiceMode> mode = ChoiceModeFromName(value);
    if (!mode.ok()) return mode.status();
    spec.choice.mode = *mode;
  } else if (key == "temperature") {
    return number(spec.choice.temperature);
  } else if (key == "top_p") {
    return number(spec.choice.top_p);
  } else if (key == "opening") {
    const size_t colon = value.find(':');
    if (colon == std::string_view::npos)
      return absl::InvalidArgumentError(
          fmt::format("player option opening={} should be MOVES:TEMPERATURE", value));
    double moves = 0;
    if (absl::Status status = ParseNumber(key, value.substr(0, colon), moves); !status.ok())
      return status;
    if (moves < 0 || moves != static_cast<int>(moves))
      return absl::InvalidArgumentError(
          fmt::format("player option opening={}: bad move count", value));
    spec.choice.opening_moves = static_cast<int>(moves);
    return ParseNumber(key, value.substr(colon + 1), spec.choice.opening_temperature);
  } else if (key == "symmetry") {
    absl::StatusOr<SymmetryMode> symmetry = SymmetryModeFromName(value);
    if (!symmetry.ok()) return symmetry.status();
    spec.symmetry = *symmetry;
  } else if (key == "precision") {
    absl::StatusOr<Precision> precision = PrecisionFromName(value);
    if (!precision.ok()) return precision.status();
    spec.precision = *precision;
  } else if (key == "name") {
    spec.name = std::string(value);
  } else if (key == "visits" || key == "considered") {
    double count = 0;
    if (absl::Status status = number(count); !status.ok()) return status;
    if (!(count >= (key == "visits" ? 0 : 1) && count <= 1e7) || count != std::floor(count))
      return absl::InvalidArgumentError(
          fmt::format("player option {}={}: expected a whole number{}", key, value,
                      key == "visits" ? " >= 0" : " >= 1"));
    (key == "visits" ? spec.visits : spec.search.gumbel_considered) = static_cast<int>(count);
  } else if (key == "seconds") {
    return number_in(0, 86400, "seconds", spec.seconds);
  } else if (key == "playouts") {
    return number_in(0, 1, "a mix", spec.search.playout_mix);
  } else if (key == "search") {
    absl::StatusOr<RootPolicy> policy = RootPolicyFromName(value);
    if (!policy.ok()) return policy.status();
    spec.search.root_policy = *policy;
  } else {
    return absl::InvalidArgumentError(
        fmt::format("unknown player option '{}': expected policy, temperature, opening, top_p, "
                    "symmetry, precision, name, visits, seconds, search, considered or playouts",
                    key));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PlayerSpec> ParsePlayerSpec(std::string_view text) {
  PlayerSpec spec;
  if (EqualsIgnoreCase(text, "random")) return spec;
  if (text.substr(0, 4) == "gtp:") {
    spec.kind = PlayerSpec::Kind::kGtp;
    spec.command_line = std::string(text.substr(4));
    if (spec.command_line.find_first_not_of(' ') == std::string::npos)
      return absl::InvalidArgumentError(
          "a gtp: player needs a command line, e.g. gtp:gnugo --mode gtp");
    return spec;
  }
  std::string_view rest = text;
  if (rest.substr(0, 6) == "model:") {
    rest.remove_prefix(6);
  } else if (!EndsWith(rest.substr(0, rest.find(',')), ".tgm")) {
    return absl::InvalidArgumentError(fmt::format(
        "player '{}' is not understood: use random, model:PATH[,options] or gtp:COMMAND", text));
  }
  spec.kind = PlayerSpec::Kind::kModel;
  std::vector<std::string_view> parts = SplitText(rest, ',');
  spec.model_path = std::string(parts[0]);
  if (spec.model_path.empty()) return absl::InvalidArgumentError("model: player needs a path");
  for (size_t i = 1; i < parts.size(); ++i) {
    const size_t equals = parts[i].find('=');
    if (equals == std::string_view::npos)
      return absl::InvalidArgumentError(
          fmt::format("player option '{}' should be key=value", parts[i]));
    if (absl::Status status =
            ApplyModelOption(parts[i].substr(0, equals), parts[i].substr(equals + 1), spec);
        !status.ok())
      return status;
  }
  if (absl::Status status = spec.choice.Validate(); !status.ok()) return status;
  if (spec.searches() && spec.visits == 0 && spec.search.root_policy == RootPolicy::kGumbel)
    return absl::InvalidArgumentError(
        "player option search=gumbel needs visits=N (its halving is planned over the visits)");
  if (absl::Status status = spec.search.Validate(); !status.ok()) return status;
  return spec;
}

absl::StatusOr<std::unique_ptr<MatchPlayer>> CreatePlayer(const PlayerSpec& spec,
                                                          const PlayerContext& context) {
  switch (spec.kind) {
    case PlayerSpec::Kind::kRandom:
      return CreateRandomPlayer(context.seed);
    case PlayerSpec::Kind::kGtp:
      // The engine's start-up (its answer to protocol_version) gets the same
      // time as a move: --move-timeout bounds every wait on the engine.
      return CreateGtpPlayer(spec.command_line, {.name = spec.name,
                                                 .move_timeout = context.move_timeout,
                                                 .startup_timeout = context.move_timeout});
    case PlayerSpec::Kind::kModel: {
      absl::StatusOr<Model> model = Model::Load(spec.model_path);
      if (!model.ok()) return model.status();
      absl::StatusOr<std::unique_ptr<Evaluator>> evaluator =
          CreateNetworkEvaluator(*model, {.symmetry = spec.symmetry,
                                          .threads = context.threads,
                                          .precision = spec.precision,
                                          .seed = DeriveSeed(context.seed, "player-evaluator")});
      if (!evaluator.ok()) return evaluator.status();
      std::string searched;
      if (spec.searches()) {
        searched = fmt::format(", {}", RootPolicyName(spec.search.root_policy));
        if (spec.visits > 0) searched += fmt::format(" {} visits", spec.visits);
        if (spec.seconds > 0) searched += fmt::format(" {} s/move", spec.seconds);
        if (spec.search.playout_mix > 0)
          searched += fmt::format(" playouts {}", spec.search.playout_mix);
      }
      const std::string name =
          spec.name.empty()
              ? fmt::format("{} ({}{})", std::filesystem::path(spec.model_path).stem().string(),
                            spec.choice.Describe(), searched)
              : spec.name;
      if (spec.searches()) {
        SearchOptions options = spec.search;
        options.seed = DeriveSeed(context.seed, "player-search");
        return CreateSearchPlayer(name, std::shared_ptr<Evaluator>(std::move(*evaluator)), options,
                                  {.visits = spec.visits, .seconds = spec.seconds}, spec.choice,
                                  DeriveSeed(context.seed, "player-moves"));
      }
      return CreateNetworkPlayer(name, std::shared_ptr<Evaluator>(std::move(*evaluator)),
                                 spec.choice, DeriveSeed(context.seed, "player-moves"));
    }
  }
  return absl::InternalError("unknown player kind");
}

}  // namespace tengen
