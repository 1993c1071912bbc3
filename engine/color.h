// Colours of points and players.
#ifndef TENGEN_ENGINE_COLOR_H_
#define TENGEN_ENGINE_COLOR_H_

#include <cstdint>
#include <string_view>

namespace tengen {

// What occupies a point of the padded board. kOffBoard marks the padding
// around the playing area; it is never a player.
enum class Color : uint8_t { kEmpty = 0, kBlack = 1, kWhite = 2, kOffBoard = 3 };

// The other player. Defined for kBlack and kWhite only.
constexpr Color Opponent(Color c) { return c == Color::kBlack ? Color::kWhite : Color::kBlack; }

constexpr bool IsPlayer(Color c) { return c == Color::kBlack || c == Color::kWhite; }

// "black", "white", "empty" or "offboard".
constexpr std::string_view ColorName(Color c) {
  switch (c) {
    case Color::kBlack:
      return "black";
    case Color::kWhite:
      return "white";
    case Color::kEmpty:
      return "empty";
    case Color::kOffBoard:
      return "offboard";
  }
  return "?";
}

}  // namespace tengen

#endif  // TENGEN_ENGINE_COLOR_H_
