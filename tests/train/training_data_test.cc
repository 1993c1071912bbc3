// Training data files: round trips of real self-play games, validation of
// every field, the Python reader of docs/training_data.md, and positions
// made from SGF records.
#include "train/training_data.h"

#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <numeric>
#include <regex>
#include <sstream>

#include "base/fmt_absl.h"
#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "tests/selfplay/selfplay_test_util.h"
#include "tests/support/files.h"
#include "tests/support/run_command.h"
#include "tests/support/status_text.h"
#include "tests/support/temp_dir.h"
#include "train/npz.h"
#include "train/training_window.h"

namespace tengen {
namespace {

void ExpectSameChunk(const TrainingChunk& actual, const TrainingChunk& expected) {
  EXPECT_EQ(actual.board_size, expected.board_size);
  EXPECT_EQ(actual.games, expected.games);
  EXPECT_EQ(actual.rules, expected.rules);
  EXPECT_EQ(actual.komi, expected.komi);
  EXPECT_EQ(actual.model, expected.model);
  EXPECT_EQ(actual.source, expected.source);
  EXPECT_EQ(actual.planes, expected.planes);
  EXPECT_EQ(actual.mask, expected.mask);
  EXPECT_EQ(actual.policy, expected.policy);
  EXPECT_EQ(actual.move, expected.move);
  EXPECT_EQ(actual.outcome, expected.outcome);
  EXPECT_EQ(actual.value, expected.value);
  EXPECT_EQ(actual.ownership, expected.ownership);
  EXPECT_EQ(actual.score, expected.score);
  EXPECT_EQ(actual.has_final, expected.has_final);
}

TEST(TrainingDataTest, FilesOfRealSelfPlayGamesRoundTrip) {
  TempDir dir("training_data_round_trip");
  const std::vector<FinishedGame> games = PlayUniformGames(7, 3, 11);
  TrainingChunk all;
  all.board_size = 7;
  for (const FinishedGame& game : games) {
    SCOPED_TRACE(game.index);
    ASSERT_GT(game.data.positions(), 0);
    EXPECT_EQ(game.data.source, "selfplay");
    // Self-play knows every final position, and its ownership is not blank.
    EXPECT_EQ(std::count(game.data.has_final.begin(), game.data.has_final.end(), 1),
              game.data.positions());
    EXPECT_GT(std::count(game.data.ownership.begin(), game.data.ownership.end(), 1), 0);
    EXPECT_GT(std::count(game.data.ownership.begin(), game.data.ownership.end(), -1), 0);
    EXPECT_FALSE(game.data.rules.empty());
    const std::string path = dir.Path(fmt::format("game-{}.npz", game.index));
    ASSERT_TRUE(WriteTrainingFile(path, game.data).ok());
    absl::StatusOr<TrainingChunk> read = ReadTrainingFile(path);
    ASSERT_TRUE(read.ok()) << read.status();
    ExpectSameChunk(*read, game.data);
    EXPECT_EQ(read->created.size(), std::string("2026-11-27T12:00:00Z").size()) << read->created;
    all.Append(game.data);
  }
  all.created = "2026-01-02T03:04:05Z";
  all.model = "test model";
  EXPECT_EQ(all.games, 3);
  EXPECT_EQ(all.positions(),
            games[0].data.positions() + games[1].data.positions() + games[2].data.positions());
  absl::StatusOr<std::string> bytes = EncodeTrainingChunk(all);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  absl::StatusOr<TrainingChunk> decoded = DecodeTrainingChunk(*bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSameChunk(*decoded, all);
  EXPECT_EQ(decoded->created, all.created);
  // Same contents, same bytes.
  EXPECT_EQ(*EncodeTrainingChunk(all), *bytes);
  // Atomic writes leave no temporary files behind.
  EXPECT_EQ(FilesContaining(dir.path(), ".tmp.").size(), 0u);
}

TEST(TrainingDataTest, ValidateRejectsEveryOutOfRangeValue) {
  const std::vector<FinishedGame> games = PlayUniformGames(5, 1, 3);
  const TrainingChunk good = games[0].data;
  ASSERT_TRUE(good.Validate().ok()) << good.Validate();
  ASSERT_GE(good.positions(), 2);
  int disallowed = 0;
  while (good.mask[disallowed]) ++disallowed;  // a move position 0 could not choose
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<std::pair<std::string, std::function<void(TrainingChunk&)>>> damage = {
      {"feature plane", [](TrainingChunk& c) { c.planes[5] = 2; }},
      {"off the board", [](TrainingChunk& c) { c.move[0] = -1; }},
      {"off the board", [](TrainingChunk& c) { c.move[1] = 26; }},
      {"not allowed", [&](TrainingChunk& c) { c.move[0] = static_cast<int16_t>(disallowed); }},
      {"outcome", [](TrainingChunk& c) { c.outcome[1] = 2; }},
      {"outcome", [](TrainingChunk& c) { c.outcome[0] = -3; }},
      {"value", [&](TrainingChunk& c) { c.value[0] = nan; }},
      {"value", [](TrainingChunk& c) { c.value[1] = 1.5f; }},
      {"probability", [](TrainingChunk& c) { c.policy[3] = -0.125f; }},
      {"probability", [&](TrainingChunk& c) { c.policy[7] = nan; }},
      {"probability", [&](TrainingChunk& c) { c.policy[30] = inf; }},
      {"array sizes", [](TrainingChunk& c) { c.policy.pop_back(); }},
      {"array sizes", [](TrainingChunk& c) { c.planes.pop_back(); }},
      {"array sizes", [](TrainingChunk& c) { c.mask.push_back(1); }},
      {"array sizes", [](TrainingChunk& c) { c.outcome.push_back(1); }},
      {"array sizes", [](TrainingChunk& c) { c.value.pop_back(); }},
      {"board size", [](TrainingChunk& c) { c.board_size = 0; }},
      {"board size", [](TrainingChunk& c) { c.board_size = 26; }},
      {"ownership 2", [](TrainingChunk& c) { c.ownership[3] = 2; }},
      {"ownership -2", [](TrainingChunk& c) { c.ownership[30] = -2; }},
      {"score nan", [&](TrainingChunk& c) { c.score[1] = nan; }},
      {"score -inf", [&](TrainingChunk& c) { c.score[0] = -inf; }},
      {"final flag 2", [](TrainingChunk& c) { c.has_final[1] = 2; }},
      {"final position is unknown",
       [](TrainingChunk& c) {  // ownership left where has_final says unknown
         c.has_final[0] = 0;
         c.score[0] = 0;
       }},
      {"final position is unknown",
       [](TrainingChunk& c) {  // a score left where has_final says unknown
         std::fill(c.ownership.begin(), c.ownership.begin() + 25, 0);
         c.has_final[0] = 0;
         c.score[0] = 3.5f;
       }},
      {"array sizes", [](TrainingChunk& c) { c.ownership.pop_back(); }},
      {"array sizes", [](TrainingChunk& c) { c.score.push_back(0); }},
      {"array sizes", [](TrainingChunk& c) { c.has_final.pop_back(); }},
  };
  TempDir dir("training_data_validate");
  for (const auto& [message, change] : damage) {
    SCOPED_TRACE(message);
    TrainingChunk bad = good;
    change(bad);
    const absl::Status status = bad.Validate();
    EXPECT_TRUE(absl::IsDataLoss(status)) << status;
    EXPECT_TRUE(MessageHas(status, message)) << status;
    EXPECT_FALSE(EncodeTrainingChunk(bad).ok());
    EXPECT_FALSE(WriteTrainingFile(dir.Path("bad.npz"), bad).ok());
    EXPECT_FALSE(test_fs::exists(dir.Path("bad.npz")));
  }
  EXPECT_TRUE(test_fs::is_empty(dir.path()));
}

// Archives that are valid .npz files but not valid training data: decoding
// checks the header, every array's dtype and shape, and every value.
TEST(TrainingDataTest, DecodingRejectsWellFormedArchivesWithBadContents) {
  const TrainingChunk good = PlayUniformGames(5, 1, 4)[0].data;
  const std::vector<NpyArray> arrays = *DecodeNpz(*EncodeTrainingChunk(good));
  auto find = [](std::vector<NpyArray>& all, std::string_view name) -> NpyArray& {
    for (NpyArray& a : all)
      if (a.name == name) return a;
    ADD_FAILURE() << "no " << name;
    return all[0];
  };
  auto set_header = [&](std::vector<NpyArray>& all, const std::string& from,
                        const std::string& to) {
    NpyArray& header = find(all, "header");
    const size_t at = header.data.find(from);
    ASSERT_NE(at, std::string::npos) << header.data;
    header.data.replace(at, from.size(), to);
    header.shape = {static_cast<int64_t>(header.data.size())};
  };
  const std::string p = fmt::format("\"positions\":{}", good.positions());
  const std::vector<std::pair<std::string, std::function<void(std::vector<NpyArray>&)>>> damage = {
      {"outcome", [&](std::vector<NpyArray>& a) { find(a, "outcome").data[0] = 5; }},
      {"feature plane", [&](std::vector<NpyArray>& a) { find(a, "planes").data[3] = 7; }},
      {"dtype <i4, expected <i2",
       [&](std::vector<NpyArray>& a) {
         NpyArray& move = find(a, "move");
         std::vector<int32_t> wide(move.As<int16_t>().begin(), move.As<int16_t>().end());
         move = MakeNpyArray<int32_t>("move", NpyType::kInt32, move.shape, wide);
       }},
      {"array 'value' is missing",
       [&](std::vector<NpyArray>& a) {
         std::erase_if(a, [](const NpyArray& x) { return x.name == "value"; });
       }},
      {"no header", [&](std::vector<NpyArray>& a) { find(a, "header").name = "metadata"; }},
      {"not a Tengen training data file",
       [&](std::vector<NpyArray>& a) {
         set_header(a, "tengen-training-data", "tengen-training-dat");
       }},
      {"array 'ownership' is missing",
       [&](std::vector<NpyArray>& a) {
         std::erase_if(a, [](const NpyArray& x) { return x.name == "ownership"; });
       }},
      {"array 'final' has the wrong shape",
       [&](std::vector<NpyArray>& a) {
         NpyArray& final = find(a, "final");
         final = MakeNpyArray<uint8_t>("final", NpyType::kUint8, {final.shape[0] - 1},
                                       final.As<uint8_t>().first(final.shape[0] - 1));
       }},
      {"array 'score' has dtype <i2, expected <f4",
       [&](std::vector<NpyArray>& a) {
         NpyArray& score = find(a, "score");
         std::vector<int16_t> whole(score.shape[0], 0);
         score = MakeNpyArray<int16_t>("score", NpyType::kInt16, score.shape, whole);
       }},
      {"ownership 3", [&](std::vector<NpyArray>& a) { find(a, "ownership").data[7] = 3; }},
      {"data format version 0 is not 1..2",
       [&](std::vector<NpyArray>& a) { set_header(a, "\"version\":2", "\"version\":0"); }},
      {"wrong shape",
       [&](std::vector<NpyArray>& a) {
         set_header(a, p, fmt::format("\"positions\":{}", good.positions() + 1));
       }},
      {"feature set",
       [&](std::vector<NpyArray>& a) { set_header(a, "\"planes\":15", "\"planes\":16"); }},
      {"header", [&](std::vector<NpyArray>& a) { set_header(a, "{", "["); }},
  };
  for (const auto& [message, change] : damage) {
    SCOPED_TRACE(message);
    std::vector<NpyArray> bad = arrays;
    change(bad);
    absl::StatusOr<std::string> bytes = EncodeNpz(bad);
    ASSERT_TRUE(bytes.ok());
    absl::StatusOr<TrainingChunk> decoded = DecodeTrainingChunk(*bytes);
    ASSERT_FALSE(decoded.ok());
    EXPECT_TRUE(absl::IsDataLoss(decoded.status())) << decoded.status();
    EXPECT_TRUE(MessageHas(decoded.status(), message)) << decoded.status();
  }
}

TEST(TrainingDataTest, ReadingNamesTheFileAndWhatIsWrong) {
  TempDir dir("training_data_read_errors");
  EXPECT_FALSE(ReadTrainingFile(dir.Path("missing.npz")).ok());
  EXPECT_TRUE(MessageHas(ReadTrainingFile(dir.Path("missing.npz")).status(), "missing.npz"));
  const std::string path = dir.Path("cut.npz");
  const std::string bytes = *EncodeTrainingChunk(PlayUniformGames(5, 1, 5)[0].data);
  WriteBytes(path, bytes.substr(0, bytes.size() / 2));
  const absl::StatusOr<TrainingChunk> read = ReadTrainingFile(path);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(absl::IsDataLoss(read.status()));
  EXPECT_TRUE(MessageHas(read.status(), path)) << read.status();
}

// A file as version 1 wrote it, member by member: the arrays of version 2
// less ownership, score and final, with a version-1 header.
std::string VersionOneFile(const TrainingChunk& c) {
  const int64_t p = c.positions(), n = c.board_size, moves = n * n + 1;
  const std::string header = fmt::format(
      R"({{"format":"tengen-training-data","version":1,"board_size":{},"feature_set":{},)"
      R"("planes":{},"positions":{},"games":{},"rules":"{}","komi":{},"model":"{}",)"
      R"("source":"{}","created":"2026-11-27T12:00:00Z"}})",
      n, kFeatureSetVersion, kNumFeaturePlanes, p, c.games, c.rules, c.komi, c.model, c.source);
  const std::vector<NpyArray> arrays = {
      MakeNpyArray<char>("header", NpyType::kUint8, {static_cast<int64_t>(header.size())},
                         std::span<const char>(header.data(), header.size())),
      MakeNpyArray<uint8_t>("planes", NpyType::kUint8, {p, kNumFeaturePlanes, n, n}, c.planes),
      MakeNpyArray<uint8_t>("mask", NpyType::kUint8, {p, moves}, c.mask),
      MakeNpyArray<float>("policy", NpyType::kFloat32, {p, moves}, c.policy),
      MakeNpyArray<int16_t>("move", NpyType::kInt16, {p}, c.move),
      MakeNpyArray<int8_t>("outcome", NpyType::kInt8, {p}, c.outcome),
      MakeNpyArray<float>("value", NpyType::kFloat32, {p}, c.value),
  };
  return *EncodeNpz(arrays);
}

TEST(TrainingDataTest, VersionOneFilesStillReadWithNoFinalPositions) {
  TempDir dir("training_data_version_one");
  const TrainingChunk game = PlayUniformGames(5, 1, 6)[0].data;
  ASSERT_EQ(std::count(game.has_final.begin(), game.has_final.end(), 1), game.positions());
  const std::string path = dir.Path("old.npz");
  WriteBytes(path, VersionOneFile(game));
  const absl::StatusOr<TrainingChunk> read = ReadTrainingFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  TrainingChunk expected = game;
  expected.ownership.assign(game.ownership.size(), 0);
  expected.score.assign(game.positions(), 0.0f);
  expected.has_final.assign(game.positions(), 0);
  ExpectSameChunk(*read, expected);
  EXPECT_EQ(read->created, "2026-11-27T12:00:00Z");
  // Written again, it is a version-2 file with the same contents.
  ASSERT_TRUE(WriteTrainingFile(dir.Path("new.npz"), *read).ok());
  const absl::StatusOr<TrainingChunk> again = ReadTrainingFile(dir.Path("new.npz"));
  ASSERT_TRUE(again.ok()) << again.status();
  ExpectSameChunk(*again, expected);
  const std::vector<NpyArray> members = *DecodeNpz(ReadBytes(dir.Path("new.npz")));
  ASSERT_EQ(members.size(), 10u);
  EXPECT_EQ(members[0].name, "header");
  EXPECT_NE(members[0].data.find("\"version\":2"), std::string::npos) << members[0].data;
  // And a version-1 file mixes with version-2 data in one window.
  TrainingChunk both = *read;
  both.Append(game);
  EXPECT_TRUE(both.Validate().ok()) << both.Validate();
}

TEST(TrainingDataTest, AFileOfANewerVersionIsRefusedNamingTheFileAndBothVersions) {
  TempDir dir("training_data_version_three");
  std::vector<NpyArray> arrays =
      *DecodeNpz(*EncodeTrainingChunk(PlayUniformGames(5, 1, 2)[0].data));
  for (NpyArray& array : arrays) {
    if (array.name != "header") continue;
    const size_t at = array.data.find("\"version\":2");
    ASSERT_NE(at, std::string::npos) << array.data;
    array.data.replace(at, 11, "\"version\":3");
  }
  const std::string path = dir.Path("future.npz");
  WriteBytes(path, *EncodeNpz(arrays));
  const absl::StatusOr<TrainingChunk> read = ReadTrainingFile(path);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(absl::IsDataLoss(read.status())) << read.status();
  EXPECT_TRUE(MessageHas(read.status(), path)) << read.status();
  EXPECT_TRUE(MessageHas(read.status(), "version 3 is newer than this Tengen reads (version 2)"))
      << read.status();
}

// The reader in docs/training_data.md, run as a user would: the doc and the
// format cannot drift apart.
TEST(TrainingDataTest, ThePythonReaderInTheDocsReadsOurFiles) {
  std::ifstream doc(std::string(TENGEN_DOCS_DIR) + "/training_data.md");
  ASSERT_TRUE(doc.good()) << "docs/training_data.md is missing";
  std::stringstream text;
  text << doc.rdbuf();
  std::smatch match;
  const std::string contents = text.str();
  ASSERT_TRUE(std::regex_search(contents, match, std::regex("```python\n([^`]*)```")))
      << "no ```python block in docs/training_data.md";
  const std::string reader = match[1];
  EXPECT_LE(std::count(reader.begin(), reader.end(), '\n'), 14) << "the reader should stay short:\n"
                                                                << reader;

  TempDir dir("training_data_python");
  const std::vector<FinishedGame> games = PlayUniformGames(7, 2, 21);
  TrainingChunk chunk = games[0].data;
  chunk.Append(games[1].data);
  const std::string path = dir.Path("games.npz");
  ASSERT_TRUE(WriteTrainingFile(path, chunk).ok());
  const CommandResult run = RunPython(reader, {path}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const int64_t p = chunk.positions();
  auto list = [](auto values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i)
      out += fmt::format("{}{}", i ? ", " : "", static_cast<int>(values[i]));
    return out + "]";
  };
  // As Python prints floats (the margins are halves, exact in float32).
  auto floats = [](std::span<const float> values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i)
      out += fmt::format("{}{}{}", i ? ", " : "", values[i],
                         values[i] == std::floor(values[i]) ? ".0" : "");
    return out + "]";
  };
  const int64_t known = std::count(chunk.has_final.begin(), chunk.has_final.end(), 1);
  EXPECT_EQ(known, p);
  const std::string expected =
      fmt::format("{} positions from 2 games on 7x7\n", p) +
      fmt::format("planes ({}, 15, 7, 7) mask ({}, 50) policy ({}, 50)\n", p, p, p) +
      fmt::format("ownership ({}, 49) known {} first scores {}\n", p, known,
                  floats(std::span<const float>(chunk.score).first(3))) +
      fmt::format("first moves {} outcomes {}\n",
                  list(std::vector<int16_t>(chunk.move.begin(), chunk.move.begin() + 5)),
                  list(std::vector<int8_t>(chunk.outcome.begin(), chunk.outcome.begin() + 5)));
  EXPECT_EQ(run.output, expected);
}

TEST(TrainingDataTest, PositionsOfAnSgfRecord) {
  const FinishedGame game = PlayUniformGames(7, 1, 8)[0];
  const GameRecord record = (*ParseSgf(WriteSgf(game.record)))[0];
  const TrainingChunk chunk = ChunkOfSgfGame(record, 7);
  ASSERT_TRUE(chunk.Validate().ok()) << chunk.Validate();
  EXPECT_EQ(chunk.source, "sgf");
  EXPECT_EQ(chunk.games, 1);
  const std::vector<ReplayedMove> moves = ReplayMoves(record);
  ASSERT_EQ(chunk.positions(), static_cast<int64_t>(moves.size()));  // every move, passes included
  const Color winner = game.margin > 0   ? Color::kBlack
                       : game.margin < 0 ? Color::kWhite
                                         : Color::kEmpty;
  for (size_t i = 0; i < moves.size(); ++i) {
    SCOPED_TRACE(i);
    const int m = PointToMoveIndex(moves[i].move.point, 7);
    EXPECT_EQ(chunk.move[i], m);
    EXPECT_EQ(chunk.policy[i * 50 + m], 1.0f);
    EXPECT_EQ(
        std::accumulate(chunk.policy.begin() + i * 50, chunk.policy.begin() + (i + 1) * 50, 0.0f),
        1.0f);
    EXPECT_EQ(chunk.outcome[i], winner == Color::kEmpty         ? 0
                                : moves[i].move.color == winner ? 1
                                                                : -1);
    const std::vector<uint8_t> planes = PlanesOf(moves[i].before);
    EXPECT_TRUE(std::equal(planes.begin(), planes.end(), chunk.planes.begin() + i * planes.size()));
  }
  // A record's final position is not known: no ownership or score targets.
  EXPECT_EQ(chunk.has_final, std::vector<uint8_t>(chunk.positions(), 0));
  EXPECT_EQ(chunk.ownership, std::vector<int8_t>(chunk.positions() * 49, 0));
  EXPECT_EQ(chunk.score, std::vector<float>(chunk.positions(), 0.0f));
  EXPECT_EQ(ChunkOfSgfGame(record, 9).positions(), 0);  // another size gives nothing
  GameRecord unknown = record;
  unknown.result = "?";
  for (int8_t outcome : ChunkOfSgfGame(unknown, 7).outcome) EXPECT_EQ(outcome, 0);
}

TEST(TrainingDataTest, SgfPositionsStopAtAMidGameSetup) {
  const std::vector<GameRecord> records =
      *ParseSgf("(;GM[1]FF[4]SZ[7]KM[7.5]RE[B+2.5];B[dd];W[cc];B[dc];AB[aa];W[cd];B[ee])");
  EXPECT_EQ(ChunkOfSgfGame(records[0], 7).positions(), 3);
}

// A handicap game has its stones as setup in the root node (AB); its moves
// are ordinary moves and should all become positions, white moving first.
TEST(TrainingDataTest, SgfPositionsOfAHandicapGame) {
  const std::vector<GameRecord> records = *ParseSgf(
      "(;GM[1]FF[4]SZ[7]KM[0.5]HA[2]RU[Chinese]RE[W+3.5]AB[cc][ee]PL[W];W[dd];B[cd];W[dc])");
  const TrainingChunk chunk = ChunkOfSgfGame(records[0], 7);
  ASSERT_EQ(chunk.positions(), 3);
  EXPECT_EQ(chunk.move, (std::vector<int16_t>{3 * 7 + 3, 3 * 7 + 2, 2 * 7 + 3}));
  EXPECT_EQ(chunk.outcome, (std::vector<int8_t>{1, -1, 1}));
  // The first position has the two handicap stones, from white's view.
  EXPECT_EQ(chunk.planes[kPlaneOpponentStones * 49 + 2 * 7 + 2], 1);
  EXPECT_EQ(chunk.planes[kPlaneOpponentStones * 49 + 4 * 7 + 4], 1);
}

}  // namespace
}  // namespace tengen
