// RunConfig from JSON: defaults, round trips, and an error naming the key
// for unknown keys, wrong types, sections that are not objects and values
// out of range.
#include "selfplay/run_config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace tengen {
namespace {

// The message of a config that must be refused.
std::string ErrorOf(std::string_view text) {
  absl::StatusOr<RunConfig> config = RunConfigFromJson(text);
  EXPECT_FALSE(config.ok()) << text << " was accepted";
  EXPECT_TRUE(absl::IsInvalidArgument(config.status())) << config.status();
  return std::string(config.status().message());
}

void ExpectErrorContains(std::string_view text, std::string_view part) {
  const std::string message = ErrorOf(text);
  EXPECT_NE(message.find(part), std::string::npos) << text << " -> " << message;
}

TEST(RunConfigTest, AnEmptyObjectIsTheDefaultConfig) {
  absl::StatusOr<RunConfig> config = RunConfigFromJson("{}");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(SerializeJson(config->ToJson()), SerializeJson(RunConfig{}.ToJson()));
}

TEST(RunConfigTest, GivenKeysChangeOnlyThemselves) {
  absl::StatusOr<RunConfig> config =
      RunConfigFromJson(R"({"generations": 3, "komi": 6.5, "selfplay": {"games": 40},
                           "train": {"optimizer": "adam"}})");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->generations, 3);
  EXPECT_EQ(config->komi, 6.5);
  EXPECT_EQ(config->selfplay.games, 40);
  EXPECT_EQ(config->train.optimizer, "adam");
  const RunConfig defaults;
  EXPECT_EQ(config->selfplay.parallel, defaults.selfplay.parallel);
  EXPECT_EQ(config->train.steps, defaults.train.steps);
  EXPECT_EQ(config->network.channels, defaults.network.channels);
}

TEST(RunConfigTest, ToJsonRoundTripsEveryField) {
  RunConfig config;
  config.generations = 7;
  config.seed = 123456789;
  config.rules = "tromp-taylor";
  config.selfplay.temperature = 0.75;
  config.train.lr = 0.0125;
  config.evaluate.games = 10;
  config.network.blocks = 2;
  const std::string text = SerializeJson(config.ToJson());
  absl::StatusOr<RunConfig> back = RunConfigFromJson(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(SerializeJson(back->ToJson()), text);
}

TEST(RunConfigTest, SixtyFourBitSeedsAreExact) {
  absl::StatusOr<RunConfig> config = RunConfigFromJson(R"({"seed": 18446744073709551615})");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->seed, 18446744073709551615ull);
  absl::StatusOr<RunConfig> back = RunConfigFromJson(SerializeJson(config->ToJson()));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->seed, 18446744073709551615ull);
  ExpectErrorContains(R"({"generations": 4294967296})", "above the largest allowed");
}

TEST(RunConfigTest, UnknownKeysAreNamedWithTheirSection) {
  ExpectErrorContains(R"({"generatoins": 3})", "unknown config key 'generatoins'");
  ExpectErrorContains(R"({"selfplay": {"gamez": 3}})", "unknown config key 'selfplay.gamez'");
  ExpectErrorContains(R"({"trian": {"steps": 3}})", "unknown config key 'trian'");
}

TEST(RunConfigTest, WrongTypesAreNamedWithWhatWasExpected) {
  ExpectErrorContains(R"({"generations": "ten"})",
                      "config key 'generations' should be a number, not string");
  ExpectErrorContains(R"({"rules": 5})", "config key 'rules' should be a string, not number");
  ExpectErrorContains(R"({"train": {"lr": true}})",
                      "config key 'train.lr' should be a number, not boolean");
  ExpectErrorContains(R"({"selfplay": {"games": null}})", "'selfplay.games' should be a number");
  ExpectErrorContains(R"({"selfplay": 5})",
                      "config key 'selfplay' should be an object of settings, not number");
  ExpectErrorContains(R"({"seed": {}})", "config key 'seed' should be a single value");
  ExpectErrorContains(R"({"generations": 2.5})", "'generations' should be a whole number");
  ExpectErrorContains(R"({"selfplay": {"games": -4}})",
                      "'selfplay.games' should be a whole number");
  ExpectErrorContains(R"([1, 2])", "must be a JSON object");
}

