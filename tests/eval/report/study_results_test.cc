// The study's typed results and their JSON: every struct reads back what it
// writes, through text too, and reading is strict: any member taken away
// or given another type is an error that names its path.
#include "eval/report/study_results.h"

#include <cmath>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "eval/report/json_fields.h"
#include "gtest/gtest.h"
#include "tests/eval/report/study_results_sample.h"

namespace tengen {
namespace {

using eval_test::SampleStudyResults;

// FromJson(ToJson(value)) is value, straight and through JSON text, and
// writes the same text again.
template <JsonStruct T>
void ExpectRoundTrip(const T& value, std::string_view path = "x") {
  const JsonValue json = value.ToJson();
  absl::StatusOr<T> back = T::FromJson(json, path);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(*back == value) << SerializeJson(json);
  absl::StatusOr<JsonValue> parsed = ParseJson(SerializeJson(json));
  ASSERT_TRUE(parsed.ok());
  absl::StatusOr<T> from_text = T::FromJson(*parsed, path);
  ASSERT_TRUE(from_text.ok()) << from_text.status().message();
  EXPECT_TRUE(*from_text == value) << SerializeJson(json);
  EXPECT_EQ(SerializeJson(from_text->ToJson()), SerializeJson(json));
}

TEST(StudyResultsRoundTripTest, MatchResults) {
  ExpectRoundTrip(WinRateResult::Of({.wins = 3, .draws = 1, .losses = 2}));
  ExpectRoundTrip(WinRateResult::Of({.wins = 5}));  // infinite Elo: null
  ExpectRoundTrip(WinRateResult::Of({}));           // no games: no rate
  ExpectRoundTrip(eval_test::SampleStrength().pairings[1].match);
}

TEST(StudyResultsRoundTripTest, Collapse) {
  const CollapseResult c = eval_test::SampleCollapse();
  ExpectRoundTrip(c.opening);
  ExpectRoundTrip(CollapsePoint{.x = 3.5, .y = 3.5});  // not a vertex: no "vertex"
  ExpectRoundTrip(c.symmetric_set[0]);
  ExpectRoundTrip(c.regressor);
  ExpectRoundTrip(c.softmax);
  ExpectRoundTrip(c.curves);
  ExpectRoundTrip(c);
}

TEST(StudyResultsRoundTripTest, Diversity) {
  const DiversityResult d = eval_test::SampleDiversity();
  ExpectRoundTrip(d.modes[1].positions[0]);
  ExpectRoundTrip(d.modes[1].first_moves[0]);
  ExpectRoundTrip(d.modes[1]);
  ExpectRoundTrip(d);
}

TEST(StudyResultsRoundTripTest, Strength) {
  StrengthResult s = eval_test::SampleStrength();
  ExpectRoundTrip(s.players[0]);
  for (const StrengthPairing& p : s.pairings) ExpectRoundTrip(p);
  ExpectRoundTrip(s);
  s.gnugo.reset();
  ExpectRoundTrip(s);
  EXPECT_EQ(SerializeJson(*s.ToJson().Find("gnugo")),
            R"({"available":false,"name":"","command":""})");
}

TEST(StudyResultsRoundTripTest, Learning) {
  LearningResult l = eval_test::SampleLearning();
  ExpectRoundTrip(l.evaluation);
  ExpectRoundTrip(l.runs[0].generations[0]);
  ExpectRoundTrip(l.runs[1]);
  ExpectRoundTrip(l);
  l.generation_0_vs_random.reset();
  LearningGeneration& g = l.runs[0].generations[0];
  g.vs_random.reset();
  g.policy_loss.reset();
  ExpectRoundTrip(g);
  ExpectRoundTrip(l);
  EXPECT_EQ(SerializeJson(*l.ToJson().Find("generation_0")), "{}");
}

TEST(StudyResultsRoundTripTest, Dropout) {
  DropoutResult d = eval_test::SampleDropout();
  ExpectRoundTrip(d.runs[0].curve);
  ExpectRoundTrip(d.runs[0]);
  ExpectRoundTrip(d);
  d.runs[0].vs_random.reset();
  d.runs[1].vs_reference.reset();
  ExpectRoundTrip(d);
  ExpectRoundTrip(*d.synthetic);
  ExpectRoundTrip(d.synthetic->runs[1]);
  d.synthetic.reset();
  ExpectRoundTrip(d);
}

TEST(StudyResultsJsonTest, ADropoutSectionFromBeforeTheBatchComparisonStillReads) {
  // One rate beside 0 as "dropout", no large batch, runs without their own
  // batch and steps.
  JsonValue json = eval_test::SampleDropout().ToJson();
  JsonValue old = JsonValue::Object();
  for (const auto& [key, value] : json.AsObject())
    if (key != "rates" && key != "large_batch" && key != "synthetic") old.Set(key, value);
  old.Set("dropout", 0.2);
  JsonValue runs = JsonValue::Array();
  for (const JsonValue& run : json.Find("runs")->AsArray()) {
    JsonValue kept = JsonValue::Object();
    for (const auto& [key, value] : run.AsObject())
      if (key != "batch" && key != "steps") kept.Set(key, value);
    runs.Append(std::move(kept));
  }
  old.Set("runs", std::move(runs));
  absl::StatusOr<DropoutResult> read = DropoutResult::FromJson(old);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->rates, (std::vector<double>{0, 0.2}));
  EXPECT_EQ(read->large_batch, 0);
  EXPECT_FALSE(read->synthetic.has_value());
  for (const DropoutRun& run : read->runs) {
    EXPECT_EQ(run.batch, 8);
    EXPECT_EQ(run.steps, 24);
  }
}

TEST(StudyResultsJsonTest, SyntheticCurvesMustHaveAValuePerStep) {
  JsonValue json = eval_test::SampleSynthetic().runs[0].ToJson();
  json.Set("fit_curve", JsonValue::Array());
  absl::StatusOr<SyntheticRun> read = SyntheticRun::FromJson(json, "synthetic.runs[0]");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("synthetic.runs[0].step"), std::string_view::npos)
      << read.status();
}

