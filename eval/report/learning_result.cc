#include "eval/report/learning_result.h"

#include "eval/report/json_fields.h"

namespace tengen {
namespace {

// The "generation_0" member: {} or {"vs_random": match}.
struct GenerationZero {
  std::optional<StudyMatchResult> vs_random;

  JsonValue ToJson() const {
    JsonValue json = JsonValue::Object();
    if (vs_random.has_value()) json.Set("vs_random", vs_random->ToJson());
    return json;
  }
  static absl::StatusOr<GenerationZero> FromJson(const JsonValue& json, std::string_view path) {
    GenerationZero g;
    JsonObjectReader in(json, std::string(path));
    in.ReadIfPresent("vs_random", g.vs_random);
    return in.Finish(std::move(g));
  }
};

}  // namespace

JsonValue LearningEvaluation::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("games_vs_random", games_vs_random)
      .Set("games_vs_first", games_vs_first)
      .Set("temperature", temperature);
  return json;
}

absl::StatusOr<LearningEvaluation> LearningEvaluation::FromJson(const JsonValue& json,
                                                                std::string_view path) {
  LearningEvaluation e;
  JsonObjectReader in(json, std::string(path));
  in.Read("games_vs_random", e.games_vs_random)
      .Read("games_vs_first", e.games_vs_first)
      .Read("temperature", e.temperature);
  return in.Finish(std::move(e));
}

JsonValue LearningGeneration::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("generation", generation)
      .Set("vs_random", WriteJson(vs_random))
      .Set("vs_first", WriteJson(vs_first))
      .Set("policy_loss", WriteJson(policy_loss))
      .Set("policy_entropy", WriteJson(policy_entropy))
      .Set("selfplay_games", selfplay_games)
      .Set("distinct_selfplay_games", distinct_selfplay_games)
      .Set("selfplay_first_move_entropy_bits", selfplay_first_move_entropy_bits);
  return json;
}

absl::StatusOr<LearningGeneration> LearningGeneration::FromJson(const JsonValue& json,
                                                                std::string_view path) {
  LearningGeneration g;
  JsonObjectReader in(json, std::string(path));
  in.Read("generation", g.generation)
      .Read("vs_random", g.vs_random)
      .Read("vs_first", g.vs_first)
      .Read("policy_loss", g.policy_loss)
      .Read("policy_entropy", g.policy_entropy)
      .Read("selfplay_games", g.selfplay_games)
      .Read("distinct_selfplay_games", g.distinct_selfplay_games)
      .Read("selfplay_first_move_entropy_bits", g.selfplay_first_move_entropy_bits);
  return in.Finish(std::move(g));
}

JsonValue LearningRun::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("name", name)
      .Set("temperature", temperature)
      .Set("dir", dir)
      .Set("pooled_vs_random", pooled_vs_random.ToJson())
      .Set("pooled_vs_first", pooled_vs_first.ToJson())
      .Set("generations", WriteJson(generations));
  return json;
}

absl::StatusOr<LearningRun> LearningRun::FromJson(const JsonValue& json, std::string_view path) {
  LearningRun r;
  JsonObjectReader in(json, std::string(path));
  in.Read("name", r.name)
      .Read("temperature", r.temperature)
      .Read("dir", r.dir)
      .Read("pooled_vs_random", r.pooled_vs_random)
      .Read("pooled_vs_first", r.pooled_vs_first)
      .Read("generations", r.generations);
  return in.Finish(std::move(r));
}

JsonValue LearningResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("generations", generations)
      .Set("games_per_generation", games_per_generation)
      .Set("train_steps_per_generation", train_steps_per_generation)
      .Set("evaluation", evaluation.ToJson())
      .Set("generation_0", GenerationZero{generation_0_vs_random}.ToJson())
      .Set("runs", WriteJson(runs));
  return json;
}

absl::StatusOr<LearningResult> LearningResult::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  LearningResult l;
  GenerationZero zero;
  JsonObjectReader in(json, std::string(path));
  in.Read("generations", l.generations)
      .Read("games_per_generation", l.games_per_generation)
      .Read("train_steps_per_generation", l.train_steps_per_generation)
      .Read("evaluation", l.evaluation)
      .Read("generation_0", zero)
      .Read("runs", l.runs);
  l.generation_0_vs_random = std::move(zero.vs_random);
  return in.Finish(std::move(l));
}

}  // namespace tengen
