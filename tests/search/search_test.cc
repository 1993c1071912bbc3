// The tree search with a network-free evaluator whose value is the area
// score: it finds a capture, passes only when passing wins, spends exactly
// its visit budget, batches leaves (also across searches), reuses its tree,
// respects its node budget, uses its cache, and Gumbel's halving shows in
// the root visits.
#include "search/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

#include "engine/scoring.h"
#include "search/search_driver.h"
#include "tests/support/diagram.h"
#include "tests/support/fake_evaluators.h"

namespace tengen {
namespace {

Rules FiveByFiveRules() {
  Rules rules = Rules::Chinese();
  rules.komi = 0.5;
  return rules;
}

GameState Position(std::string_view diagram, Color to_move) {
  absl::StatusOr<GameState> state = GameFromDiagram(diagram, FiveByFiveRules(), to_move);
  EXPECT_TRUE(state.ok()) << state.status();
  return *state;
}

// White's three stones have one liberty, at the point (3, 3).
constexpr std::string_view kCapture = R"(
  . . . . .
  . X X X .
  X O O O X
  . X X . .
  . . . . .
)";

SearchOptions Options(RootPolicy policy = RootPolicy::kPuct) {
  SearchOptions options;
  options.root_policy = policy;
  options.batch_size = 4;
  options.gumbel_considered = 8;
  return options;
}

SearchResult RunSearch(Search& search, Evaluator& evaluator, const GameState& state, int visits) {
  absl::StatusOr<SearchResult> result =
      SearchPosition(evaluator, search, state, {.visits = visits, .stop_when_decided = false});
  EXPECT_TRUE(result.ok()) << result.status();
  return *result;
}

TEST(SearchTest, PuctAndGumbelFindTheCapture) {
  for (RootPolicy policy : {RootPolicy::kPuct, RootPolicy::kGumbel}) {
    ScoreEvaluator evaluator;
    Search search(Options(policy));
    const SearchResult result = RunSearch(search, evaluator, Position(kCapture, Color::kBlack), 64);
    EXPECT_EQ(result.best_move, MakePoint(3, 3, 5)) << RootPolicyName(policy);
    EXPECT_GT(result.value, 0.3) << RootPolicyName(policy);
  }
}

// N*N + 1 flags with only `points` set (by move index).
std::vector<uint8_t> Flags(std::initializer_list<Point> points, int n = 5) {
  std::vector<uint8_t> flags(n * n + 1, 0);
  for (Point p : points) flags[PointToMoveIndex(p, n)] = 1;
  return flags;
}

TEST(SearchTest, RestrictionsKeepTheSearchOffExcludedMoves) {
  const Point capture = MakePoint(3, 3, 5);
  const int capture_index = PointToMoveIndex(capture, 5);
  for (RootPolicy policy : {RootPolicy::kPuct, RootPolicy::kGumbel}) {
    ScoreEvaluator evaluator;
    // Avoid: the capture is never visited, never best, not in the target.
    Search avoiding(Options(policy));
    absl::StatusOr<SearchResult> result =
        SearchPosition(evaluator, avoiding, Position(kCapture, Color::kBlack),
                       {.visits = 64,
                        .stop_when_decided = false,
                        .restrictions = {{.player = Color::kBlack, .excluded = Flags({capture})}}});
    ASSERT_TRUE(result.ok());
    EXPECT_NE(result->best_move, capture) << RootPolicyName(policy);
    EXPECT_EQ(result->policy_target[capture_index], 0.0f);
    for (const RootMove& move : result->moves) {
      if (move.move == capture) {
        EXPECT_EQ(move.visits, 0) << RootPolicyName(policy);
      }
    }
    // Allow one move: every visit but the root's own goes to it.
    std::vector<uint8_t> all_but_one(26, 1);
    all_but_one[PointToMoveIndex(MakePoint(0, 0, 5), 5)] = 0;
    Search allowing(Options(policy));
    result = SearchPosition(evaluator, allowing, Position(kCapture, Color::kBlack),
                            {.visits = 32,
                             .stop_when_decided = false,
                             .restrictions = {{.player = Color::kBlack, .excluded = all_but_one}}});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->best_move, MakePoint(0, 0, 5)) << RootPolicyName(policy);
    EXPECT_EQ(result->moves.front().visits, result->visits - 1) << RootPolicyName(policy);
    EXPECT_EQ(result->policy_target[PointToMoveIndex(MakePoint(0, 0, 5), 5)], 1.0f);
  }
}

