#include "engine/board.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "base/check.h"
#include "engine/zobrist.h"

namespace tengen {
namespace {

// Per-thread point marks with constant-time reset: a point is marked when it
// holds the current mark value. Shared by all boards of a thread, which is
// safe because no board operation is re-entered while another runs.
class PointMarks {
 public:
  uint32_t NewMark() {
    if (++current_ == 0) {
      marks_.fill(0);
      current_ = 1;
    }
    return current_;
  }
  bool Has(Point p, uint32_t mark) const { return marks_[p] == mark; }
  void Set(Point p, uint32_t mark) { marks_[p] = mark; }

 private:
  std::array<uint32_t, kMaxPaddedArea> marks_{};
  uint32_t current_ = 0;
};

thread_local PointMarks t_marks;

// Adds h to the small set heads[0..count) if absent; returns whether added.
inline bool AddDistinct(Point (&heads)[4], int& count, Point h) {
  for (int i = 0; i < count; ++i)
    if (heads[i] == h) return false;
  heads[count++] = static_cast<Point>(h);
  return true;
}

}  // namespace

Board::Board(int size) : size_(size), stride_(size + 1) {
  TENGEN_CHECK(size >= kMinBoardSize && size <= kMaxBoardSize);
  for (Point p = 0; p < padded_area(); ++p) {
    cells_[p] = Cell{static_cast<uint8_t>(Color::kOffBoard), 0, 0, 0, 0};
    empty_index_[p] = -1;
  }
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const Point p = PointAt(x, y);
      cells_[p].color = static_cast<uint8_t>(Color::kEmpty);
      AddToEmptyList(p);
    }
  }
}

Board::Board(const Board& other) noexcept { CopyFrom(other); }

Board& Board::operator=(const Board& other) noexcept {
  if (this != &other) CopyFrom(other);
  return *this;
}

void Board::CopyFrom(const Board& other) {
  size_ = other.size_;
  stride_ = other.stride_;
  hash_ = other.hash_;
  ko_point_ = other.ko_point_;
  ko_color_ = other.ko_color_;
  num_empty_ = other.num_empty_;
  const int area = other.padded_area();
  std::memcpy(cells_.data(), other.cells_.data(), sizeof(Cell) * area);
  std::memcpy(empties_.data(), other.empties_.data(), sizeof(int16_t) * num_empty_);
  std::memcpy(empty_index_.data(), other.empty_index_.data(), sizeof(int16_t) * area);
}

void Board::AddToEmptyList(Point p) {
  empty_index_[p] = static_cast<int16_t>(num_empty_);
  empties_[num_empty_++] = static_cast<int16_t>(p);
}

void Board::RemoveStoneFromEmptyList(Point p) {
  const int index = empty_index_[p];
  const int16_t last = empties_[--num_empty_];
  empties_[index] = last;
  empty_index_[last] = static_cast<int16_t>(index);
  empty_index_[p] = -1;
}

bool Board::IsSuicide(Point p, Color c) const {
  const Color opponent = Opponent(c);
  for (int offset : NeighbourOffsets()) {
    const Point n = p + offset;
    const Color nc = At(n);
    if (nc == Color::kEmpty) return false;
    if (nc == c && ChainLiberties(n) > 1) return false;
    if (nc == opponent && ChainLiberties(n) == 1) return false;
  }
  return true;
}

bool Board::Captures(Point p, Color c) const {
  const Color opponent = Opponent(c);
  for (int offset : NeighbourOffsets()) {
    const Point n = p + offset;
    if (At(n) == opponent && ChainLiberties(n) == 1) return true;
  }
  return false;
}

bool Board::IsLegalIgnoringKo(Point p, Color c, bool allow_suicide) const {
  if (p == kPass) return true;
  if (!IsOnBoard(p) || At(p) != Color::kEmpty) return false;
  if (!IsSuicide(p, c)) return true;
  if (!allow_suicide) return false;
  for (int offset : NeighbourOffsets())
    if (At(p + offset) == c) return true;  // removes other own stones too
  return false;
}

bool Board::IsLegal(Point p, Color c, bool allow_suicide) const {
  if (p == ko_point_ && c == ko_color_) return false;
  return IsLegalIgnoringKo(p, c, allow_suicide);
}

