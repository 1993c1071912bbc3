// The Go board: stones, chains with exact liberty counts, captures, simple
// ko, Zobrist hash and undo. This is the hot path of playouts and self-play;
// superko, move history and scoring live in GameState and scoring.h.
#ifndef TENGEN_ENGINE_BOARD_H_
#define TENGEN_ENGINE_BOARD_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "engine/color.h"
#include "engine/point.h"

namespace tengen {

// What Board::Play needs to take a move back. Filled by Play, consumed by
// Undo; moves must be undone in the reverse order they were played.
struct MoveUndo {
  Point point = kPass;
  Color color = Color::kEmpty;
  Point previous_ko_point = kNoPoint;
  Color previous_ko_color = Color::kEmpty;
  uint64_t previous_hash = 0;
  std::vector<int16_t> captured;  // opponent stones removed by the move
  std::vector<int16_t> suicided;  // own stones removed (multi-stone suicide)
};

class Board {
 public:
  // An empty board of size x size points; size must be in
  // [kMinBoardSize, kMaxBoardSize] (callers validate user input first).
  explicit Board(int size);

  // Copies only the part of the arrays that a board of this size uses, so a
  // 9x9 board copies about 2 KB rather than the 25x25 capacity. Moving is
  // copying; both are noexcept, so growing vectors of boards (and of games)
  // move their elements instead of copying them with all their history.
  Board(const Board& other) noexcept;
  Board& operator=(const Board& other) noexcept;

  int size() const { return size_; }
  int padded_area() const { return PaddedArea(size_); }
  Point PointAt(int x, int y) const { return MakePoint(x, y, size_); }
  bool IsOnBoard(Point p) const { return IsOnBoardPoint(p, size_); }

  // Neighbour offsets, in the order up, left, right, down.
  std::array<int, 4> NeighbourOffsets() const { return {-stride_, -1, 1, stride_}; }

  Color At(Point p) const { return static_cast<Color>(cells_[p].color); }
  // The representative stone of the chain through stone p; equal for all
  // stones of one chain and different between chains.
  Point ChainHead(Point p) const { return cells_[p].head; }
  // The next stone of p's chain; following it from any stone visits the
  // whole chain and returns to the start.
  Point NextInChain(Point p) const { return cells_[p].next; }
  // Exact number of distinct empty points adjacent to p's chain.
  int ChainLiberties(Point p) const { return cells_[cells_[p].head].liberties; }
  int ChainSize(Point p) const { return cells_[cells_[p].head].stones; }

  // Zobrist hash of the stones alone (not the ko point or player to move).
  uint64_t hash() const { return hash_; }

  // Simple ko: the point where ko_color() may not play on the next move, or
  // kNoPoint. Set after a single-stone capture by a lone stone left in atari.
  Point ko_point() const { return ko_point_; }
  Color ko_color() const { return ko_color_; }
  // Sets the simple-ko ban directly (used to carry it through symmetries);
  // p must be an empty point, or kNoPoint to clear the ban.
  void SetKoPoint(Point p, Color banned) {
    ko_point_ = p;
    ko_color_ = p == kNoPoint ? Color::kEmpty : banned;
  }

  // The empty points, in no particular order.
  int num_empty() const { return num_empty_; }
  Point EmptyPoint(int i) const { return empties_[i]; }
  // Exchanges two entries of the empty list (its order means nothing; random
  // move pickers use this to set rejected points aside).
  void SwapEmptyPoints(int i, int j) {
    std::swap(empties_[i], empties_[j]);
    empty_index_[empties_[i]] = static_cast<int16_t>(i);
    empty_index_[empties_[j]] = static_cast<int16_t>(j);
  }

