// A game in progress: the board plus everything the full rules need, namely
// the player to move, the position history for superko, consecutive passes,
// resignation, the move record and undo.
#ifndef TENGEN_ENGINE_GAME_STATE_H_
#define TENGEN_ENGINE_GAME_STATE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "engine/board.h"
#include "engine/color.h"
#include "engine/point.h"
#include "engine/rules.h"

namespace tengen {

struct PlayedMove {
  Color color = Color::kEmpty;
  Point point = kPass;
  bool operator==(const PlayedMove&) const = default;
};

struct SetupStone {
  Point point = kPass;
  Color color = Color::kEmpty;  // kEmpty clears the point
};

class GameState {
 public:
  // An empty board; size in [kMinBoardSize, kMaxBoardSize]. Black moves first.
  explicit GameState(int size, Rules rules = Rules::Chinese());

  const Board& board() const { return board_; }
  int size() const { return board_.size(); }
  const Rules& rules() const { return rules_; }
  void set_komi(double komi) { rules_.komi = komi; }

  // The player whose turn it is: the opponent of the last mover, or the
  // colour set by set_to_move.
  Color to_move() const { return to_move_; }
  // Also makes c the player to move of the current position in the history
  // that situational superko compares against.
  void set_to_move(Color c);

  // The position the move record starts from: the empty board, or the board
  // after the most recent setup.
  const Board& initial_board() const { return initial_board_; }
  // Moves played from initial_board(), oldest first.
  const std::vector<PlayedMove>& moves() const { return moves_; }
  int consecutive_passes() const { return consecutive_passes_; }
  // The player who resigned, if one did.
  std::optional<Color> resigned() const { return resigned_; }
  // Two consecutive passes, or a resignation.
  bool IsOver() const { return consecutive_passes_ >= 2 || resigned_.has_value(); }

  // Ok if c may play p under the rules; otherwise an error saying why
  // (off the board, occupied, ko, superko or suicide).
  absl::Status CheckMove(Point p, Color c) const;
  bool IsLegal(Point p, Color c) const { return CheckMove(p, c).ok(); }
  bool IsLegal(Point p) const { return IsLegal(p, to_move_); }

  // Every legal move of c in board order (top-left first), pass last.
  std::vector<Point> LegalMoves(Color c) const;

  // Plays a legal move; an illegal one changes nothing and returns the
  // error CheckMove gives. Playing the same colour twice is allowed.
  absl::Status Play(Point p, Color c);
  absl::Status Play(Point p) { return Play(p, to_move_); }

  // Executes a recorded move even if it breaks the rules (see
  // Board::PlayForced). Returns what was wrong with it, or ok if it was legal.
  absl::Status PlayForced(Point p, Color c);

  // Places and removes stones without captures (SGF AB/AW/AE, handicap).
  // The result becomes a new starting position: the move record, the
  // superko history and the undo history start again from it.
  void Setup(std::span<const SetupStone> stones);

  // Records that c resigned; the game is over.
  void Resign(Color c) { resigned_ = c; }

  // Takes back the last resignation or else the last move. False when there
  // is nothing to take back.
  bool Undo();
  bool CanUndo() const { return resigned_.has_value() || !undo_stack_.empty(); }

  // Hash of the stones, the player to move and the simple-ko point: equal
  // states hash equally, and the same stones with a different ko point or
  // player to move hash differently.
  uint64_t StateHash() const;

 private:
  // Small on purpose (a Board is ~10 KB): every move pushes one, and games
  // are copied whole.
  struct UndoEntry {
    MoveUndo move;
    bool forced;  // the board before it is on forced_boards_before_
    Color to_move_before;
    int passes_before;
  };

  void RecordPosition();
  void ForgetLastPosition();
  void ResetHistory();
  static uint64_t SituationKey(uint64_t stones_hash, Color to_move);

  Board board_;
  Board initial_board_;
  Rules rules_;
  Color to_move_ = Color::kBlack;
  int consecutive_passes_ = 0;
  std::optional<Color> resigned_;
  std::vector<PlayedMove> moves_;
  std::vector<UndoEntry> undo_stack_;
  // The board before each forced move on undo_stack_, which Board::Undo
  // cannot restore; oldest first.
  std::vector<Board> forced_boards_before_;
  // Stone hash and player to move of every position since the start.
  std::vector<uint64_t> history_hashes_;
  std::vector<Color> history_to_move_;
  absl::flat_hash_map<uint64_t, int> positional_counts_;
  absl::flat_hash_map<uint64_t, int> situational_counts_;
};

}  // namespace tengen

#endif  // TENGEN_ENGINE_GAME_STATE_H_