bool Board::IsSimpleEye(Point p, Color c) const {
  bool has_own_neighbour = false;
  bool on_edge = false;
  for (int offset : NeighbourOffsets()) {
    const Color nc = At(p + offset);
    if (nc == Color::kOffBoard) {
      on_edge = true;
    } else if (nc != c) {
      return false;
    } else {
      has_own_neighbour = true;
    }
  }
  if (!has_own_neighbour) return false;
  const Color opponent = Opponent(c);
  int opponent_diagonals = 0;
  for (int offset : {-stride_ - 1, -stride_ + 1, stride_ - 1, stride_ + 1})
    opponent_diagonals += At(p + offset) == opponent;
  return opponent_diagonals <= (on_edge ? 0 : 1);
}

int Board::LibertiesAfter(Point p, Color c) const {
  // The new chain is p plus the own chains it joins. Its liberties are the
  // empty points around those stones and the stones it captures (opponent
  // chains next to p whose last liberty is p) that touch it, each once.
  const Color opponent = Opponent(c);
  const uint32_t captured_mark = t_marks.NewMark();
  Point own_heads[4], captured_heads[4];
  int own_count = 0, captured_count = 0;
  for (int offset : NeighbourOffsets()) {
    const Point n = p + offset;
    if (At(n) == c) {
      AddDistinct(own_heads, own_count, ChainHead(n));
    } else if (At(n) == opponent && ChainLiberties(n) == 1 &&
               AddDistinct(captured_heads, captured_count, ChainHead(n))) {
      Point s = ChainHead(n);
      do {
        t_marks.Set(s, captured_mark);
        s = NextInChain(s);
      } while (s != ChainHead(n));
    }
  }
  // Counted points get the liberty mark, which replaces a captured mark.
  const uint32_t liberty_mark = t_marks.NewMark();
  int liberties = 0;
  auto count_around = [&](Point s) {
    for (int offset : NeighbourOffsets()) {
      const Point e = s + offset;
      if (e == p || t_marks.Has(e, liberty_mark)) continue;
      if (At(e) == Color::kEmpty || t_marks.Has(e, captured_mark)) {
        t_marks.Set(e, liberty_mark);
        ++liberties;
      }
    }
  };
  count_around(p);
  for (int i = 0; i < own_count; ++i) {
    Point s = own_heads[i];
    do {
      count_around(s);
      s = NextInChain(s);
    } while (s != own_heads[i]);
  }
  return liberties;
}

uint64_t Board::HashAfter(Point p, Color c) const {
  if (p == kPass) return hash_;
  uint64_t result = hash_ ^ StoneKey(c, p);
  const Color opponent = Opponent(c);
  Point heads[4];
  int count = 0;
  bool captured = false;
  for (int offset : NeighbourOffsets()) {
    const Point n = p + offset;
    if (At(n) != opponent || ChainLiberties(n) != 1) continue;
    const Point head = ChainHead(n);
    if (!AddDistinct(heads, count, head)) continue;
    captured = true;
    Point s = head;
    do {
      result ^= StoneKey(opponent, s);
      s = NextInChain(s);
    } while (s != head);
  }
  if (!captured && IsSuicide(p, c)) {
    // Multi-stone suicide: p and every own chain it joins disappear.
    result ^= StoneKey(c, p);
    count = 0;
    for (int offset : NeighbourOffsets()) {
      const Point n = p + offset;
      if (At(n) != c || !AddDistinct(heads, count, ChainHead(n))) continue;
      Point s = ChainHead(n);
      do {
        result ^= StoneKey(c, s);
        s = NextInChain(s);
      } while (s != ChainHead(n));
    }
  }
  return result;
}

void Board::PlaceStone(Point p, Color c) {
  Cell& cell = cells_[p];
  cell.color = static_cast<uint8_t>(c);
  cell.head = static_cast<int16_t>(p);
  cell.next = static_cast<int16_t>(p);
  cell.stones = 1;
  cell.liberties = 0;
  hash_ ^= StoneKey(c, p);
  RemoveStoneFromEmptyList(p);
}

bool Board::IsAdjacentToChain(Point empty_point, Point head) const {
  for (int offset : NeighbourOffsets()) {
    const Point n = empty_point + offset;
    if (cells_[n].head == head && IsPlayer(At(n))) return true;
  }
  return false;
}

