#include "eval/study_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "base/fmt_absl.h"
#include "base/random.h"
#include "engine/coordinates.h"
#include "eval/study_diversity_metrics.h"
#include "eval/study_learning.h"
#include "match/gtp_player.h"
#include "match/search_player.h"
#include "search/search.h"
#include "search/search_driver.h"
#include "selfplay/selfplay_games.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

// The search every player of the diversity and strength parts runs:
// self-play's defaults (batching, a small cache per game), the options'
// root policy and considered moves, and no root noise. `options` is valid.
SearchOptions PartSearch(const SearchEraOptions& options) {
  SearchOptions search = SelfPlaySearchOptions::DefaultSelfPlaySearch();
  search.root_policy = *RootPolicyFromName(options.root_policy);
  search.gumbel_considered = options.considered;
  search.root_noise = false;
  return search;
}

// Every move spends the whole budget, as self-play's full searches do, so
// argmax and sampling see the same search.
SearchLimits PartLimits(const SearchEraOptions& options) {
  return SearchLimits{.visits = options.visits, .stop_when_decided = false, .root_noise = false};
}

std::string SearchPlayerName(double temperature) { return "search " + ChoiceLabel(temperature); }

// How search self-play chooses the root's move: the search's best move
// (argmax), or every move drawn from its target (the "opening" covering
// the whole game).
MoveChoiceOptions RootChoice(double temperature, int move_limit) {
  if (temperature <= 0) return MoveChoiceOptions{.mode = ChoiceMode::kArgmax, .temperature = 0};
  return MoveChoiceOptions{.mode = ChoiceMode::kSample,
                           .opening_temperature = temperature,
                           .opening_moves = move_limit,
                           .temperature = temperature};
}

SearchDiversityMode SearchModeOf(const std::string& name, double temperature, bool deterministic,
                                 const GameDiversity& d, int black_wins, int size) {
  SearchDiversityMode mode{
      .name = name,
      .temperature = temperature,
      .deterministic = deterministic,
      .games = d.games,
      .distinct_games = d.distinct_games,
      .mean_length = d.mean_length,
      .black_wins = black_wins,
      .first_move_entropy_bits = d.first_move_entropy_bits,
      .opening_entropy_bits = d.opening_entropy_bits,
      .max_entropy_bits = d.games > 0 ? std::log2(static_cast<double>(d.games)) : 0.0};
  mode.positions = PositionCountsOf(d);
  mode.first_moves = FirstMovesOf(d, size);
  return mode;
}

// One search of the empty board: its target, best move and the entropy
// of the distribution the sampled player draws from there.
absl::Status SearchEmptyBoard(const SearchEraOptions& options, const StudyContext& context,
                              Evaluator& evaluator, SearchDiversity& diversity) {
  SearchOptions search = PartSearch(options);
  search.seed = DeriveSeed(context.seed, "search-empty-board");
  Search tree(search);
  // Not stopped early: Result needs the root evaluated, and one search is quick.
  absl::StatusOr<SearchResult> result = SearchPosition(
      evaluator, tree, GameState(context.board_size, context.rules), PartLimits(options));
  if (!result.ok()) return result.status();
  diversity.empty_board_target.assign(result->policy_target.begin(), result->policy_target.end());
  diversity.empty_board_best = GtpVertex(result->best_move, context.board_size);
  diversity.empty_board_target_entropy_bits = DistributionEntropyBits(
      SamplingDistribution(result->policy_target, options.temperature, 1.0));
  return absl::OkStatus();
}

