#include "train/learning_rate_schedule.h"

#include <fmt/format.h>

#include <cmath>
#include <numbers>
#include <string>

#include "base/text_util.h"

namespace tengen {

absl::StatusOr<LearningRateSchedule> ScheduleFromName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "constant") return LearningRateSchedule::kConstant;
  if (lower == "cosine") return LearningRateSchedule::kCosine;
  if (lower == "step") return LearningRateSchedule::kStep;
  return absl::InvalidArgumentError(
      fmt::format("unknown learning-rate schedule '{}': expected constant, cosine or step", name));
}

double ScheduledLearningRate(LearningRateSchedule schedule, double base_rate, int64_t step,
                             int64_t steps) {
  const double progress = steps > 0 ? static_cast<double>(step) / static_cast<double>(steps) : 0;
  switch (schedule) {
    case LearningRateSchedule::kConstant:
      return base_rate;
    case LearningRateSchedule::kCosine:
      return base_rate * 0.5 * (1 + std::cos(std::numbers::pi * progress));
    case LearningRateSchedule::kStep:
      return base_rate * (progress < 0.5 ? 1 : progress < 0.75 ? 0.1 : 0.01);
  }
  return base_rate;
}

}  // namespace tengen