TEST(StudyResultsRoundTripTest, WholeStudy) {
  StudyResults r = SampleStudyResults();
  ExpectRoundTrip(r.settings);
  ExpectRoundTrip(r.model);
  ExpectRoundTrip(r.timing);
  ExpectRoundTrip(r, "");
  r.settings.seed = 1234567890123ull;
  r.strength.reset();
  r.timing.strength_seconds.reset();
  ExpectRoundTrip(r, "");
  EXPECT_TRUE(r.ToJson().Find("strength")->is_null());
}

TEST(StudyResultsJsonTest, KeepsTheReportLayout) {
  const JsonValue json = SampleStudyResults().ToJson();
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.AsObject()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "version", "created", "settings", "model",
                                            "collapse", "diversity", "strength", "learning",
                                            "dropout", "search", "timing"}));
  EXPECT_EQ(SerializeJson(*json.Find("format")), R"("tengen-eval-report")");
  EXPECT_EQ(SerializeJson(*json.Find("version")), "1");
  EXPECT_EQ(SerializeJson(*json.Find("strength")->Find("pairings")->AsArray()[1].Find("kind")),
            R"("gnugo")");
  // A score's members sit beside the players' names, "kind" last.
  std::vector<std::string> pairing;
  for (const auto& [key, value] : json.Find("strength")->Find("pairings")->AsArray()[0].AsObject())
    pairing.push_back(key);
  EXPECT_EQ(pairing,
            (std::vector<std::string>{"player", "opponent", "games", "wins", "draws", "losses",
                                      "rate", "low", "high", "elo", "elo_low", "elo_high",
                                      "distinct_games", "failures", "failure_reasons", "kind"}));
  std::vector<std::string> timing;
  for (const auto& [key, value] : json.Find("timing")->AsObject()) timing.push_back(key);
  EXPECT_EQ(timing,
            (std::vector<std::string>{"model_run_seconds", "collapse_seconds", "diversity_seconds",
                                      "strength_seconds", "learning_seconds", "dropout_seconds",
                                      "search_seconds", "total_seconds"}));
}