TEST(SearchTest, RestrictionsApplyToTheirPlayerAndDepthOnly) {
  // White may only answer at the corner (0, 0) at depth 1, the reply to the
  // root move; black, to move at the root, is not restricted.
  const Point corner = MakePoint(0, 0, 5);
  std::vector<uint8_t> all_but_corner(26, 1);
  all_but_corner[PointToMoveIndex(corner, 5)] = 0;
  ScoreEvaluator evaluator;
  Search search(Options());
  absl::StatusOr<SearchResult> result = SearchPosition(
      evaluator, search, Position(kCapture, Color::kBlack),
      {.visits = 400,
       .stop_when_decided = false,
       .restrictions = {{.player = Color::kWhite, .excluded = all_but_corner, .until_depth = 2}}});
  ASSERT_TRUE(result.ok());
  int replies = 0, visited = 0;
  for (const RootMove& move : result->moves) {
    if (move.visits > 0) ++visited;
    if (move.pv.size() < 2 || move.move == corner)
      continue;  // black on the corner: no restriction left
    ++replies;
    EXPECT_EQ(move.pv[1], corner) << "white's reply to " << move.move;
    // Deeper, white is free again: its second move is somewhere else.
    if (move.pv.size() >= 4) {
      EXPECT_NE(move.pv[3], corner);
    }
  }
  EXPECT_GT(replies, 3);
  EXPECT_GT(visited, 5);  // black's root moves are searched as usual
}

TEST(SearchTest, SpendsExactlyItsVisitsAndTheRootCountsThemAll) {
  ScoreEvaluator evaluator;
  Search search(Options());
  const SearchResult result = RunSearch(search, evaluator, GameState(7, FiveByFiveRules()), 100);
  EXPECT_EQ(result.new_visits, 100);
  EXPECT_EQ(result.visits, 100);
  int child_visits = 0;
  for (const RootMove& move : result.moves) child_visits += move.visits;
  EXPECT_EQ(child_visits, 99);  // the root's own evaluation is the first visit
  // Most visited first; the policy target is the visit distribution.
  for (size_t i = 1; i < result.moves.size(); ++i)
    EXPECT_GE(result.moves[i - 1].visits, result.moves[i].visits);
  const double total =
      std::accumulate(result.policy_target.begin(), result.policy_target.end(), 0.0);
  EXPECT_NEAR(total, 1.0, 1e-5);
  EXPECT_NEAR(result.policy_target[PointToMoveIndex(result.moves[0].move, 7)],
              result.moves[0].visits / 99.0, 1e-5);
}

TEST(SearchTest, PassIsNotACandidateEarlyButIsOnceTheOpponentPassed) {
  ScoreEvaluator evaluator;
  Search search(Options());
  GameState state(9, FiveByFiveRules());
  SearchResult result = RunSearch(search, evaluator, state, 20);
  for (const RootMove& move : result.moves) EXPECT_NE(move.move, kPass);
  ASSERT_TRUE(state.Play(kPass).ok());
  result = RunSearch(search, evaluator, state, 20);
  EXPECT_TRUE(std::any_of(result.moves.begin(), result.moves.end(),
                          [](const RootMove& m) { return m.move == kPass; }));
}

// Black owns the whole board: after white's pass, passing back wins
// exactly, and the search does it. With the colours swapped it plays on.
constexpr std::string_view kBlackWall = R"(
  . . X . .
  . . X . .
  . . X . .
  . . X . .
  . . X . .
)";

TEST(SearchTest, PassesBackOnlyWhenTheFinalScoreWins) {
  // A network unsure of the win (tanh(24.5 / 40) = 0.55) against the exact
  // +1 of the finished game.
  ScoreEvaluator evaluator(40);
  Search search(Options());
  GameState winning = Position(kBlackWall, Color::kWhite);
  ASSERT_TRUE(winning.Play(kPass).ok());  // white passes; black to move
  SearchResult result = RunSearch(search, evaluator, winning, 200);
  EXPECT_EQ(result.best_move, kPass);
  EXPECT_GT(result.moves[0].value, 0.99);  // exactly +1: a finished, won game

  GameState losing = Position(kBlackWall, Color::kBlack);
  ASSERT_TRUE(losing.Play(kPass).ok());  // black passes; white to move and behind
  Search other(Options());
  result = RunSearch(other, evaluator, losing, 200);
  EXPECT_NE(result.best_move, kPass);
}

