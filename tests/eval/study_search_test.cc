// Part f of the study on its own, with a tiny random network on 7x7: PUCT
// argmax search self-play without symmetries or noise repeats one game
// while sampling at the root varies, Gumbel argmax keeps its noise, every
// match plays the games asked for, the learning runs give one entry per
// generation with the opening they were set to, and the result reads back
// from its JSON.
#include "eval/study_search.h"

#include <filesystem>
#include <map>
#include <numeric>

#include "base/atomic_file.h"
#include "base/json.h"
#include "gtest/gtest.h"
#include "policy/model.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

constexpr char kGnuGo[] = "/usr/games/gnugo";
constexpr int kSize = 7;

NetworkConfig TinyNetwork() {
  return NetworkConfig{.board_size = kSize,
                       .blocks = 1,
                       .channels = 8,
                       .policy_channels = 4,
                       .value_channels = 4,
                       .value_hidden = 8};
}

// Learning runs of two generations of four searched games each.
RunConfig TinyLearning() {
  RunConfig config;
  config.generations = 2;
  config.seed = 5;
  config.network = TinyNetwork();
  config.selfplay.games = 4;
  config.selfplay.parallel = 4;
  config.selfplay.workers = 1;
  config.selfplay.visits = 4;
  config.selfplay.considered = 4;
  config.train.steps = 4;
  config.train.batch = 16;
  config.train.threads = 1;
  config.train.checkpoint_every = 2;
  config.evaluate.games_vs_random = 2;
  config.evaluate.games_vs_first = 2;
  config.evaluate.games_vs_gnugo = 0;
  return config;
}

SearchEraOptions TinyOptions() {
  return SearchEraOptions{.visits = 8,
                          .root_policy = "puct",
                          .considered = 4,
                          .games_per_mode = 6,
                          .parallel = 6,
                          .games_vs_gnugo = 2,
                          .games_head_to_head = 4,
                          .games_vs_policy = 2,
                          .gnugo_parallel = 2,
                          .learning = TinyLearning(),
                          .learning_opening_moves = 3};
}

class SearchEraStudyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("search_era");
    absl::StatusOr<Model> model = Model::CreateRandom(TinyNetwork(), 11);
    ASSERT_TRUE(model.ok()) << model.status();
    ASSERT_TRUE(model->Save(dir_->Path("model.tgm")).ok());
    context_ =
        new StudyContext{.model_path = dir_->Path("model.tgm"), .board_size = kSize, .seed = 3};
    context_->threads = 1;
    if (std::filesystem::exists(kGnuGo)) {
      context_->gnugo_command = std::string(kGnuGo) + " --mode gtp --level 0 --chinese-rules";
      context_->gnugo_name = "GNU Go level 0";
    }
    absl::StatusOr<SearchEraResult> result =
        RunSearchEraStudy(TinyOptions(), *context_, dir_->Path("study"));
    ASSERT_TRUE(result.ok()) << result.status();
    result_ = new SearchEraResult(std::move(*result));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete context_;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(result_, nullptr) << "the study did not run"; }

  static inline TempDir* dir_ = nullptr;
  static inline StudyContext* context_ = nullptr;
  static inline SearchEraResult* result_ = nullptr;
};

TEST_F(SearchEraStudyTest, PuctArgmaxRepeatsOneGameAndSamplingVaries) {
  const SearchDiversity& d = result_->diversity;
  ASSERT_EQ(d.modes.size(), 2u);
  const SearchDiversityMode &argmax = d.modes[0], &sampled = d.modes[1];
  EXPECT_EQ(argmax.name, "search argmax");
  EXPECT_TRUE(argmax.deterministic);
  EXPECT_EQ(argmax.games, 6);
  EXPECT_EQ(argmax.distinct_games, 1);
  EXPECT_EQ(argmax.first_move_entropy_bits, 0);
  ASSERT_EQ(argmax.first_moves.size(), 1u);
  EXPECT_EQ(argmax.first_moves[0].games, 6);
  EXPECT_EQ(sampled.name, "search sample T=1");
  EXPECT_FALSE(sampled.deterministic);
  EXPECT_EQ(sampled.games, 6);
  EXPECT_GT(sampled.distinct_games, 3);
  EXPECT_GT(sampled.opening_entropy_bits, argmax.opening_entropy_bits);
  EXPECT_GT(argmax.mean_length, 10);
  // One search of the empty board: a distribution over 7x7 + pass.
  ASSERT_EQ(d.empty_board_target.size(), static_cast<size_t>(kSize * kSize + 1));
  EXPECT_NEAR(std::accumulate(d.empty_board_target.begin(), d.empty_board_target.end(), 0.0), 1.0,
              1e-4);
  EXPECT_GT(d.empty_board_target_entropy_bits, 0);
  EXPECT_EQ(result_->search.description, "puct, 8 visits");
  EXPECT_FALSE(result_->search.root_noise);
}

