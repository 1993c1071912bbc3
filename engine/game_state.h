// A game in progress: the board plus everything the full rules need, namely
// the player to move, the position history for superko, consecutive passes,
// resignation, the move record and undo.
//
// Cost: every move, forced or legal, adds a few dozen bytes of history (no
// board copies), and copying a game copies that history. Code that looks at
// the next move only (evaluation, move choice) should take
// WithRecentHistory(), whose size does not depend on the game's length.
#ifndef TENGEN_ENGINE_GAME_STATE_H_
#define TENGEN_ENGINE_GAME_STATE_H_

#include <cstddef>
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

  // The position the move record starts from: the empty board, the board
  // after the most recent setup, or (in a WithRecentHistory() copy) the board
  // before the kept moves.
  const Board& initial_board() const { return initial_board_; }
  // Moves played from initial_board(), oldest first.
  const std::vector<PlayedMove>& moves() const { return moves_; }
  // Moves played since the start or the most recent setup: moves().size()
  // plus the moves that WithRecentHistory() left out of moves().
  int move_number() const { return omitted_moves_ + static_cast<int>(moves_.size()); }
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

  // A copy for deciding the next move whose cost does not grow with the
  // game: the same board, rules, player to move, passes, resignation and
  // move_number(), but only the last kept_moves moves (fewer if the game has
  // fewer) in moves(), with initial_board() the board before them. Of the
  // superko history it keeps the positions of those moves plus the earlier
  // positions one move of either colour could repeat, so CheckMove answers
  // exactly as here for every point and colour, also after set_to_move.
  // After a further move, superko sees only what was kept. Undo reaches back
  // over the kept moves only. Costs O(board area + kept_moves).
  GameState WithRecentHistory(int kept_moves) const;

  // About how many heap bytes the history holds (move record, undo and
  // superko history): what copying the game copies besides the boards.
  size_t HistoryBytes() const;

  // Hash of the stones, the player to move and the simple-ko point: equal
  // states hash equally, and the same stones with a different ko point or
  // player to move hash differently.
  uint64_t StateHash() const;

 private:
  // Small on purpose (a Board is ~10 KB): every move pushes one, and games
  // are copied whole.
  struct UndoEntry {
    MoveUndo move;
    bool forced;  // its undo is on forced_undos_
    Color to_move_before;
    int passes_before;
  };
  // What a forced move (Board::PlayForced, not undoable by Board::Undo)
  // changed: the points whose colour changed, with their colour before, and
  // the ko ban before. At most one stone is placed per move, so over a game
  // the entries add up to at most the moves plus the setup stones.
  struct ForcedUndo {
    struct Change {
      int16_t point;
      Color before;
    };
    std::vector<Change> changes;
    Point ko_point_before;
    Color ko_color_before;
  };

  // Board::PlayForced(p, c) on `board`, returning how to take it back.
  static ForcedUndo PlayForcedRecordingChanges(Point p, Color c, Board& board);
  // Takes back the forced move `undo` on `board`, where it was the last one.
  static void UndoForced(const ForcedUndo& undo, Board& board);
  // Takes back the last `count` moves of undo_stack_ on a copy of board_.
  Board BoardBefore(int count) const;
  // Adds to this copy's superko counts the positions of `full`, of which
  // this is a WithRecentHistory() copy, that one move could repeat.
  void KeepRepeatablePositions(const GameState& full);
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
  // The undo of each forced move on undo_stack_, oldest first.
  std::vector<ForcedUndo> forced_undos_;
  // Moves before initial_board() that WithRecentHistory() left out.
  int omitted_moves_ = 0;
  // Stone hash and player to move of every position since the start.
  std::vector<uint64_t> history_hashes_;
  std::vector<Color> history_to_move_;
  absl::flat_hash_map<uint64_t, int> positional_counts_;
  absl::flat_hash_map<uint64_t, int> situational_counts_;
};

}  // namespace tengen

#endif  // TENGEN_ENGINE_GAME_STATE_H_