absl::StatusOr<SearchDiversity> RunSearchDiversity(const SearchEraOptions& options,
                                                   const StudyContext& context,
                                                   Evaluator& evaluator) {
  const int n = context.board_size;
  SearchDiversity result{.games_per_mode = options.games_per_mode,
                         .symmetry = "none",
                         .opening_moves = options.opening_moves,
                         .checkpoints = options.checkpoints};
  if (absl::Status s = SearchEmptyBoard(options, context, evaluator, result); !s.ok()) return s;
  const bool puct = PartSearch(options).root_policy == RootPolicy::kPuct;
  const std::vector<double> temperatures = {0, options.temperature};
  for (size_t m = 0; m < temperatures.size(); ++m) {
    const double temperature = temperatures[m];
    SelfPlayOptions play{
        .board_size = n,
        .rules = context.rules,
        .parallel = std::max(1, std::min(options.parallel, options.games_per_mode)),
        .search = {.visits = options.visits, .search = PartSearch(options)},
        .seed = DeriveSeed(context.seed, "search-diversity-games", m),
        .model_name = "studied model"};
    play.choice = RootChoice(temperature, play.MoveLimit());
    const std::string name = SearchPlayerName(temperature);
    absl::StatusOr<CollectedGames> games =
        PlayAndCollectGames(evaluator, play, options.games_per_mode, context,
                            fmt::format("search diversity {}", name), "search-era study");
    if (!games.ok()) return games.status();
    const GameDiversity diversity = MeasureGameDiversity(
        games->moves, n, context.rules, options.checkpoints, options.opening_moves);
    result.modes.push_back(
        SearchModeOf(name, temperature, temperature <= 0 && puct, diversity, games->black_wins, n));
  }
  return result;
}

absl::StatusOr<SearchStrength> RunSearchStrength(const SearchEraOptions& options,
                                                 const StudyContext& context,
                                                 const std::shared_ptr<Evaluator>& evaluator,
                                                 const std::string& sgf_root) {
  SearchStrength strength{.players = {SearchPlayerName(0), SearchPlayerName(options.temperature)}};
  const bool gnugo = !context.gnugo_command.empty() && options.games_vs_gnugo > 0;
  if (!context.gnugo_command.empty())
    strength.gnugo = GnuGoOpponent{.name = context.gnugo_name, .command = context.gnugo_command};
  if (options.games_vs_policy > 0) strength.policy_player = "policy " + ChoiceLabel(1);
  uint64_t match_number = 0;
  auto search_player = [&](double temperature) {
    return CreateSearchPlayer(SearchPlayerName(temperature), evaluator, PartSearch(options),
                              PartLimits(options), ChoiceAt(temperature),
                              DeriveSeed(context.seed, "search-player", ++match_number));
  };
  auto play = [&](MatchPlayer& first, MatchPlayer& second, SearchPairingKind kind, int games,
                  int parallel) -> absl::Status {
    if (games <= 0) return absl::OkStatus();
    absl::StatusOr<StudyMatchResult> result =
        PlayStudyPairing(first, second, context, games, parallel, sgf_root, "search-era study");
    if (!result.ok()) return result.status();
    strength.pairings.push_back({.match = std::move(*result), .kind = kind});
    return absl::OkStatus();
  };

  if (gnugo) {
    for (double t : {0.0, options.temperature}) {
      absl::StatusOr<std::unique_ptr<MatchPlayer>> engine =
          CreateStudyGnuGo(context, options.move_timeout_s);
      if (!engine.ok()) return engine.status();
      std::unique_ptr<MatchPlayer> player = search_player(t);
      if (absl::Status s = play(*player, **engine, SearchPairingKind::kGnuGo,
                                options.games_vs_gnugo, options.gnugo_parallel);
          !s.ok())
        return s;
    }
  }
  {
    std::unique_ptr<MatchPlayer> argmax = search_player(0);
    std::unique_ptr<MatchPlayer> sampled = search_player(options.temperature);
    if (absl::Status s = play(*argmax, *sampled, SearchPairingKind::kHeadToHead,
                              options.games_head_to_head, options.parallel);
        !s.ok())
      return s;
  }
  for (double t : {0.0, options.temperature}) {
    std::unique_ptr<MatchPlayer> player = search_player(t);
    std::unique_ptr<MatchPlayer> policy =
        CreateNetworkPlayer(strength.policy_player, evaluator, ChoiceAt(1),
                            DeriveSeed(context.seed, "search-policy-player", ++match_number));
    if (absl::Status s = play(*player, *policy, SearchPairingKind::kPolicy, options.games_vs_policy,
                              options.parallel);
        !s.ok())
      return s;
  }
  return strength;
}

