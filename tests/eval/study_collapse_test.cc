// Part a of the study on its own: the regressor collapses to the centre, the
// softmax keeps the symmetric set, and the same seed gives the same numbers.
#include "eval/study_collapse.h"

#include <cmath>

#include "base/json.h"
#include "gtest/gtest.h"

namespace tengen {
namespace {

double Number(const JsonValue& json, std::string_view object, std::string_view key) {
  const JsonValue* inner = json.Find(object);
  if (inner == nullptr) return NAN;
  absl::StatusOr<double> value = inner->GetNumber(key);
  return value.ok() ? *value : NAN;
}

CollapseOptions Small() {
  return CollapseOptions{.steps = 300, .batch = 32, .seed = 3, .show_progress = false};
}

TEST(CollapseStudyTest, RegressorFindsTheCentreAndSoftmaxTheSet) {
  absl::StatusOr<JsonValue> result = RunCollapseStudy(Small());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_LT(Number(*result, "regressor", "distance_to_centre"), 1.0);
  EXPECT_GT(Number(*result, "regressor", "distance_to_nearest_target"), 1.5);
  EXPECT_GT(Number(*result, "softmax", "mass_on_set"), 0.5);
  // Near the floors: the mean of the targets, and an even spread over 8.
  EXPECT_NEAR(Number(*result, "regressor", "loss_floor"), 5.0, 1e-9);  // C6 is sqrt(5) from E5
  EXPECT_NEAR(Number(*result, "softmax", "loss_floor"), std::log(8.0), 1e-9);
  EXPECT_LT(Number(*result, "softmax", "final_loss"), std::log(8.0) + 0.3);
  const JsonValue* set = result->Find("symmetric_set");
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->AsArray().size(), 8u);
  const JsonValue* nearest = result->Find("regressor")->Find("nearest");
  ASSERT_NE(nearest, nullptr);
  EXPECT_EQ(nearest->GetString("vertex").value_or("?"), "E5");
}

TEST(CollapseStudyTest, WorksForAnotherSymmetricSetAndBoard) {
  // The 3-3 point of 7x7 has only 4 images (it lies on a diagonal).
  CollapseOptions options = Small();
  options.board_size = 7;
  options.opening_x = 2;
  options.opening_y = 2;
  absl::StatusOr<JsonValue> result = RunCollapseStudy(options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->Find("symmetric_set")->AsArray().size(), 4u);
  EXPECT_LT(Number(*result, "regressor", "distance_to_centre"), 1.0);
  EXPECT_GT(Number(*result, "softmax", "mass_on_set"), 0.5);
  EXPECT_NEAR(Number(*result, "softmax", "loss_floor"), std::log(4.0), 1e-9);
}

TEST(CollapseStudyTest, SameSeedSameNumbers) {
  CollapseOptions options = Small();
  options.steps = 40;
  absl::StatusOr<JsonValue> first = RunCollapseStudy(options);
  absl::StatusOr<JsonValue> second = RunCollapseStudy(options);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(SerializeJson(*first), SerializeJson(*second));
  options.seed = 4;
  absl::StatusOr<JsonValue> other = RunCollapseStudy(options);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(SerializeJson(*first), SerializeJson(*other));
}

TEST(CollapseStudyTest, RejectsBadOptions) {
  CollapseOptions options = Small();
  options.opening_x = 9;
  EXPECT_EQ(RunCollapseStudy(options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tengen
