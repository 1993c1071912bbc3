// genmove, analysis and the tools with the tree search on: tactics, real
// visit counts in the analysis, streaming until the next command, tree
// reuse, the clock, tengen-visits, and --visits 0 as the policy engine.

#include <chrono>
#include <cmath>
#include <numeric>
#include <sstream>
#include <thread>

#include "engine/coordinates.h"
#include "engine/scoring.h"
#include "tests/gtp/gtp_test_util.h"

namespace tengen {
namespace {

using std::chrono::steady_clock;

// The value is the area score for the player to move (tanh(margin / 4)), as
// tests/support's ScoreEvaluator; the policy prefers the
// corner A1 (the bottom-left point), so the policy alone never sees a
// capture elsewhere. Sleeps `delay` per call when set.
class CornerScoreEvaluator : public Evaluator {
 public:
  explicit CornerScoreEvaluator(std::chrono::microseconds delay = {}) : delay_(delay) {}
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    std::vector<Evaluation> out;
    for (const GameState* state : states) {
      const int n = state->size();
      Evaluation e;
      e.logits.assign(n * n + 1, 0.0f);
      e.logits[(n - 1) * n] = 1.0f;  // A1
      e.logits[n * n] = -1.0f;
      e.policy = MaskedSoftmax(e.logits, *state);
      const double margin = ScoreArea(state->board(), state->rules().komi).Margin();
      const double mover = state->to_move() == Color::kBlack ? margin : -margin;
      e.value = static_cast<float>(std::tanh(mover / 4));
      out.push_back(std::move(e));
    }
    return out;
  }
  std::string Describe() const override { return "score evaluator"; }

 private:
  std::chrono::microseconds delay_;
};

// Black loses everywhere: a value of -0.99 for black to move, 0.99 for
// white; uniform policy.
class BlackLosesEvaluator : public Evaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    std::vector<Evaluation> out;
    for (const GameState* state : states) {
      Evaluation e;
      e.logits.assign(state->size() * state->size() + 1, 0.0f);
      e.policy = MaskedSoftmax(e.logits, *state);
      e.value = state->to_move() == Color::kBlack ? -0.99f : 0.99f;
      out.push_back(std::move(e));
    }
    return out;
  }
  std::string Describe() const override { return "black loses"; }
};

GtpEngineOptions SearchOptions5x5(int visits) {
  GtpEngineOptions options = TestEngineOptions();
  options.board_size = 5;
  options.rules.komi = 0.5;
  options.visits = visits;
  return options;
}

std::unique_ptr<GtpEngine> ScoreEngine(int visits, std::chrono::microseconds delay = {}) {
  return std::make_unique<GtpEngine>(std::make_unique<CornerScoreEvaluator>(delay),
                                     SearchOptions5x5(visits));
}

// Black to move; white's C3 has one liberty left, at C2.
void SetUpCapture(GtpEngine& engine) {
  for (auto [color, vertex] : std::vector<std::pair<Color, std::string>>{{Color::kBlack, "B3"},
                                                                         {Color::kWhite, "C3"},
                                                                         {Color::kBlack, "D3"},
                                                                         {Color::kWhite, "E5"},
                                                                         {Color::kBlack, "C4"},
                                                                         {Color::kWhite, "A5"}})
    ASSERT_TRUE(engine.Play(color, *ParseGtpVertex(vertex, 5)).ok());
}

std::string Vertex(Point p) { return GtpVertex(p, 5); }

int Count(std::string_view text, std::string_view word) {
  int count = 0;
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1))
    ++count;
  return count;
}

TEST(SearchGenMove, FindsTheCaptureThePolicyMisses) {
  std::unique_ptr<GtpEngine> policy_only = ScoreEngine(0);
  SetUpCapture(*policy_only);
  absl::StatusOr<GenMoveResult> plain = policy_only->GenMove(Color::kBlack, GenMoveKind::kPlay);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(Vertex(plain->decision.point), "A1");
  EXPECT_FALSE(plain->search.has_value());

  for (RootPolicy root : {RootPolicy::kPuct, RootPolicy::kGumbel}) {
    std::unique_ptr<GtpEngine> engine = ScoreEngine(64);
    engine->SetRootPolicy(root);
    SetUpCapture(*engine);
    absl::StatusOr<GenMoveResult> result = engine->GenMove(Color::kBlack, GenMoveKind::kPlay);
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_TRUE(result->search.has_value());
    EXPECT_EQ(Vertex(result->decision.point), "C2") << RootPolicyName(root);
    EXPECT_EQ(engine->game().board().At(*ParseGtpVertex("C3", 5)), Color::kEmpty);
  }
}