// One step of a path into a JSON value: a member's key or an element's index.
using Step = std::variant<std::string, size_t>;

std::string PathText(const std::vector<Step>& steps) {
  std::string path;
  for (const Step& step : steps)
    path = std::holds_alternative<std::string>(step) ? JsonPath(path, std::get<std::string>(step))
                                                     : JsonPath(path, std::get<size_t>(step));
  return path;
}

// Calls `visit` with the path of every member of every object in `value`
// (not inside settings.plan, which is kept as it is) and of every leaf.
void ForEachPath(const JsonValue& value, std::vector<Step>& steps,
                 const std::function<void(const std::vector<Step>&, bool leaf)>& visit) {
  if (PathText(steps) == "settings.plan") return;
  if (value.is_object()) {
    for (const auto& [key, member] : value.AsObject()) {
      steps.push_back(key);
      visit(steps, false);
      ForEachPath(member, steps, visit);
      steps.pop_back();
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.AsArray().size(); ++i) {
      steps.push_back(i);
      ForEachPath(value.AsArray()[i], steps, visit);
      steps.pop_back();
    }
  } else {
    visit(steps, true);
  }
}

// A copy of `value` with the member or leaf at `steps` removed (`replacement`
// unset) or replaced.
JsonValue Edited(const JsonValue& value, const std::vector<Step>& steps, size_t depth,
                 const std::optional<JsonValue>& replacement) {
  if (value.is_object()) {
    JsonValue copy = JsonValue::Object();
    for (const auto& [key, member] : value.AsObject()) {
      if (std::get<std::string>(steps[depth]) != key)
        copy.Set(key, member);
      else if (depth + 1 < steps.size())
        copy.Set(key, Edited(member, steps, depth + 1, replacement));
      else if (replacement.has_value())
        copy.Set(key, *replacement);
    }
    return copy;
  }
  JsonValue copy = JsonValue::Array();
  for (size_t i = 0; i < value.AsArray().size(); ++i)
    copy.Append(i == std::get<size_t>(steps[depth])
                    ? (depth + 1 < steps.size()
                           ? Edited(value.AsArray()[i], steps, depth + 1, replacement)
                           : *replacement)
                    : value.AsArray()[i]);
  return copy;
}

// Members that may be left out: a point off the board has no vertex, and
// a match or a part's time is there only when it was played or run.
bool MayBeAbsent(const std::string& path) {
  if (path.starts_with("collapse.") && path.ends_with(".vertex")) return true;
  if (path.starts_with("dropout.runs[") &&
      (path.ends_with("].vs_random") || path.ends_with("].vs_reference")))
    return true;
  // Reports from before the batch comparison and the synthetic experiment
  // have neither; their runs take the section's batch and steps.
  if (path == "dropout.large_batch" || path == "dropout.synthetic") return true;
  if (path == "search") return true;           // reports from before part f
  if (path == "model.chosen_as") return true;  // a given model, or an older report
  if (path.starts_with("dropout.runs[") && (path.ends_with("].batch") || path.ends_with("].steps")))
    return true;
  if (path == "learning.generation_0.vs_random" ||
      path == "search.learning.runs.generation_0.vs_random")
    return true;
  return path.starts_with("timing.") && path != "timing.model_run_seconds" &&
         path != "timing.total_seconds";
}

TEST(StudyResultsStrictTest, EveryMemberTakenAwayIsNamed) {
  const JsonValue json = SampleStudyResults().ToJson();
  std::vector<Step> steps;
  int checked = 0;
  ForEachPath(json, steps, [&](const std::vector<Step>& at, bool leaf) {
    if (leaf) return;
    const std::string path = PathText(at);
    absl::StatusOr<StudyResults> read = StudyResults::FromJson(Edited(json, at, 0, std::nullopt));
    ++checked;
    if (MayBeAbsent(path)) {
      EXPECT_TRUE(read.ok()) << path << ": " << read.status().message();
    } else {
      ASSERT_FALSE(read.ok()) << path << " was not missed";
      EXPECT_EQ(read.status().message(), path + ": missing");
      EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
    }
  });
  EXPECT_GT(checked, 300);
}