// What stays random in a learning run's self-play besides its opening.
std::string SearchRandomness(const RunConfig& config) {
  const SelfPlaySearchOptions search = config.SelfPlaySearch();
  std::string text =
      search.search.root_policy == RootPolicy::kGumbel
          ? "Gumbel noise at every root (it picks the considered moves and the winner; the search "
            "has no setting that turns it off)"
          : "Dirichlet noise at every root (the loop's PUCT self-play always adds it)";
  if (search.full_search_fraction < 1)
    text += ", and which moves get a full search (playout-cap randomisation)";
  return text;
}

absl::StatusOr<SearchLearning> RunSearchLearning(const SearchEraOptions& options,
                                                 const StudyContext& context,
                                                 const std::string& dir) {
  RunConfig base = options.learning;
  base.selfplay.symmetry = "none";
  base.evaluate.games = 0;   // every generation is promoted
  base.evaluate.visits = 0;  // measured by the raw policy, as generation 0 is
  RunConfig sampled = base, deterministic = base;
  sampled.selfplay.opening_moves = options.learning_opening_moves;
  sampled.selfplay.opening_temperature = options.learning_opening_temperature;
  sampled.selfplay.temperature = options.learning_opening_temperature;
  // With search the temperatures draw nothing after the opening; zeros
  // say so in the run's config.
  deterministic.selfplay.opening_moves = 0;
  deterministic.selfplay.opening_temperature = 0;
  deterministic.selfplay.temperature = 0;
  const std::string remaining = SearchRandomness(base);
  SearchLearning learning{.selfplay_search = base.SelfPlaySearch().Describe()};
  learning.variants = {
      {.name = fmt::format("sampled opening ({} moves)", options.learning_opening_moves),
       .opening_moves = options.learning_opening_moves,
       .opening_temperature = options.learning_opening_temperature,
       .randomness = fmt::format("the first {} moves drawn from the search's policy target at "
                                 "T = {:g}; then the search's move, with {}",
                                 options.learning_opening_moves,
                                 options.learning_opening_temperature, remaining)},
      {.name = "deterministic opening",
       .opening_moves = 0,
       .opening_temperature = 0,
       .randomness = "every move the search's own, with " + remaining}};
  const std::vector<LearningRunSpec> specs = {{.name = learning.variants[0].name,
                                               .folder = "sampled-opening",
                                               .temperature = options.learning_opening_temperature,
                                               .config = sampled},
                                              {.name = learning.variants[1].name,
                                               .folder = "deterministic-opening",
                                               .temperature = 0,
                                               .config = deterministic}};
  absl::StatusOr<LearningResult> runs = RunLearningComparison(specs, context, dir);
  if (!runs.ok()) return runs.status();
  learning.runs = std::move(*runs);
  return learning;
}

}  // namespace

JsonValue SearchEraOptions::ToJson() const {
  JsonValue checkpoint_list = JsonValue::Array();
  for (int c : checkpoints) checkpoint_list.Append(c);
  JsonValue json = JsonValue::Object();
  json.Set("visits", visits)
      .Set("root_policy", root_policy)
      .Set("considered", considered)
      .Set("temperature", temperature)
      .Set("games_per_mode", games_per_mode)
      .Set("checkpoints", std::move(checkpoint_list))
      .Set("opening_moves", opening_moves)
      .Set("parallel", parallel)
      .Set("games_vs_gnugo", games_vs_gnugo)
      .Set("games_head_to_head", games_head_to_head)
      .Set("games_vs_policy", games_vs_policy)
      .Set("gnugo_parallel", gnugo_parallel)
      .Set("move_timeout_s", move_timeout_s)
      .Set("learning", learning.ToJson())
      .Set("learning_opening_moves", learning_opening_moves)
      .Set("learning_opening_temperature", learning_opening_temperature);
  return json;
}

