// Whole games between `tengen gtp` and GNU Go 3.8, relayed through Tengen's
// GTP client (gtp/gtp_client.h) the way a match runner relays them: 9x9,
// Chinese rules on both sides so both count area, komi 7.5, genmove to the
// side to move and play to the other, until two passes in a row or a
// resignation. At the end the two engines must agree on the board, on the
// dead stones and on the score, and each engine's score must follow from its
// own dead stones by an area count done here, independently of both.
//
// The model is a tiny untrained network (1 block of 8 channels): what is
// tested is the protocol and the end of the game (passing, dead stones,
// scoring), not strength. Games are deterministic: Tengen samples from a
// seed, GNU Go gets a seed too.
#include <unistd.h>

#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "gtp/client/gtp_client.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

constexpr int kSize = 9;
constexpr double kKomi = 7.5;
// About 3.7 moves a point. Games between these two end within about 110
// moves; one that reaches this would be two engines that never agree to
// stop, which is a bug to find, not a long game.
constexpr int kMoveCap = 300;
constexpr std::string_view kColumns = "ABCDEFGHJ";  // GTP skips I

// ---- Stones, vertices, area counting: independent of both engines ----

using Vertices = std::set<std::string>;  // GTP vertices in upper case

std::string VertexName(int column, int row) {  // column 0 = A, row 1 = bottom
  return std::string(1, kColumns[column]) + std::to_string(row);
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// The vertices in a reply such as final_status_list's or list_stones': any
// whitespace (spaces, one chain a line) between them.
Vertices ParseVertices(std::string_view text) {
  Vertices vertices;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) vertices.insert(Upper(word));
  return vertices;
}

std::string Join(const Vertices& vertices) {
  std::string text;
  for (const std::string& v : vertices) text += (text.empty() ? "" : " ") + v;
  return text.empty() ? "(none)" : text;
}

struct Stones {
  Vertices black;
  Vertices white;
  bool operator==(const Stones&) const = default;
};

// Tengen's showboard: a row of column letters, then one line per row from
// the top, "<row> <points> <row>", with X black, O white, '.' empty, then the
// letters again and a status line. Nullopt (with *error) if it is not that.
std::optional<Stones> ParseTengenBoard(std::string_view board, std::string* error) {
  Stones stones;
  std::istringstream lines{std::string(board)};
  int next_row = kSize;
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    int row = 0;
    if (!(words >> row)) continue;  // the letters, the status line
    if (row != next_row) {
      *error = "expected row " + std::to_string(next_row) + ", got: " + line;
      return std::nullopt;
    }
    for (int column = 0; column < kSize; ++column) {
      std::string point;
      words >> point;
      if (point == "X") {
        stones.black.insert(VertexName(column, row));
      } else if (point == "O") {
        stones.white.insert(VertexName(column, row));
      } else if (point != ".") {
        *error = "unexpected point '" + point + "' in: " + line;
        return std::nullopt;
      }
    }
    int row_again = 0;
    if (!(words >> row_again) || row_again != row) {
      *error = "row " + std::to_string(row) + " does not end with its number: " + line;
      return std::nullopt;
    }
    --next_row;
  }
  if (next_row != 0) {
    *error = "the board has " + std::to_string(kSize - next_row) + " rows";
    return std::nullopt;
  }
  return stones;
}

// Black's area minus White's, Tromp-Taylor, after taking `dead` off the
// board: stones plus the empty points that reach only that colour.
int AreaDifference(const Stones& stones, const Vertices& dead) {
  std::array<std::array<char, kSize>, kSize> grid;  // [column][row - 1]
  for (int c = 0; c < kSize; ++c) {
    for (int r = 0; r < kSize; ++r) {
      const std::string v = VertexName(c, r + 1);
      grid[c][r] = dead.contains(v)           ? '.'
                   : stones.black.contains(v) ? 'X'
                   : stones.white.contains(v) ? 'O'
                                              : '.';
    }
  }
  int difference = 0;
  std::array<std::array<bool, kSize>, kSize> seen{};
  for (int c = 0; c < kSize; ++c) {
    for (int r = 0; r < kSize; ++r) {
      if (grid[c][r] == 'X') ++difference;
      if (grid[c][r] == 'O') --difference;
      if (grid[c][r] != '.' || seen[c][r]) continue;
      // Flood the empty region from here; note the colours it touches.
      std::vector<std::pair<int, int>> stack{{c, r}};
      seen[c][r] = true;
      int size = 0;
      bool touches_black = false, touches_white = false;
      while (!stack.empty()) {
        const auto [x, y] = stack.back();
        stack.pop_back();
        ++size;
        for (const auto& [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
          const int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= kSize || ny >= kSize) continue;
          if (grid[nx][ny] == 'X') touches_black = true;
          if (grid[nx][ny] == 'O') touches_white = true;
          if (grid[nx][ny] == '.' && !seen[nx][ny]) {
            seen[nx][ny] = true;
            stack.push_back({nx, ny});
          }
        }
      }
      if (touches_black && !touches_white) difference += size;
      if (touches_white && !touches_black) difference -= size;
    }
  }
  return difference;
}

