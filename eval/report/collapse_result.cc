#include "eval/report/collapse_result.h"

#include "eval/report/json_fields.h"

namespace tengen {

JsonValue CollapsePoint::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("x", x).Set("y", y);
  if (vertex.has_value()) json.Set("vertex", *vertex);
  return json;
}

absl::StatusOr<CollapsePoint> CollapsePoint::FromJson(const JsonValue& json,
                                                      std::string_view path) {
  CollapsePoint p;
  JsonObjectReader in(json, std::string(path));
  in.Read("x", p.x).Read("y", p.y).ReadIfPresent("vertex", p.vertex);
  return in.Finish(std::move(p));
}

JsonValue CollapseTarget::ToJson() const {
  JsonValue json = point.ToJson();
  json.Set("probability", probability);
  return json;
}

absl::StatusOr<CollapseTarget> CollapseTarget::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  CollapseTarget t;
  JsonObjectReader in(json, std::string(path));
  in.ReadInline(t.point).Read("probability", t.probability);
  return in.Finish(std::move(t));
}

JsonValue CollapseRegressor::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("x", x)
      .Set("y", y)
      .Set("nearest", nearest.ToJson())
      .Set("distance_to_centre", distance_to_centre)
      .Set("distance_to_nearest_target", distance_to_nearest_target)
      .Set("final_loss", final_loss)
      .Set("loss_floor", loss_floor);
  return json;
}

absl::StatusOr<CollapseRegressor> CollapseRegressor::FromJson(const JsonValue& json,
                                                              std::string_view path) {
  CollapseRegressor r;
  JsonObjectReader in(json, std::string(path));
  in.Read("x", r.x)
      .Read("y", r.y)
      .Read("nearest", r.nearest)
      .Read("distance_to_centre", r.distance_to_centre)
      .Read("distance_to_nearest_target", r.distance_to_nearest_target)
      .Read("final_loss", r.final_loss)
      .Read("loss_floor", r.loss_floor);
  return in.Finish(std::move(r));
}

JsonValue CollapseSoftmax::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("mass_on_set", mass_on_set)
      .Set("max_probability_off_set", max_probability_off_set)
      .Set("argmax", argmax.ToJson())
      .Set("entropy_bits", entropy_bits)
      .Set("final_loss", final_loss)
      .Set("loss_floor", loss_floor)
      .Set("probabilities", WriteJson(probabilities));
  return json;
}

absl::StatusOr<CollapseSoftmax> CollapseSoftmax::FromJson(const JsonValue& json,
                                                          std::string_view path) {
  CollapseSoftmax s;
  JsonObjectReader in(json, std::string(path));
  in.Read("mass_on_set", s.mass_on_set)
      .Read("max_probability_off_set", s.max_probability_off_set)
      .Read("argmax", s.argmax)
      .Read("entropy_bits", s.entropy_bits)
      .Read("final_loss", s.final_loss)
      .Read("loss_floor", s.loss_floor)
      .Read("probabilities", s.probabilities);
  return in.Finish(std::move(s));
}

JsonValue CollapseCurves::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("step", WriteJson(step))
      .Set("regressor_loss", WriteJson(regressor_loss))
      .Set("softmax_loss", WriteJson(softmax_loss))
      .Set("regressor_path_x", WriteJson(regressor_path_x))
      .Set("regressor_path_y", WriteJson(regressor_path_y));
  return json;
}

absl::StatusOr<CollapseCurves> CollapseCurves::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  CollapseCurves c;
  JsonObjectReader in(json, std::string(path));
  in.Read("step", c.step)
      .Read("regressor_loss", c.regressor_loss)
      .Read("softmax_loss", c.softmax_loss)
      .Read("regressor_path_x", c.regressor_path_x)
      .Read("regressor_path_y", c.regressor_path_y);
  return in.Finish(std::move(c));
}

JsonValue CollapseResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("board_size", board_size)
      .Set("opening", opening.ToJson())
      .Set("centre", centre.ToJson())
      .Set("symmetric_set", WriteJson(symmetric_set))
      .Set("network", network)
      .Set("optimizer", optimizer)
      .Set("steps", steps)
      .Set("batch", batch)
      .Set("learning_rate", learning_rate)
      .Set("regressor", regressor.ToJson())
      .Set("softmax", softmax.ToJson())
      .Set("curves", curves.ToJson());
  return json;
}

absl::StatusOr<CollapseResult> CollapseResult::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  CollapseResult c;
  JsonObjectReader in(json, std::string(path));
  in.Read("board_size", c.board_size)
      .Read("opening", c.opening)
      .Read("centre", c.centre)
      .Read("symmetric_set", c.symmetric_set)
      .Read("network", c.network)
      .Read("optimizer", c.optimizer)
      .Read("steps", c.steps)
      .Read("batch", c.batch)
      .Read("learning_rate", c.learning_rate)
      .Read("regressor", c.regressor)
      .Read("softmax", c.softmax)
      .Read("curves", c.curves);
  return in.Finish(std::move(c));
}

}  // namespace tengen