TEST(SearchTest, GathersFullBatchesWithVirtualLoss) {
  ScoreEvaluator evaluator;
  SearchOptions options = Options();
  options.batch_size = 8;
  Search search(options);
  RunSearch(search, evaluator, GameState(9, FiveByFiveRules()), 129);
  // The root alone first, then batches of 8 distinct leaves.
  EXPECT_EQ(evaluator.batch_sizes.front(), 1);
  const int full =
      static_cast<int>(std::count(evaluator.batch_sizes.begin(), evaluator.batch_sizes.end(), 8));
  EXPECT_GE(full, 14);
  EXPECT_LE(*std::max_element(evaluator.batch_sizes.begin(), evaluator.batch_sizes.end()), 8);
  EXPECT_EQ(evaluator.positions(), 129);
}

TEST(SearchTest, ManySearchesShareOneNetworkCallPerStep) {
  ScoreEvaluator evaluator;
  std::vector<std::unique_ptr<Search>> searches;
  std::vector<Search*> pointers;
  for (int i = 0; i < 6; ++i) {
    SearchOptions options = Options();
    options.seed = i + 1;
    searches.push_back(std::make_unique<Search>(options));
    GameState state(9, FiveByFiveRules());
    ASSERT_TRUE(state.Play(MakePoint(i, 4, 9)).ok());
    searches.back()->SetPosition(state);
    searches.back()->Begin({.visits = 33, .stop_when_decided = false});
    pointers.push_back(searches.back().get());
  }
  ASSERT_TRUE(RunSearches(evaluator, pointers).ok());
  for (Search* search : pointers) EXPECT_EQ(search->Result().new_visits, 33);
  // First step: six roots in one call; then up to 6 x 4 leaves per call.
  EXPECT_EQ(evaluator.batch_sizes.front(), 6);
  EXPECT_EQ(*std::max_element(evaluator.batch_sizes.begin(), evaluator.batch_sizes.end()), 24);
  EXPECT_LE(evaluator.batch_sizes.size(), 12u);
}

TEST(SearchTest, ThePlayedMovesSubtreeIsReused) {
  ScoreEvaluator evaluator;
  Search search(Options());
  GameState state(7, FiveByFiveRules());
  const SearchResult first = RunSearch(search, evaluator, state, 200);
  const RootMove& best = first.moves[0];
  ASSERT_GT(best.pv.size(), 1u);
  ASSERT_TRUE(state.Play(best.move).ok());
  ASSERT_TRUE(state.Play(best.pv[1]).ok());  // the expected reply: two moves on
  int reply_visits = 0;
  // The reply's visits inside the old tree are kept as the new root's.
  search.SetPosition(state);
  search.Begin({.visits = 50, .stop_when_decided = false});
  Search* const one[] = {&search};
  ASSERT_TRUE(RunSearches(evaluator, one).ok());
  const SearchResult second = search.Result();
  reply_visits = second.visits - second.new_visits;
  EXPECT_GT(reply_visits, 0);  // a fresh tree would have none
  EXPECT_EQ(second.new_visits, 50);
  // A position that does not follow from the tree starts afresh.
  Search fresh_check(Options());
  GameState other(7, FiveByFiveRules());
  ASSERT_TRUE(other.Play(MakePoint(0, 0, 7)).ok());
  search.SetPosition(other);
  search.Begin({.visits = 10, .stop_when_decided = false});
  ASSERT_TRUE(RunSearches(evaluator, one).ok());
  EXPECT_EQ(search.Result().visits, 10);
}

TEST(SearchTest, StopsAtTheNodeBudgetAndSaysSo) {
  ScoreEvaluator evaluator;
  SearchOptions options = Options();
  options.max_nodes = 1000;
  Search search(options);
  const SearchResult result = RunSearch(search, evaluator, GameState(9, FiveByFiveRules()), 5000);
  EXPECT_TRUE(result.node_limit_reached);
  EXPECT_LE(result.nodes, 1000);
  EXPECT_LT(result.new_visits, 5000);
  EXPECT_NE(result.best_move, kNoPoint);
}

TEST(SearchTest, ASharedCacheAnswersPositionsSeenBefore) {
  auto cache = std::make_shared<EvalCache>(10000);
  ScoreEvaluator evaluator;
  const GameState state = Position(kCapture, Color::kBlack);
  Search first(Options(), cache);
  RunSearch(first, evaluator, state, 40);
  const int64_t evaluated = evaluator.positions();
  Search second(Options(), cache);
  const SearchResult again = RunSearch(second, evaluator, state, 40);
  EXPECT_GT(again.cache_hits, 30);
  EXPECT_LT(evaluator.positions() - evaluated, 10);
  // A different salt (another evaluator setting) does not share entries.
  Search salted(Options(), cache);
  salted.set_cache_salt(7);
  EXPECT_EQ(RunSearch(salted, evaluator, state, 10).cache_hits, 0);
}