// "B+3.5" -> 3.5, "W+0.5" -> -0.5, "0" -> 0 (Black's margin); nullopt for
// anything else.
std::optional<double> ParseScore(std::string_view text) {
  if (text == "0") return 0.0;
  if (text.size() < 3 || text[1] != '+' || (text[0] != 'B' && text[0] != 'W')) return std::nullopt;
  char* end = nullptr;
  const std::string number(text.substr(2));
  const double margin = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(margin) || margin <= 0)
    return std::nullopt;
  return text[0] == 'B' ? margin : -margin;
}

// ---- The engines ----

// The text of a '=' reply; a '?' reply or a broken engine fails the test.
std::string Ask(GtpClient& engine, std::string_view command) {
  absl::StatusOr<std::string> text = engine.Command(command);
  EXPECT_TRUE(text.ok()) << text.status() << "\nits stderr ends:\n" << engine.StderrTail();
  return text.ok() ? *text : "";
}

std::unique_ptr<GtpClient> StartEngine(std::vector<std::string> argv) {
  const std::string command_line = argv[0];
  absl::StatusOr<std::unique_ptr<GtpClient>> client = GtpClient::StartArgv(std::move(argv));
  EXPECT_TRUE(client.ok()) << command_line << ": " << client.status();
  return client.ok() ? std::move(*client) : nullptr;
}

struct GameSetup {
  std::string name;
  char tengen_color;                      // 'b' or 'w'
  std::vector<std::string> tengen_flags;  // after --model
  int gnugo_seed;
};

// Names the game in test output (instead of a dump of its bytes).
void PrintTo(const GameSetup& setup, std::ostream* out) { *out << setup.name; }

struct GameRecord {
  std::vector<std::string> moves;  // "B E5", "W PASS", ...
  std::string resigned;            // "b" or "w" when a player resigned
  bool ended_by_passes = false;

  std::string Moves() const {
    std::string text;
    for (size_t i = 0; i < moves.size(); ++i) text += (i % 10 == 0 ? "\n  " : ", ") + moves[i];
    return text;
  }
};

class GnuGoGameTest : public ::testing::TestWithParam<GameSetup> {
 protected:
  void SetUp() override {
    if (access(TENGEN_GNUGO, X_OK) != 0) {
      FAIL() << TENGEN_GNUGO << " is missing: install Debian's gnugo (scripts/install-deps.sh)";
    }
    dir_ = fs::temp_directory_path() /
           ("tengen_gnugo_game_" + std::to_string(getpid()) + "_" + GetParam().name);
    fs::create_directories(dir_);
    model_ = (dir_ / "model.tgm").string();
    const std::string init = std::string(TENGEN_BINARY) + " model init --blocks 1 --channels 8" +
                             " --seed 1 --out " + model_ + " >" + (dir_ / "init.log").string() +
                             " 2>&1";
    ASSERT_EQ(std::system(init.c_str()), 0) << init;

    std::vector<std::string> tengen_argv = {TENGEN_BINARY, "gtp", "--model", model_};
    for (const std::string& flag : GetParam().tengen_flags) tengen_argv.push_back(flag);
    tengen_ = StartEngine(std::move(tengen_argv));
    gnugo_ = StartEngine({TENGEN_GNUGO, "--mode", "gtp", "--level", "1", "--chinese-rules",
                          "--positional-superko", "--seed", std::to_string(GetParam().gnugo_seed)});
    ASSERT_TRUE(tengen_ != nullptr && gnugo_ != nullptr);
  }