void Board::JoinChains(Point p, Color c) {
  Point heads[4];
  int count = 0;
  for (int offset : NeighbourOffsets()) {
    const Point n = p + offset;
    if (At(n) == c) AddDistinct(heads, count, ChainHead(n));
  }
  if (count == 0) {
    int liberties = 0;
    for (int offset : NeighbourOffsets()) liberties += At(p + offset) == Color::kEmpty;
    cells_[p].liberties = static_cast<int16_t>(liberties);
    return;
  }
  // Keep the largest chain's head; relabel the others.
  int largest = 0;
  for (int i = 1; i < count; ++i)
    if (cells_[heads[i]].stones > cells_[heads[largest]].stones) largest = i;
  std::swap(heads[0], heads[largest]);
  const Point keep = heads[0];

  // p was a liberty of `keep`; add every liberty of p and of the other
  // chains that is not already a liberty of `keep`, each once.
  int liberties = cells_[keep].liberties - 1;
  const uint32_t mark = t_marks.NewMark();
  auto count_new_liberties_around = [&](Point s) {
    for (int offset : NeighbourOffsets()) {
      const Point e = s + offset;
      if (At(e) != Color::kEmpty || t_marks.Has(e, mark)) continue;
      t_marks.Set(e, mark);
      if (!IsAdjacentToChain(e, keep)) ++liberties;
    }
  };
  count_new_liberties_around(p);
  for (int i = 1; i < count; ++i) {
    Point s = heads[i];
    do {
      count_new_liberties_around(s);
      s = cells_[s].next;
    } while (s != heads[i]);
  }
  // Relabel and splice each other chain into keep's circular list.
  int stones = cells_[keep].stones + 1;
  for (int i = 1; i < count; ++i) {
    Point s = heads[i];
    do {
      cells_[s].head = static_cast<int16_t>(keep);
      s = cells_[s].next;
    } while (s != heads[i]);
    stones += cells_[heads[i]].stones;
    std::swap(cells_[keep].next, cells_[heads[i]].next);
  }
  cells_[p].head = static_cast<int16_t>(keep);
  cells_[p].next = cells_[keep].next;
  cells_[keep].next = static_cast<int16_t>(p);
  cells_[keep].stones = static_cast<int16_t>(stones);
  cells_[keep].liberties = static_cast<int16_t>(liberties);
}

int Board::RemoveChain(Point head, std::vector<int16_t>* removed) {
  const Color c = At(head);
  const Color opponent = Opponent(c);
  int count = 0;
  Point s = head;
  do {
    const Point next = cells_[s].next;
    if (removed != nullptr) removed->push_back(static_cast<int16_t>(s));
    cells_[s].color = static_cast<uint8_t>(Color::kEmpty);
    hash_ ^= StoneKey(c, s);
    AddToEmptyList(s);
    ++count;
    // s is now a new liberty of each distinct opponent chain around it.
    Point heads[4];
    int distinct = 0;
    for (int offset : NeighbourOffsets()) {
      const Point n = s + offset;
      if (At(n) == opponent && AddDistinct(heads, distinct, ChainHead(n)))
        ++cells_[cells_[n].head].liberties;
    }
    s = next;
  } while (s != head);
  return count;
}

void Board::Play(Point p, Color c, MoveUndo* undo) {
  TENGEN_DCHECK(IsLegalIgnoringKo(p, c, /*allow_suicide=*/true));
  if (undo != nullptr) {
    undo->point = p;
    undo->color = c;
    undo->previous_ko_point = ko_point_;
    undo->previous_ko_color = ko_color_;
    undo->previous_hash = hash_;
    undo->captured.clear();
    undo->suicided.clear();
  }
  ko_point_ = kNoPoint;
  ko_color_ = Color::kEmpty;
  if (p == kPass) return;

  const Color opponent = Opponent(c);
  PlaceStone(p, c);
  Point seen[4], dead[4];
  int seen_count = 0, dead_count = 0;
  for (int offset : NeighbourOffsets()) {
    const Point n = p + offset;
    if (At(n) != opponent) continue;
    const Point head = ChainHead(n);
    if (AddDistinct(seen, seen_count, head) && --cells_[head].liberties == 0)
      dead[dead_count++] = head;
  }
  JoinChains(p, c);
  int captured = 0;
  Point last_captured = kNoPoint;
  for (int i = 0; i < dead_count; ++i) {
    last_captured = dead[i];
    captured += RemoveChain(dead[i], undo != nullptr ? &undo->captured : nullptr);
  }
  const Point head = ChainHead(p);
  if (cells_[head].liberties == 0) {
    RemoveChain(head, undo != nullptr ? &undo->suicided : nullptr);
  } else if (captured == 1 && cells_[head].stones == 1 && cells_[head].liberties == 1) {
    ko_point_ = last_captured;
    ko_color_ = opponent;
  }
}