TEST(EvalCacheTest, KeepsAtMostItsCapacityAndEvictsTheOldest) {
  EvalCache cache(3);
  for (uint64_t key = 1; key <= 5; ++key) cache.Insert(key, Evaluation{.value = 0.1f * key});
  EXPECT_EQ(cache.size(), 3);
  EXPECT_EQ(cache.Find(1), nullptr);
  EXPECT_EQ(cache.Find(2), nullptr);
  ASSERT_NE(cache.Find(5), nullptr);
  EXPECT_FLOAT_EQ(cache.Find(5)->value, 0.5f);
  cache.Insert(3, Evaluation{.value = 0.9f});  // replacing keeps the size
  EXPECT_EQ(cache.size(), 3);
  EXPECT_FLOAT_EQ(cache.Find(3)->value, 0.9f);
  EvalCache none(0);
  none.Insert(1, Evaluation{});
  EXPECT_EQ(none.size(), 0);
}

TEST(SearchTest, GumbelSpendsTheBudgetBySequentialHalving) {
  // Batch 1, so the schedule is followed walk by walk: 4 moves, 10
  // simulations (the root's evaluation is one more): visits 4, 4, 1, 1.
  ScoreEvaluator evaluator;
  SearchOptions options = Options(RootPolicy::kGumbel);
  options.gumbel_considered = 4;
  options.batch_size = 1;
  Search search(options);
  const SearchResult result = RunSearch(search, evaluator, GameState(7, FiveByFiveRules()), 11);
  std::vector<int> visits;
  for (const RootMove& move : result.moves)
    if (move.visits > 0) visits.push_back(move.visits);
  EXPECT_EQ(visits, (std::vector<int>{4, 4, 1, 1}));
  // The move played is one of the two most visited.
  EXPECT_TRUE(result.best_move == result.moves[0].move || result.best_move == result.moves[1].move);
  const double total =
      std::accumulate(result.policy_target.begin(), result.policy_target.end(), 0.0);
  EXPECT_NEAR(total, 1.0, 1e-5);
}

TEST(SearchTest, ScoresAndOwnershipAreBackedUpForThePlayerToMove) {
  ScoreEvaluator evaluator;  // score: the area margin for the mover; exact ownership
  const GameState state = Position(kCapture, Color::kBlack);
  const int n = 5;
  std::vector<const GameState*> one_state = {&state};
  const Evaluation root = (*evaluator.EvaluateBatch(one_state))[0];
  // One visit: the root's own heads.
  Search search(Options());
  SearchResult result = RunSearch(search, evaluator, state, 1);
  EXPECT_DOUBLE_EQ(result.score_lead, root.score);
  ASSERT_EQ(result.ownership, root.ownership);
  // Black's stones are black's (+1 for black to move), white's -1.
  EXPECT_EQ(result.ownership[1 * n + 1], 1.0f);
  EXPECT_EQ(result.ownership[2 * n + 1], -1.0f);
  // A full search: capturing (3, 3) gains black three stones and their
  // points, and its score lead says so; the root's lead is the tree mean.
  Search full(Options());
  result = RunSearch(full, evaluator, state, 200);
  ASSERT_EQ(result.best_move, MakePoint(3, 3, n));
  const RootMove& capture = result.moves[0];
  EXPECT_GT(capture.score_lead, root.score + 5);
  double weighted = root.score;
  for (const RootMove& move : result.moves) weighted += move.visits * move.score_lead;
  EXPECT_NEAR(result.score_lead, weighted / result.visits, 1e-6);
  // Ownership: the root's and its children's heads, weighted by visits,
  // each child's turned to the root player's view.
  ASSERT_EQ(result.ownership.size(), 25u);
  std::vector<double> expected(root.ownership.begin(), root.ownership.end());
  double weight = 1;
  for (const RootMove& move : result.moves) {
    if (move.visits == 0) continue;
    GameState child = state;
    ASSERT_TRUE(child.Play(move.move).ok());
    std::vector<const GameState*> batch = {&child};
    const Evaluation theirs = (*evaluator.EvaluateBatch(batch))[0];
    for (int i = 0; i < 25; ++i) expected[i] -= move.visits * theirs.ownership[i];
    weight += move.visits;
  }
  for (int i = 0; i < 25; ++i) EXPECT_NEAR(result.ownership[i], expected[i] / weight, 1e-5) << i;
  // The white chain's points lean black's: the capture has the most visits.
  EXPECT_GT(result.ownership[2 * n + 2], root.ownership[2 * n + 2]);
  // Tree reuse keeps the new root's ownership; for white to move after the
  // capture, the captured points are the opponent's.
  GameState after = state;
  ASSERT_TRUE(after.Play(MakePoint(3, 3, n)).ok());
  full.SetPosition(after);
  full.Begin({.visits = 1, .stop_when_decided = false});
  Search* const searches[] = {&full};
  ASSERT_TRUE(RunSearches(evaluator, searches).ok());
  const SearchResult reused = full.Result();
  ASSERT_GT(reused.visits, reused.new_visits);
  ASSERT_EQ(reused.ownership.size(), 25u);
  EXPECT_LT(reused.ownership[2 * n + 2], -0.5f);
  EXPECT_LT(reused.score_lead, 0);
  // Without auxiliary heads there is nothing to back up.
  std::unique_ptr<Evaluator> uniform = CreateUniformEvaluator();
  Search plain(Options());
  const SearchResult none = RunSearch(plain, *uniform, state, 20);
  EXPECT_TRUE(none.ownership.empty());
  EXPECT_EQ(none.score_lead, 0);
}