  void TearDown() override {
    for (GtpClient* engine : {tengen_.get(), gnugo_.get()}) {
      if (engine != nullptr && engine->usable()) {
        EXPECT_TRUE(engine->Quit().ok()) << engine->name();
      }
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Plays the game to its end into record_; stops early on a failure.
  void Play() {
    for (GtpClient* engine : {tengen_.get(), gnugo_.get()}) {
      for (const char* command : {"boardsize 9", "clear_board", "komi 7.5"}) Ask(*engine, command);
    }
    char color = 'b';
    int passes = 0;
    while (!HasFailure()) {
      if (record_.moves.size() == kMoveCap) {
        FAIL() << "no end after " << kMoveCap << " moves: the engines never pass twice in a row"
               << record_.Moves() << "\nTengen's board:\n"
               << Ask(*tengen_, "showboard");
      }
      const bool tengen_moves = color == GetParam().tengen_color;
      GtpClient& mover = tengen_moves ? *tengen_ : *gnugo_;
      GtpClient& other = tengen_moves ? *gnugo_ : *tengen_;
      const std::string move = Upper(Ask(mover, std::string("genmove ") + color));
      if (HasFailure()) return;
      record_.moves.push_back(std::string(1, std::toupper(color)) + " " + move);
      if (move == "RESIGN") {
        record_.resigned = std::string(1, color);
        return;
      }
      // The other engine must find the move legal: both play Chinese rules
      // with positional superko.
      absl::StatusOr<std::string> played = other.Command(std::string("play ") + color + " " + move);
      ASSERT_TRUE(played.ok()) << played.status() << "\nafter" << record_.Moves();
      passes = move == "PASS" ? passes + 1 : 0;
      if (passes == 2) {
        record_.ended_by_passes = true;
        return;
      }
      color = color == 'b' ? 'w' : 'b';
    }
  }

  // Both boards hold the same stones: Tengen's showboard and GNU Go's
  // list_stones. Sets *stones and where_.
  void ExpectSameStones(Stones* stones) {
    std::string error;
    const std::string tengen_board = Ask(*tengen_, "showboard");
    const std::optional<Stones> tengen_stones = ParseTengenBoard(tengen_board, &error);
    ASSERT_TRUE(tengen_stones.has_value()) << error << "\n" << tengen_board;
    const Stones gnugo_stones{.black = ParseVertices(Ask(*gnugo_, "list_stones black")),
                              .white = ParseVertices(Ask(*gnugo_, "list_stones white"))};
    ASSERT_EQ(*tengen_stones, gnugo_stones)
        << "Tengen's board:\n"
        << tengen_board << "\nGNU Go's black stones: " << Join(gnugo_stones.black)
        << "\nGNU Go's white stones: " << Join(gnugo_stones.white);
    *stones = *tengen_stones;
    where_ = "\nTengen's board:\n" + tengen_board + "\nmoves:" + record_.Moves();
  }

  // Tengen's statuses split its stones: alive, dead and seki are disjoint
  // and cover every stone.
  void ExpectStatusesCoverTheStones(const Stones& stones) {
    Vertices all = stones.black;
    all.insert(stones.white.begin(), stones.white.end());
    size_t listed = 0;
    Vertices union_of_statuses;
    for (const char* status : {"alive", "dead", "seki"}) {
      const Vertices chains =
          ParseVertices(Ask(*tengen_, std::string("final_status_list ") + status));
      listed += chains.size();
      union_of_statuses.insert(chains.begin(), chains.end());
    }
    EXPECT_EQ(union_of_statuses, all) << where_;
    EXPECT_EQ(listed, all.size()) << "a stone has two statuses" << where_;
  }

  // Each engine's score is the area count with its own dead stones taken
  // off, and the engines agree: the same winner by the same margin, from the
  // same dead stones. Sets *area to Black's area minus White's.
  void ExpectTheSameScore(const Stones& stones, int* area) {
    const std::string tengen_text = Ask(*tengen_, "final_score");
    const std::string gnugo_text = Ask(*gnugo_, "final_score");
    const Vertices tengen_dead = ParseVertices(Ask(*tengen_, "final_status_list dead"));
    const Vertices gnugo_dead = ParseVertices(Ask(*gnugo_, "final_status_list dead"));
    const std::optional<double> tengen_score = ParseScore(tengen_text);
    const std::optional<double> gnugo_score = ParseScore(gnugo_text);
    ASSERT_TRUE(tengen_score.has_value()) << "Tengen's final_score: " << tengen_text;
    ASSERT_TRUE(gnugo_score.has_value()) << "GNU Go's final_score: " << gnugo_text;
    *area = AreaDifference(stones, tengen_dead);
    EXPECT_EQ(*tengen_score, *area - kKomi)
        << "Tengen says " << tengen_text << " but its dead stones (" << Join(tengen_dead)
        << ") give an area difference of " << *area << where_;
    EXPECT_EQ(*gnugo_score, AreaDifference(stones, gnugo_dead) - kKomi)
        << "GNU Go says " << gnugo_text << " with dead stones " << Join(gnugo_dead) << where_;
    EXPECT_EQ(*tengen_score, *gnugo_score)
        << "Tengen: " << tengen_text << ", dead " << Join(tengen_dead) << "\nGNU Go: " << gnugo_text
        << ", dead " << Join(gnugo_dead) << where_;
    EXPECT_EQ(tengen_dead, gnugo_dead)
        << "Tengen: " << tengen_text << "\nGNU Go: " << gnugo_text << where_;
    summary_ = tengen_text + ", " + std::to_string(tengen_dead.size()) + " dead stones";
  }

  // The winner by half a point either way, and a draw: komi set after the
  // game moves only the margin, and both engines say so alike. GNU Go keeps
  // its scoring of a position by board and seed, not by komi, so each komi
  // gets a fresh seed there (final_score's optional argument).
  void ExpectCloseMarginsAlike(int area) {
    int gnugo_scoring_seed = 0;
    for (const auto& [komi, expected] :
         {std::pair{area - 0.5, "B+0.5"}, std::pair{area + 0.5, "W+0.5"},
          std::pair{double(area), "0"}}) {
      const std::string set_komi = "komi " + std::to_string(komi);
      Ask(*tengen_, set_komi);
      Ask(*gnugo_, set_komi);
      EXPECT_EQ(Ask(*tengen_, "final_score"), expected) << set_komi;
      const std::string gnugo_command = "final_score " + std::to_string(++gnugo_scoring_seed);
      EXPECT_EQ(ParseScore(Ask(*gnugo_, gnugo_command)), ParseScore(expected))
          << set_komi << ", " << gnugo_command;
    }
  }

  fs::path dir_;
  std::string model_;
  std::unique_ptr<GtpClient> tengen_;
  std::unique_ptr<GtpClient> gnugo_;
  GameRecord record_;
  std::string where_;    // the final board and the moves, for messages
  std::string summary_;  // the result, for the log
};

TEST_P(GnuGoGameTest, EnginesAgreeOnTheBoardTheDeadStonesAndTheScore) {
  const auto start = std::chrono::steady_clock::now();
  Play();
  ASSERT_FALSE(HasFailure());
  Stones stones;
  ASSERT_NO_FATAL_FAILURE(ExpectSameStones(&stones));
  if (record_.ended_by_passes) {
    ExpectStatusesCoverTheStones(stones);
    int area = 0;
    ASSERT_NO_FATAL_FAILURE(ExpectTheSameScore(stones, &area));
    ExpectCloseMarginsAlike(area);
  } else {
    // A resigned game is not played out: the dead stones and the score of
    // an unfinished position are estimates that need not agree.
    summary_ = record_.resigned + " resigned";
  }
  std::cout << GetParam().name << " (Tengen "
            << (GetParam().tengen_color == 'b' ? "black" : "white") << "): " << record_.moves.size()
            << " moves, " << summary_ << ", "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
            << " s\n";
}

INSTANTIATE_TEST_SUITE_P(
    Games, GnuGoGameTest,
    ::testing::Values(
        // Sampling from the policy, as in self-play: seeds give different games.
        GameSetup{.name = "SampledSeed1TengenBlack",
                  .tengen_color = 'b',
                  .tengen_flags = {"--policy", "sample", "--seed", "1"},
                  .gnugo_seed = 1},
        GameSetup{.name = "SampledSeed2TengenWhite",
                  .tengen_color = 'w',
                  .tengen_flags = {"--policy", "sample", "--seed", "2"},
                  .gnugo_seed = 2},
        // The defaults a GUI gets: argmax over the 8 symmetries, resigning allowed.
        GameSetup{.name = "DefaultsTengenWhite",
                  .tengen_color = 'w',
                  .tengen_flags = {"--seed", "3"},
                  .gnugo_seed = 3}),
    [](const ::testing::TestParamInfo<GameSetup>& info) { return info.param.name; });

}  // namespace
}  // namespace tengen
