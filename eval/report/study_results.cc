#include "eval/report/study_results.h"

#include <fmt/format.h>

#include <cmath>

#include "eval/report/json_fields.h"

namespace tengen {
namespace {

constexpr std::string_view kFormat = "tengen-eval-report";
constexpr int kVersion = 1;

}  // namespace

JsonValue StudySettings::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("seed", static_cast<double>(seed))
      .Set("quick", quick)
      .Set("model", model)
      .Set("gnugo_command", gnugo_command)
      .Set("rules", rules)
      .Set("komi", komi)
      .Set("plan", plan);
  return json;
}

absl::StatusOr<StudySettings> StudySettings::FromJson(const JsonValue& json,
                                                      std::string_view path) {
  StudySettings s;
  double seed = 0;
  JsonObjectReader in(json, std::string(path));
  in.Read("seed", seed)
      .Read("quick", s.quick)
      .Read("model", s.model)
      .Read("gnugo_command", s.gnugo_command)
      .Read("rules", s.rules)
      .Read("komi", s.komi)
      .Read("plan", s.plan);
  if (in.status().ok() && !(seed >= 0 && seed < 18446744073709551616.0 && std::trunc(seed) == seed))
    in.Keep(absl::InvalidArgumentError(
        fmt::format("{}: should be a non-negative integer", JsonPath(path, "seed"))));
  s.seed = in.status().ok() ? static_cast<uint64_t>(seed) : 0;
  return in.Finish(std::move(s));
}

JsonValue StudyModel::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("path", path)
      .Set("name", name)
      .Set("network", network)
      .Set("board_size", board_size)
      .Set("training_step", training_step)
      .Set("made_by_study", made_by_study);
  if (chosen_as.has_value()) json.Set("chosen_as", *chosen_as);
  return json;
}

absl::StatusOr<StudyModel> StudyModel::FromJson(const JsonValue& json, std::string_view path) {
  StudyModel m;
  JsonObjectReader in(json, std::string(path));
  in.Read("path", m.path)
      .Read("name", m.name)
      .Read("network", m.network)
      .Read("board_size", m.board_size)
      .Read("training_step", m.training_step)
      .Read("made_by_study", m.made_by_study)
      .ReadIfPresent("chosen_as", m.chosen_as);
  return in.Finish(std::move(m));
}

std::optional<double>* StudyTiming::PartSeconds(std::string_view part) {
  if (part == "collapse") return &collapse_seconds;
  if (part == "diversity") return &diversity_seconds;
  if (part == "strength") return &strength_seconds;
  if (part == "learning") return &learning_seconds;
  if (part == "dropout") return &dropout_seconds;
  if (part == "search") return &search_seconds;
  return nullptr;
}

std::vector<std::pair<std::string, double>> StudyTiming::Entries() const {
  std::vector<std::pair<std::string, double>> entries = {{"model_run_seconds", model_run_seconds}};
  const std::pair<const char*, const std::optional<double>*> parts[] = {
      {"collapse_seconds", &collapse_seconds}, {"diversity_seconds", &diversity_seconds},
      {"strength_seconds", &strength_seconds}, {"learning_seconds", &learning_seconds},
      {"dropout_seconds", &dropout_seconds},   {"search_seconds", &search_seconds}};
  for (const auto& [key, value] : parts)
    if (value->has_value()) entries.emplace_back(key, **value);
  entries.emplace_back("total_seconds", total_seconds);
  return entries;
}

JsonValue StudyTiming::ToJson() const {
  JsonValue json = JsonValue::Object();
  for (const auto& [key, seconds] : Entries()) json.Set(key, seconds);
  return json;
}

absl::StatusOr<StudyTiming> StudyTiming::FromJson(const JsonValue& json, std::string_view path) {
  StudyTiming t;
  JsonObjectReader in(json, std::string(path));
  in.Read("model_run_seconds", t.model_run_seconds)
      .ReadIfPresent("collapse_seconds", t.collapse_seconds)
      .ReadIfPresent("diversity_seconds", t.diversity_seconds)
      .ReadIfPresent("strength_seconds", t.strength_seconds)
      .ReadIfPresent("learning_seconds", t.learning_seconds)
      .ReadIfPresent("dropout_seconds", t.dropout_seconds)
      .ReadIfPresent("search_seconds", t.search_seconds)
      .Read("total_seconds", t.total_seconds);
  return in.Finish(std::move(t));
}

JsonValue StudyResults::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("format", kFormat)
      .Set("version", kVersion)
      .Set("created", created)
      .Set("settings", settings.ToJson())
      .Set("model", model.ToJson())
      .Set("collapse", WriteJson(collapse))
      .Set("diversity", WriteJson(diversity))
      .Set("strength", WriteJson(strength))
      .Set("learning", WriteJson(learning))
      .Set("dropout", WriteJson(dropout))
      .Set("search", WriteJson(search))
      .Set("timing", timing.ToJson());
  return json;
}

absl::StatusOr<StudyResults> StudyResults::FromJson(const JsonValue& json, std::string_view path) {
  StudyResults r;
  JsonObjectReader in(json, std::string(path));
  in.Expect("format", kFormat)
      .Expect("version", kVersion)
      .Read("created", r.created)
      .Read("settings", r.settings)
      .Read("model", r.model)
      .Read("collapse", r.collapse)
      .Read("diversity", r.diversity)
      .Read("strength", r.strength)
      .Read("learning", r.learning)
      .Read("dropout", r.dropout)
      .Read("timing", r.timing);
  if (json.Find("search") != nullptr) in.Read("search", r.search);  // absent before part f
  return in.Finish(std::move(r));
}

}  // namespace tengen
