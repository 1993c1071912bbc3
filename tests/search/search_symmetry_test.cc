// Search properties that need evaluators of their own: results are
// equivariant under the 8 board symmetries, visit shares follow the priors
// when every value is equal, and memory stays flat over 10,000 moves.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/random.h"
#include "engine/scoring.h"
#include "engine/symmetry.h"
#include "search/search.h"
#include "search/search_driver.h"

namespace tengen {
namespace {

// Colour at (x, y) for the player to move: 0 empty, 1 own, 2 opponent, 3 off the board.
int ColourAt(const GameState& state, int x, int y) {
  const int n = state.size();
  if (x < 0 || y < 0 || x >= n || y >= n) return 3;
  const Color c = state.board().At(MakePoint(x, y, n));
  if (c == Color::kEmpty) return 0;
  return c == state.to_move() ? 1 : 2;
}

// An evaluator that commutes with the board symmetries: a point's logit
// depends only on the whole board as seen from that point, up to rotation
// and reflection (the least of the 8 views), so mirrored positions get
// mirrored priors; in a position without symmetry every point's prior
// differs, so nothing is left to tie-breaking. Value: tanh(margin / 10).
class ViewEvaluator : public Evaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    std::vector<Evaluation> out;
    for (const GameState* state : states) out.push_back(Evaluate(*state));
    return out;
  }
  std::string Describe() const override { return "view evaluator"; }

 private:
  static Evaluation Evaluate(const GameState& state) {
    const int n = state.size();
    Evaluation e;
    e.logits.assign(n * n + 1, -2.0f);
    for (int y = 0; y < n; ++y) {
      for (int x = 0; x < n; ++x) {
        std::string least;
        for (int t = 0; t < kNumSymmetries; ++t) {
          std::string view;
          for (int dy = -(n - 1); dy <= n - 1; ++dy)
            for (int dx = -(n - 1); dx <= n - 1; ++dx) {
              // The offset turned by t (a linear map about the origin).
              const auto [ox, oy] = ApplySymmetry(t, n - 1 + dx, n - 1 + dy, 2 * n - 1);
              view += static_cast<char>('0' + ColourAt(state, x + ox - (n - 1), y + oy - (n - 1)));
            }
          if (t == 0 || view < least) least = view;
        }
        uint64_t hash = 0xCBF29CE484222325ull;
        for (char c : least) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
        e.logits[y * n + x] = static_cast<float>((hash % 10007) / 2000.0);
      }
    }
    e.policy = MaskedSoftmax(e.logits, state);
    const double margin = ScoreArea(state.board(), state.rules().komi).Margin();
    e.value =
        static_cast<float>(std::tanh((state.to_move() == Color::kBlack ? margin : -margin) / 10));
    return e;
  }
};

GameState RandomPosition(int size, int moves, uint64_t seed) {
  Rules rules = Rules::Chinese();
  rules.komi = 0.5;
  GameState state(size, rules);
  Rng rng(seed);
  for (int i = 0; i < moves; ++i) {
    const std::vector<Point> legal = state.LegalMoves(state.to_move());
    EXPECT_TRUE(state.Play(legal[rng.Below(static_cast<uint32_t>(legal.size()))]).ok());
  }
  return state;
}

std::map<Point, int> VisitsByMove(const SearchResult& result) {
  std::map<Point, int> visits;
  for (const RootMove& move : result.moves) visits[move.move] = move.visits;
  return visits;
}

TEST(SearchSymmetryTest, MirroredPositionsGiveMirroredSearches) {
  const GameState position = RandomPosition(7, 9, 3);
  ViewEvaluator evaluator;
  for (RootPolicy policy : {RootPolicy::kPuct, RootPolicy::kGumbel}) {
    for (int batch : {1, 8}) {
      SearchOptions options;
      options.root_policy = policy;
      options.batch_size = batch;
      options.gumbel_considered = 8;
      const SearchLimits limits{.visits = 120, .stop_when_decided = false};
      Search reference_search(options);
      absl::StatusOr<SearchResult> reference =
          SearchPosition(evaluator, reference_search, position, limits);
      ASSERT_TRUE(reference.ok()) << reference.status();
      const std::map<Point, int> reference_visits = VisitsByMove(*reference);
      for (int s = 1; s < kNumSymmetries; ++s) {
        Search search(options);
        absl::StatusOr<SearchResult> mirrored =
            SearchPosition(evaluator, search, ApplySymmetry(s, position), limits);
        ASSERT_TRUE(mirrored.ok()) << mirrored.status();
        const std::map<Point, int> visits = VisitsByMove(*mirrored);
        ASSERT_EQ(visits.size(), reference_visits.size());
        for (const auto& [move, count] : reference_visits)
          EXPECT_EQ(visits.at(ApplySymmetry(s, move, 7)), count)
              << RootPolicyName(policy) << " batch " << batch << " symmetry " << s;
        EXPECT_EQ(mirrored->best_move, ApplySymmetry(s, reference->best_move, 7));
        EXPECT_DOUBLE_EQ(mirrored->value, reference->value);
      }
    }
  }
}

