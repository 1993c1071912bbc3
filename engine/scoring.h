// Area scoring (Tromp-Taylor): a player's score is the number of their
// stones plus the empty points that reach only their colour. White adds komi.
#ifndef TENGEN_ENGINE_SCORING_H_
#define TENGEN_ENGINE_SCORING_H_

#include <string>
#include <vector>

#include "engine/board.h"
#include "engine/color.h"

namespace tengen {

// Who owns each point of the padded board array under Tromp-Taylor rules:
// kBlack or kWhite for a stone of that colour or an empty point reaching only
// that colour; kEmpty for empty points reaching both or neither (dame);
// kOffBoard for padding. Stones marked in `dead` (indexed by point; empty
// means none) count as empty points.
std::vector<Color> AreaOwnership(const Board& board, const std::vector<bool>& dead = {});

struct AreaScore {
  int black = 0;  // black stones plus black-only empty points
  int white = 0;
  double komi = 0.0;
  // Black's score minus white's: black - white - komi (> 0: black wins).
  double Margin() const { return black - white - komi; }
};

AreaScore ScoreArea(const Board& board, double komi);

// The same, after removing the stones marked dead (dead[p] true for a point
// p of the padded array; the vector has board.padded_area() entries).
AreaScore ScoreAreaWithDeadRemoved(const Board& board, const std::vector<bool>& dead, double komi);

// GTP / SGF result text for a margin from black's view: "B+3.5", "W+0.5" or
// "0" for a draw.
std::string FormatResult(double margin);

}  // namespace tengen

#endif  // TENGEN_ENGINE_SCORING_H_
