#include "engine/game_state.h"

#include <type_traits>

#include "engine/check.h"
#include "engine/zobrist.h"

namespace tengen {

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
  forced_boards_before_.clear();
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
  UndoEntry entry{.move = {},
                  .forced = true,
                  .to_move_before = to_move_,
                  .passes_before = consecutive_passes_};
  forced_boards_before_.push_back(board_);
  board_.PlayForced(p, c);
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
    board_ = forced_boards_before_.back();
    forced_boards_before_.pop_back();
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

uint64_t GameState::StateHash() const {
  uint64_t hash = SituationKey(board_.hash(), to_move_);
  if (board_.ko_point() != kNoPoint && board_.ko_color() == to_move_)
    hash ^= kZobrist.ko[board_.ko_point()];
  return hash;
}

}  // namespace tengen