void Board::RebuildChainAt(Point p, uint32_t visited_mark) {
  const Color c = At(p);
  if (!IsPlayer(c) || t_marks.Has(p, visited_mark)) return;
  // Flood fill with an explicit stack; liberties are marked with a fresh
  // mark (empty points never carry visited_mark, which only stones get).
  const uint32_t liberty_mark = t_marks.NewMark();
  int16_t stack[kMaxPaddedArea];
  int top = 0;
  stack[top++] = static_cast<int16_t>(p);
  t_marks.Set(p, visited_mark);
  int stones = 0, liberties = 0;
  Point previous = p;
  while (top > 0) {
    const Point s = stack[--top];
    cells_[s].head = static_cast<int16_t>(p);
    if (s != p) {
      cells_[previous].next = static_cast<int16_t>(s);
      previous = s;
    }
    ++stones;
    for (int offset : NeighbourOffsets()) {
      const Point n = s + offset;
      const Color nc = At(n);
      if (nc == c && !t_marks.Has(n, visited_mark)) {
        t_marks.Set(n, visited_mark);
        stack[top++] = static_cast<int16_t>(n);
      } else if (nc == Color::kEmpty && !t_marks.Has(n, liberty_mark)) {
        t_marks.Set(n, liberty_mark);
        ++liberties;
      }
    }
  }
  cells_[previous].next = static_cast<int16_t>(p);
  cells_[p].stones = static_cast<int16_t>(stones);
  cells_[p].liberties = static_cast<int16_t>(liberties);
}

void Board::Undo(const MoveUndo& undo) {
  ko_point_ = undo.previous_ko_point;
  ko_color_ = undo.previous_ko_color;
  if (undo.point == kPass) return;
  const Point p = undo.point;
  const Color c = undo.color;
  if (undo.suicided.empty()) {
    cells_[p].color = static_cast<uint8_t>(Color::kEmpty);
    AddToEmptyList(p);
  }
  auto restore = [&](int16_t s, Color colour) {
    cells_[s].color = static_cast<uint8_t>(colour);
    RemoveStoneFromEmptyList(s);
  };
  for (int16_t s : undo.suicided)
    if (s != p) restore(s, c);
  for (int16_t s : undo.captured) restore(s, Opponent(c));
  hash_ = undo.previous_hash;

  // Only chains touching p or a restored stone can have changed.
  const uint32_t visited = t_marks.NewMark();
  for (int offset : NeighbourOffsets()) RebuildChainAt(p + offset, visited);
  for (const auto* stones : {&undo.suicided, &undo.captured}) {
    for (int16_t s : *stones) {
      RebuildChainAt(s, visited);
      for (int offset : NeighbourOffsets()) RebuildChainAt(s + offset, visited);
    }
  }
}

void Board::RebuildAllChains() {
  const uint32_t visited = t_marks.NewMark();
  for (Point p = 0; p < padded_area(); ++p) RebuildChainAt(p, visited);
}

void Board::SetStone(Point p, Color c) {
  TENGEN_CHECK(IsOnBoard(p));
  TENGEN_CHECK(c != Color::kOffBoard);
  const Color old = At(p);
  ko_point_ = kNoPoint;
  ko_color_ = Color::kEmpty;
  if (old == c) return;
  if (IsPlayer(old)) {
    hash_ ^= StoneKey(old, p);
    cells_[p].color = static_cast<uint8_t>(Color::kEmpty);
    AddToEmptyList(p);
  }
  if (IsPlayer(c)) {
    cells_[p].color = static_cast<uint8_t>(c);
    hash_ ^= StoneKey(c, p);
    RemoveStoneFromEmptyList(p);
  }
  RebuildAllChains();
}

