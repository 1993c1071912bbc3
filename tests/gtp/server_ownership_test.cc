// The auxiliary heads at the GTP layer: kata-analyze's scoreLead and
// ownership (with and without search), the GoGui ownership tool, and
// final_status_list / final_score deciding dead stones by a confident
// ownership estimate.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "engine/coordinates.h"
#include "engine/scoring.h"
#include "gtp/analysis_format.h"
#include "gtp/final_status.h"
#include "tests/gtp/gtp_test_util.h"
#include "tests/support/diagram.h"

namespace tengen {
namespace {

// 5x5, komi 0.5, white to move after 11 moves:
//     5 . X . O X
//     4 . X . O .
//     3 . X . O .
//     2 . X . O .
//     1 . X . O .
//       A B C D E
// By area as it stands (tests/support's ScoreEvaluator): black owns the A
// and B columns and E5 (11 points), white the D column (5); the C column
// and E1-E4 are neutral. Black leads by 11 - 5 - 0.5 = 5.5. The top row
// differs from the others, so a flipped or transposed order shows.
constexpr std::string_view kWallsSetup =
    "boardsize 5\nkomi 0.5\nclear_board\n"
    "play b B1\nplay w D1\nplay b B2\nplay w D2\nplay b B3\nplay w D3\nplay b B4\nplay w D4\n"
    "play b B5\nplay w D5\nplay b E5\n";
constexpr double kWallsBlackLead = 5.5;

// The expected ownership from black's view, row by row from the top-left.
std::vector<float> WallsBlackOwnership() {
  std::vector<float> own;
  for (int y = 0; y < 5; ++y) {
    for (float o : {1.0f, 1.0f, 0.0f, -1.0f, y == 0 ? 1.0f : 0.0f}) own.push_back(o);
  }
  return own;
}

std::unique_ptr<GtpEngine> ScoreHeadEngine(int visits,
                                           SymmetryMode symmetry = SymmetryMode::kNone) {
  GtpEngineOptions options = TestEngineOptions();
  options.board_size = 5;
  options.rules.komi = 0.5;
  options.visits = visits;
  options.symmetry = symmetry;
  // Qualified: server_search_test.cc has a ScoreEvaluator-like class of its
  // own, and unity builds share one anonymous namespace per batch.
  return std::make_unique<GtpEngine>(std::make_unique<tengen::ScoreEvaluator>(),
                                     std::move(options));
}

std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// The values after "ownership" (the last key of a kata-analyze line).
std::vector<double> OwnershipOf(const std::string& line) {
  const std::vector<std::string> w = Words(line);
  std::vector<double> values;
  bool in = false;
  for (const std::string& word : w) {
    if (in) values.push_back(std::stod(word));
    if (word == "ownership") in = true;
  }
  return values;
}

struct KataMove {
  std::string vertex;
  int visits = 0;
  double score_mean = NAN, score_lead = NAN;
};

struct KataLine {
  std::vector<KataMove> moves;
  double root_score_lead = NAN;
  int root_visits = -1;
};

KataLine ParseKata(const std::string& line) {
  const std::vector<std::string> w = Words(line);
  KataLine parsed;
  bool root = false;
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    if (w[i] == "ownership") break;
    if (w[i] == "info") {
      parsed.moves.push_back({});
      root = false;
    }
    if (w[i] == "rootInfo") root = true;
    if (root) {
      if (w[i] == "scoreLead") parsed.root_score_lead = std::stod(w[i + 1]);
      if (w[i] == "visits") parsed.root_visits = std::stoi(w[i + 1]);
    } else if (!parsed.moves.empty()) {
      KataMove& move = parsed.moves.back();
      if (w[i] == "move") move.vertex = w[i + 1];
      if (w[i] == "visits") move.visits = std::stoi(w[i + 1]);
      if (w[i] == "scoreMean") move.score_mean = std::stod(w[i + 1]);
      if (w[i] == "scoreLead") move.score_lead = std::stod(w[i + 1]);
    }
  }
  return parsed;
}

// The one update of an analysis command followed by `name` (a string as
// input: the stream stops at once).
std::string OneUpdate(GtpEngine& engine, const std::string& command) {
  const std::vector<GtpReply> replies = Replies(RunGtp(engine, command + "\nname\n"));
  EXPECT_EQ(replies.size(), 2u);
  if (replies.empty()) return std::string();
  const std::string& body = replies[0].body;
  EXPECT_TRUE(replies[0].success) << body;
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 1) << body;
  return body.substr(1);
}

