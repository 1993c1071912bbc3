// Meaning of the SGF properties Tengen keeps: header fields, moves, setup,
// player to move and comments. Other properties are ignored.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "engine/coordinates.h"
#include "engine/sgf_internal.h"

namespace tengen::sgf_internal {
namespace {

constexpr int kMaxHandicap = kMaxBoardSize * kMaxBoardSize;

// Text header fields, stored unescaped as written.
struct TextField {
  std::string_view id;
  std::string GameRecord::*field;
};
constexpr TextField kTextFields[] = {
    {"RU", &GameRecord::rules},        {"RE", &GameRecord::result},
    {"PB", &GameRecord::black_player}, {"PW", &GameRecord::white_player},
    {"GN", &GameRecord::game_name},    {"DT", &GameRecord::date},
    {"AP", &GameRecord::application},
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// A number made of decimal digits only, at most 9 of them.
std::optional<int> ParseWholeNumber(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// An SGF Real ("6.5", "-3", "+0.5"); exponents are accepted too. Finite only.
std::optional<double> ParseReal(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// Splits a compose value "a:b" at its first unescaped ':'; nullopt if none.
std::optional<std::pair<std::string_view, std::string_view>> SplitCompose(std::string_view raw) {
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\') {
      ++i;
    } else if (raw[i] == ':') {
      return std::pair(raw.substr(0, i), raw.substr(i + 1));
    }
  }
  return std::nullopt;
}

class NodeReader {
 public:
  NodeReader(std::string_view text, bool is_root, GameRecord& record, GameRecordNode& node)
      : text_(text), is_root_(is_root), record_(record), node_(node) {}

  absl::Status Read(std::span<const SgfProperty> properties);

 private:
  absl::Status Error(size_t offset, std::string_view message) const {
    return ErrorAt(text_, offset, message);
  }
  absl::Status ReadProperty(const SgfProperty& property);
  absl::StatusOr<std::string> OneValue(const SgfProperty& property) const;
  absl::Status ReadSize(const SgfProperty& property);
  absl::Status ReadMove(const SgfProperty& property, Color color);
  absl::Status ReadSetup(const SgfProperty& property, Color color);
  absl::Status ReadPlayer(const SgfProperty& property);
  absl::Status ReadKomi(const SgfProperty& property);
  absl::Status ReadHandicap(const SgfProperty& property);
  absl::Status ReadGameType(const SgfProperty& property);
  // The point named by two letters, or an error quoting id[letters].
  absl::StatusOr<Point> ReadPoint(std::string_view id, std::string_view letters,
                                  size_t offset) const;

  std::string_view text_;
  bool is_root_;
  GameRecord& record_;
  GameRecordNode& node_;
};

absl::Status NodeReader::Read(std::span<const SgfProperty> properties) {
  // SZ first: the node's points are read on the board it sets.
  for (const SgfProperty& property : properties) {
    if (property.id != "SZ") continue;
    if (!is_root_) {
      return Error(property.offset,
                   "SZ may appear only in the root node (the first node of "
                   "the game), before any move is read");
    }
    if (absl::Status status = ReadSize(property); !status.ok()) return status;
  }
  for (const SgfProperty& property : properties) {
    if (absl::Status status = ReadProperty(property); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status NodeReader::ReadProperty(const SgfProperty& property) {
  const std::string_view id = property.id;
  if (id == "B" || id == "W") return ReadMove(property, id == "B" ? Color::kBlack : Color::kWhite);
  if (id == "AB") return ReadSetup(property, Color::kBlack);
  if (id == "AW") return ReadSetup(property, Color::kWhite);
  if (id == "AE") return ReadSetup(property, Color::kEmpty);
  if (id == "PL") return ReadPlayer(property);
  if (id == "KM") return ReadKomi(property);
  if (id == "HA") return ReadHandicap(property);
  if (id == "GM") return ReadGameType(property);
  if (id == "C") {
    absl::StatusOr<std::string> comment = OneValue(property);
    if (!comment.ok()) return comment.status();
    node_.comment = std::move(*comment);
    return absl::OkStatus();
  }
  for (const TextField& text_field : kTextFields) {
    if (id != text_field.id) continue;
    absl::StatusOr<std::string> value = OneValue(property);
    if (!value.ok()) return value.status();
    record_.*text_field.field = std::move(*value);
  }
  return absl::OkStatus();  // SZ (read already) and properties Tengen does not keep
}

absl::StatusOr<std::string> NodeReader::OneValue(const SgfProperty& property) const {
  if (property.values.size() != 1) {  // the parser guarantees at least one
    return Error(
        property.values.size() > 1 ? property.values[1].offset : property.offset,
        fmt::format("{} takes one value, but has {}", property.id, property.values.size()));
  }
  return UnescapeText(property.values[0].raw);
}

absl::Status NodeReader::ReadSize(const SgfProperty& property) {
  absl::StatusOr<std::string> value = OneValue(property);
  if (!value.ok()) return value.status();
  const size_t offset = property.values[0].offset;
  std::string_view columns_text = Trim(*value), rows_text = columns_text;
  if (auto parts = SplitCompose(*value)) {
    columns_text = Trim(parts->first);
    rows_text = Trim(parts->second);
  }
  const std::optional<int> columns = ParseWholeNumber(columns_text);
  const std::optional<int> rows = ParseWholeNumber(rows_text);
  if (!columns || !rows) {
    return Error(offset, fmt::format("SZ[{}]: the board size must be a whole number from {} "
                                     "to {}",
                                     Excerpt(*value), kMinBoardSize, kMaxBoardSize));
  }
  if (*columns != *rows) {
    return Error(offset, fmt::format("SZ[{}]: only square boards are supported, not {}x{}",
                                     Excerpt(*value), *columns, *rows));
  }
  if (*columns < kMinBoardSize || *columns > kMaxBoardSize) {
    return Error(offset, fmt::format("SZ[{}]: board size {} is not supported: sizes run from "
                                     "{} to {}",
                                     Excerpt(*value), *columns, kMinBoardSize, kMaxBoardSize));
  }
  record_.size = *columns;
  return absl::OkStatus();
}

absl::StatusOr<Point> NodeReader::ReadPoint(std::string_view id, std::string_view letters,
                                            size_t offset) const {
  const int x = letters.size() == 2 ? LetterCoordinate(letters[0]) : -1;
  const int y = letters.size() == 2 ? LetterCoordinate(letters[1]) : -1;
  if (x < 0 || y < 0) {
    return Error(offset, fmt::format("{}[{}]: '{}' is not a point: expected two letters, "
                                     "column then row, like 'dd'",
                                     id, Excerpt(letters), Excerpt(letters)));
  }
  const int size = record_.size;
  if (x >= size || y >= size) {
    return Error(offset, fmt::format("{}[{}]: point '{}' is off the {}x{} board", id, letters,
                                     letters, size, size));
  }
  return MakePoint(x, y, size);
}

absl::Status NodeReader::ReadMove(const SgfProperty& property, Color color) {
  if (node_.move.has_value()) {
    return Error(property.offset, fmt::format("a node holds at most one move, but this one "
                                              "also has {}: put each move in a node of its own",
                                              property.id));
  }
  absl::StatusOr<std::string> value = OneValue(property);
  if (!value.ok()) return value.status();
  Point point = kPass;
  if (!value->empty() && !(*value == "tt" && record_.size <= 19)) {
    absl::StatusOr<Point> on_board = ReadPoint(property.id, *value, property.values[0].offset);
    if (!on_board.ok()) return on_board.status();
    point = *on_board;
  }
  node_.move = PlayedMove{.color = color, .point = point};
  return absl::OkStatus();
}

// A list of points and rectangles "aa:cc" (any two opposite corners), each
// rectangle expanded row by row from the top.
absl::Status NodeReader::ReadSetup(const SgfProperty& property, Color color) {
  for (const SgfValue& value : property.values) {
    std::string first_text = UnescapeText(value.raw), second_text = first_text;
    if (auto parts = SplitCompose(value.raw)) {
      first_text = UnescapeText(parts->first);
      second_text = UnescapeText(parts->second);
    }
    absl::StatusOr<Point> first = ReadPoint(property.id, first_text, value.offset);
    if (!first.ok()) return first.status();
    absl::StatusOr<Point> second = ReadPoint(property.id, second_text, value.offset);
    if (!second.ok()) return second.status();
    const int size = record_.size;
    const auto [x0, x1] = std::minmax({PointX(*first, size), PointX(*second, size)});
    const auto [y0, y1] = std::minmax({PointY(*first, size), PointY(*second, size)});
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        node_.setup.push_back({.point = MakePoint(x, y, size), .color = color});
      }
    }
  }
  return absl::OkStatus();
}

absl::Status NodeReader::ReadPlayer(const SgfProperty& property) {
  absl::StatusOr<std::string> value = OneValue(property);
  if (!value.ok()) return value.status();
  absl::StatusOr<Color> color = ParseGtpColor(Trim(*value));
  if (!color.ok()) {
    return Error(property.values[0].offset,
                 fmt::format("PL[{}]: expected B or W", Excerpt(*value)));
  }
  node_.player_to_move = *color;
  return absl::OkStatus();
}

// An empty KM[] or HA[] is taken as absent, as some programs write them.
absl::Status NodeReader::ReadKomi(const SgfProperty& property) {
  absl::StatusOr<std::string> value = OneValue(property);
  if (!value.ok()) return value.status();
  if (Trim(*value).empty()) return absl::OkStatus();
  const std::optional<double> komi = ParseReal(Trim(*value));
  if (!komi) {
    return Error(property.values[0].offset,
                 fmt::format("KM[{}]: komi must be a number, like 6.5", Excerpt(*value)));
  }
  record_.komi = *komi;
  return absl::OkStatus();
}

absl::Status NodeReader::ReadHandicap(const SgfProperty& property) {
  absl::StatusOr<std::string> value = OneValue(property);
  if (!value.ok()) return value.status();
  if (Trim(*value).empty()) return absl::OkStatus();
  const std::optional<int> handicap = ParseWholeNumber(Trim(*value));
  if (!handicap || *handicap > kMaxHandicap) {
    return Error(property.values[0].offset,
                 fmt::format("HA[{}]: the handicap must be a whole number of stones from 0 "
                             "to {}",
                             Excerpt(*value), kMaxHandicap));
  }
  record_.handicap = *handicap;
  return absl::OkStatus();
}

absl::Status NodeReader::ReadGameType(const SgfProperty& property) {
  absl::StatusOr<std::string> value = OneValue(property);
  if (!value.ok()) return value.status();
  const std::string_view game = Trim(*value);
  if (game.empty() || game == "1") return absl::OkStatus();
  return Error(property.values[0].offset,
               fmt::format("GM[{}]: this is not a Go game record (Go is GM[1])", Excerpt(game)));
}

}  // namespace

absl::Status InterpretNode(std::string_view text, std::span<const SgfProperty> properties,
                           bool is_root, GameRecord& record, GameRecordNode& node) {
  return NodeReader(text, is_root, record, node).Read(properties);
}

}  // namespace tengen::sgf_internal
