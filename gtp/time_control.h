// Clocks as GTP describes them (time_settings, kgs-time_settings,
// time_left) and the time a move may take under them.
//
// A policy engine does no search, so time only decides how much evaluation
// a move can afford: the 8-fold symmetry average costs about 8 network
// evaluations, one symmetry costs one. Odd settings (zero or negative times,
// zero stones) are never refused; negative values count as zero, and a
// clock with nothing left gives a budget of zero seconds, which makes the
// engine do the least work there is, not fail.
#ifndef TENGEN_GTP_TIME_CONTROL_H_
#define TENGEN_GTP_TIME_CONTROL_H_

#include <optional>
#include <string>

#include "engine/color.h"

namespace tengen {

enum class TimeSystem {
  kNone,      // no limit
  kAbsolute,  // main time only
  kByoYomi,   // main time, then `periods` periods of `period_time` each (Japanese)
  kCanadian,  // main time, then `stones` stones in every `period_time`
};

struct TimeSettings {
  TimeSystem system = TimeSystem::kNone;
  double main_time = 0;    // seconds
  double period_time = 0;  // seconds of one byo-yomi period / Canadian block
  int periods = 0;         // byo-yomi periods
  int stones = 0;          // stones per Canadian block
};

// GTP "time_settings main_time byo_yomi_time byo_yomi_stones": byo-yomi
// time 0 means absolute time; byo-yomi time > 0 with 0 stones means no
// limit; otherwise Canadian byo-yomi.
TimeSettings GtpTimeSettings(double main_time, double byo_yomi_time, int byo_yomi_stones);

// What a player has left, as time_left reports it.
struct Clock {
  double seconds = 0;
  // 0 while in main time; in byo-yomi the stones still to play in this
  // Canadian block, or the periods left (KGS sends those for Japanese byo-yomi).
  int stones = 0;
};

// Tuning of MoveBudget.
struct BudgetOptions {
  // Fraction of a byo-yomi period (or Canadian block share) used, so a move
  // never comes close to losing a period to lag.
  double period_fraction = 0.8;
  // Seconds kept back from every move for communication and overhead.
  double overhead = 0.05;
  // Own moves still to come are estimated as
  // max(min_moves_left, (fill_fraction * N*N - moves_played) / 2).
  double fill_fraction = 0.75;
  int min_moves_left = 10;
};

class TimeControl {
 public:
  // Sets the system and starts both clocks afresh from it.
  void Configure(const TimeSettings& settings);
  // Starts both clocks afresh (a new game) under the current settings.
  void ResetClocks();
  const TimeSettings& settings() const { return settings_; }

  // Records a time_left report for c (negative values count as zero).
  void SetTimeLeft(Color c, double seconds, int stones);
  const Clock& clock(Color c) const { return c == Color::kBlack ? black_ : white_; }

  // Takes `seconds` spent on a move by c off its clock: from main time
  // first, then from the byo-yomi period, which starts again after a move
  // made within it (and, for Canadian, after its stones are played).
  void Charge(Color c, double seconds);

  // Seconds c may spend on its next move on a board of board_points points
  // with moves_played moves made so far; nullopt when there is no limit.
  // Never negative.
  std::optional<double> MoveBudget(Color c, int board_points, int moves_played,
                                   const BudgetOptions& options = {}) const;

  // E.g. "canadian: main 600 s, 25 stones per 300 s; black 512.0 s, white 600.0 s".
  std::string Describe() const;

 private:
  Clock& mutable_clock(Color c) { return c == Color::kBlack ? black_ : white_; }

  TimeSettings settings_;
  Clock black_;
  Clock white_;
};

}  // namespace tengen

#endif  // TENGEN_GTP_TIME_CONTROL_H_