void ExpectOwnership(const std::vector<double>& got, const std::vector<float>& black_view,
                     double sign, const std::string& context) {
  ASSERT_EQ(got.size(), black_view.size()) << context;
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], sign * black_view[i], 1e-6) << "point " << i << ": " << context;
}

TEST(KataAnalyzeHeads, PolicyAnalysisCarriesTheNetworksScoreAndOwnership) {
  for (const SymmetryMode symmetry : {SymmetryMode::kNone, SymmetryMode::kAverage}) {
    std::unique_ptr<GtpEngine> engine = ScoreHeadEngine(0, symmetry);
    RunGtp(*engine, kWallsSetup);
    for (const Color color : {Color::kBlack, Color::kWhite}) {
      const double sign = color == Color::kBlack ? 1 : -1;
      const std::string line = OneUpdate(
          *engine,
          fmt::format("kata-analyze {} 0 rootInfo true ownership true", GtpColorLetter(color)));
      const KataLine parsed = ParseKata(line);
      ASSERT_FALSE(parsed.moves.empty()) << line;
      for (const KataMove& move : parsed.moves) {
        EXPECT_NEAR(move.score_lead, sign * kWallsBlackLead, 1e-6) << move.vertex << ": " << line;
        EXPECT_NEAR(move.score_mean, sign * kWallsBlackLead, 1e-6) << move.vertex;
      }
      EXPECT_EQ(parsed.root_visits, 1) << line;
      EXPECT_NEAR(parsed.root_score_lead, sign * kWallsBlackLead, 1e-6) << line;
      // Ownership comes last, after rootInfo, as KataGo writes it.
      EXPECT_LT(line.find(" rootInfo "), line.find(" ownership ")) << line;
      ExpectOwnership(OwnershipOf(line), WallsBlackOwnership(), sign, line);
    }
  }
}

TEST(KataAnalyzeHeads, OwnershipOnlyWhenAskedAndNeverOnLeelaLines) {
  std::unique_ptr<GtpEngine> engine = ScoreHeadEngine(0);
  RunGtp(*engine, kWallsSetup);
  EXPECT_EQ(OneUpdate(*engine, "kata-analyze b 0 ownership false").find("ownership"),
            std::string::npos);
  EXPECT_EQ(OneUpdate(*engine, "kata-analyze b 0").find("ownership"), std::string::npos);
  const std::string leela = OneUpdate(*engine, "lz-analyze b 0 ownership true");
  EXPECT_EQ(leela.find("ownership"), std::string::npos) << leela;
  EXPECT_EQ(leela.find("score"), std::string::npos) << leela;
}

TEST(KataAnalyzeHeads, WithoutHeadsTheFlagIsAcceptedAndNothingIsAdded) {
  GtpEngineOptions options = TestEngineOptions();
  options.board_size = 5;
  std::unique_ptr<GtpEngine> engine = MakeTestEngine(options);  // FakeEvaluator: no heads
  const std::string line = OneUpdate(*engine, "kata-analyze b 0 rootInfo true ownership true");
  EXPECT_EQ(line.find("ownership"), std::string::npos) << line;
  EXPECT_EQ(line.find("scoreMean"), std::string::npos) << line;
  EXPECT_TRUE(line.ends_with(" scoreLead 0")) << line;
}

TEST(KataAnalyzeHeads, SearchAnalysisCarriesTheTreesScoreAndOwnership) {
  for (const Color color : {Color::kBlack, Color::kWhite}) {
    std::unique_ptr<GtpEngine> engine = ScoreHeadEngine(50);
    RunGtp(*engine, kWallsSetup);
    const double sign = color == Color::kBlack ? 1 : -1;
    const std::string line = OneUpdate(
        *engine,
        fmt::format("kata-analyze {} 0 rootInfo true ownership true", GtpColorLetter(color)));
    const KataLine parsed = ParseKata(line);
    ASSERT_FALSE(parsed.moves.empty()) << line;
    ASSERT_GT(parsed.root_visits, 2) << line;
    // A move searched once has the score of the board after it, by area,
    // for the player to move at the root.
    const GameState root = engine->PositionFor(color);
    double low = sign * kWallsBlackLead, high = low;  // the root's own evaluation
    int checked = 0;
    for (const KataMove& move : parsed.moves) {
      ASSERT_FALSE(std::isnan(move.score_lead)) << line;
      EXPECT_EQ(move.score_mean, move.score_lead);
      low = std::min(low, move.score_lead);
      high = std::max(high, move.score_lead);
      if (move.visits != 1) continue;
      GameState child = root;
      ASSERT_TRUE(child.Play(*ParseGtpVertex(move.vertex, 5), color).ok()) << move.vertex;
      const double margin = ScoreArea(child.board(), 0.5).Margin();
      EXPECT_NEAR(move.score_lead, sign * margin, 1e-5) << move.vertex << ": " << line;
      ++checked;
    }
    EXPECT_GT(checked, 0) << line;
    // The root's lead is the visit-weighted mean of its own evaluation and
    // its moves' leads, so inside their range (which a flipped sign leaves).
    EXPECT_GE(parsed.root_score_lead, low - 1e-5) << line;
    EXPECT_LE(parsed.root_score_lead, high + 1e-5) << line;
    // Ownership: the walls (B and D) belong to the same side after any one
    // move (no move captures them); the other points vary by move.
    const std::vector<double> own = OwnershipOf(line);
    ASSERT_EQ(own.size(), 25u) << line;
    const std::vector<float> expected = WallsBlackOwnership();
    for (int y = 0; y < 5; ++y) {
      for (int x : {1, 3}) {
        EXPECT_NEAR(own[y * 5 + x], sign * expected[y * 5 + x], 1e-5)
            << "x " << x << " y " << y << ": " << line;
      }
    }
  }
}

