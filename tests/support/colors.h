// Short names for the two colours, for tests that spell out many moves.
#ifndef TENGEN_TESTS_SUPPORT_COLORS_H_
#define TENGEN_TESTS_SUPPORT_COLORS_H_

#include "engine/color.h"

namespace tengen {

inline constexpr Color B = Color::kBlack;
inline constexpr Color W = Color::kWhite;

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_COLORS_H_
