#include "gtp/time_control.h"

#include <fmt/format.h>

#include <algorithm>

namespace tengen {
namespace {

double NonNegative(double seconds) { return seconds > 0 ? seconds : 0; }

// The clock at the start of a game, or of byo-yomi.
Clock StartOfByoYomi(const TimeSettings& settings) {
  switch (settings.system) {
    case TimeSystem::kByoYomi:
      return {settings.period_time, settings.periods};
    case TimeSystem::kCanadian:
      return {settings.period_time, settings.stones};
    default:
      return {0, 0};
  }
}

bool HasByoYomi(const TimeSettings& settings) {
  return (settings.system == TimeSystem::kByoYomi && settings.periods > 0) ||
         (settings.system == TimeSystem::kCanadian && settings.stones > 0);
}

std::string DescribeClock(const TimeSettings& settings, const Clock& clock) {
  if (clock.stones == 0) return fmt::format("{:.1f} s", clock.seconds);
  if (settings.system == TimeSystem::kByoYomi)
    return fmt::format("{:.1f} s ({} periods)", clock.seconds, clock.stones);
  return fmt::format("{:.1f} s for {} stones", clock.seconds, clock.stones);
}

}  // namespace

TimeSettings GtpTimeSettings(double main_time, double byo_yomi_time, int byo_yomi_stones) {
  if (byo_yomi_time > 0 && byo_yomi_stones <= 0) return {};
  if (byo_yomi_time <= 0) return {.system = TimeSystem::kAbsolute, .main_time = main_time};
  return {.system = TimeSystem::kCanadian,
          .main_time = main_time,
          .period_time = byo_yomi_time,
          .stones = byo_yomi_stones};
}

void TimeControl::Configure(const TimeSettings& settings) {
  settings_ = settings;
  settings_.main_time = NonNegative(settings.main_time);
  settings_.period_time = NonNegative(settings.period_time);
  settings_.periods = std::max(0, settings.periods);
  settings_.stones = std::max(0, settings.stones);
  ResetClocks();
}

void TimeControl::ResetClocks() {
  Clock start{settings_.main_time, 0};
  if (settings_.main_time == 0 && HasByoYomi(settings_)) start = StartOfByoYomi(settings_);
  black_ = white_ = start;
}

void TimeControl::SetTimeLeft(Color c, double seconds, int stones) {
  mutable_clock(c) = {NonNegative(seconds), std::max(0, stones)};
}

void TimeControl::Charge(Color c, double seconds) {
  Clock& clock = mutable_clock(c);
  seconds = NonNegative(seconds);
  if (settings_.system == TimeSystem::kNone) return;
  if (clock.stones == 0) {
    clock.seconds -= seconds;
    if (clock.seconds <= 0) clock = HasByoYomi(settings_) ? StartOfByoYomi(settings_) : Clock{};
    return;
  }
  if (settings_.system == TimeSystem::kByoYomi) {
    // A move within the period starts it again; a slower one costs a period.
    if (seconds > clock.seconds) clock.stones = std::max(0, clock.stones - 1);
    clock.seconds = settings_.period_time;
    return;
  }
  clock.seconds = NonNegative(clock.seconds - seconds);
  if (--clock.stones == 0) clock = StartOfByoYomi(settings_);
}

std::optional<double> TimeControl::MoveBudget(Color c, int board_points, int moves_played,
                                              const BudgetOptions& options) const {
  if (settings_.system == TimeSystem::kNone) return std::nullopt;
  const Clock& left = clock(c);
  const double moves_left = std::max<double>(
      options.min_moves_left, (options.fill_fraction * board_points - moves_played) / 2);
  double budget = 0;
  if (left.stones > 0) {
    // In byo-yomi: a share of the period (Japanese) or of the block.
    budget = settings_.system == TimeSystem::kByoYomi
                 ? options.period_fraction * left.seconds
                 : options.period_fraction * left.seconds / left.stones;
  } else {
    budget = left.seconds / moves_left;
    // Byo-yomi still to come can be spent on every move once main time is gone.
    if (settings_.system == TimeSystem::kByoYomi && settings_.periods > 0)
      budget += options.period_fraction * settings_.period_time;
    if (settings_.system == TimeSystem::kCanadian && settings_.stones > 0)
      budget += options.period_fraction * settings_.period_time / settings_.stones;
  }
  return NonNegative(budget - options.overhead);
}

std::string TimeControl::Describe() const {
  std::string system;
  switch (settings_.system) {
    case TimeSystem::kNone:
      return "no time limit";
    case TimeSystem::kAbsolute:
      system = fmt::format("absolute: {} s", settings_.main_time);
      break;
    case TimeSystem::kByoYomi:
      system = fmt::format("byo-yomi: main {} s, {} periods of {} s", settings_.main_time,
                           settings_.periods, settings_.period_time);
      break;
    case TimeSystem::kCanadian:
      system = fmt::format("canadian: main {} s, {} stones per {} s", settings_.main_time,
                           settings_.stones, settings_.period_time);
      break;
  }
  return fmt::format("{}; black {}, white {}", system, DescribeClock(settings_, black_),
                     DescribeClock(settings_, white_));
}

}  // namespace tengen