TEST(OwnershipTool, ListedForGoGuiAndDrawnFromBlacksView) {
  std::unique_ptr<GtpEngine> engine = ScoreHeadEngine(0);
  const std::vector<GtpReply> replies = Replies(
      RunGtp(*engine, std::string(kWallsSetup) + "gogui-analyze_commands\ntengen-ownership_gfx\n"
                                                 "tengen-ownership_gfx x\n"));
  ASSERT_EQ(replies.size(), 17u);  // 14 of the setup
  EXPECT_NE(replies[14].body.find("\ngfx/Ownership/tengen-ownership_gfx\n"), std::string::npos)
      << replies[14].body;
  // White to move: the values are turned to black's view, as GoGui draws
  // positive influence as black.
  EXPECT_EQ(replies[15].body,
            " INFLUENCE A5 1.000 B5 1.000 C5 0.000 D5 -1.000 E5 1.000"
            " A4 1.000 B4 1.000 C4 0.000 D4 -1.000 E4 0.000"
            " A3 1.000 B3 1.000 C3 0.000 D3 -1.000 E3 0.000"
            " A2 1.000 B2 1.000 C2 0.000 D2 -1.000 E2 0.000"
            " A1 1.000 B1 1.000 C1 0.000 D1 -1.000 E1 0.000\n"
            "TEXT white to move, score B+5.5, ownership: black 11.0 points, white 5.0");
  EXPECT_FALSE(replies[16].success);
  EXPECT_EQ(replies[16].body, " syntax error");
}

TEST(OwnershipTool, UsesTheSearchWhenSearching) {
  std::unique_ptr<GtpEngine> engine = ScoreHeadEngine(30);
  const std::vector<GtpReply> replies =
      Replies(RunGtp(*engine, std::string(kWallsSetup) + "tengen-ownership_gfx\n"));
  ASSERT_EQ(replies.size(), 15u);
  const std::string& body = replies[14].body;
  ASSERT_TRUE(replies[14].success) << body;
  // White to move: any white move may change the A column or take E5, but
  // none the walls.
  EXPECT_EQ(body.rfind(" INFLUENCE A5 ", 0), 0u) << body;
  for (std::string_view point : {" B5 1.000 ", " B1 1.000 ", " D5 -1.000 ", " D1 -1.000 "})
    EXPECT_NE(body.find(point), std::string::npos) << point << ": " << body;
  EXPECT_NE(body.find("\nTEXT white to move, score B+"), std::string::npos) << body;
  // The search's tree is the engine's: the tool's visits stay in it.
  EXPECT_GE(engine->SearchSoFar().visits, 30);
}

TEST(OwnershipTool, ClearErrorWithoutAnOwnershipHead) {
  for (int visits : {0, 10}) {
    GtpEngineOptions options = TestEngineOptions();
    options.visits = visits;
    std::unique_ptr<GtpEngine> engine = MakeTestEngine(options);
    const std::vector<GtpReply> replies = Replies(RunGtp(*engine, "tengen-ownership_gfx\n"));
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_FALSE(replies[0].success);
    EXPECT_EQ(replies[0].body, " the network has no ownership head") << visits;
  }
}

