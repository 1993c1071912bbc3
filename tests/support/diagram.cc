#include "tests/support/diagram.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "base/text_util.h"

namespace tengen {
namespace {

absl::StatusOr<std::vector<std::string>> DiagramRows(std::string_view diagram) {
  std::vector<std::string> rows;
  for (std::string_view line : SplitText(diagram, '\n')) {
    std::string row;
    for (char ch : line) {
      if (ch == ' ' || ch == '\r' || ch == '\t') continue;
      if (ch != 'X' && ch != 'O' && ch != '.' && ch != '+')
        return absl::InvalidArgumentError(fmt::format("diagram has unknown character '{}'", ch));
      row += ch;
    }
    if (!row.empty()) rows.push_back(row);
  }
  const int size = static_cast<int>(rows.size());
  if (size < kMinBoardSize || size > kMaxBoardSize)
    return absl::InvalidArgumentError(fmt::format("diagram has {} rows", size));
  for (const std::string& row : rows) {
    if (static_cast<int>(row.size()) != size)
      return absl::InvalidArgumentError(
          fmt::format("diagram row '{}' should have {} points", row, size));
  }
  return rows;
}

std::vector<SetupStone> StonesOf(const std::vector<std::string>& rows) {
  const int size = static_cast<int>(rows.size());
  std::vector<SetupStone> stones;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const char ch = rows[y][x];
      if (ch == 'X' || ch == 'O')
        stones.push_back({MakePoint(x, y, size), ch == 'X' ? Color::kBlack : Color::kWhite});
    }
  }
  return stones;
}

}  // namespace

absl::StatusOr<Board> BoardFromDiagram(std::string_view diagram) {
  absl::StatusOr<std::vector<std::string>> rows = DiagramRows(diagram);
  if (!rows.ok()) return rows.status();
  Board board(static_cast<int>(rows->size()));
  for (const SetupStone& stone : StonesOf(*rows)) board.SetStone(stone.point, stone.color);
  return board;
}

absl::StatusOr<GameState> GameFromDiagram(std::string_view diagram, Rules rules, Color to_move) {
  absl::StatusOr<std::vector<std::string>> rows = DiagramRows(diagram);
  if (!rows.ok()) return rows.status();
  GameState game(static_cast<int>(rows->size()), rules);
  const std::vector<SetupStone> stones = StonesOf(*rows);
  game.Setup(stones);
  game.set_to_move(to_move);
  return game;
}

}  // namespace tengen