TEST(SearchTest, RootNoiseChangesPriorsReproduciblyAndOnlyOnce) {
  ScoreEvaluator evaluator;
  SearchOptions options = Options();
  options.root_noise = true;
  options.seed = 5;
  const GameState state(9, FiveByFiveRules());
  Search a(options), b(options);
  const SearchResult ra = RunSearch(a, evaluator, state, 2);
  const SearchResult rb = RunSearch(b, evaluator, state, 2);
  ASSERT_EQ(ra.moves.size(), rb.moves.size());
  double total = 0, spread = 0;
  for (size_t i = 0; i < ra.moves.size(); ++i) {
    EXPECT_EQ(ra.moves[i].prior, rb.moves[i].prior);
    total += ra.moves[i].prior;
    spread = std::max(spread, std::abs(ra.moves[i].prior - 1.0 / ra.moves.size()));
  }
  EXPECT_NEAR(total, 1.0, 1e-4);
  EXPECT_GT(spread, 1e-3);  // not the uniform prior any more
}

// Black owns every point but two one-point eyes: every playout ends at
// once with black's win by the whole board.
constexpr std::string_view kBlackOwnsAll = R"(
  X X X X X
  X . X X X
  X X X X X
  X X X . X
  X X X X X
)";

TEST(SearchTest, PlayoutMixBlendsTheNetworkValueWithPlayoutResults) {
  ScoreEvaluator evaluator(1e9);  // the "network": a value of about 0 everywhere
  auto root_value = [&](double mix, Color to_move) {
    SearchOptions options = Options();
    options.playout_mix = mix;
    options.playouts_per_leaf = 4;
    Search search(options);
    return RunSearch(search, evaluator, Position(kBlackOwnsAll, to_move), 1).raw_value;
  };
  EXPECT_NEAR(root_value(0, Color::kBlack), 0, 1e-6);
  EXPECT_NEAR(root_value(1, Color::kBlack), 1, 1e-6);
  EXPECT_NEAR(root_value(0.5, Color::kBlack), 0.5, 1e-6);
  EXPECT_NEAR(root_value(0.5, Color::kWhite), -0.5, 1e-6);  // for the player to move
}

TEST(SearchOptionsTest, BadSettingsNameThemselves) {
  SearchOptions options;
  options.batch_size = 0;
  EXPECT_NE(options.Validate().message().find("batch size"), std::string::npos);
  options = SearchOptions{};
  options.dirichlet_weight = 2;
  EXPECT_NE(options.Validate().message().find("dirichlet_weight"), std::string::npos);
  options = SearchOptions{};
  options.playout_mix = 1.5;
  EXPECT_NE(options.Validate().message().find("playout mix"), std::string::npos);
  options = SearchOptions{};
  options.playouts_per_leaf = 0;
  EXPECT_NE(options.Validate().message().find("playouts per leaf"), std::string::npos);
  EXPECT_TRUE(SearchOptions{}.Validate().ok());
  EXPECT_EQ(*RootPolicyFromName("Gumbel"), RootPolicy::kGumbel);
  EXPECT_FALSE(RootPolicyFromName("mcts").ok());
}

}  // namespace
}  // namespace tengen