// A network whose ownership is fixed (from black's view, y*N + x) whatever
// the position, turned to the player to move's view; uniform policy, value
// and score 0. Counts its calls.
class FixedOwnershipEvaluator : public Evaluator {
 public:
  explicit FixedOwnershipEvaluator(std::vector<float> black_view, int* calls)
      : black_view_(std::move(black_view)), calls_(calls) {}
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    ++*calls_;
    std::vector<Evaluation> out;
    for (const GameState* state : states) {
      Evaluation e;
      e.logits.assign(state->size() * state->size() + 1, 0.0f);
      e.policy = MaskedSoftmax(e.logits, *state);
      e.ownership = black_view_;
      if (state->to_move() == Color::kWhite)
        for (float& o : e.ownership) o = -o;
      out.push_back(std::move(e));
    }
    return out;
  }
  std::string Describe() const override { return "fixed ownership"; }

 private:
  std::vector<float> black_view_;
  int* calls_;
};

// Two walls on 5x5, black B, white D, komi 0.5: both alive by the playouts
// (B+10 - W+10 - 0.5 = W+0.5).
constexpr std::string_view kTwoWallsSetup =
    "boardsize 5\nkomi 0.5\nclear_board\n"
    "play b B1\nplay w D1\nplay b B2\nplay w D2\nplay b B3\nplay w D3\nplay b B4\nplay w D4\n"
    "play b B5\nplay w D5\n";

std::vector<GtpReply> ScoreWithOwnership(float black_view_everywhere, int* calls) {
  GtpEngineOptions options = TestEngineOptions();
  options.board_size = 5;
  GtpEngine engine(std::make_unique<FixedOwnershipEvaluator>(
                       std::vector<float>(25, black_view_everywhere), calls),
                   options);
  RunGtp(engine, kTwoWallsSetup);
  return Replies(RunGtp(engine, "final_status_list dead\nfinal_status_list alive\nfinal_score\n"));
}

TEST(FinalStatusOwnership, AConfidentOwnershipDecidesAgainstTheStones) {
  int calls = 0;
  // Everything white's with 0.9: the black wall is dead.
  std::vector<GtpReply> replies = ScoreWithOwnership(-0.9f, &calls);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0].body, " B5 B4 B3 B2 B1");
  EXPECT_EQ(replies[1].body, " D5 D4 D3 D2 D1");
  EXPECT_EQ(replies[2].body, " W+25.5");
  EXPECT_EQ(calls, 3);  // one evaluation each
  // Everything black's: now the white wall is dead.
  replies = ScoreWithOwnership(0.8f, &calls);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0].body, " D5 D4 D3 D2 D1");
  EXPECT_EQ(replies[2].body, " B+24.5");
}

TEST(FinalStatusOwnership, AnUnsureOwnershipLeavesItToThePlayouts) {
  int calls = 0;
  const std::vector<GtpReply> replies = ScoreWithOwnership(-0.79f, &calls);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0].body, "");
  EXPECT_EQ(replies[1].body, " B5 B4 B3 B2 B1\nD5 D4 D3 D2 D1");
  EXPECT_EQ(replies[2].body, " W+0.5");
}

TEST(FinalStatusOwnership, WithoutAHeadTheNetworkIsAskedOnce) {
  std::vector<int> batches;
  GtpEngineOptions options = TestEngineOptions();
  options.board_size = 5;
  std::unique_ptr<GtpEngine> engine = MakeTestEngine(options, &batches);
  RunGtp(*engine, kTwoWallsSetup);
  const std::vector<GtpReply> replies =
      Replies(RunGtp(*engine, "final_score\nfinal_status_list dead\nfinal_score\n"));
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0].body, " W+0.5");
  EXPECT_EQ(replies[1].body, "");
  EXPECT_EQ(batches.size(), 1u);
}

Board OwnershipBoard(std::string_view diagram) {
  absl::StatusOr<Board> board = BoardFromDiagram(diagram);
  EXPECT_TRUE(board.ok()) << board.status();
  return *board;
}

std::string StatusChains(const Board& board, const std::vector<StoneStatus>& statuses,
                         StoneStatus status) {
  std::string text;
  for (const std::vector<Point>& chain : ChainsWithStatus(board, statuses, status)) {
    if (!text.empty()) text += '|';
    for (size_t i = 0; i < chain.size(); ++i)
      text += (i > 0 ? " " : "") + GtpVertex(chain[i], board.size());
  }
  return text;
}

