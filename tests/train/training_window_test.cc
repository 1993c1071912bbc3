// The training window: which files a training run reads, and how damaged,
// foreign and half-written files are skipped with a warning, never fatally.
#include "train/training_window.h"

#include <fmt/ranges.h>

#include "base/fmt_absl.h"
#include "gtest/gtest.h"
#include "tests/selfplay/selfplay_test_util.h"
#include "tests/support/files.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

int CountContaining(const std::vector<std::string>& lines, const std::string& part) {
  return static_cast<int>(std::count_if(lines.begin(), lines.end(), [&](const std::string& line) {
    return line.find(part) != std::string::npos;
  }));
}

TEST(TrainingWindowTest, DamagedForeignAndTemporaryFilesAreSkippedWithOneWarningEach) {
  TempDir dir("window_skips");
  const std::vector<FinishedGame> games = PlayUniformGames(7, 3, 31);
  const std::string data = dir.Path("gen-0001/data");
  test_fs::create_directories(data);
  for (const FinishedGame& game : games)
    ASSERT_TRUE(
        WriteTrainingFile(fmt::format("{}/w0-{:06}.npz", data, game.index), game.data).ok());
  // A truncated file, garbage, a file for another board size, a temporary
  // file of a writer that crashed, and a file that is not .npz at all.
  const std::string good = ReadBytes(fmt::format("{}/w0-000000.npz", data));
  WriteBytes(data + "/truncated.npz", good.substr(0, good.size() * 2 / 3));
  WriteBytes(data + "/garbage.npz", std::string(3000, '\x5a'));
  ASSERT_TRUE(WriteTrainingFile(data + "/five.npz", PlayUniformGames(5, 1, 1)[0].data).ok());
  WriteBytes(data + "/w0-000009.npz.tmp.4242.0badf00d", good.substr(0, 100));
  WriteBytes(data + "/notes.txt", "not data");

  absl::StatusOr<TrainingWindow> window =
      LoadTrainingWindow({.data_dirs = {dir.Path("gen-0001")}, .board_size = 7});
  ASSERT_TRUE(window.ok()) << window.status();
  EXPECT_EQ(window->files_used, 3);
  TrainingChunk expected;
  expected.board_size = 7;
  for (const FinishedGame& game : games) expected.Append(game.data);  // oldest (lowest path) first
  EXPECT_EQ(window->positions.positions(), expected.positions());
  EXPECT_EQ(window->positions.move, expected.move);
  EXPECT_EQ(window->positions.planes, expected.planes);
  EXPECT_EQ(window->positions.games, 3);
  ASSERT_EQ(window->warnings.size(), 3u) << fmt::format("{}", fmt::join(window->warnings, "\n"));
  EXPECT_EQ(CountContaining(window->warnings, "truncated.npz"), 1);
  EXPECT_EQ(CountContaining(window->warnings, "garbage.npz"), 1);
  EXPECT_EQ(CountContaining(window->warnings, "five.npz: 5x5 positions, the model plays 7x7"), 1);
  EXPECT_EQ(CountContaining(window->warnings, ".tmp."), 0);
  for (const std::string& warning : window->warnings)
    EXPECT_EQ(warning.rfind("skipping ", 0), 0u) << warning;
  EXPECT_EQ(CountContaining(window->warnings, "not a valid .npz file"), 2);
}

TEST(TrainingWindowTest, TheWindowKeepsTheNewestFiles) {
  TempDir dir("window_newest");
  const std::vector<FinishedGame> games = PlayUniformGames(5, 4, 32);
  // Generation folders sort by number: gen-0002 is newer than gen-0001.
  test_fs::create_directories(dir.Path("gen-0001/data"));
  test_fs::create_directories(dir.Path("gen-0002/data"));
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(
        WriteTrainingFile(dir.Path(fmt::format("gen-000{}/data/w0-{:06}.npz", 1 + i / 2, i % 2)),
                          games[i].data)
            .ok());
  const int64_t newest_two = games[2].data.positions() + games[3].data.positions();
  absl::StatusOr<TrainingWindow> window =
      LoadTrainingWindow({.data_dirs = {dir.path()}, .board_size = 5, .max_positions = newest_two});
  ASSERT_TRUE(window.ok()) << window.status();
  EXPECT_EQ(window->files_used, 2);
  TrainingChunk expected = games[2].data;
  expected.Append(games[3].data);
  EXPECT_EQ(window->positions.move, expected.move);
  // One position more than the two newest hold takes a third file.
  window = LoadTrainingWindow(
      {.data_dirs = {dir.path()}, .board_size = 5, .max_positions = newest_two + 1});
  EXPECT_EQ(window->files_used, 3);
  window = LoadTrainingWindow({.data_dirs = {dir.path()}, .board_size = 5});
  EXPECT_EQ(window->files_used, 4);
}

