#include "train/learning_rate_schedule.h"

#include <cmath>
#include <cstdint>

#include "gtest/gtest.h"

namespace tengen {
namespace {

constexpr int64_t kSteps = 1000;

TEST(LearningRateScheduleTest, NamesInAnyCase) {
  EXPECT_EQ(*ScheduleFromName("constant"), LearningRateSchedule::kConstant);
  EXPECT_EQ(*ScheduleFromName("Cosine"), LearningRateSchedule::kCosine);
  EXPECT_EQ(*ScheduleFromName("STEP"), LearningRateSchedule::kStep);
  const absl::StatusOr<LearningRateSchedule> unknown = ScheduleFromName("linear");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().message(),
            "unknown learning-rate schedule 'linear': expected constant, cosine or step");
}

TEST(LearningRateScheduleTest, CosineStartsAtTheBaseHalvesHalfWayAndEndsAtZero) {
  const auto cosine = [](int64_t step) {
    return ScheduledLearningRate(LearningRateSchedule::kCosine, 0.4, step, kSteps);
  };
  EXPECT_DOUBLE_EQ(cosine(0), 0.4);
  EXPECT_NEAR(cosine(kSteps / 2), 0.2, 1e-12);
  EXPECT_NEAR(cosine(kSteps / 4), 0.2 * (1 + 1 / std::sqrt(2.0)), 1e-12);
  EXPECT_NEAR(cosine(kSteps), 0.0, 1e-12);
}

TEST(LearningRateScheduleTest, CosineNeverRisesAndStaysInRange) {
  double previous = ScheduledLearningRate(LearningRateSchedule::kCosine, 0.4, 0, kSteps);
  for (int64_t step = 1; step <= kSteps; ++step) {
    const double rate = ScheduledLearningRate(LearningRateSchedule::kCosine, 0.4, step, kSteps);
    ASSERT_LT(rate, previous) << "step " << step;
    ASSERT_GE(rate, 0.0) << "step " << step;
    previous = rate;
  }
}

TEST(LearningRateScheduleTest, StepDropsTenfoldAtHalfAndThreeQuarters) {
  const auto step_rate = [](int64_t step) {
    return ScheduledLearningRate(LearningRateSchedule::kStep, 0.2, step, kSteps);
  };
  EXPECT_DOUBLE_EQ(step_rate(0), 0.2);
  EXPECT_DOUBLE_EQ(step_rate(kSteps / 2 - 1), 0.2);
  EXPECT_NEAR(step_rate(kSteps / 2), 0.02, 1e-12);
  EXPECT_NEAR(step_rate(3 * kSteps / 4 - 1), 0.02, 1e-12);
  EXPECT_NEAR(step_rate(3 * kSteps / 4), 0.002, 1e-12);
  EXPECT_NEAR(step_rate(kSteps), 0.002, 1e-12);
  for (int64_t step = 1; step <= kSteps; ++step) ASSERT_LE(step_rate(step), step_rate(step - 1));
}

TEST(LearningRateScheduleTest, ConstantAndEmptyRunsKeepTheBaseRate) {
  for (int64_t step : {int64_t{0}, kSteps / 2, kSteps}) {
    EXPECT_DOUBLE_EQ(ScheduledLearningRate(LearningRateSchedule::kConstant, 0.3, step, kSteps),
                     0.3);
  }
  for (LearningRateSchedule schedule :
       {LearningRateSchedule::kConstant, LearningRateSchedule::kCosine,
        LearningRateSchedule::kStep}) {
    EXPECT_DOUBLE_EQ(ScheduledLearningRate(schedule, 0.3, 5, 0), 0.3);
  }
}

}  // namespace
}  // namespace tengen