TEST(FinalStatusOwnership, ChainsDecidedByOwnershipOthersByPlayouts) {
  // By the playouts A3 (white) and E3 (black) are dead.
  const Board board = OwnershipBoard(R"(
    . . X O .
    . . X O .
    O . X O X
    . . X O .
    . . X O .)");
  // For black to move: A3 confidently white's (-1 for black is +1 for the
  // white stone there), everything else unsure.
  std::vector<float> own(25, 0.0f);
  own[2 * 5 + 0] = -1.0f;
  const std::vector<StoneStatus> statuses = FinalStatuses(board, Color::kBlack, {}, own);
  EXPECT_EQ(StatusChains(board, statuses, StoneStatus::kDead), "E3");
  EXPECT_EQ(StatusChains(board, statuses, StoneStatus::kAlive), "C5 C4 C3 C2 C1|D5 D4 D3 D2 D1|A3");
  // The same seen from white to move: the signs turn with the player.
  for (float& o : own) o = -o;
  EXPECT_EQ(StatusChains(board, FinalStatuses(board, Color::kWhite, {}, own), StoneStatus::kDead),
            "E3");
  // Against the walls: the mean over the chain decides, a few points do not.
  std::vector<float> against(25, 0.0f);
  for (int y = 0; y < 5; ++y) against[y * 5 + 2] = -0.9f;  // the C column white's
  EXPECT_EQ(
      StatusChains(board, FinalStatuses(board, Color::kBlack, {}, against), StoneStatus::kDead),
      "C5 C4 C3 C2 C1|A3|E3");
  against[0 * 5 + 2] = 0.0f;  // C5 unsure: mean -0.72
  EXPECT_EQ(
      StatusChains(board, FinalStatuses(board, Color::kBlack, {}, against), StoneStatus::kDead),
      "A3|E3");
}

TEST(FinalStatusOwnership, PassAliveStonesStayAliveWhateverTheOwnership) {
  const Board board = OwnershipBoard(R"(
    . X . X .
    X X X X X
    . . . . .
    . . . . .
    . . . . .)");
  const std::vector<float> white_everywhere(25, -1.0f);  // for black to move
  const std::vector<StoneStatus> statuses =
      FinalStatuses(board, Color::kBlack, {}, white_everywhere);
  EXPECT_EQ(StatusChains(board, statuses, StoneStatus::kDead), "");
  EXPECT_EQ(StatusChains(board, statuses, StoneStatus::kAlive), "B5 D5 A4 B4 C4 D4 E4");
}

TEST(FinalStatusOwnership, SekiStillFoundWithAnUnsureOwnership) {
  const Board board = OwnershipBoard(R"(
    . X . O
    X X O .
    X X O O
    X X O O)");
  const std::vector<StoneStatus> statuses =
      FinalStatuses(board, Color::kBlack, {}, std::vector<float>(16, 0.1f));
  EXPECT_EQ(StatusChains(board, statuses, StoneStatus::kSeki),
            "B4 A3 B3 A2 B2 A1 B1|D4|C3 C2 D2 C1 D1");
  EXPECT_EQ(ScoreWithStatuses(board, statuses, 0.5).Margin(),
            ScoreArea(board, 0.5).Margin());  // nothing removed
}

TEST(KataFormat, SearchLineScoresAndOwnershipAsGiven) {
  SearchResult result;
  result.visits = 3;
  result.value = 0.5;
  result.score_lead = -2.25;
  result.ownership = {0.5f, -0.25f, 1.0f, -1.0f};  // 2x2
  RootMove a{.move = MakePoint(0, 0, 2), .visits = 2, .value = 0.5, .lcb = 0.1, .prior = 0.5f};
  a.score_lead = -2.5;
  a.pv = {a.move};
  const std::string line = FormatSearchLine({a}, result, 2, AnalysisStyle::kKata,
                                            {.root_info = true, .ownership = true});
  EXPECT_EQ(line,
            "info move A2 visits 2 utility 0.500000 winrate 0.750000 scoreMean -2.500000 "
            "scoreLead -2.500000 prior 0.500000 lcb 0.550000 utilityLcb 0.100000 order 0 pv A2 "
            "rootInfo visits 3 utility 0.500000 winrate 0.750000 scoreLead -2.250000 "
            "ownership 0.500000 -0.250000 1.000000 -1.000000");
  // Without heads (no ownership): no score keys, rootInfo's scoreLead 0.
  result.ownership.clear();
  result.score_lead = 0;
  EXPECT_EQ(FormatSearchLine({a}, result, 2, AnalysisStyle::kKata,
                             {.root_info = true, .ownership = true}),
            "info move A2 visits 2 utility 0.500000 winrate 0.750000 prior 0.500000 lcb "
            "0.550000 utilityLcb 0.100000 order 0 pv A2 rootInfo visits 3 utility 0.500000 "
            "winrate 0.750000 scoreLead 0");
}

}  // namespace
}  // namespace tengen
