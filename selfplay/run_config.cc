#include "selfplay/run_config.h"

#include <fmt/format.h>

#include <limits>
#include <type_traits>
#include <variant>
#include <vector>

#include "base/fmt_absl.h"

namespace tengen {
namespace {

using Target = std::variant<int*, int64_t*, uint64_t*, double*, std::string*>;

struct Field {
  std::string_view section;  // "" for top level
  std::string_view key;
  Target target;
};

// Every setting, once: both directions of the JSON mapping use this table.
std::vector<Field> Fields(RunConfig& c) {
  return {
      {"", "generations", &c.generations},
      {"", "seed", &c.seed},
      {"", "rules", &c.rules},
      {"", "komi", &c.komi},
      {"", "init_model", &c.init_model},
      {"network", "board_size", &c.network.board_size},
      {"network", "blocks", &c.network.blocks},
      {"network", "channels", &c.network.channels},
      {"network", "dropout", &c.network.dropout},
      {"selfplay", "games", &c.selfplay.games},
      {"selfplay", "parallel", &c.selfplay.parallel},
      {"selfplay", "workers", &c.selfplay.workers},
      {"selfplay", "temperature", &c.selfplay.temperature},
      {"selfplay", "opening_moves", &c.selfplay.opening_moves},
      {"selfplay", "opening_temperature", &c.selfplay.opening_temperature},
      {"selfplay", "symmetry", &c.selfplay.symmetry},
      {"selfplay", "precision", &c.selfplay.precision},
      {"selfplay", "visits", &c.selfplay.visits},
      {"selfplay", "search", &c.selfplay.search},
      {"selfplay", "considered", &c.selfplay.considered},
      {"selfplay", "full_fraction", &c.selfplay.full_fraction},
      {"selfplay", "cheap_visits", &c.selfplay.cheap_visits},
      {"train", "steps", &c.train.steps},
      {"train", "batch", &c.train.batch},
      {"train", "optimizer", &c.train.optimizer},
      {"train", "lr", &c.train.lr},
      {"train", "momentum", &c.train.momentum},
      {"train", "weight_decay", &c.train.weight_decay},
      {"train", "schedule", &c.train.schedule},
      {"train", "objective", &c.train.objective},
      {"train", "value_weight", &c.train.value_weight},
      {"train", "ownership_weight", &c.train.ownership_weight},
      {"train", "score_weight", &c.train.score_weight},
      {"train", "entropy_bonus", &c.train.entropy_bonus},
      {"train", "window_generations", &c.train.window_generations},
      {"train", "threads", &c.train.threads},
      {"train", "checkpoint_every", &c.train.checkpoint_every},
      {"train", "device", &c.train.device},
      {"evaluate", "games", &c.evaluate.games},
      {"evaluate", "promote_above", &c.evaluate.promote_above},
      {"evaluate", "games_vs_random", &c.evaluate.games_vs_random},
      {"evaluate", "games_vs_first", &c.evaluate.games_vs_first},
      {"evaluate", "temperature", &c.evaluate.temperature},
      {"evaluate", "visits", &c.evaluate.visits},
      {"evaluate", "games_vs_gnugo", &c.evaluate.games_vs_gnugo},
      {"evaluate", "gnugo_level", &c.evaluate.gnugo_level},
      {"evaluate", "gnugo_command", &c.evaluate.gnugo_command},
  };
}

// JsonValue holds integers exactly, so a 64-bit seed round-trips.
JsonValue ValueOf(const Target& target) {
  return std::visit([](auto* p) { return JsonValue(*p); }, target);
}

// Sets `target` from the member `key` of `object`; `name` is the key as the
// user knows it ("train.steps").
absl::Status Assign(const Target& target, const JsonValue& object, const std::string& key,
                    const std::string& name) {
  const JsonValue& value = *object.Find(key);
  auto wrong = [&](std::string_view expected) {
    return absl::InvalidArgumentError(fmt::format("config key '{}' should be {}, not {}", name,
                                                  expected, JsonTypeName(value.type())));
  };
  if (std::holds_alternative<std::string*>(target)) {
    if (!value.is_string()) return wrong("a string");
    *std::get<std::string*>(target) = value.AsString();
    return absl::OkStatus();
  }
  if (!value.is_number()) return wrong("a number");
  const double number = value.AsNumber();
  if (std::holds_alternative<double*>(target)) {
    *std::get<double*>(target) = number;
    return absl::OkStatus();
  }
  // Exact over the whole 64-bit range (a seed may be any uint64_t).
  const absl::StatusOr<uint64_t> whole = object.GetUnsigned(key);
  if (!whole.ok())
    return absl::InvalidArgumentError(
        fmt::format("config key '{}' should be a whole number >= 0", name));
  return std::visit(
      [&](auto* p) -> absl::Status {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_integral_v<T>) {
          if (*whole > static_cast<uint64_t>(std::numeric_limits<T>::max()))
            return absl::InvalidArgumentError(
                fmt::format("config key '{}' is {}, above the largest allowed, {}", name, *whole,
                            std::numeric_limits<T>::max()));
          *p = static_cast<T>(*whole);
        }
        return absl::OkStatus();
      },
      target);
}

}  // namespace

JsonValue RunConfig::ToJson() const {
  RunConfig copy = *this;
  JsonValue json = JsonValue::Object();
  for (const Field& field : Fields(copy)) {
    if (field.section.empty()) {
      json.Set(std::string(field.key), ValueOf(field.target));
      continue;
    }
    if (json.Find(field.section) == nullptr)
      json.Set(std::string(field.section), JsonValue::Object());
    JsonValue section = *json.Find(field.section);
    section.Set(std::string(field.key), ValueOf(field.target));
    json.Set(std::string(field.section), std::move(section));
  }
  return json;
}

