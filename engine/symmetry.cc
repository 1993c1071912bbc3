#include "engine/symmetry.h"

#include <vector>

namespace tengen {
namespace {

std::vector<SetupStone> TransformedStones(int s, const Board& board) {
  std::vector<SetupStone> stones;
  for (int y = 0; y < board.size(); ++y)
    for (int x = 0; x < board.size(); ++x) {
      const Point p = board.PointAt(x, y);
      if (IsPlayer(board.At(p))) stones.push_back({ApplySymmetry(s, p, board.size()), board.At(p)});
    }
  return stones;
}

}  // namespace

Board ApplySymmetry(int s, const Board& board) {
  Board image(board.size());
  for (const SetupStone& stone : TransformedStones(s, board))
    image.SetStone(stone.point, stone.color);
  if (board.ko_point() != kNoPoint) {
    // SetStone cleared the ko ban; carry it over to the mirrored point.
    image.SetKoPoint(ApplySymmetry(s, board.ko_point(), board.size()), board.ko_color());
  }
  return image;
}

GameState ApplySymmetry(int s, const GameState& game) {
  GameState image(game.size(), game.rules());
  const std::vector<SetupStone> setup = TransformedStones(s, game.initial_board());
  image.Setup(setup);
  if (!game.moves().empty()) image.set_to_move(game.moves().front().color);
  for (const PlayedMove& move : game.moves()) {
    const Point p = ApplySymmetry(s, move.point, game.size());
    // Legal in the original means legal in the image; forced moves were
    // recorded as they happened and replay the same way.
    if (!image.Play(p, move.color).ok()) (void)image.PlayForced(p, move.color);
  }
  image.set_to_move(game.to_move());
  if (game.resigned().has_value()) image.Resign(*game.resigned());
  return image;
}

}  // namespace tengen
