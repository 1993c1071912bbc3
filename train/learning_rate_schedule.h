// Learning-rate schedules: how the rate moves over a run of optimiser steps.
// The one place each schedule is written, for the trainer and for the
// studies that run their own optimiser. Torch-free.
#ifndef TENGEN_TRAIN_LEARNING_RATE_SCHEDULE_H_
#define TENGEN_TRAIN_LEARNING_RATE_SCHEDULE_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"

namespace tengen {

// kConstant: the base rate throughout. kCosine: from the base rate down to 0
// along half a cosine period over the run. kStep: the base rate, x0.1 from
// half way, x0.01 from three quarters.
enum class LearningRateSchedule { kConstant, kCosine, kStep };

// "constant", "cosine" or "step" (any case); InvalidArgument otherwise.
absl::StatusOr<LearningRateSchedule> ScheduleFromName(std::string_view name);

// The rate for step `step` (0 for the first) of a run of `steps` steps that
// starts at base_rate. Step `steps` is the end (0 for kCosine); steps <= 0
// gives base_rate.
double ScheduledLearningRate(LearningRateSchedule schedule, double base_rate, int64_t step,
                             int64_t steps);

}  // namespace tengen

#endif  // TENGEN_TRAIN_LEARNING_RATE_SCHEDULE_H_