TEST(StudyResultsStrictTest, EveryLeafOfAnotherTypeIsNamed) {
  const JsonValue json = SampleStudyResults().ToJson();
  std::vector<Step> steps;
  int checked = 0;
  ForEachPath(json, steps, [&](const std::vector<Step>& at, bool leaf) {
    if (!leaf) return;
    const std::string path = PathText(at);
    absl::StatusOr<StudyResults> read =
        StudyResults::FromJson(Edited(json, at, 0, JsonValue::Object()));
    ++checked;
    ASSERT_FALSE(read.ok()) << path << " took an object";
    EXPECT_TRUE(std::string(read.status().message()).starts_with(path + ": should be "))
        << read.status().message();
  });
  EXPECT_GT(checked, 300);
}

TEST(StudyResultsStrictTest, NamesTheMemberOfAnElement) {
  const JsonValue json = SampleStudyResults().ToJson();
  const std::vector<Step> rate = {std::string("strength"), std::string("pairings"), size_t{2},
                                  std::string("rate")};
  EXPECT_EQ(StudyResults::FromJson(Edited(json, rate, 0, std::nullopt)).status().message(),
            "strength.pairings[2].rate: missing");
  // A part read on its own, as parts/<part>.json keeps it, names itself.
  const JsonValue strength = *json.Find("strength");
  const std::vector<Step> games = {std::string("pairings"), size_t{1}, std::string("games")};
  EXPECT_EQ(StrengthResult::FromJson(Edited(strength, games, 0, JsonValue(2.5))).status().message(),
            "strength.pairings[1].games: should be an integer, not 2.5");
  const std::vector<Step> kind = {std::string("pairings"), size_t{0}, std::string("kind")};
  EXPECT_EQ(
      StrengthResult::FromJson(Edited(strength, kind, 0, JsonValue("gnu"))).status().message(),
      R"(strength.pairings[0].kind: should be "random", "gnugo" or "head_to_head", not "gnu")");
}

TEST(StudyResultsStrictTest, RefusesAnotherFormatOrVersion) {
  const JsonValue json = SampleStudyResults().ToJson();
  EXPECT_EQ(StudyResults::FromJson(Edited(json, {std::string("version")}, 0, JsonValue(2)))
                .status()
                .message(),
            "version: should be 1, not 2");
  EXPECT_EQ(StudyResults::FromJson(JsonValue::Array()).status().message(),
            "the value: should be an object, not array");
  EXPECT_EQ(CollapseResult::FromJson(JsonValue()).status().message(),
            "collapse: should be an object, not null");
}

TEST(JsonFieldsTest, IntegersAreWholeAndInRange) {
  int small = 0;
  int64_t large = 0;
  EXPECT_TRUE(ReadJson(JsonValue(3.0), "n", small).ok());
  EXPECT_EQ(small, 3);
  EXPECT_TRUE(
      std::string(ReadJson(JsonValue(1e10), "n", small).message()).ends_with("is out of range"));
  EXPECT_TRUE(ReadJson(JsonValue(int64_t{1} << 40), "n", large).ok());
  EXPECT_EQ(large, int64_t{1} << 40);
  EXPECT_EQ(ReadJson(JsonValue("3"), "n", large).message(), "n: should be an integer, not string");
  double number = 0;
  EXPECT_EQ(ReadJson(JsonValue(), "x", number).message(), "x: should be a number, not null");
  std::optional<double> maybe = 1;
  EXPECT_TRUE(ReadJson(JsonValue(), "x", maybe).ok());
  EXPECT_FALSE(maybe.has_value());
  EXPECT_EQ(JsonPath("", "a"), "a");
  EXPECT_EQ(JsonPath("a", "b"), "a.b");
  EXPECT_EQ(JsonPath("a.b", size_t{2}), "a.b[2]");
}

}  // namespace
}  // namespace tengen