TEST_F(SearchEraStudyTest, EveryMatchPlaysTheGamesAskedFor) {
  const SearchStrength& s = result_->strength;
  EXPECT_EQ(s.players, (std::vector<std::string>{"search argmax", "search sample T=1"}));
  const bool gnugo = !context_->gnugo_command.empty();
  EXPECT_EQ(s.gnugo.has_value(), gnugo);
  std::map<SearchPairingKind, int> kinds;
  for (const SearchPairing& p : s.pairings) {
    ++kinds[p.kind];
    const int asked = p.kind == SearchPairingKind::kGnuGo        ? 2
                      : p.kind == SearchPairingKind::kHeadToHead ? 4
                                                                 : 2;
    EXPECT_EQ(p.match.score.games, asked) << p.match.player << " vs " << p.match.opponent;
    EXPECT_EQ(p.match.score.wins + p.match.score.draws + p.match.score.losses, asked);
    EXPECT_EQ(p.match.failures, 0) << p.match.player << " vs " << p.match.opponent;
    EXPECT_GE(p.match.distinct_games, 1);
    EXPECT_LE(p.match.distinct_games, asked);
  }
  EXPECT_EQ(kinds[SearchPairingKind::kGnuGo], gnugo ? 2 : 0);
  EXPECT_EQ(kinds[SearchPairingKind::kHeadToHead], 1);
  EXPECT_EQ(kinds[SearchPairingKind::kPolicy], 2);
  EXPECT_EQ(s.policy_player, "policy sample T=1");
  // Deterministic players with alternating colours: PUCT argmax against
  // itself would only ever play two games; against sampling it varies.
  for (const SearchPairing& p : s.pairings)
    if (p.kind == SearchPairingKind::kHeadToHead) {
      EXPECT_EQ(p.match.player, "search argmax");
      EXPECT_EQ(p.match.opponent, "search sample T=1");
      EXPECT_GT(p.match.distinct_games, 2);
    }
  EXPECT_TRUE(std::filesystem::exists(dir_->Path("study/matches")));
}

TEST_F(SearchEraStudyTest, LearningRunsHaveEveryGenerationAndTheirOpening) {
  const SearchLearning& l = result_->learning;
  ASSERT_EQ(l.variants.size(), 2u);
  ASSERT_EQ(l.runs.runs.size(), 2u);
  EXPECT_EQ(l.variants[0].opening_moves, 3);
  EXPECT_EQ(l.variants[1].opening_moves, 0);
  EXPECT_NE(l.variants[1].randomness.find("Gumbel noise"), std::string::npos);
  EXPECT_EQ(l.selfplay_search, "gumbel, 4 visits, 4 considered");
  for (size_t i = 0; i < 2; ++i) {
    const LearningRun& run = l.runs.runs[i];
    EXPECT_EQ(run.name, l.variants[i].name);
    ASSERT_EQ(run.generations.size(), 2u) << run.name;
    for (size_t g = 0; g < run.generations.size(); ++g) {
      EXPECT_EQ(run.generations[g].generation, static_cast<int64_t>(g + 1));
      EXPECT_EQ(run.generations[g].selfplay_games, 4);
      ASSERT_TRUE(run.generations[g].vs_random.has_value());
      EXPECT_EQ(run.generations[g].vs_random->games, 2);
      ASSERT_TRUE(run.generations[g].vs_first.has_value());
      EXPECT_EQ(run.generations[g].vs_first->games, 2);
    }
    EXPECT_EQ(run.pooled_vs_random.games, 4);
  }
  ASSERT_TRUE(l.runs.generation_0_vs_random.has_value());
  EXPECT_EQ(l.runs.generation_0_vs_random->score.games, 2);
  // The runs were started with the openings and overrides the part sets.
  for (const auto& [folder, opening] : std::vector<std::pair<std::string, int>>{
           {"sampled-opening", 3}, {"deterministic-opening", 0}}) {
    absl::StatusOr<std::string> text =
        ReadFileToString(dir_->Path("study/learning/" + folder + "/config.json"));
    ASSERT_TRUE(text.ok()) << text.status();
    absl::StatusOr<RunConfig> config = RunConfigFromJson(*text);
    ASSERT_TRUE(config.ok()) << config.status();
    EXPECT_EQ(config->selfplay.opening_moves, opening) << folder;
    EXPECT_EQ(config->selfplay.symmetry, "none");
    EXPECT_EQ(config->evaluate.visits, 0);
    EXPECT_EQ(config->evaluate.games, 0);
  }
}

