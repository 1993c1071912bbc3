// GTP text for vertices and colours.
//
// A vertex is a column letter A..Z without I (A is the left column) followed
// by a row number counted from 1 at the bottom, or "pass"; case-insensitive.
// GTP allows boards up to 25x25, so Z is the 25th column.
#ifndef TENGEN_ENGINE_COORDINATES_H_
#define TENGEN_ENGINE_COORDINATES_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/color.h"
#include "engine/point.h"

namespace tengen {

// The point named by text on a board of board_size (kPass for "pass"), or an
// error naming what is wrong: not a vertex at all, the letter I, a row of 0,
// or a vertex off this board.
absl::StatusOr<Point> ParseGtpVertex(std::string_view text, int board_size);

// "D4" style name of an on-board point, or "pass" for kPass.
std::string GtpVertex(Point p, int board_size);

// "b", "black", "w" or "white", case-insensitive.
absl::StatusOr<Color> ParseGtpColor(std::string_view text);

// "B" or "W".
std::string_view GtpColorLetter(Color c);

}  // namespace tengen

#endif  // TENGEN_ENGINE_COORDINATES_H_
