#include "eval/report/synthetic_result.h"

#include "eval/report/json_fields.h"

namespace tengen {

JsonValue SyntheticRun::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("name", name)
      .Set("dropout", dropout)
      .Set("fit_bits", fit_bits)
      .Set("generalised_bits", generalised_bits)
      .Set("memorised_bits", memorised_bits)
      .Set("answer_accuracy", answer_accuracy)
      .Set("step", WriteJson(step))
      .Set("fit_curve", WriteJson(fit_curve))
      .Set("generalised_curve", WriteJson(generalised_curve));
  return json;
}

absl::StatusOr<SyntheticRun> SyntheticRun::FromJson(const JsonValue& json, std::string_view path) {
  SyntheticRun r;
  JsonObjectReader in(json, std::string(path));
  in.Read("name", r.name)
      .Read("dropout", r.dropout)
      .Read("fit_bits", r.fit_bits)
      .Read("generalised_bits", r.generalised_bits)
      .Read("memorised_bits", r.memorised_bits)
      .Read("answer_accuracy", r.answer_accuracy)
      .Read("step", r.step)
      .Read("fit_curve", r.fit_curve)
      .Read("generalised_curve", r.generalised_curve);
  if (in.status().ok() &&
      (r.fit_curve.size() != r.step.size() || r.generalised_curve.size() != r.step.size()))
    in.Keep(absl::InvalidArgumentError(JsonPath(in.path(), "step") +
                                       ": the curves do not have one value per step"));
  return in.Finish(std::move(r));
}

JsonValue SyntheticResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("code_bits", code_bits)
      .Set("label_noise", label_noise)
      .Set("labels", labels)
      .Set("train_examples", train_examples)
      .Set("steps", steps)
      .Set("batch", batch)
      .Set("network", network)
      .Set("label_entropy_bits", label_entropy_bits)
      .Set("conditional_entropy_bits", conditional_entropy_bits)
      .Set("information_bits", information_bits)
      .Set("runs", WriteJson(runs));
  return json;
}

absl::StatusOr<SyntheticResult> SyntheticResult::FromJson(const JsonValue& json,
                                                          std::string_view path) {
  SyntheticResult s;
  JsonObjectReader in(json, std::string(path));
  in.Read("code_bits", s.code_bits)
      .Read("label_noise", s.label_noise)
      .Read("labels", s.labels)
      .Read("train_examples", s.train_examples)
      .Read("steps", s.steps)
      .Read("batch", s.batch)
      .Read("network", s.network)
      .Read("label_entropy_bits", s.label_entropy_bits)
      .Read("conditional_entropy_bits", s.conditional_entropy_bits)
      .Read("information_bits", s.information_bits)
      .Read("runs", s.runs);
  return in.Finish(std::move(s));
}

}  // namespace tengen
