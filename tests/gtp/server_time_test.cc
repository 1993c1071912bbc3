// Clocks and per-move budgets.
#include <cmath>

#include "gtest/gtest.h"
#include "gtp/time_control.h"

namespace tengen {
namespace {

constexpr int k9x9 = 81;

TEST(GtpTimeSettings, FollowTheSpecification) {
  EXPECT_EQ(GtpTimeSettings(300, 0, 0).system, TimeSystem::kAbsolute);
  EXPECT_EQ(GtpTimeSettings(300, 0, 5).system, TimeSystem::kAbsolute);
  EXPECT_EQ(GtpTimeSettings(300, 30, 0).system, TimeSystem::kNone);
  const TimeSettings canadian = GtpTimeSettings(600, 300, 25);
  EXPECT_EQ(canadian.system, TimeSystem::kCanadian);
  EXPECT_EQ(canadian.main_time, 600);
  EXPECT_EQ(canadian.period_time, 300);
  EXPECT_EQ(canadian.stones, 25);
}

TEST(TimeControl, NoLimitHasNoBudget) {
  TimeControl clock;
  EXPECT_FALSE(clock.MoveBudget(Color::kBlack, k9x9, 0).has_value());
  EXPECT_EQ(clock.Describe(), "no time limit");
}

TEST(TimeControl, AbsoluteTimeIsSharedOverTheMovesLeft) {
  TimeControl clock;
  clock.Configure({.system = TimeSystem::kAbsolute, .main_time = 60});
  const BudgetOptions options;
  // 0.75 * 81 points, half of them ours: 30.375 moves to come.
  EXPECT_NEAR(*clock.MoveBudget(Color::kBlack, k9x9, 0), 60 / 30.375 - options.overhead, 1e-9);
  // Late in the game at least min_moves_left are assumed.
  EXPECT_NEAR(*clock.MoveBudget(Color::kBlack, k9x9, 200), 60.0 / 10 - options.overhead, 1e-9);
  clock.SetTimeLeft(Color::kWhite, 3, 0);
  EXPECT_NEAR(*clock.MoveBudget(Color::kWhite, k9x9, 200), 0.3 - options.overhead, 1e-9);
  EXPECT_NEAR(*clock.MoveBudget(Color::kBlack, k9x9, 200), 6 - options.overhead, 1e-9);
}

TEST(TimeControl, ByoYomiPeriodsAreSpentSafely) {
  TimeControl clock;
  clock.Configure(
      {.system = TimeSystem::kByoYomi, .main_time = 0, .period_time = 30, .periods = 5});
  EXPECT_EQ(clock.clock(Color::kBlack).stones, 5);  // no main time: in byo-yomi from the start
  EXPECT_NEAR(*clock.MoveBudget(Color::kBlack, k9x9, 0), 0.8 * 30 - 0.05, 1e-9);
  clock.Charge(Color::kBlack, 10);  // within the period: it starts again
  EXPECT_EQ(clock.clock(Color::kBlack).stones, 5);
  EXPECT_EQ(clock.clock(Color::kBlack).seconds, 30);
  clock.Charge(Color::kBlack, 31);  // too slow: one period gone
  EXPECT_EQ(clock.clock(Color::kBlack).stones, 4);
}

TEST(TimeControl, CanadianBlocksAreSharedOverTheirStones) {
  TimeControl clock;
  clock.Configure(GtpTimeSettings(10, 300, 25));
  EXPECT_NEAR(*clock.MoveBudget(Color::kWhite, k9x9, 0), 10 / 30.375 + 0.8 * 300 / 25 - 0.05, 1e-9);
  clock.Charge(Color::kWhite, 11);  // main time runs out: a fresh block
  EXPECT_EQ(clock.clock(Color::kWhite).stones, 25);
  EXPECT_EQ(clock.clock(Color::kWhite).seconds, 300);
  clock.SetTimeLeft(Color::kWhite, 20, 2);
  EXPECT_NEAR(*clock.MoveBudget(Color::kWhite, k9x9, 0), 0.8 * 20 / 2 - 0.05, 1e-9);
  clock.Charge(Color::kWhite, 5);
  EXPECT_EQ(clock.clock(Color::kWhite).stones, 1);
  EXPECT_EQ(clock.clock(Color::kWhite).seconds, 15);
  clock.Charge(Color::kWhite, 5);  // the block is done: the next one starts
  EXPECT_EQ(clock.clock(Color::kWhite).stones, 25);
  EXPECT_EQ(clock.clock(Color::kWhite).seconds, 300);
}

TEST(TimeControl, OddValuesAreToleratedAndNeverGiveNegativeBudgets) {
  for (double main : {-100.0, -0.5, 0.0, 1e-9, 1e12}) {
    for (double period : {-5.0, 0.0, 0.01, 1e9}) {
      for (int count : {-3, 0, 1, 1000000000}) {
        for (TimeSystem system :
             {TimeSystem::kAbsolute, TimeSystem::kByoYomi, TimeSystem::kCanadian}) {
          TimeControl clock;
          clock.Configure({.system = system,
                           .main_time = main,
                           .period_time = period,
                           .periods = count,
                           .stones = count});
          for (int moves : {0, 50, 10000}) {
            const std::optional<double> budget = clock.MoveBudget(Color::kBlack, k9x9, moves);
            ASSERT_TRUE(budget.has_value());
            EXPECT_GE(*budget, 0);
            EXPECT_TRUE(std::isfinite(*budget));
          }
          clock.SetTimeLeft(Color::kBlack, -7, -2);
          EXPECT_EQ(*clock.MoveBudget(Color::kBlack, k9x9, 0) >= 0, true);
          clock.Charge(Color::kBlack, 1e9);
          clock.Charge(Color::kBlack, -1);
          EXPECT_GE(clock.clock(Color::kBlack).seconds, 0);
          EXPECT_GE(clock.clock(Color::kBlack).stones, 0);
        }
      }
    }
  }
}

TEST(TimeControl, DescribesTheClocks) {
  TimeControl clock;
  clock.Configure(
      {.system = TimeSystem::kByoYomi, .main_time = 600, .period_time = 30, .periods = 5});
  clock.SetTimeLeft(Color::kWhite, 25, 3);
  EXPECT_EQ(clock.Describe(),
            "byo-yomi: main 600 s, 5 periods of 30 s; black 600.0 s, white 25.0 s (3 periods)");
  clock.Configure(GtpTimeSettings(60, 0, 0));
  EXPECT_EQ(clock.Describe(), "absolute: 60 s; black 60.0 s, white 60.0 s");
}

}  // namespace
}  // namespace tengen