TEST(SearchGenMove, SamplingDrawsAVisitedMove) {
  GtpEngineOptions options = SearchOptions5x5(64);
  options.choice = {.mode = ChoiceMode::kSample, .temperature = 0.1};
  GtpEngine engine(std::make_unique<CornerScoreEvaluator>(), options);
  SetUpCapture(engine);
  absl::StatusOr<GenMoveResult> result = engine.GenMove(Color::kBlack, GenMoveKind::kRegression);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Vertex(result->decision.point), "C2");  // nearly all the visits at T = 0.1
}

TEST(SearchGenMove, ReusesTheTreeAcrossPlayAndGenMove) {
  std::unique_ptr<GtpEngine> engine = ScoreEngine(40);
  SetUpCapture(*engine);
  absl::StatusOr<GenMoveResult> first = engine->GenMove(Color::kBlack, GenMoveKind::kPlay);
  ASSERT_TRUE(first.ok() && first->search);
  EXPECT_EQ(first->search->visits, first->search->new_visits);  // a fresh tree
  const std::vector<Point>& pv = first->search->moves.front().pv;
  ASSERT_GE(pv.size(), 2u);
  ASSERT_TRUE(engine->Play(Color::kWhite, pv[1]).ok());  // the reply the search expected
  absl::StatusOr<GenMoveResult> second = engine->GenMove(Color::kBlack, GenMoveKind::kPlay);
  ASSERT_TRUE(second.ok() && second->search);
  EXPECT_GT(second->search->visits, second->search->new_visits);
  // Undo leads elsewhere: a fresh tree.
  ASSERT_TRUE(engine->Undo(3).ok());
  absl::StatusOr<GenMoveResult> third = engine->GenMove(Color::kBlack, GenMoveKind::kRegression);
  ASSERT_TRUE(third.ok() && third->search);
  EXPECT_EQ(third->search->visits, third->search->new_visits);
}

TEST(SearchGenMove, RespectsTheTimeBudget) {
  // 10 million visits, but one second a move (Canadian: 1 stone in 1 s).
  std::unique_ptr<GtpEngine> engine = ScoreEngine(kMaxVisits, std::chrono::microseconds(500));
  engine->time_control().Configure(GtpTimeSettings(0, 1, 1));
  const auto start = steady_clock::now();
  absl::StatusOr<GenMoveResult> result = engine->GenMove(Color::kBlack, GenMoveKind::kPlay);
  const double seconds = std::chrono::duration<double>(steady_clock::now() - start).count();
  ASSERT_TRUE(result.ok() && result->search);
  EXPECT_LT(seconds, 1.5);
  EXPECT_GT(seconds, 0.5);  // it used its time (0.75 s)
  EXPECT_GT(result->search->new_visits, 100);
}

TEST(SearchGenMove, KeepsTheResignAndFriendlyPassRules) {
  // Early on black plays on; from move 25 / 4 it resigns.
  GtpEngine losing(std::make_unique<BlackLosesEvaluator>(), SearchOptions5x5(16));
  const std::vector<GtpReply> replies =
      Replies(RunGtp(losing,
                     "genmove b\nundo\nplay b C3\nplay w A1\nplay b A3\nplay w A4\nplay b A5\n"
                     "play w B1\ngenmove b\n"));
  ASSERT_EQ(replies.size(), 9u);
  EXPECT_NE(replies[0].body, " resign");
  for (int i = 1; i < 8; ++i) EXPECT_TRUE(replies[i].success) << i;
  EXPECT_EQ(replies[8].body, " resign");
  // Black passed and white leads by komi on the board: white passes too.
  std::unique_ptr<GtpEngine> engine = ScoreEngine(16);
  EXPECT_EQ(Replies(RunGtp(*engine, "play b pass\ngenmove w\n"))[1].body, " pass");
}

TEST(SearchGenMove, CleanupDecidesFromThePolicyAsWithoutSearch) {
  const std::string session =
      "komi 0\nplay b C1\nplay w D1\nplay b C2\nplay w D2\nplay b C3\nplay w D3\nplay b C4\n"
      "play w D4\nplay b C5\nplay w D5\nplay w A3\nplay w pass\nkgs-genmove_cleanup b\n"
      "play w pass\nkgs-genmove_cleanup b\n";
  std::unique_ptr<GtpEngine> with_search = MakeTestEngine(SearchOptions5x5(16));
  std::unique_ptr<GtpEngine> without = MakeTestEngine(SearchOptions5x5(0));
  EXPECT_EQ(RunGtp(*with_search, session), RunGtp(*without, session));
}

