// SGF FF[4] game records: reading, writing and replaying.
//
// The reader accepts a collection of game trees and keeps each tree's main
// line (the first variation at every branch). Malformed input gives an
// error naming the line and column (both from 1); the reader never recurses,
// so arbitrarily deep nesting cannot overflow the stack.
//
// Points are two letters, column then row from the top-left, 'a'..'z' for
// 1..26 (boards here are at most 25x25). A pass is B[] / W[], or B[tt] on
// boards up to 19x19 only; on larger boards "tt" is an ordinary point.
#ifndef TENGEN_ENGINE_SGF_H_
#define TENGEN_ENGINE_SGF_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/game_state.h"
#include "engine/rules.h"

namespace tengen {

// One node of a game's main line.
struct GameRecordNode {
  std::optional<PlayedMove> move;       // B / W (point kPass for a pass)
  std::vector<SetupStone> setup;        // AB / AW / AE, in file order
  std::optional<Color> player_to_move;  // PL
  std::string comment;                  // C, unescaped
  // Member-wise equality. Written out because SetupStone (game_state.h) has
  // no operator== of its own, so a defaulted one would be deleted.
  bool operator==(const GameRecordNode& other) const {
    return move == other.move && player_to_move == other.player_to_move &&
           comment == other.comment &&
           std::ranges::equal(setup, other.setup, [](const SetupStone& a, const SetupStone& b) {
             return a.point == b.point && a.color == b.color;
           });
  }
};

// A game's header and main line. Text fields hold unescaped values.
struct GameRecord {
  int size = 19;                      // SZ (square boards only)
  double komi = 0.0;                  // KM
  int handicap = 0;                   // HA (the count only; the stones come as AB)
  std::string rules;                  // RU as written
  std::string result;                 // RE as written: "B+3.5", "W+R", "0", "Void", "?"
  std::string black_player;           // PB
  std::string white_player;           // PW
  std::string game_name;              // GN
  std::string date;                   // DT
  std::string application;            // AP
  std::vector<GameRecordNode> nodes;  // nodes[0] is the root; never empty
  bool operator==(const GameRecord&) const = default;
};

// Parses an SGF collection: one record per game tree, in file order.
//
// What the reader accepts and how:
// - Whitespace between tokens; a leading UTF-8 byte order mark. Lower-case
//   letters in property names are dropped (FF[3] "AddBlack" reads as AB); a
//   name with no upper-case letter is an error.
// - Text values (C, PB, PW, GN, DT, AP, RU, RE): '\' escapes the next
//   character, '\' before a line end removes it (soft line break), and every
//   other line end (LF, CR, CRLF, LFCR) becomes '\n'. Nothing is trimmed.
// - Variations off the main line are checked for syntax only; their values
//   are not interpreted. A game tree whose sequence is empty but which has
//   variations, "((;B[aa]))", is tolerated.
// - SZ is read first in the root node whatever its place there, and is an
//   error in any other node. "N" and "N:N" are accepted for 1 <= N <= 25;
//   without SZ the size is 19. KM, HA, RE, RU, PB, PW, GN, DT and AP may
//   appear in any main-line node (the last one wins); an empty KM[] or HA[]
//   is ignored. GM other than 1 is an error; other unknown properties are
//   ignored.
// - AB/AW/AE take points and rectangles "aa:cc" (any two opposite corners,
//   expanded row by row from the top). B/W take exactly one value.
// - A node holding both B and W (or B twice) is an error, as is a property
//   that takes one value given several.
// Errors are InvalidArgument with a message "line L, column C: ..." naming
// where the problem is (columns count UTF-8 characters).
absl::StatusOr<std::vector<GameRecord>> ParseSgf(std::string_view text);

// The largest SGF file ReadSgfFile reads: 4 MiB. A 10,000-move game (see
// kMaxReplayMoves) takes about 60 KB; the rest leaves room for comments and
// variations while bounding the memory a file can make the parser use.
inline constexpr std::uintmax_t kMaxSgfFileBytes = std::uintmax_t{4} << 20;

// Reads and parses a file; errors name the file and say what is wrong: it
// cannot be opened (with the system's reason, e.g. no such file), it is not
// a regular file (a directory, a device), it is larger than
// kMaxSgfFileBytes, or it is malformed.
absl::StatusOr<std::vector<GameRecord>> ReadSgfFile(const std::string& path);

// One game tree "(;FF[4]GM[1]SZ[..]...)" with escaped text values; empty
// header fields (and komi or handicap 0) are left out; a pass is written
// "[]". Setup stones are written one property per run of one colour, so the
// list comes back in the same order. ParseSgf(WriteSgf(r)) gives r back for
// every valid record: size in 1..25, nodes not empty, points on the board (or
// kPass for a move), players black or white, finite komi, handicap >= 0 and
// text fields using '\n' for line ends (the reader turns '\r' into '\n').
// An invalid record is a bug of the caller and fails a check.
std::string WriteSgf(const GameRecord& record);

// Writes the records as one collection, atomically (see atomic_file.h).
absl::Status WriteSgfFile(const std::string& path, std::span<const GameRecord> records);

// The rules a record names in RU ("Chinese", "tromp-taylor", ...), with the
// record's komi; `fallback` (with the record's komi) when RU is absent or
// unknown. Known names, case-insensitive: Chinese/CN, Tromp-Taylor/TT, AGA
// (situational superko), NZ/New Zealand (situational, suicide allowed),
// Japanese/JP/Korean (simple ko), and the form RecordFromGame writes for
// other rules, "ko=<simple|positional|situational>;suicide=<allowed|forbidden>".
Rules RulesOfRecord(const GameRecord& record, const Rules& fallback = Rules::Chinese());

// The most moves ReplayGame executes: 10,000. Real games have a few hundred
// moves (even on 25x25 rarely over 1,000), so the limit never binds for a
// real record, while it bounds the memory and time a record can cost.
inline constexpr int kMaxReplayMoves = 10000;

struct ReplayResult {
  GameState game;
  // One line per recorded move that broke the rules and was executed anyway,
  // e.g. "move 12 (B D4): ko: the stone just captured may not be retaken yet".
  std::vector<std::string> warnings;
};

// Replays a record from its root with the given rules: in each node the
// setup stones (GameState::Setup), then PL, then the move, executing at most
// max_moves moves (all if negative); it stops just before the first move
// beyond that, after applying that move's node's setup and PL.
// Illegal moves are executed as the SGF specification asks
// (GameState::PlayForced) and reported in warnings. Errors only for records
// that cannot be replayed at all: a board size outside 1..25, or more than
// kMaxReplayMoves moves to execute.
absl::StatusOr<ReplayResult> ReplayGame(const GameRecord& record, const Rules& rules,
                                        int max_moves = -1);

// A record of a game: size, komi and rules name from the game, the initial
// board as AB/AW setup in the root (PL[W] there when white moved first, or
// is to move in a game without moves), then one node per move. RU is
// "Chinese" or "tromp-taylor" for those rules whatever the komi, else
// "ko=...;suicide=...", so RulesOfRecord(RecordFromGame(g)) == g.rules().
// The caller fills in players, result and the rest.
GameRecord RecordFromGame(const GameState& game);

// The comment (C) on a move that nobody chose: one of the uniformly random
// opening moves a match starts from (tengen match --random-opening).
// Supervised training on SGF records plays such moves but does not learn
// them as targets.
inline constexpr std::string_view kRandomOpeningComment = "random opening move";

}  // namespace tengen

#endif  // TENGEN_ENGINE_SGF_H_