TEST(TrainingWindowTest, NothingUsableIsNotFoundAndMissingFoldersAreWarnings) {
  TempDir dir("window_empty");
  WriteBytes(dir.Path("data/garbage.npz"), "PK");
  absl::StatusOr<TrainingWindow> window =
      LoadTrainingWindow({.data_dirs = {dir.path(), dir.Path("missing")}, .board_size = 9});
  ASSERT_FALSE(window.ok());
  EXPECT_TRUE(absl::IsNotFound(window.status())) << window.status();
  ASSERT_TRUE(WriteTrainingFile(dir.Path("data/good.npz"), PlayUniformGames(9, 1, 2)[0].data).ok());
  window = LoadTrainingWindow({.data_dirs = {dir.path(), dir.Path("missing")}, .board_size = 9});
  ASSERT_TRUE(window.ok()) << window.status();
  EXPECT_EQ(CountContaining(window->warnings, "missing: no such folder"), 1);
  EXPECT_EQ(CountContaining(window->warnings, "garbage.npz"), 1);
}

TEST(TrainingWindowTest, SgfFoldersGivePositionsAndDamagedSgfIsSkipped) {
  TempDir dir("window_sgf");
  const std::vector<FinishedGame> games = PlayUniformGames(7, 2, 33);
  test_fs::create_directories(dir.Path("sgf"));
  for (const FinishedGame& game : games)
    ASSERT_TRUE(
        WriteSgfFile(dir.Path(fmt::format("sgf/g{}.sgf", game.index)), std::span(&game.record, 1))
            .ok());
  WriteBytes(dir.Path("sgf/broken.sgf"), "(;GM[1]SZ[7];B[dd](");
  absl::StatusOr<TrainingWindow> window =
      LoadTrainingWindow({.sgf_dirs = {dir.Path("sgf")}, .board_size = 7});
  ASSERT_TRUE(window.ok()) << window.status();
  EXPECT_EQ(window->positions.positions(), games[0].moves + games[1].moves);
  EXPECT_EQ(window->warnings.size(), 1u);
  EXPECT_EQ(CountContaining(window->warnings, "broken.sgf"), 1);
}

TEST(TrainingWindowTest, RandomOpeningMovesArePlayedButNotLearned) {
  TempDir dir("window_sgf_opening");
  std::vector<FinishedGame> games = PlayUniformGames(7, 1, 34);
  GameRecord& record = games[0].record;
  ASSERT_GT(games[0].moves, 4);
  test_fs::create_directories(dir.Path("sgf"));
  ASSERT_TRUE(WriteSgfFile(dir.Path("sgf/plain.sgf"), std::span(&record, 1)).ok());
  absl::StatusOr<TrainingWindow> plain =
      LoadTrainingWindow({.sgf_dirs = {dir.Path("sgf")}, .board_size = 7});
  ASSERT_TRUE(plain.ok()) << plain.status();
  for (int node = 1; node <= 3; ++node)
    record.nodes[node].comment = std::string(kRandomOpeningComment);
  test_fs::remove(dir.Path("sgf/plain.sgf"));
  ASSERT_TRUE(WriteSgfFile(dir.Path("sgf/opening.sgf"), std::span(&record, 1)).ok());
  absl::StatusOr<TrainingWindow> opening =
      LoadTrainingWindow({.sgf_dirs = {dir.Path("sgf")}, .board_size = 7});
  ASSERT_TRUE(opening.ok()) << opening.status();
  const TrainingChunk& all = plain->positions;
  const TrainingChunk& kept = opening->positions;
  ASSERT_EQ(kept.positions() + 3, all.positions());
  // What is left are the same positions (played through the opening),
  // from the fourth move on.
  const size_t floats = static_cast<size_t>(all.planes.size() / all.positions());
  EXPECT_TRUE(std::equal(kept.planes.begin(), kept.planes.end(), all.planes.begin() + 3 * floats));
}

}  // namespace
}  // namespace tengen