absl::Status SearchEraOptions::Validate() const {
  auto bad = [](std::string message) {
    return absl::InvalidArgumentError("search-era study: " + message);
  };
  if (absl::Status s = RootPolicyFromName(root_policy).status(); !s.ok())
    return bad(fmt::format("root_policy: {}", s.message()));
  if (visits < 1 || visits > 100000)
    return bad(fmt::format("visits {} is not in 1..100000", visits));
  if (considered < 1) return bad(fmt::format("considered {} is not positive", considered));
  if (!(temperature > 0) || !std::isfinite(temperature))
    return bad(fmt::format("temperature {} is not positive", temperature));
  if (games_per_mode < 0 || games_vs_gnugo < 0 || games_head_to_head < 0 || games_vs_policy < 0)
    return bad("game counts cannot be negative");
  if (parallel < 1 || gnugo_parallel < 1 || move_timeout_s < 1)
    return bad("parallel, gnugo_parallel and move_timeout_s must be positive");
  if (opening_moves < 1) return bad("opening_moves must be positive");
  for (int c : checkpoints)
    if (c < 1) return bad(fmt::format("checkpoint {} is not a positive move number", c));
  if (absl::Status s =
          SelfPlaySearchOptions{.visits = visits, .search = PartSearch(*this)}.Validate();
      !s.ok())
    return bad(std::string(s.message()));
  if (learning.generations < 1)
    return bad("learning.generations must be positive (0 would run for ever)");
  if (learning.selfplay.visits < 1)
    return bad("learning.selfplay.visits must be positive: the runs' self-play searches");
  if (learning_opening_moves < 1 || !(learning_opening_temperature > 0) ||
      !std::isfinite(learning_opening_temperature))
    return bad("the sampled opening needs moves >= 1 and a positive temperature");
  if (absl::Status s = learning.Validate(); !s.ok())
    return bad(fmt::format("learning {}", s.message()));
  return absl::OkStatus();
}

absl::StatusOr<SearchEraResult> RunSearchEraStudy(const SearchEraOptions& options,
                                                  const StudyContext& context,
                                                  const std::string& dir) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  if (options.learning.network.board_size != context.board_size)
    return absl::InvalidArgumentError(
        fmt::format("search-era study: the learning runs play {0}x{0}, the study {1}x{1}",
                    options.learning.network.board_size, context.board_size));
  absl::StatusOr<std::shared_ptr<Evaluator>> evaluator =
      LoadStudyEvaluator(context.model_path, SymmetryMode::kNone, context.seed);
  if (!evaluator.ok()) return evaluator.status();
  const SearchOptions search = PartSearch(options);
  SearchEraResult result{
      .search = {.root_policy = std::string(RootPolicyName(search.root_policy)),
                 .visits = options.visits,
                 .considered = options.considered,
                 .root_noise = search.root_noise,
                 .description =
                     SelfPlaySearchOptions{.visits = options.visits, .search = search}.Describe(),
                 .temperature = options.temperature}};
  absl::StatusOr<SearchDiversity> diversity = RunSearchDiversity(options, context, **evaluator);
  if (!diversity.ok()) return diversity.status();
  result.diversity = std::move(*diversity);
  absl::StatusOr<SearchStrength> strength =
      RunSearchStrength(options, context, *evaluator, (fs::path(dir) / "matches").string());
  if (!strength.ok()) return strength.status();
  result.strength = std::move(*strength);
  absl::StatusOr<SearchLearning> learning =
      RunSearchLearning(options, context, (fs::path(dir) / "learning").string());
  if (!learning.ok()) return learning.status();
  result.learning = std::move(*learning);
  return result;
}

}  // namespace tengen