TEST(SearchSettings, TengenVisitsChangesTheVisitCount) {
  std::unique_ptr<GtpEngine> engine = MakeTestEngine(SearchOptions5x5(0));
  const std::vector<GtpReply> replies =
      Replies(RunGtp(*engine,
                     "tengen-visits 20\ntengen-visits\ntengen-visits_gfx\ntengen-visits 7\n"
                     "tengen-visits_gfx\ntengen-visits 0\ntengen-settings\n"));
  ASSERT_EQ(replies.size(), 7u);
  EXPECT_EQ(replies[1].body, " 20");
  EXPECT_NE(replies[2].body.find("TEXT 20 visits"), std::string::npos) << replies[2].body;
  // The same position again: 7 more on the kept tree.
  EXPECT_NE(replies[4].body.find("TEXT 27 visits"), std::string::npos) << replies[4].body;
  EXPECT_EQ(replies[6].body.find("visits"), std::string::npos) << replies[6].body;
}

TEST(SearchSettings, VisitsZeroGivesExactlyThePolicyEnginesReplies) {
  const std::string session =
      "genmove b\nlz-genmove_analyze w\nkata-genmove_analyze b rootInfo true\n"
      "lz-analyze w 1\nkata-analyze b 1 rootInfo true\ntengen-settings\ngenmove w\n";
  std::unique_ptr<GtpEngine> policy = MakeTestEngine(SearchOptions5x5(0));
  std::unique_ptr<GtpEngine> switched_off = MakeTestEngine(SearchOptions5x5(50));
  const std::string expected = RunGtp(*policy, session);
  EXPECT_EQ(RunGtp(*switched_off, "tengen-visits 0\n" + session), "=\n\n" + expected);
  // Without search, rootInfo is the one network evaluation.
  EXPECT_NE(expected.find("rootInfo visits 1 "), std::string::npos) << expected;
}

// Serves `first`, then after `wait` sends `second` and ends the input.
// *stopped_after is the time from sending `second` to the end of Run.
std::string ServeThroughAPipe(GtpEngine& engine, std::string first, std::string second,
                              std::chrono::milliseconds wait, double* stopped_after) {
  const PipedSession session = ServeThroughAPipe(
      engine, {{.text = std::move(first)}, {.wait = wait, .text = std::move(second)}});
  *stopped_after = session.seconds_after_last;
  return session.output;
}

struct ParsedLine {
  std::vector<int> visits;  // per listed move
  std::vector<int> orders;
  std::vector<size_t> pv_lengths;
  int root_visits = -1;
};

ParsedLine ParseKataLine(const std::string& line) {
  ParsedLine parsed;
  std::istringstream words(line);
  std::vector<std::string> w;
  for (std::string word; words >> word;) w.push_back(word);
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i] == "info") {
      parsed.visits.push_back(std::stoi(w.at(i + 4)));  // info move X visits N
      for (size_t j = i + 1; j < w.size() && w[j] != "info" && w[j] != "rootInfo"; ++j) {
        if (w[j] == "order") parsed.orders.push_back(std::stoi(w.at(j + 1)));
        if (w[j] == "pv") {
          size_t k = j + 1;
          while (k < w.size() && w[k] != "info" && w[k] != "rootInfo") ++k;
          parsed.pv_lengths.push_back(k - j - 1);
        }
      }
    }
    if (w[i] == "rootInfo") parsed.root_visits = std::stoi(w.at(i + 2));
  }
  return parsed;
}

TEST(SearchAnalysis, StreamsRealVisitsUntilTheNextCommand) {
  std::unique_ptr<GtpEngine> engine = ScoreEngine(100, std::chrono::microseconds(200));
  double stopped_after = 0;
  const std::string output =
      ServeThroughAPipe(*engine, "1 kata-analyze b 5 rootInfo true\n", "2 name\n",
                        std::chrono::milliseconds(400), &stopped_after);
  EXPECT_LT(stopped_after, 0.3);  // the next command ends the stream at once
  const std::vector<GtpReply> replies = Replies(output);
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[1].id, "2");
  EXPECT_EQ(replies[1].body, " Tengen");
  std::vector<std::string> updates;
  std::istringstream lines(replies[0].body.substr(1));
  for (std::string line; std::getline(lines, line);) updates.push_back(line);
  ASSERT_GE(updates.size(), 3u) << replies[0].body;
  int previous_root = 0;
  for (const std::string& update : updates) {
    const ParsedLine parsed = ParseKataLine(update);
    ASSERT_FALSE(parsed.visits.empty()) << update;
    int sum = 0;
    for (size_t i = 0; i < parsed.visits.size(); ++i) {
      sum += parsed.visits[i];
      EXPECT_EQ(parsed.orders.at(i), static_cast<int>(i));
      EXPECT_GT(parsed.visits[i], 0);
      if (i > 0) {
        EXPECT_LE(parsed.visits[i], parsed.visits[i - 1]) << update;
      }
    }
    EXPECT_EQ(sum, parsed.root_visits - 1) << update;
    EXPECT_GE(parsed.root_visits, previous_root);
    previous_root = parsed.root_visits;
  }
  EXPECT_GT(previous_root, 100);  // more than a genmove's visits: it searched until input
  // The best move's variation is several moves long.
  EXPECT_GE(ParseKataLine(updates.back()).pv_lengths.at(0), 3u) << updates.back();
}

