// Pass-alive chains and territory by Benson's algorithm: what no sequence of
// opponent moves can take even if the owner passes forever.
#ifndef TENGEN_ENGINE_BENSON_H_
#define TENGEN_ENGINE_BENSON_H_

#include <vector>

#include "engine/board.h"
#include "engine/color.h"

namespace tengen {

// For each point of the padded board array: kBlack or kWhite if it holds a
// pass-alive stone of that colour or lies in that colour's pass-alive
// territory, kEmpty otherwise (kOffBoard for padding).
//
// A region is a maximal connected set of points not holding the player's
// stones; it is vital to a bordering chain when it has an empty point and
// all its empty points are liberties of that chain. Chains with fewer than
// two vital regions, and regions bordering such chains, are removed until
// nothing changes; the chains left are pass-alive. Territory is each region
// left that is vital to some pass-alive chain: the opponent's stones there
// can always be captured, and the opponent can never make an eye there.
std::vector<Color> PassAliveOwnership(const Board& board);

}  // namespace tengen

#endif  // TENGEN_ENGINE_BENSON_H_