// Fixed priors 0.5, 0.3 and 0.2 on three points (the rest near zero) and
// value 0 everywhere: PUCT's visit shares approach the priors.
class FixedPriorEvaluator : public Evaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    std::vector<Evaluation> out;
    for (const GameState* state : states) {
      const int n = state->size();
      Evaluation e;
      e.logits.assign(n * n + 1, -30.0f);
      e.logits[0] = std::log(0.5f);
      e.logits[1] = std::log(0.3f);
      e.logits[2] = std::log(0.2f);
      e.policy = MaskedSoftmax(e.logits, *state);
      out.push_back(std::move(e));
    }
    return out;
  }
  std::string Describe() const override { return "fixed priors"; }
};

TEST(SearchSymmetryTest, VisitSharesFollowThePriorsWhenValuesAreEqual) {
  FixedPriorEvaluator evaluator;
  Search search(SearchOptions{});
  absl::StatusOr<SearchResult> result =
      SearchPosition(evaluator, search, GameState(5), {.visits = 3001, .stop_when_decided = false});
  ASSERT_TRUE(result.ok()) << result.status();
  const std::map<Point, int> visits = VisitsByMove(*result);
  const double total = 3000;
  EXPECT_NEAR(visits.at(MakePoint(0, 0, 5)) / total, 0.5, 0.03);
  EXPECT_NEAR(visits.at(MakePoint(1, 0, 5)) / total, 0.3, 0.03);
  EXPECT_NEAR(visits.at(MakePoint(2, 0, 5)) / total, 0.2, 0.03);
}

// Resident memory in MB, from /proc/self/statm.
double ResidentMegabytes() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * (sysconf(_SC_PAGESIZE) / 1e6);
}

// AddressSanitizer keeps freed blocks in quarantine (256 MB by default), so
// resident memory there grows with every allocation, leak or not.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

TEST(SearchSymmetryTest, MemoryIsFlatOverTenThousandMoves) {
  if (kAddressSanitizer)
    GTEST_SKIP() << "under AddressSanitizer freed memory stays resident (its quarantine), so "
                    "resident size says nothing about leaks here; LeakSanitizer checks those";
  FixedPriorEvaluator evaluator;
  SearchOptions options;
  options.batch_size = 4;
  Search search(options);
  Rng rng(5);
  GameState game(7);
  double after_first_thousand = 0;
  for (int move = 0; move < 10000; ++move) {
    if (move == 1000) after_first_thousand = ResidentMegabytes();
    absl::StatusOr<SearchResult> result =
        SearchPosition(evaluator, search, game.WithRecentHistory(16), {.visits = 8});
    ASSERT_TRUE(result.ok()) << result.status();
    // Random moves keep the games varied; every move goes through the tree.
    const std::vector<Point> legal = game.LegalMoves(game.to_move());
    const Point chosen = legal.empty() || game.move_number() > 80
                             ? kPass
                             : legal[rng.Below(static_cast<uint32_t>(legal.size()))];
    ASSERT_TRUE(game.Play(chosen).ok());
    if (game.IsOver() || game.move_number() > 90) game = GameState(7);
  }
  EXPECT_LT(ResidentMegabytes() - after_first_thousand, 8.0)
      << "resident memory grew from " << after_first_thousand << " MB";
}

}  // namespace
}  // namespace tengen

namespace tengen {
namespace {

// A fresh tree whose root is already in the cache is expanded inside
// Gather: the root must still be prepared (Gumbel's considered moves, the
// noise), whichever root policy.
TEST(SearchCacheTest, ARootFoundInTheCacheIsPreparedLikeAnEvaluatedOne) {
  auto cache = std::make_shared<EvalCache>(1000);
  FixedPriorEvaluator evaluator;
  const GameState position(5);
  for (RootPolicy policy : {RootPolicy::kGumbel, RootPolicy::kPuct}) {
    SearchOptions options;
    options.root_policy = policy;
    options.root_noise = true;
    options.gumbel_considered = 4;
    Search first(options, cache);
    ASSERT_TRUE(SearchPosition(evaluator, first, position, {.visits = 20}).ok());
    Search second(options, cache);  // its root comes from the cache
    absl::StatusOr<SearchResult> result =
        SearchPosition(evaluator, second, position, {.visits = 20, .stop_when_decided = false});
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_GT(result->cache_hits, 0);
    EXPECT_EQ(result->new_visits, 20);
    double total = 0;
    for (const RootMove& move : result->moves) total += move.prior;
    EXPECT_NEAR(total, 1.0, 1e-4);
    // Noise moved the priors off the network's 0.5 / 0.3 / 0.2.
    EXPECT_NE(result->moves[0].prior, 0.5f) << RootPolicyName(policy);
  }
}

}  // namespace
}  // namespace tengen