TEST(SearchAnalysis, InputAtOnceStillGetsOneUpdateWithVisits) {
  std::unique_ptr<GtpEngine> engine = ScoreEngine(40);
  const std::vector<GtpReply> replies =
      Replies(RunGtp(*engine, "kata-analyze b 10 rootInfo true\nname\n"));
  ASSERT_EQ(replies.size(), 2u);
  const std::string& body = replies[0].body;
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 1) << body;
  const ParsedLine parsed = ParseKataLine(body.substr(1));
  ASSERT_FALSE(parsed.visits.empty()) << body;
  EXPECT_GT(parsed.visits[0], 0);
  EXPECT_EQ(std::accumulate(parsed.visits.begin(), parsed.visits.end(), 0), parsed.root_visits - 1);
}

TEST(SearchAnalysis, LeelaLinesAndFiltersUseTheSearch) {
  std::unique_ptr<GtpEngine> engine = ScoreEngine(40);
  SetUpCapture(*engine);
  double stopped_after = 0;
  const std::string output =
      ServeThroughAPipe(*engine, "lz-analyze b 2 maxmoves 2 avoid b A1 1\n", "name\n",
                        std::chrono::milliseconds(200), &stopped_after);
  const std::vector<GtpReply> replies = Replies(output);
  ASSERT_EQ(replies.size(), 2u);
  std::istringstream lines(replies[0].body.substr(1));
  std::string last;
  for (std::string line; std::getline(lines, line);) last = line;
  EXPECT_EQ(last.rfind("info move C2 visits ", 0), 0u) << last;
  EXPECT_EQ(Count(last, "info move"), 2) << last;
  EXPECT_EQ(last.find("info move A1"), std::string::npos) << last;
}

TEST(SearchAnalysis, AvoidAndAllowSteerTheSearchItself) {
  // C2 captures, so an unrestricted search spends most visits there.
  for (const std::string filter : {"avoid b C2 1", "allow b A1,E1 1"}) {
    std::unique_ptr<GtpEngine> engine = ScoreEngine(40);
    SetUpCapture(*engine);
    double stopped_after = 0;
    const std::string output =
        ServeThroughAPipe(*engine, "kata-analyze b 2 rootInfo true " + filter + "\n", "name\n",
                          std::chrono::milliseconds(200), &stopped_after);
    const std::vector<GtpReply> replies = Replies(output);
    ASSERT_EQ(replies.size(), 2u) << filter;
    std::istringstream lines(replies[0].body.substr(1));
    std::string last;
    for (std::string line; std::getline(lines, line);) last = line;
    const ParsedLine parsed = ParseKataLine(last);
    EXPECT_EQ(last.find("info move C2"), std::string::npos) << filter << ": " << last;
    // Every visit went to the listed moves: none to the excluded ones.
    EXPECT_GT(parsed.root_visits, 10) << filter;
    EXPECT_EQ(std::accumulate(parsed.visits.begin(), parsed.visits.end(), 0),
              parsed.root_visits - 1)
        << filter << ": " << last;
    if (filter.starts_with("allow")) {
      EXPECT_EQ(Count(last, "info move"), 2) << last;
    }
  }
}

TEST(SearchAnalysis, GenMoveAnalyzeStreamsThenPlays) {
  std::unique_ptr<GtpEngine> engine = ScoreEngine(200, std::chrono::microseconds(4000));
  SetUpCapture(*engine);
  const std::vector<GtpReply> replies =
      Replies(RunGtp(*engine, "kata-genmove_analyze b 1 rootInfo true\n"));
  ASSERT_EQ(replies.size(), 1u);
  const std::string& body = replies[0].body;
  EXPECT_GE(std::count(body.begin(), body.end(), '\n'), 3) << body;  // updates, then the move
  EXPECT_TRUE(body.ends_with("\nplay C2")) << body;
}

}  // namespace
}  // namespace tengen
