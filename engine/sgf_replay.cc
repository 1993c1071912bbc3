// Between records and games: the rules a record names, replaying a record
// into a GameState, and recording a GameState.
#include <fmt/format.h>

#include <optional>

#include "base/text_util.h"
#include "engine/coordinates.h"
#include "engine/sgf.h"
#include "engine/sgf_internal.h"

namespace tengen {
namespace {

constexpr std::string_view kChineseName = "Chinese";
constexpr std::string_view kTrompTaylorName = "tromp-taylor";

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The name RecordFromGame writes in RU; komi is recorded apart, in KM.
std::string RulesName(Rules rules) {
  rules.komi = Rules::Chinese().komi;
  if (rules == Rules::Chinese()) return std::string(kChineseName);
  if (rules == Rules::TrompTaylor()) return std::string(kTrompTaylorName);
  return fmt::format("ko={};suicide={}", KoRuleName(rules.ko),
                     rules.suicide_allowed ? "allowed" : "forbidden");
}

// "ko=<simple|positional|situational>;suicide=<allowed|forbidden>", either
// part optional (Chinese for what is left out).
std::optional<Rules> RulesFromDescription(std::string_view text) {
  Rules rules = Rules::Chinese();
  bool any = false;
  for (std::string_view piece : SplitText(text, ';')) {
    piece = TrimSpaces(piece);
    if (piece.empty()) continue;
    const size_t equals = piece.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::string key = AsciiLower(TrimSpaces(piece.substr(0, equals)));
    const std::string value = AsciiLower(TrimSpaces(piece.substr(equals + 1)));
    if (key == "ko") {
      absl::StatusOr<KoRule> ko = KoRuleFromName(value);
      if (!ko.ok()) return std::nullopt;
      rules.ko = *ko;
    } else if (key == "suicide" && (value == "allowed" || value == "forbidden")) {
      rules.suicide_allowed = value == "allowed";
    } else {
      return std::nullopt;
    }
    any = true;
  }
  return any ? std::optional(rules) : std::nullopt;
}

// Common RU names, mapped to the ko and suicide rules Tengen has (scoring is
// always by area).
std::optional<Rules> RulesFromName(std::string_view name) {
  const std::string lower = AsciiLower(TrimSpaces(name));
  if (lower == "chinese" || lower == "cn") return Rules::Chinese();
  if (lower == "tromp-taylor" || lower == "tromp taylor" || lower == "tt")
    return Rules::TrompTaylor();
  if (lower == "aga") return Rules{.ko = KoRule::kSituational, .suicide_allowed = false};
  if (lower == "nz" || lower == "new zealand")
    return Rules{.ko = KoRule::kSituational, .suicide_allowed = true};
  if (lower == "japanese" || lower == "jp" || lower == "korean")
    return Rules{.ko = KoRule::kSimple, .suicide_allowed = false};
  return RulesFromDescription(lower);
}

// Ok if the node's points and colours fit a board of the given size.
absl::Status CheckNode(const GameRecordNode& node, int node_index, int size) {
  for (const SetupStone& stone : node.setup) {
    if (!IsOnBoardPoint(stone.point, size) || stone.color == Color::kOffBoard) {
      return absl::InvalidArgumentError(
          fmt::format("node {}: a setup stone is not on the {}x{} board", node_index, size, size));
    }
  }
  if (node.player_to_move && !IsPlayer(*node.player_to_move)) {
    return absl::InvalidArgumentError(
        fmt::format("node {}: the player to move must be black or white", node_index));
  }
  if (node.move && (!IsPlayer(node.move->color) ||
                    (node.move->point != kPass && !IsOnBoardPoint(node.move->point, size)))) {
    return absl::InvalidArgumentError(
        fmt::format("node {}: the move must be by black or white, on the {}x{} board or a pass",
                    node_index, size, size));
  }
  return absl::OkStatus();
}

}  // namespace

Rules RulesOfRecord(const GameRecord& record, const Rules& fallback) {
  Rules rules = RulesFromName(record.rules).value_or(fallback);
  rules.komi = record.komi;
  return rules;
}

absl::StatusOr<ReplayResult> ReplayGame(const GameRecord& record, const Rules& rules,
                                        int max_moves) {
  if (record.size < kMinBoardSize || record.size > kMaxBoardSize) {
    return absl::InvalidArgumentError(
        fmt::format("cannot replay a {}x{} board: sizes run from {} to {}", record.size,
                    record.size, kMinBoardSize, kMaxBoardSize));
  }
  ReplayResult result{.game = GameState(record.size, rules), .warnings = {}};
  GameState& game = result.game;
  int moves_played = 0;
  for (size_t i = 0; i < record.nodes.size(); ++i) {
    const GameRecordNode& node = record.nodes[i];
    if (absl::Status status = CheckNode(node, static_cast<int>(i), record.size); !status.ok())
      return status;
    if (!node.setup.empty()) game.Setup(node.setup);
    if (node.player_to_move) game.set_to_move(*node.player_to_move);
    if (!node.move) continue;
    if (max_moves >= 0 && moves_played >= max_moves) break;
    if (moves_played >= kMaxReplayMoves) {
      return absl::InvalidArgumentError(
          fmt::format("the game has more than {} moves, the most Tengen replays", kMaxReplayMoves));
    }
    ++moves_played;
    const absl::Status legality = game.PlayForced(node.move->point, node.move->color);
    if (!legality.ok()) {
      result.warnings.push_back(fmt::format(
          "move {} ({} {}): {}", moves_played, GtpColorLetter(node.move->color),
          GtpVertex(node.move->point, record.size), sgf_internal::StatusMessage(legality)));
    }
  }
  return result;
}

GameRecord RecordFromGame(const GameState& game) {
  GameRecord record;
  record.size = game.size();
  record.komi = game.rules().komi;
  record.rules = RulesName(game.rules());
  GameRecordNode root;
  const Board& initial = game.initial_board();
  for (Color color : {Color::kBlack, Color::kWhite}) {
    for (int y = 0; y < game.size(); ++y) {
      for (int x = 0; x < game.size(); ++x) {
        const Point point = initial.PointAt(x, y);
        if (initial.At(point) == color) root.setup.push_back({.point = point, .color = color});
      }
    }
  }
  // Who moved first, or moves next if nobody has: PL when that is white.
  const Color first = game.moves().empty() ? game.to_move() : game.moves().front().color;
  if (first == Color::kWhite) root.player_to_move = first;
  record.nodes.push_back(std::move(root));
  for (const PlayedMove& move : game.moves()) {
    GameRecordNode node;
    node.move = move;
    record.nodes.push_back(std::move(node));
  }
  return record;
}

}  // namespace tengen
