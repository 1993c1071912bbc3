// The SGF writer, checked mostly by round trips through the reader.
#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "base/random.h"
#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "tests/engine/test_util.h"
#include "tests/support/colors.h"

namespace tengen {
namespace {

GameRecordNode MoveNode(Color color, Point point) {
  GameRecordNode node;
  node.move = PlayedMove{.color = color, .point = point};
  return node;
}

// Expects ParseSgf(WriteSgf(record)) to give exactly record back.
void ExpectRoundTrip(const GameRecord& record) {
  const std::string text = WriteSgf(record);
  absl::StatusOr<std::vector<GameRecord>> parsed = ParseSgf(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << text;
  ASSERT_EQ(parsed->size(), 1u) << text;
  EXPECT_TRUE(parsed->front() == record) << text;
}

// Random text over characters that need care: SGF syntax, escapes, line
// ends written as '\n', spaces, tabs and bytes of UTF-8 sequences.
std::string RandomText(Rng& rng) {
  static constexpr std::string_view kAlphabet = "ab Z09]\\[;():\n\t+-.\xC3\xA9";
  std::string text;
  const int length = static_cast<int>(rng.Below(12));
  for (int i = 0; i < length; ++i) text += kAlphabet[rng.Below(kAlphabet.size())];
  return text;
}

Point RandomPoint(Rng& rng, int size) {
  return MakePoint(static_cast<int>(rng.Below(size)), static_cast<int>(rng.Below(size)), size);
}

// Any finite komi, from ordinary values to odd bit patterns, so that the
// writer's number format must be exact.
double RandomKomi(Rng& rng) {
  switch (rng.Below(4)) {
    case 0:
      return 0.0;
    case 1:
      return (static_cast<int>(rng.Below(401)) - 200) * 0.5;
    default:
      while (true) {
        const double komi = std::bit_cast<double>(rng.Next());
        if (std::isfinite(komi)) return komi;
      }
  }
}

GameRecordNode RandomNode(Rng& rng, int size) {
  GameRecordNode node;
  if (rng.Below(3) == 0) {
    const int stones = static_cast<int>(rng.Below(6));
    const Color colors[] = {B, W, Color::kEmpty};
    for (int i = 0; i < stones; ++i)
      node.setup.push_back({.point = RandomPoint(rng, size), .color = colors[rng.Below(3)]});
  }
  if (rng.Below(5) == 0) node.player_to_move = rng.Below(2) ? B : W;
  if (rng.Below(4) != 0) {
    node.move = PlayedMove{.color = rng.Below(2) ? B : W,
                           .point = rng.Below(8) == 0 ? kPass : RandomPoint(rng, size)};
  }
  if (rng.Below(4) == 0) node.comment = RandomText(rng);
  return node;
}

GameRecord RandomRecord(Rng& rng) {
  GameRecord record;
  record.size = 1 + static_cast<int>(rng.Below(kMaxBoardSize));
  record.komi = RandomKomi(rng);
  record.handicap = rng.Below(3) == 0 ? static_cast<int>(rng.Below(10)) : 0;
  for (std::string* field :
       {&record.rules, &record.result, &record.black_player, &record.white_player,
        &record.game_name, &record.date, &record.application}) {
    if (rng.Below(2)) *field = RandomText(rng);
  }
  const int nodes = 1 + static_cast<int>(rng.Below(30));
  for (int i = 0; i < nodes; ++i) record.nodes.push_back(RandomNode(rng, record.size));
  return record;
}

TEST(SgfWriterTest, WritesHeaderAndEscapesText) {
  GameRecord record;
  record.size = 9;
  record.komi = 6.5;
  record.black_player = "a]b\\c";
  GameRecordNode root;
  root.comment = "x]\ny";
  record.nodes.push_back(root);
  record.nodes.push_back(MoveNode(B, MakePoint(2, 3, 9)));
  record.nodes.push_back(MoveNode(W, kPass));
  const std::string text = WriteSgf(record);
  EXPECT_TRUE(StartsWith(text, "(;FF[4]GM[1]SZ[9]KM[6.5]PB[a\\]b\\\\c]C[x\\]\ny]"));
  EXPECT_TRUE(HasSubstr(text, ";B[cd];W[])"));
  // Empty fields, komi 0 and handicap 0 are left out.
  EXPECT_EQ(text.find("RE["), std::string::npos);
  EXPECT_EQ(text.find("HA["), std::string::npos);
  GameRecord bare;
  bare.nodes.emplace_back();
  EXPECT_EQ(WriteSgf(bare), "(;FF[4]GM[1]SZ[19]\n)\n");
}

TEST(SgfWriterTest, SetupRunsComeBackInTheirOrder) {
  GameRecord record;
  record.size = 5;
  GameRecordNode root;
  root.setup = {{MakePoint(0, 0, 5), B},
                {MakePoint(1, 0, 5), B},
                {MakePoint(2, 0, 5), W},
                {MakePoint(0, 0, 5), Color::kEmpty},
                {MakePoint(3, 0, 5), B}};
  record.nodes.push_back(root);
  EXPECT_TRUE(HasSubstr(WriteSgf(record), "AB[aa][ba]AW[ca]AE[aa]AB[da]"));
  ExpectRoundTrip(record);
}

TEST(SgfWriterTest, TextWithSyntaxCharactersRoundTrips) {
  GameRecord record;
  for (std::string_view text : {"]", "\\", "\\]", "a\\\nb", "[x]:y;(z)", "line\nline\n",
                                "trailing \\", " padded ", "\xC3\xA9t\xC3\xA9"}) {
    record.nodes.emplace_back().comment = std::string(text);
    record.game_name = std::string(text);
    record.result = std::string(text);
  }
  ExpectRoundTrip(record);
}

TEST(SgfWriterTest, RandomRecordsRoundTrip) {
  Rng rng(20240501);
  for (int i = 0; i < 500; ++i) {
    SCOPED_TRACE(i);
    ExpectRoundTrip(RandomRecord(rng));
    if (HasFatalFailure()) return;
  }
}

TEST(SgfWriterTest, RandomGamesRoundTripAndReplayToTheSamePosition) {
  Rng rng(7);
  for (int size : {1, 2, 5, 9, 13, 19, 20, 25}) {
    for (int game_number = 0; game_number < 3; ++game_number) {
      SCOPED_TRACE(fmt::format("{}x{} game {}", size, size, game_number));
      GameState game(size, game_number == 1 ? Rules::TrompTaylor() : Rules::Chinese());
      if (game_number == 2 && size >= 5) {  // handicap-like setup, white first
        game.Setup(std::vector<SetupStone>{{MakePoint(1, 1, size), B},
                                           {MakePoint(size - 2, size - 2, size), B}});
        game.set_to_move(W);
      }
      const int max_moves = size * size * 2;
      for (int i = 0; i < max_moves && !game.IsOver(); ++i) {
        const std::vector<Point> legal = game.LegalMoves(game.to_move());
        // Pass rarely, so games get long and capture a lot.
        Point move = legal[rng.Below(legal.size())];
        if (move == kPass && legal.size() > 1 && rng.Below(4) != 0) move = legal.front();
        ASSERT_TRUE(game.Play(move).ok());
      }
      GameRecord record = RecordFromGame(game);
      record.black_player = "random";
      record.result = "?";
      ExpectRoundTrip(record);

      absl::StatusOr<ReplayResult> replay = ReplayGame(record, RulesOfRecord(record));
      ASSERT_TRUE(replay.ok()) << replay.status();
      EXPECT_TRUE(replay->warnings.empty()) << replay->warnings.front();
      EXPECT_TRUE(replay->game.board().SamePosition(game.board()));
      EXPECT_EQ(replay->game.moves(), game.moves());
      EXPECT_EQ(replay->game.to_move(), game.to_move());
      EXPECT_EQ(replay->game.rules(), game.rules());
    }
  }
}

TEST(SgfWriterTest, SampleFilesRoundTrip) {
  const std::filesystem::path folder = std::filesystem::path(TENGEN_TEST_DATA_DIR) / "sgf";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".sgf") continue;
    SCOPED_TRACE(entry.path().string());
    absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(entry.path().string());
    ASSERT_TRUE(records.ok()) << records.status();
    std::string collection;
    for (const GameRecord& record : *records) collection += WriteSgf(record);
    absl::StatusOr<std::vector<GameRecord>> again = ParseSgf(collection);
    ASSERT_TRUE(again.ok()) << again.status() << "\n" << collection;
    EXPECT_TRUE(*again == *records) << collection;
    ++files;
  }
  EXPECT_GE(files, 6);
}

TEST(SgfWriterTest, FilesAreWrittenWholeAndReadBack) {
  const std::filesystem::path folder =
      std::filesystem::path(::testing::TempDir()) / "sgf_writer_test";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "games.sgf").string();
  Rng rng(3);
  const std::vector<GameRecord> records = {RandomRecord(rng), RandomRecord(rng)};
  ASSERT_TRUE(WriteSgfFile(path, records).ok());
  absl::StatusOr<std::vector<GameRecord>> read = ReadSgfFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(*read == records);
  // Only the file itself is left: no temporary file.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder),
                          std::filesystem::directory_iterator()),
            1);

  const absl::Status empty = WriteSgfFile((folder / "none.sgf").string(), {});
  EXPECT_FALSE(empty.ok());
  EXPECT_TRUE(HasSubstr(Message(empty), "no game records"));
  EXPECT_FALSE(std::filesystem::exists(folder / "none.sgf"));
  EXPECT_FALSE(WriteSgfFile((folder / "missing/dir/x.sgf").string(), records).ok());
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace tengen