  // Legal under simple ko: pass, or an empty point that is not the ko point
  // for c and is not suicide. A suicide is legal only when allow_suicide is
  // set and it removes at least one other own stone (single-stone suicide
  // never changes anything, so it is never legal).
  bool IsLegal(Point p, Color c, bool allow_suicide) const;
  // As IsLegal, but ignoring the simple-ko point (for superko rules, which
  // decide repetition from the position history instead).
  bool IsLegalIgnoringKo(Point p, Color c, bool allow_suicide) const;
  // True if a stone of c on the empty point p would have no liberties after
  // capturing what it captures.
  bool IsSuicide(Point p, Color c) const;
  // True if playing c on the empty point p captures at least one stone.
  bool Captures(Point p, Color c) const;
  // True if the empty point p is a one-point eye of c: every neighbour is a
  // c stone or the edge, and no more than one diagonal (none on the edge)
  // holds an opponent stone. Playouts never fill these.
  bool IsSimpleEye(Point p, Color c) const;
  // Number of liberties c's chain through p would have after c plays p
  // (captures included); p must be empty.
  int LibertiesAfter(Point p, Color c) const;

  // The stone hash after c plays p, without playing; p must be legal for c
  // under the basic rules (ko aside).
  uint64_t HashAfter(Point p, Color c) const;

  // Plays c at p, which must be legal for c (IsLegal or IsLegalIgnoringKo).
  // Pass only clears the ko point. Fills *undo when it is not null.
  void Play(Point p, Color c, MoveUndo* undo = nullptr);
  // Takes back the move recorded in undo, which must be the last one played.
  void Undo(const MoveUndo& undo);

  // Executes any move, as the SGF specification asks of recorded moves that
  // break the rules: an occupied point is overwritten, opponent chains left
  // without liberties are captured, then c's own chain if it has none.
  // Clears the ko point. Not undoable.
  void PlayForced(Point p, Color c);

  // Puts colour c (kEmpty to clear) on p with no captures, as SGF setup and
  // handicap placement do. Chains may end up with no liberties. Clears the ko
  // point. Not undoable.
  void SetStone(Point p, Color c);

  // Recomputes chains, liberties, the hash and the empty list from the
  // stones alone, independently of the incremental code, and reports the
  // first difference. Ok means the board is consistent.
  absl::Status CheckConsistency() const;

  // The playing area as text, top row first: '.' empty, 'X' black, 'O' white,
  // one row a line, no coordinates.
  std::string ToDiagram() const;

  // Same stones, ko point and ko colour (the empty list order may differ).
  bool SamePosition(const Board& other) const;

 private:
  // Per-point state. liberties and stones are meaningful at chain heads only.
  struct Cell {
    uint8_t color;
    int16_t head;
    int16_t next;
    int16_t liberties;
    int16_t stones;
  };

  void PlaceStone(Point p, Color c);
  void RemoveStoneFromEmptyList(Point p);
  void AddToEmptyList(Point p);
  // Adds the new stone p to the chains of its c neighbours (merging them), or
  // makes it a chain of its own, with an exact liberty count.
  void JoinChains(Point p, Color c);
  bool IsAdjacentToChain(Point empty_point, Point head) const;
  // Removes the chain headed by head, returning liberties to the chains
  // around it; records the removed stones in *removed if not null. Returns
  // the number of stones removed.
  int RemoveChain(Point head, std::vector<int16_t>* removed);
  // Rebuilds the chain through stone p by flood fill if it was not rebuilt
  // already under the given mark.
  void RebuildChainAt(Point p, uint32_t visited_mark);
  void RebuildAllChains();
  void CopyFrom(const Board& other);

  int size_;
  int stride_;
  uint64_t hash_ = 0;
  Point ko_point_ = kNoPoint;
  Color ko_color_ = Color::kEmpty;
  int num_empty_ = 0;
  std::array<Cell, kMaxPaddedArea> cells_;
  std::array<int16_t, kMaxPaddedArea> empties_;
  std::array<int16_t, kMaxPaddedArea> empty_index_;
};

}  // namespace tengen

#endif  // TENGEN_ENGINE_BOARD_H_
