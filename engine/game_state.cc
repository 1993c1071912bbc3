#include "engine/game_state.h"

#include <algorithm>
#include <type_traits>

#include "base/check.h"
#include "engine/zobrist.h"

namespace tengen {
namespace {

// Colour of every point of the board, in Point order up to the last point.
std::vector<Color> Colors(const Board& board) {
  const int last = board.PointAt(board.size() - 1, board.size() - 1);
  std::vector<Color> colors(last + 1, Color::kOffBoard);
  for (int y = 0; y < board.size(); ++y)
    for (int x = 0; x < board.size(); ++x)
      colors[board.PointAt(x, y)] = board.At(board.PointAt(x, y));
  return colors;
}

// Counts key once more in `kept` if `full` saw it more often, that is also
// before the kept moves (once is enough: superko asks only whether it occurred).
void AddEarlierOccurrence(const absl::flat_hash_map<uint64_t, int>& full, uint64_t key,
                          absl::flat_hash_map<uint64_t, int>& kept) {
  const auto in_full = full.find(key);
  if (in_full == full.end()) return;
  const auto in_kept = kept.find(key);
  const int kept_count = in_kept == kept.end() ? 0 : in_kept->second;
  if (in_full->second > kept_count) kept[key] = kept_count + 1;
}

}  // namespace

static_assert(std::is_nothrow_move_constructible_v<GameState>,
              "growing vectors of games must move them, not copy their histories");

GameState::GameState(int size, Rules rules) : board_(size), initial_board_(board_), rules_(rules) {
  RecordPosition();
}

uint64_t GameState::SituationKey(uint64_t stones_hash, Color to_move) {
  return to_move == Color::kWhite ? stones_hash ^ kZobrist.white_to_move : stones_hash;
}

void GameState::RecordPosition() {
  const uint64_t hash = board_.hash();
  history_hashes_.push_back(hash);
  history_to_move_.push_back(to_move_);
  ++positional_counts_[hash];
  ++situational_counts_[SituationKey(hash, to_move_)];
}

void GameState::ForgetLastPosition() {
  TENGEN_CHECK(history_hashes_.size() > 1);
  const uint64_t hash = history_hashes_.back();
  const uint64_t situation = SituationKey(hash, history_to_move_.back());
  if (--positional_counts_[hash] == 0) positional_counts_.erase(hash);
  if (--situational_counts_[situation] == 0) situational_counts_.erase(situation);
  history_hashes_.pop_back();
  history_to_move_.pop_back();
}

void GameState::set_to_move(Color c) {
  TENGEN_CHECK(IsPlayer(c));
  const uint64_t hash = history_hashes_.back();
  const uint64_t old_key = SituationKey(hash, history_to_move_.back());
  if (--situational_counts_[old_key] == 0) situational_counts_.erase(old_key);
  ++situational_counts_[SituationKey(hash, c)];
  history_to_move_.back() = c;
  to_move_ = c;
}

void GameState::ResetHistory() {
  moves_.clear();
  undo_stack_.clear();
  forced_undos_.clear();
  omitted_moves_ = 0;
  history_hashes_.clear();
  history_to_move_.clear();
  positional_counts_.clear();
  situational_counts_.clear();
  consecutive_passes_ = 0;
  resigned_.reset();
  initial_board_ = board_;
  RecordPosition();
}

absl::Status GameState::CheckMove(Point p, Color c) const {
  if (!IsPlayer(c)) return absl::InvalidArgumentError("the mover must be black or white");
  if (p == kPass) return absl::OkStatus();
  if (!board_.IsOnBoard(p)) return absl::InvalidArgumentError("point is not on the board");
  if (board_.At(p) != Color::kEmpty) return absl::InvalidArgumentError("point is occupied");
  if (!board_.IsLegalIgnoringKo(p, c, rules_.suicide_allowed)) {
    return absl::InvalidArgumentError(rules_.suicide_allowed ? "single-stone suicide" : "suicide");
  }
  switch (rules_.ko) {
    case KoRule::kSimple:
      if (p == board_.ko_point() && c == board_.ko_color())
        return absl::InvalidArgumentError("ko: the stone just captured may not be retaken yet");
      return absl::OkStatus();
    case KoRule::kPositional:
      if (positional_counts_.contains(board_.HashAfter(p, c)))
        return absl::InvalidArgumentError("positional superko: the position would repeat");
      return absl::OkStatus();
    case KoRule::kSituational:
      if (situational_counts_.contains(SituationKey(board_.HashAfter(p, c), Opponent(c))))
        return absl::InvalidArgumentError("situational superko: the situation would repeat");
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

std::vector<Point> GameState::LegalMoves(Color c) const {
  std::vector<Point> legal;
  for (int y = 0; y < size(); ++y) {
    for (int x = 0; x < size(); ++x) {
      const Point p = board_.PointAt(x, y);
      if (board_.At(p) == Color::kEmpty && IsLegal(p, c)) legal.push_back(p);
    }
  }
  legal.push_back(kPass);
  return legal;
}

absl::Status GameState::Play(Point p, Color c) {
  if (absl::Status status = CheckMove(p, c); !status.ok()) return status;
  UndoEntry entry{.move = {},
                  .forced = false,
                  .to_move_before = to_move_,
                  .passes_before = consecutive_passes_};
  board_.Play(p, c, &entry.move);
  undo_stack_.push_back(std::move(entry));
  moves_.push_back({c, p});
  consecutive_passes_ = p == kPass ? consecutive_passes_ + 1 : 0;
  to_move_ = Opponent(c);
  RecordPosition();
  return absl::OkStatus();
}

absl::Status GameState::PlayForced(Point p, Color c) {
  TENGEN_CHECK(IsPlayer(c));
  TENGEN_CHECK(p == kPass || board_.IsOnBoard(p));
  absl::Status legality = CheckMove(p, c);
  if (legality.ok()) return Play(p, c);
  UndoEntry entry{
      .move = {}, .forced = true, .to_move_before = to_move_, .passes_before = consecutive_passes_};
  forced_undos_.push_back(PlayForcedRecordingChanges(p, c, board_));
  undo_stack_.push_back(std::move(entry));
  moves_.push_back({c, p});
  consecutive_passes_ = 0;
  to_move_ = Opponent(c);
  RecordPosition();
  return legality;
}

void GameState::Setup(std::span<const SetupStone> stones) {
  for (const SetupStone& stone : stones) board_.SetStone(stone.point, stone.color);
  ResetHistory();
}

bool GameState::Undo() {
  if (resigned_.has_value()) {
    resigned_.reset();
    return true;
  }
  if (undo_stack_.empty()) return false;
  UndoEntry& entry = undo_stack_.back();
  if (entry.forced) {
    UndoForced(forced_undos_.back(), board_);
    forced_undos_.pop_back();
  } else {
    board_.Undo(entry.move);
  }
  to_move_ = entry.to_move_before;
  consecutive_passes_ = entry.passes_before;
  undo_stack_.pop_back();
  moves_.pop_back();
  ForgetLastPosition();
  return true;
}

GameState::ForcedUndo GameState::PlayForcedRecordingChanges(Point p, Color c, Board& board) {
  ForcedUndo undo{
      .changes = {}, .ko_point_before = board.ko_point(), .ko_color_before = board.ko_color()};
  const std::vector<Color> before = Colors(board);
  board.PlayForced(p, c);
  for (int y = 0; y < board.size(); ++y) {
    for (int x = 0; x < board.size(); ++x) {
      const Point q = board.PointAt(x, y);
      if (board.At(q) != before[q])
        undo.changes.push_back({.point = static_cast<int16_t>(q), .before = before[q]});
    }
  }
  return undo;
}

void GameState::UndoForced(const ForcedUndo& undo, Board& board) {
  for (const ForcedUndo::Change& change : undo.changes) board.SetStone(change.point, change.before);
  board.SetKoPoint(undo.ko_point_before, undo.ko_color_before);
}

Board GameState::BoardBefore(int count) const {
  TENGEN_CHECK(count >= 0 && count <= static_cast<int>(undo_stack_.size()));
  Board board = board_;
  int forced_index = static_cast<int>(forced_undos_.size());
  for (int i = 0; i < count; ++i) {
    const UndoEntry& entry = undo_stack_[undo_stack_.size() - 1 - i];
    if (entry.forced) {
      UndoForced(forced_undos_[--forced_index], board);
    } else {
      board.Undo(entry.move);
    }
  }
  return board;
}

GameState GameState::WithRecentHistory(int kept_moves) const {
  TENGEN_CHECK(kept_moves >= 0);
  const int total = static_cast<int>(moves_.size());
  const int kept = std::min(kept_moves, total);
  GameState copy(size(), rules_);
  copy.board_ = board_;
  copy.initial_board_ = BoardBefore(kept);
  copy.to_move_ = to_move_;
  copy.consecutive_passes_ = consecutive_passes_;
  copy.resigned_ = resigned_;
  copy.omitted_moves_ = omitted_moves_ + total - kept;
  copy.moves_.assign(moves_.end() - kept, moves_.end());
  copy.undo_stack_.assign(undo_stack_.end() - kept, undo_stack_.end());
  const int forced_kept =
      static_cast<int>(std::count_if(copy.undo_stack_.begin(), copy.undo_stack_.end(),
                                     [](const UndoEntry& entry) { return entry.forced; }));
  copy.forced_undos_.assign(forced_undos_.end() - forced_kept, forced_undos_.end());
  // The positions of the kept moves, from the one before them to this one.
  copy.history_hashes_.clear();
  copy.history_to_move_.clear();
  copy.positional_counts_.clear();
  copy.situational_counts_.clear();
  const size_t first = history_hashes_.size() - 1 - kept;
  for (size_t i = first; i < history_hashes_.size(); ++i) {
    const uint64_t hash = history_hashes_[i];
    copy.history_hashes_.push_back(hash);
    copy.history_to_move_.push_back(history_to_move_[i]);
    ++copy.positional_counts_[hash];
    ++copy.situational_counts_[SituationKey(hash, history_to_move_[i])];
  }
  copy.KeepRepeatablePositions(*this);
  return copy;
}

void GameState::KeepRepeatablePositions(const GameState& full) {
  if (rules_.ko == KoRule::kSimple) return;
  for (int y = 0; y < size(); ++y) {
    for (int x = 0; x < size(); ++x) {
      const Point p = board_.PointAt(x, y);
      if (board_.At(p) != Color::kEmpty) continue;
      for (Color c : {Color::kBlack, Color::kWhite}) {
        if (!board_.IsLegalIgnoringKo(p, c, rules_.suicide_allowed)) continue;
        const uint64_t hash = board_.HashAfter(p, c);
        AddEarlierOccurrence(full.positional_counts_, hash, positional_counts_);
        AddEarlierOccurrence(full.situational_counts_, SituationKey(hash, Opponent(c)),
                             situational_counts_);
      }
    }
  }
}

size_t GameState::HistoryBytes() const {
  auto vector_bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  auto map_bytes = [](const auto& m) {
    return m.bucket_count() * (sizeof(typename std::decay_t<decltype(m)>::value_type) + 1);
  };
  size_t bytes = vector_bytes(moves_) + vector_bytes(undo_stack_) + vector_bytes(forced_undos_) +
                 vector_bytes(history_hashes_) + vector_bytes(history_to_move_) +
                 map_bytes(positional_counts_) + map_bytes(situational_counts_);
  for (const UndoEntry& entry : undo_stack_)
    bytes += vector_bytes(entry.move.captured) + vector_bytes(entry.move.suicided);
  for (const ForcedUndo& undo : forced_undos_) bytes += vector_bytes(undo.changes);
  return bytes;
}

uint64_t GameState::StateHash() const {
  uint64_t hash = SituationKey(board_.hash(), to_move_);
  if (board_.ko_point() != kNoPoint && board_.ko_color() == to_move_)
    hash ^= kZobrist.ko[board_.ko_point()];
  return hash;
}

}  // namespace tengen
