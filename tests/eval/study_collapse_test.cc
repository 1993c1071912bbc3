// Part a of the study on its own: the regressor collapses to the centre, the
// softmax keeps the symmetric set, and the same seed gives the same numbers.
#include "eval/study_collapse.h"

#include <cmath>

#include "base/json.h"
#include "gtest/gtest.h"

namespace tengen {
namespace {

CollapseOptions Small() { return CollapseOptions{.steps = 300, .batch = 32, .seed = 3}; }

TEST(CollapseStudyTest, RegressorFindsTheCentreAndSoftmaxTheSet) {
  absl::StatusOr<CollapseResult> result = RunCollapseStudy(Small());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_LT(result->regressor.distance_to_centre, 1.0);
  EXPECT_GT(result->regressor.distance_to_nearest_target, 1.5);
  EXPECT_GT(result->softmax.mass_on_set, 0.5);
  // Near the floors: the mean of the targets, and an even spread over 8.
  EXPECT_NEAR(result->regressor.loss_floor, 5.0, 1e-9);  // C6 is sqrt(5) from E5
  EXPECT_NEAR(result->softmax.loss_floor, std::log(8.0), 1e-9);
  EXPECT_LT(result->softmax.final_loss, std::log(8.0) + 0.3);
  EXPECT_EQ(result->symmetric_set.size(), 8u);
  EXPECT_EQ(result->softmax.probabilities.size(), 81u);
  EXPECT_EQ(result->regressor.nearest.vertex.value_or("?"), "E5");
  EXPECT_EQ(result->centre.vertex.value_or("?"), "E5");
  // The path starts before training and has a point per curve window.
  EXPECT_EQ(result->curves.regressor_path_x.size(), result->curves.regressor_path_y.size());
  EXPECT_EQ(result->curves.step.size(), result->curves.regressor_loss.size());
  EXPECT_EQ(result->curves.step.back(), 300);
}

TEST(CollapseStudyTest, WorksForAnotherSymmetricSetAndBoard) {
  // The 3-3 point of 7x7 has only 4 images (it lies on a diagonal).
  CollapseOptions options = Small();
  options.board_size = 7;
  options.opening_x = 2;
  options.opening_y = 2;
  absl::StatusOr<CollapseResult> result = RunCollapseStudy(options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->symmetric_set.size(), 4u);
  EXPECT_LT(result->regressor.distance_to_centre, 1.0);
  EXPECT_GT(result->softmax.mass_on_set, 0.5);
  EXPECT_NEAR(result->softmax.loss_floor, std::log(4.0), 1e-9);
}

TEST(CollapseStudyTest, SameSeedSameNumbers) {
  CollapseOptions options = Small();
  options.steps = 40;
  absl::StatusOr<CollapseResult> first = RunCollapseStudy(options);
  absl::StatusOr<CollapseResult> second = RunCollapseStudy(options);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(SerializeJson(first->ToJson()), SerializeJson(second->ToJson()));
  options.seed = 4;
  absl::StatusOr<CollapseResult> other = RunCollapseStudy(options);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(SerializeJson(first->ToJson()), SerializeJson(other->ToJson()));
}

TEST(CollapseStudyTest, ResultReadsBackFromItsJson) {
  CollapseOptions options = Small();
  options.steps = 40;
  absl::StatusOr<CollapseResult> result = RunCollapseStudy(options);
  ASSERT_TRUE(result.ok());
  absl::StatusOr<JsonValue> json = ParseJson(SerializeJson(result->ToJson()));
  ASSERT_TRUE(json.ok());
  absl::StatusOr<CollapseResult> back = CollapseResult::FromJson(*json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(SerializeJson(back->ToJson()), SerializeJson(result->ToJson()));
}

TEST(CollapseStudyTest, RejectsBadOptions) {
  CollapseOptions options = Small();
  options.opening_x = 9;
  EXPECT_EQ(RunCollapseStudy(options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tengen