TEST_F(SearchEraStudyTest, ResultReadsBackFromItsJson) {
  absl::StatusOr<JsonValue> json = ParseJson(SerializeJson(result_->ToJson()));
  ASSERT_TRUE(json.ok());
  absl::StatusOr<SearchEraResult> back = SearchEraResult::FromJson(*json);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == *result_);
}

TEST_F(SearchEraStudyTest, GumbelArgmaxKeepsItsNoise) {
  SearchEraOptions options = TinyOptions();
  options.root_policy = "gumbel";
  options.games_per_mode = 4;
  options.games_vs_gnugo = options.games_head_to_head = options.games_vs_policy = 0;
  options.learning.generations = 1;
  options.learning.evaluate.games_vs_random = options.learning.evaluate.games_vs_first = 0;
  StudyContext context = *context_;
  context.gnugo_command.clear();
  absl::StatusOr<SearchEraResult> result =
      RunSearchEraStudy(options, context, dir_->Path("gumbel"));
  ASSERT_TRUE(result.ok()) << result.status();
  const SearchDiversityMode& argmax = result->diversity.modes[0];
  EXPECT_FALSE(argmax.deterministic);
  EXPECT_GT(argmax.distinct_games, 1);
  EXPECT_TRUE(result->strength.pairings.empty());
  EXPECT_FALSE(result->strength.gnugo.has_value());
  EXPECT_FALSE(result->learning.runs.generation_0_vs_random.has_value());
  EXPECT_EQ(result->learning.runs.runs[0].generations.size(), 1u);
}

TEST_F(SearchEraStudyTest, AStopRequestCancels) {
  StopSource stop;
  stop.RequestStop();
  StudyContext context = *context_;
  context.hooks.stop = stop.token();
  EXPECT_EQ(RunSearchEraStudy(TinyOptions(), context, dir_->Path("stopped")).status().code(),
            absl::StatusCode::kCancelled);
}

TEST(SearchEraOptionsTest, BadOptionsAreRefusedByName) {
  const StudyContext context{.model_path = "/nonexistent.tgm", .board_size = kSize};
  auto message = [&](const SearchEraOptions& options) {
    absl::Status status = RunSearchEraStudy(options, context, "/nonexistent").status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    return std::string(status.message());
  };
  SearchEraOptions options = TinyOptions();
  options.root_policy = "greedy";
  EXPECT_NE(message(options).find("root_policy"), std::string::npos);
  options = TinyOptions();
  options.learning.selfplay.visits = 0;
  EXPECT_NE(message(options).find("learning.selfplay.visits"), std::string::npos);
  options = TinyOptions();
  options.temperature = 0;
  EXPECT_NE(message(options).find("temperature"), std::string::npos);
  options = TinyOptions();
  options.learning.network.board_size = 9;
  EXPECT_NE(message(options).find("9x9"), std::string::npos);
  EXPECT_TRUE(TinyOptions().Validate().ok());
}

}  // namespace
}  // namespace tengen