void Board::PlayForced(Point p, Color c) {
  if (p == kPass) {
    ko_point_ = kNoPoint;
    ko_color_ = Color::kEmpty;
    return;
  }
  SetStone(p, c);
  const Color opponent = Opponent(c);
  Point heads[4];
  int count = 0;
  for (int offset : NeighbourOffsets()) {
    const Point n = p + offset;
    if (At(n) == opponent && ChainLiberties(n) == 0 && AddDistinct(heads, count, ChainHead(n)))
      RemoveChain(ChainHead(n), nullptr);
  }
  if (ChainLiberties(p) == 0) RemoveChain(ChainHead(p), nullptr);
}

absl::Status Board::CheckConsistency() const {
  // Independent recomputation with ordinary containers.
  std::map<Point, int> chain_of;  // stone -> chain number
  std::vector<std::set<Point>> chain_stones, chain_liberties;
  uint64_t hash = 0;
  for (int y = 0; y < size_; ++y) {
    for (int x = 0; x < size_; ++x) {
      const Point start = PointAt(x, y);
      const Color c = At(start);
      if (c == Color::kOffBoard)
        return absl::InternalError(fmt::format("point {} is marked off-board", start));
      if (!IsPlayer(c)) continue;
      hash ^= StoneKey(c, start);
      if (chain_of.count(start)) continue;
      const int id = static_cast<int>(chain_stones.size());
      chain_stones.emplace_back();
      chain_liberties.emplace_back();
      std::vector<Point> frontier = {start};
      chain_of[start] = id;
      while (!frontier.empty()) {
        const Point s = frontier.back();
        frontier.pop_back();
        chain_stones[id].insert(s);
        for (int offset : NeighbourOffsets()) {
          const Point n = s + offset;
          if (At(n) == Color::kEmpty) chain_liberties[id].insert(n);
          if (At(n) == c && !chain_of.count(n)) {
            chain_of[n] = id;
            frontier.push_back(n);
          }
        }
      }
    }
  }
  if (hash != hash_) return absl::InternalError("hash differs from the stones' hash");
  for (size_t id = 0; id < chain_stones.size(); ++id) {
    const Point any = *chain_stones[id].begin();
    const Point head = ChainHead(any);
    if (!chain_stones[id].count(head))
      return absl::InternalError(fmt::format("chain at {} has head {} outside it", any, head));
    std::set<Point> listed;
    Point s = head;
    do {
      if (!chain_stones[id].count(s) || !listed.insert(s).second)
        return absl::InternalError(fmt::format("chain list of {} is broken at {}", head, s));
      if (ChainHead(s) != head)
        return absl::InternalError(
            fmt::format("stone {} has head {} not {}", s, ChainHead(s), head));
      s = NextInChain(s);
    } while (s != head && listed.size() <= chain_stones[id].size());
    if (listed.size() != chain_stones[id].size())
      return absl::InternalError(fmt::format("chain list of {} misses stones", head));
    if (ChainSize(head) != static_cast<int>(chain_stones[id].size()))
      return absl::InternalError(fmt::format("chain {} size {} should be {}", head, ChainSize(head),
                                             chain_stones[id].size()));
    if (ChainLiberties(head) != static_cast<int>(chain_liberties[id].size()))
      return absl::InternalError(fmt::format("chain {} liberties {} should be {}", head,
                                             ChainLiberties(head), chain_liberties[id].size()));
  }
  int empty = 0;
  for (Point p = 0; p < padded_area(); ++p) {
    if (At(p) != Color::kEmpty) continue;
    ++empty;
    const int index = empty_index_[p];
    if (index < 0 || index >= num_empty_ || empties_[index] != p)
      return absl::InternalError(fmt::format("empty point {} is not in the empty list", p));
  }
  if (empty != num_empty_)
    return absl::InternalError(
        fmt::format("empty list holds {} points, the board {}", num_empty_, empty));
  return absl::OkStatus();
}

std::string Board::ToDiagram() const {
  std::string text;
  for (int y = 0; y < size_; ++y) {
    for (int x = 0; x < size_; ++x) {
      const Color c = At(PointAt(x, y));
      text += c == Color::kBlack ? 'X' : c == Color::kWhite ? 'O' : '.';
    }
    text += '\n';
  }
  return text;
}

bool Board::SamePosition(const Board& other) const {
  if (size_ != other.size_ || hash_ != other.hash_ || ko_point_ != other.ko_point_ ||
      ko_color_ != other.ko_color_)
    return false;
  for (Point p = 0; p < padded_area(); ++p)
    if (At(p) != other.At(p)) return false;
  return true;
}

}  // namespace tengen
