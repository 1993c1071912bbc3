// Pondering: after a genmove the engine searches the opponent's position
// until the next command, the tree it grows serves the next genmove, and
// the next command is still answered at once.
#include <chrono>
#include <string>
#include <vector>

#include "engine/coordinates.h"
#include "tests/gtp/gtp_test_util.h"

namespace tengen {
namespace {

using std::chrono::milliseconds;

struct LoggedEngine {
  std::shared_ptr<std::vector<std::string>> log = std::make_shared<std::vector<std::string>>();
  std::unique_ptr<GtpEngine> engine;
};

LoggedEngine SearchingEngine(bool ponder) {
  LoggedEngine result;
  GtpEngineOptions options = TestEngineOptions();
  options.board_size = 5;
  options.visits = 16;
  options.ponder = ponder;
  options.log = [log = result.log](std::string_view line) { log->emplace_back(line); };
  result.engine = MakeTestEngine(options);
  return result;
}

// The visits of the first "pondered N visits ..." line, -1 without one.
int PonderedVisits(const std::vector<std::string>& log) {
  for (const std::string& line : log)
    if (line.starts_with("pondered ")) return std::stoi(line.substr(9));
  return -1;
}

TEST(Ponder, SearchesTheOpponentsMoveAndTheNextGenMoveKeepsThatTree) {
  LoggedEngine logged = SearchingEngine(/*ponder=*/true);
  GtpEngine& engine = *logged.engine;
  ASSERT_TRUE(engine.GenMove(Color::kBlack, GenMoveKind::kPlay).ok());
  int calls = 0;
  engine.Ponder([&] { return ++calls >= 20; });
  EXPECT_EQ(calls, 20);
  const SearchResult pondered = engine.SearchSoFar();
  EXPECT_EQ(pondered.new_visits, PonderedVisits(*logged.log));
  EXPECT_GT(pondered.new_visits, 16);
  ASSERT_FALSE(pondered.moves.empty());
  // White plays the move the ponder search liked best; black's search
  // starts from its subtree.
  const RootMove& reply = pondered.moves.front();
  ASSERT_TRUE(engine.Play(Color::kWhite, reply.move).ok());
  absl::StatusOr<GenMoveResult> next = engine.GenMove(Color::kBlack, GenMoveKind::kPlay);
  ASSERT_TRUE(next.ok() && next->search);
  EXPECT_GE(next->search->visits - next->search->new_visits, reply.visits - 1);
}

TEST(Ponder, DoesNothingWhenOffOrWithoutSearch) {
  LoggedEngine off = SearchingEngine(/*ponder=*/false);
  ASSERT_TRUE(off.engine->GenMove(Color::kBlack, GenMoveKind::kPlay).ok());
  const int visits = off.engine->SearchSoFar().visits;
  off.engine->Ponder([] { return false; });
  EXPECT_EQ(off.engine->SearchSoFar().visits, visits);
  EXPECT_EQ(PonderedVisits(*off.log), -1);

  LoggedEngine policy_only = SearchingEngine(/*ponder=*/true);
  ASSERT_TRUE(policy_only.engine->SetVisits(0).ok());
  ASSERT_TRUE(policy_only.engine->GenMove(Color::kBlack, GenMoveKind::kPlay).ok());
  policy_only.engine->Ponder([] { return false; });
  EXPECT_EQ(policy_only.engine->SearchSoFar().visits, 0);
}

TEST(Ponder, TheServerPondersAfterGenMoveAndAnswersTheNextCommandAtOnce) {
  LoggedEngine logged = SearchingEngine(/*ponder=*/false);
  const PipedSession session = ServeThroughAPipe(
      *logged.engine, {{.text = "1 tengen-ponder\n2 tengen-ponder on\n3 genmove b\n"},
                       {.wait = milliseconds(300), .text = "4 tengen-ponder\n5 name\n"}});
  EXPECT_LT(session.seconds_after_last, 0.25);
  const std::vector<GtpReply> replies = Replies(session.output);
  ASSERT_EQ(replies.size(), 5u);
  EXPECT_EQ(replies[0].body, " off");
  EXPECT_TRUE(ParseGtpVertex(replies[2].body.substr(1), 5).ok()) << replies[2].body;
  EXPECT_EQ(replies[3].body, " on");
  EXPECT_EQ(replies[4].body, " Tengen");
  // 300 ms of pondering is far more than genmove's 16 visits.
  EXPECT_GT(PonderedVisits(*logged.log), 16);
}

TEST(Ponder, NotAfterCommandsThatPlayNothing) {
  LoggedEngine logged = SearchingEngine(/*ponder=*/true);
  const PipedSession session = ServeThroughAPipe(
      *logged.engine, {{.text = "1 reg_genmove b\n2 play b C3\n3 tengen-ponder off\n4 genmove w\n"},
                       {.wait = milliseconds(100), .text = "5 name\n"}});
  ASSERT_EQ(Replies(session.output).size(), 5u);
  EXPECT_EQ(PonderedVisits(*logged.log), -1);
  EXPECT_EQ(RunGtp(*logged.engine, "6 tengen-ponder sideways\n"), "?6 syntax error\n\n");
}

}  // namespace
}  // namespace tengen
