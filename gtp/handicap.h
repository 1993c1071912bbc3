// Fixed handicap layouts as the GTP specification and GNU Go place them.
#ifndef TENGEN_GTP_HANDICAP_H_
#define TENGEN_GTP_HANDICAP_H_

#include <vector>

#include "engine/point.h"

namespace tengen {

// The most stones fixed_handicap allows on a board of `size`: 9 on odd sizes
// from 9x9 up, 4 on even sizes from 8x8 and on 7x7, none below 7x7.
int MaxFixedHandicap(int size);

// The points of an n-stone fixed handicap, in GTP's order: lower-left and
// upper-right corners first, then upper-left, lower-right, the sides and
// the centre. Stones sit on the 3rd line below 13x13 and on the 4th from
// 13x13 up. Empty when n is outside [2, MaxFixedHandicap(size)].
std::vector<Point> FixedHandicapPoints(int size, int n);

}  // namespace tengen

#endif  // TENGEN_GTP_HANDICAP_H_