TEST(RunConfigTest, ValuesOutOfRangeAreRefused) {
  ExpectErrorContains(R"({"selfplay": {"workers": -1}})",
                      "selfplay.workers' should be a whole number >= 0");
  ExpectErrorContains(R"({"selfplay": {"workers": 65}})", "workers");
  EXPECT_TRUE(RunConfigFromJson(R"({"selfplay": {"workers": 0}})").ok()) << "followers alone";
  ExpectErrorContains(R"({"train": {"lr": 0}})", "train.lr must be above 0");
  ExpectErrorContains(R"({"evaluate": {"promote_above": 1}})", "promote_above");
  ExpectErrorContains(R"({"selfplay": {"temperature": -1}})", "temperatures must be >= 0");
  ExpectErrorContains(R"({"rules": "klingon"})", "config:");
  ExpectErrorContains(R"({"network": {"blocks": 0}})", "config:");
}

TEST(RunConfigTest, TheSearchSettingsBecomeTheSelfPlaySearchAndTheObjective) {
  // The default searches (Gumbel, 8 considered, no noise) and so trains on
  // the search's targets.
  const RunConfig defaults;
  const SelfPlaySearchOptions search = defaults.SelfPlaySearch();
  EXPECT_GT(search.visits, 0);
  EXPECT_EQ(search.search.root_policy, RootPolicy::kGumbel);
  EXPECT_EQ(search.search.gumbel_considered, 8);
  EXPECT_FALSE(search.search.root_noise);
  EXPECT_EQ(defaults.Objective(), "supervised");
  absl::StatusOr<RunConfig> puct = RunConfigFromJson(
      R"({"selfplay": {"search": "puct", "visits": 40, "full_fraction": 0.25, "cheap_visits": 8}})");
  ASSERT_TRUE(puct.ok()) << puct.status();
  const SelfPlaySearchOptions capped = puct->SelfPlaySearch();
  EXPECT_EQ(capped.search.root_policy, RootPolicy::kPuct);
  EXPECT_TRUE(capped.search.root_noise);
  EXPECT_EQ(capped.visits, 40);
  EXPECT_EQ(capped.full_search_fraction, 0.25);
  EXPECT_EQ(capped.cheap_visits, 8);
  // Without search, auto is REINFORCE; a named objective stays.
  absl::StatusOr<RunConfig> policy = RunConfigFromJson(R"({"selfplay": {"visits": 0}})");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(policy->Objective(), "reinforce");
  absl::StatusOr<RunConfig> named =
      RunConfigFromJson(R"({"selfplay": {"visits": 0}, "train": {"objective": "supervised"}})");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->Objective(), "supervised");
  // Bad values name themselves.
  ExpectErrorContains(R"({"selfplay": {"search": "mcts"}})", "selfplay.search");
  ExpectErrorContains(R"({"train": {"objective": "imitation"}})", "train.objective 'imitation'");
  ExpectErrorContains(R"({"selfplay": {"full_fraction": 0.5}})", "cheap searches need");
  ExpectErrorContains(R"({"selfplay": {"considered": 0}})", "selfplay search");
  ExpectErrorContains(R"({"evaluate": {"gnugo_level": 11}})", "gnugo_level is 0..10");
  ExpectErrorContains(R"({"train": {"score_weight": -1}})", "loss weights");
}

TEST(RunConfigTest, BadJsonIsAnErrorWithItsPlace) {
  ExpectErrorContains("{\"generations\": 3,\n  \"komi\" 7}", "line 2");
  ExpectErrorContains(R"({"komi": 7.5, "komi": 6.5})", "komi");
}

// The shipped recipe (docs/training.md) must stay a valid config.
TEST(RunConfigTest, TheShippedStrongConfigParsesAsDocumented) {
  std::ifstream file(std::string(TENGEN_SOURCE_DIR) + "/configs/strong-9x9.json");
  ASSERT_TRUE(file.good()) << "configs/strong-9x9.json is missing";
  std::stringstream text;
  text << file.rdbuf();
  absl::StatusOr<RunConfig> config = RunConfigFromJson(text.str());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->init_model, "runs/teacher/teacher.tgm");
  EXPECT_EQ(config->network.blocks, 4);  // measured faster per CPU-hour than 6x64
  EXPECT_EQ(config->network.channels, 32);
  EXPECT_GT(config->selfplay.visits, 0) << "the last stage must be self-play with search";
  EXPECT_EQ(config->selfplay.search, "gumbel");
  EXPECT_GT(config->evaluate.games_vs_gnugo, 0);
}

}  // namespace
}  // namespace tengen
