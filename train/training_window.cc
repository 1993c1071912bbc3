#include "train/training_window.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "base/fmt_absl.h"
#include "policy/features.h"

namespace tengen {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> FilesWithExtension(const std::vector<std::string>& dirs,
                                            std::string_view extension,
                                            std::vector<std::string>& warnings) {
  std::vector<std::string> files;
  for (const std::string& dir : dirs) {
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
      // A run folder copied or cloned without its self-play data (it is
      // large) lacks the window's older generations.
      warnings.push_back(fmt::format("skipping {}: {}", dir,
                                     fs::exists(dir, error) ? "not a folder" : "no such folder"));
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(dir, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      // Temporary files of writers in progress end in .tmp.<pid>.<n>.
      if (it->is_regular_file() && it->path().extension() == extension)
        files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Winner from an SGF RE value: kBlack, kWhite, or kEmpty (draw/unknown).
Color WinnerOf(const std::string& result) {
  if (result.size() >= 2 && result[1] == '+') {
    if (result[0] == 'B' || result[0] == 'b') return Color::kBlack;
    if (result[0] == 'W' || result[0] == 'w') return Color::kWhite;
  }
  return Color::kEmpty;
}

}  // namespace

TrainingChunk ChunkOfSgfGame(const GameRecord& record, int board_size) {
  TrainingChunk empty;
  empty.board_size = board_size;
  if (record.size != board_size) return empty;
  // Replay with no moves first, then move by move, keeping legal ones.
  absl::StatusOr<ReplayResult> start = ReplayGame(record, RulesOfRecord(record), 0);
  if (!start.ok()) return empty;
  GameState game = start->game;
  std::vector<RecordedPosition> positions;
  const int moves = board_size * board_size + 1;
  for (size_t i = 0; i < record.nodes.size(); ++i) {
    const GameRecordNode& node = record.nodes[i];
    // The root's setup (handicap stones) is part of the starting position;
    // setup later in the game changes the position outside the rules: stop.
    if (i > 0 && !node.setup.empty()) break;
    if (!node.move.has_value()) continue;
    const Point p = node.move->point;
    const Color c = node.move->color;
    if (c != game.to_move()) game.set_to_move(c);
    if (!game.IsLegal(p, c)) break;
    if (node.comment == kRandomOpeningComment) {  // nobody chose it: play, do not learn
      (void)game.Play(p, c);
      continue;
    }
    RecordedPosition position;
    std::vector<float> planes(NumFeatureValues(board_size));
    EncodeFeatures(game, 0, planes);
    position.planes.assign(planes.begin(), planes.end());
    position.mask = LegalMoveMask(game, 0);
    position.move = PointToMoveIndex(p, board_size);
    position.policy.assign(moves, 0.0f);
    position.policy[position.move] = 1.0f;
    position.mover = c;
    positions.push_back(std::move(position));
    (void)game.Play(p, c);
  }
  // A record's final board is not scored here (its stones may be dead and
  // its result may be a resignation): no ownership or score targets.
  TrainingChunk chunk =
      ChunkOfGame(board_size, positions, FinalPosition{.winner = WinnerOf(record.result)});
  chunk.source = "sgf";
  chunk.komi = record.komi;
  chunk.rules = record.rules;
  return chunk;
}

absl::StatusOr<TrainingWindow> LoadTrainingWindow(const TrainingWindowOptions& options) {
  TrainingWindow window;
  window.positions.board_size = options.board_size;
  std::vector<TrainingChunk> chunks;
  int64_t total = 0;
  const std::vector<std::string> files =
      FilesWithExtension(options.data_dirs, ".npz", window.warnings);
  // Newest first until the window is full.
  for (auto it = files.rbegin(); it != files.rend(); ++it) {
    if (options.max_positions > 0 && total >= options.max_positions) break;
    absl::StatusOr<TrainingChunk> chunk = ReadTrainingFile(*it);
    if (!chunk.ok()) {
      window.warnings.push_back(fmt::format("skipping {}", chunk.status()));
      continue;
    }
    if (chunk->board_size != options.board_size) {
      window.warnings.push_back(fmt::format("skipping {}: {}x{} positions, the model plays {}x{}",
                                            *it, chunk->board_size, chunk->board_size,
                                            options.board_size, options.board_size));
      continue;
    }
    total += chunk->positions();
    chunks.push_back(std::move(*chunk));
    ++window.files_used;
  }
  for (const std::string& path : FilesWithExtension(options.sgf_dirs, ".sgf", window.warnings)) {
    absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(path);
    if (!records.ok()) {
      window.warnings.push_back(fmt::format("skipping {}", records.status()));
      continue;
    }
    for (const GameRecord& record : *records) {
      TrainingChunk chunk = ChunkOfSgfGame(record, options.board_size);
      if (chunk.positions() > 0) chunks.push_back(std::move(chunk));
    }
    ++window.files_used;
  }
  // Oldest first, as the files were written.
  for (auto it = chunks.rbegin(); it != chunks.rend(); ++it) window.positions.Append(*it);
  if (window.positions.positions() == 0)
    return absl::NotFoundError(fmt::format("no usable {}x{} training positions found",
                                           options.board_size, options.board_size));
  return window;
}

}  // namespace tengen
