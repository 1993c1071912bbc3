#include "eval/report/dropout_result.h"

#include "eval/report/json_fields.h"

namespace tengen {

JsonValue DropoutCurve::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("step", WriteJson(step))
      .Set("train_loss", WriteJson(train_loss))
      .Set("held_out_loss", WriteJson(held_out_loss))
      .Set("held_out_top1", WriteJson(held_out_top1));
  return json;
}

absl::StatusOr<DropoutCurve> DropoutCurve::FromJson(const JsonValue& json, std::string_view path) {
  DropoutCurve c;
  JsonObjectReader in(json, std::string(path));
  in.Read("step", c.step)
      .Read("train_loss", c.train_loss)
      .Read("held_out_loss", c.held_out_loss)
      .Read("held_out_top1", c.held_out_top1);
  return in.Finish(std::move(c));
}

JsonValue DropoutRun::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("name", name)
      .Set("dropout", dropout)
      .Set("batch", batch)
      .Set("steps", steps)
      .Set("curve", curve.ToJson())
      .Set("final_train_loss", final_train_loss)
      .Set("final_held_out_loss", final_held_out_loss)
      .Set("final_held_out_top1", final_held_out_top1);
  if (vs_random.has_value()) json.Set("vs_random", vs_random->ToJson());
  if (vs_reference.has_value()) json.Set("vs_reference", vs_reference->ToJson());
  return json;
}

absl::StatusOr<DropoutRun> DropoutRun::FromJson(const JsonValue& json, std::string_view path) {
  DropoutRun r;
  JsonObjectReader in(json, std::string(path));
  std::optional<int> batch, steps;
  in.Read("name", r.name)
      .Read("dropout", r.dropout)
      .ReadIfPresent("batch", batch)
      .ReadIfPresent("steps", steps)
      .Read("curve", r.curve)
      .Read("final_train_loss", r.final_train_loss)
      .Read("final_held_out_loss", r.final_held_out_loss)
      .Read("final_held_out_top1", r.final_held_out_top1)
      .ReadIfPresent("vs_random", r.vs_random)
      .ReadIfPresent("vs_reference", r.vs_reference);
  r.batch = batch.value_or(0);  // 0: the section's (DropoutResult::FromJson)
  r.steps = steps.value_or(0);
  return in.Finish(std::move(r));
}

JsonValue DropoutResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("rates", WriteJson(rates))
      .Set("large_batch", large_batch)
      .Set("games", games)
      .Set("held_out_games", held_out_games)
      .Set("train_positions", train_positions)
      .Set("held_out_positions", held_out_positions)
      .Set("steps", steps)
      .Set("batch", batch)
      .Set("learning_rate", learning_rate)
      .Set("objective", objective)
      .Set("network", network)
      .Set("runs", WriteJson(runs));
  if (synthetic.has_value()) json.Set("synthetic", synthetic->ToJson());
  return json;
}

absl::StatusOr<DropoutResult> DropoutResult::FromJson(const JsonValue& json,
                                                      std::string_view path) {
  DropoutResult d;
  JsonObjectReader in(json, std::string(path));
  std::optional<std::vector<double>> rates;
  std::optional<double> legacy_rate;
  std::optional<int> large_batch;
  in.ReadIfPresent("rates", rates)
      .ReadIfPresent("dropout", legacy_rate)
      .ReadIfPresent("large_batch", large_batch)
      .Read("games", d.games)
      .Read("held_out_games", d.held_out_games)
      .Read("train_positions", d.train_positions)
      .Read("held_out_positions", d.held_out_positions)
      .Read("steps", d.steps)
      .Read("batch", d.batch)
      .Read("learning_rate", d.learning_rate)
      .Read("objective", d.objective)
      .Read("network", d.network)
      .Read("runs", d.runs)
      .ReadIfPresent("synthetic", d.synthetic);
  if (in.status().ok() && !rates && !legacy_rate)
    in.Keep(absl::InvalidArgumentError(JsonPath(in.path(), "rates") + ": missing"));
  d.rates = rates ? *rates : std::vector<double>{0, legacy_rate.value_or(0)};
  d.large_batch = large_batch.value_or(0);
  for (DropoutRun& run : d.runs) {
    if (run.batch == 0) run.batch = d.batch;
    if (run.steps == 0) run.steps = d.steps;
  }
  return in.Finish(std::move(d));
}

}  // namespace tengen
