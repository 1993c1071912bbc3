// GtpEngine: positions that do not come from moves (handicap stones and
// SGF files) and the game as an SGF record.
#include <fmt/format.h>

#include <algorithm>

#include "base/fmt_absl.h"
#include "engine/coordinates.h"
#include "engine/scoring.h"
#include "engine/sgf.h"
#include "gtp/gtp_engine.h"
#include "gtp/gtp_protocol.h"
#include "gtp/handicap.h"
#include "policy/playable_moves.h"

namespace tengen {
namespace {

absl::Status InvalidNumberOfStones() { return GtpError("invalid number of stones"); }

// The colour of the (k+1)-th move of the record's main line, if it has one.
std::optional<Color> ColorOfMove(const GameRecord& record, int k) {
  for (const GameRecordNode& node : record.nodes) {
    if (!node.move) continue;
    if (k-- == 0) return node.move->color;
  }
  return std::nullopt;
}

}  // namespace

absl::Status GtpEngine::CheckBoardEmpty() const {
  const Board& board = game_.board();
  for (int y = 0; y < board.size(); ++y)
    for (int x = 0; x < board.size(); ++x)
      if (board.At(board.PointAt(x, y)) != Color::kEmpty) return GtpError("board not empty");
  return absl::OkStatus();
}

void GtpEngine::PlaceHandicap(std::span<const Point> points) {
  std::vector<SetupStone> stones;
  for (Point p : points) stones.push_back({.point = p, .color = Color::kBlack});
  game_.Setup(stones);
  game_.set_to_move(Color::kWhite);
}

absl::StatusOr<std::vector<Point>> GtpEngine::FixedHandicap(int n) {
  if (absl::Status status = CheckBoardEmpty(); !status.ok()) return status;
  std::vector<Point> points = FixedHandicapPoints(game_.size(), n);
  if (points.empty()) return InvalidNumberOfStones();
  PlaceHandicap(points);
  return points;
}

absl::StatusOr<std::vector<Point>> GtpEngine::PlaceFreeHandicap(int n) {
  if (absl::Status status = CheckBoardEmpty(); !status.ok()) return status;
  const int size = game_.size();
  if (n < 2 || n > size * size - 1) return InvalidNumberOfStones();
  std::vector<Point> points = FixedHandicapPoints(size, std::min(n, MaxFixedHandicap(size)));
  // Beyond the fixed layout, black's policy (one symmetry-free evaluation a
  // stone) places the rest on a scratch position.
  GameState scratch(size, game_.rules());
  std::vector<SetupStone> stones;
  for (Point p : points) stones.push_back({.point = p, .color = Color::kBlack});
  scratch.Setup(stones);
  while (static_cast<int>(points.size()) < n) {
    scratch.set_to_move(Color::kBlack);
    absl::StatusOr<Evaluation> evaluation = EvaluateOne(scratch, SymmetryMode::kNone);
    if (!evaluation.ok()) return evaluation.status();
    const std::vector<uint8_t> mask = PlayableMoveMask(scratch);
    const int pass = size * size;
    if (mask[pass]) break;  // no playable point left
    const std::vector<float> policy = RestrictPolicy(evaluation->policy, mask);
    const Point p = MoveIndexToPoint(ArgmaxMove(policy), size);
    const SetupStone stone{.point = p, .color = Color::kBlack};
    scratch.Setup(std::span(&stone, 1));
    points.push_back(p);
  }
  if (static_cast<int>(points.size()) < n)
    Log(fmt::format("place_free_handicap: only {} of {} stones fit", points.size(), n));
  PlaceHandicap(points);
  return points;
}

absl::Status GtpEngine::SetFreeHandicap(std::span<const Point> points) {
  if (absl::Status status = CheckBoardEmpty(); !status.ok()) return status;
  const int size = game_.size();
  std::vector<Point> sorted(points.begin(), points.end());
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end() ||
      std::find(sorted.begin(), sorted.end(), kPass) != sorted.end())
    return GtpError("bad vertex list");
  const int n = static_cast<int>(points.size());
  if (n < 2 || n > size * size - 1) return InvalidNumberOfStones();
  PlaceHandicap(points);
  return absl::OkStatus();
}

void GtpEngine::LogReplayWarnings(std::span<const std::string> warnings) const {
  // A record of thousands of broken moves would otherwise flood the log.
  constexpr size_t kMaxLogged = 10;
  for (size_t i = 0; i < warnings.size() && i < kMaxLogged; ++i)
    Log(fmt::format("loadsgf: {}", warnings[i]));
  if (warnings.size() > kMaxLogged)
    Log(fmt::format("loadsgf: ... and {} more moves that broke the rules",
                    warnings.size() - kMaxLogged));
}

absl::Status GtpEngine::LoadSgf(const std::string& path, std::optional<int> move_number) {
  // why names the file already.
  auto cannot_load = [&](std::string_view why) {
    Log(fmt::format("loadsgf: {}", why));
    return GtpError("cannot load file");
  };
  absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(path);
  if (!records.ok()) return cannot_load(std::string(records.status().message()));
  if (records->empty()) return cannot_load(fmt::format("{}: no game in the file", path));
  const GameRecord& record = records->front();
  Rules rules = options_.rules;
  rules.komi = record.komi;
  const int max_moves = move_number ? *move_number - 1 : -1;
  absl::StatusOr<ReplayResult> replay = ReplayGame(record, rules, max_moves);
  if (!replay.ok())
    return cannot_load(fmt::format("{}: {}", path, std::string(replay.status().message())));
  LogReplayWarnings(replay->warnings);
  if (max_moves >= 0) {
    if (const std::optional<Color> next = ColorOfMove(record, max_moves))
      replay->game.set_to_move(*next);
  }
  game_ = std::move(replay->game);
  ChangeBoardSize(record.size);
  options_.rules = rules;
  ResetSearch();  // the komi may differ
  return absl::OkStatus();
}

std::string GtpEngine::GameAsSgf() {
  GameRecord record = RecordFromGame(game_);
  record.application = fmt::format("{}:{}", kEngineName, kEngineVersion);
  if (game_.resigned()) {
    record.result = fmt::format("{}+R", GtpColorLetter(Opponent(*game_.resigned())));
  } else if (game_.IsOver()) {
    record.result = FinalScore();
  }
  return WriteSgf(record);
}

}  // namespace tengen
