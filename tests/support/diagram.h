// Positions written as ASCII diagrams, for tests and debugging output.
#ifndef TENGEN_TESTS_SUPPORT_DIAGRAM_H_
#define TENGEN_TESTS_SUPPORT_DIAGRAM_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "engine/board.h"
#include "engine/game_state.h"

namespace tengen {

// Parses a square diagram, top row first: 'X' black, 'O' white, '.' or '+'
// empty. Spaces and blank lines are ignored; N non-blank rows of N points
// make an N x N board. Stones are placed as setup (no captures).
absl::StatusOr<Board> BoardFromDiagram(std::string_view diagram);

// The same position as a game with the given rules and player to move; the
// diagram is the game's starting position.
absl::StatusOr<GameState> GameFromDiagram(std::string_view diagram, Rules rules,
                                          Color to_move = Color::kBlack);

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_DIAGRAM_H_