absl::StatusOr<RunConfig> RunConfigFromJson(std::string_view text) {
  absl::StatusOr<JsonValue> json = ParseJson(text);
  if (!json.ok()) return json.status();
  if (!json->is_object()) return absl::InvalidArgumentError("a run config must be a JSON object");
  RunConfig config;
  const std::vector<Field> fields = Fields(config);
  auto find = [&](std::string_view section, std::string_view key) -> const Field* {
    for (const Field& field : fields)
      if (field.section == section && field.key == key) return &field;
    return nullptr;
  };
  auto is_section = [&](std::string_view name) {
    for (const Field& field : fields)
      if (field.section == name) return true;
    return false;
  };
  for (const auto& [key, value] : json->AsObject()) {
    if (is_section(key) && !value.is_object())
      return absl::InvalidArgumentError(
          fmt::format("config key '{}' should be an object of settings, not {}", key,
                      JsonTypeName(value.type())));
    if (value.is_object()) {
      if (!is_section(key)) {
        if (find("", key) != nullptr)
          return absl::InvalidArgumentError(
              fmt::format("config key '{}' should be a single value, not an object", key));
        return absl::InvalidArgumentError(fmt::format("unknown config key '{}'", key));
      }
      for (const auto& [inner, inner_value] : value.AsObject()) {
        const Field* field = find(key, inner);
        if (field == nullptr)
          return absl::InvalidArgumentError(fmt::format("unknown config key '{}.{}'", key, inner));
        if (absl::Status status =
                Assign(field->target, value, inner, fmt::format("{}.{}", key, inner));
            !status.ok())
          return status;
      }
      continue;
    }
    const Field* field = find("", key);
    if (field == nullptr)
      return absl::InvalidArgumentError(fmt::format("unknown config key '{}'", key));
    if (absl::Status status = Assign(field->target, *json, key, key); !status.ok()) return status;
  }
  if (absl::Status status = config.Validate(); !status.ok()) return status;
  return config;
}

SelfPlaySearchOptions RunConfig::SelfPlaySearch() const {
  SelfPlaySearchOptions o;
  o.visits = selfplay.visits;
  absl::StatusOr<RootPolicy> root = RootPolicyFromName(selfplay.search);
  // Validate reports a bad name; an invalid policy here keeps the default.
  if (root.ok()) o.search.root_policy = *root;
  o.search.gumbel_considered = selfplay.considered;
  o.search.root_noise = o.search.root_policy == RootPolicy::kPuct;
  o.full_search_fraction = selfplay.full_fraction;
  o.cheap_visits = selfplay.cheap_visits;
  o.search.seed = seed;
  return o;
}

MoveChoiceOptions RunConfig::SelfPlayChoice() const {
  return {.mode = ChoiceMode::kSample,
          .opening_temperature = selfplay.opening_temperature,
          .opening_moves = selfplay.opening_moves,
          .temperature = selfplay.temperature};
}

std::string RunConfig::Objective() const {
  if (train.objective == "auto") return selfplay.visits > 0 ? "supervised" : "reinforce";
  return train.objective;
}

absl::Status RunConfig::Validate() const {
  auto bad = [](std::string message) { return absl::InvalidArgumentError("config: " + message); };
  if (absl::Status status = RulesFromPresetName(rules).status(); !status.ok())
    return bad(std::string(status.message()));
  if (absl::Status status = RootPolicyFromName(selfplay.search).status(); !status.ok())
    return bad(fmt::format("selfplay.search: {}", status.message()));
  if (absl::Status status = network.Validate(); !status.ok())
    return bad(std::string(status.message()));
  if (selfplay.games < 1 || selfplay.parallel < 1)
    return bad("selfplay games and parallel must be positive");
  if (selfplay.workers < 0 || selfplay.workers > 64)
    return bad(fmt::format("selfplay.workers must be 0 (followers play every game) to 64, not {}",
                           selfplay.workers));
  if (!(selfplay.temperature >= 0) || !(selfplay.opening_temperature >= 0))
    return bad("temperatures must be >= 0");
  if (train.steps < 1 || train.batch < 1 || train.window_generations < 1 || train.threads < 1 ||
      train.checkpoint_every < 1)
    return bad(
        "train steps, batch, window_generations, threads and checkpoint_every must be positive");
  if (!(train.lr > 0)) return bad("train.lr must be above 0");
  if (train.objective != "auto" && train.objective != "reinforce" &&
      train.objective != "supervised")
    return bad(fmt::format("train.objective '{}' should be auto, reinforce or supervised",
                           train.objective));
  if (!(train.ownership_weight >= 0) || !(train.score_weight >= 0) || !(train.value_weight >= 0))
    return bad("train loss weights must be >= 0");
  if (absl::Status status = SelfPlaySearch().Validate(); !status.ok())
    return bad(fmt::format("selfplay search: {}", status.message()));
  if (evaluate.visits < 0 || evaluate.visits > 100000)
    return bad("evaluate.visits must be in 0..100000");
  if (evaluate.games_vs_gnugo < 0 || evaluate.gnugo_level < 0 || evaluate.gnugo_level > 10)
    return bad("evaluate.games_vs_gnugo cannot be negative and gnugo_level is 0..10");
  if (evaluate.games < 0 || evaluate.games_vs_random < 0 || evaluate.games_vs_first < 0)
    return bad("evaluate game counts cannot be negative");
  if (!(evaluate.promote_above >= 0 && evaluate.promote_above < 1))
    return bad("evaluate.promote_above must be in [0, 1)");
  return absl::OkStatus();
}

}  // namespace tengen
