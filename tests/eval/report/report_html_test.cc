// The HTML report drawn from report JSON: self-contained, escaped, balanced,
// and tolerant of parts that were not run.
#include "eval/report/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "base/json.h"
#include "gtest/gtest.h"
#include "tests/eval/eval_test_util.h"

namespace tengen {
namespace {

// A small report in the shape selfplay/study.h writes.
constexpr std::string_view kReport = R"json({
 "format": "tengen-eval-report", "version": 1, "created": "2026-01-01T00:00:00Z",
 "settings": {"seed": 7, "quick": true, "rules": "Chinese", "komi": 7.5},
 "model": {"path": "/tmp/m.tgm", "name": "gen <script>alert(1)</script>", "network": "4x32 for 9x9",
           "training_step": 100, "made_by_study": true},
 "collapse": {"board_size": 9, "opening": {"x": 2, "y": 3, "vertex": "C6"},
   "centre": {"x": 4, "y": 4, "vertex": "E5"},
   "symmetric_set": [{"x": 2, "y": 3, "vertex": "C6", "probability": 0.125},
                     {"x": 6, "y": 5, "vertex": "G4", "probability": 0.125}],
   "network": "3 layers", "steps": 10, "batch": 4,
   "regressor": {"x": 4.02, "y": 3.97, "nearest": {"x": 4, "y": 4, "vertex": "E5"}, "distance_to_centre": 0.04,
                 "distance_to_nearest_target": 2.2, "final_loss": 5.1, "loss_floor": 5},
   "softmax": {"mass_on_set": 0.97, "max_probability_off_set": 0.001, "argmax": {"x": 2, "y": 3, "vertex": "C6"},
               "entropy_bits": 3.0, "final_loss": 2.09, "loss_floor": 2.079, "probabilities": [0.5, 0.5]},
   "curves": {"step": [5, 10], "regressor_loss": [20, 5.1], "softmax_loss": [4, 2.09],
              "regressor_path_x": [0, 2, 4], "regressor_path_y": [0, 2, 4]}},
 "diversity": {"games_per_mode": 4, "symmetry": "none", "opening_moves": 4, "checkpoints": [10, 20],
   "empty_board_policy": [0.25, 0.25, 0.25, 0.25, 0], "empty_board_value": 0.1,
   "modes": [{"name": "argmax", "temperature": 0, "games": 4, "distinct_games": 1, "mean_length": 80,
              "black_wins": 4, "first_move_entropy_bits": 0, "first_move_entropy_bits_exact": 0,
              "opening_entropy_bits": 0, "max_entropy_bits": 2,
              "positions": [{"move": 10, "games_reaching": 4, "distinct": 1, "distinct_up_to_symmetry": 1},
                            {"move": 20, "games_reaching": 4, "distinct": 1, "distinct_up_to_symmetry": 1}],
              "first_moves": [{"vertex": "E5", "games": 4}]}]},
 "strength": {"players": [{"name": "argmax", "temperature": 0}, {"name": "sample T=1", "temperature": 1}],
   "gnugo": {"available": true, "name": "GNU Go level 1", "command": "gnugo --level 1"},
   "pairings": [{"player": "argmax", "opponent": "random", "kind": "random", "games": 10, "wins": 10, "draws": 0,
                 "losses": 0, "rate": 1, "low": 0.72, "high": 1, "distinct_games": 10, "failures": 0,
                 "failure_reasons": []},
                {"player": "argmax", "opponent": "GNU Go level 1", "kind": "gnugo", "games": 4, "wins": 0,
                 "draws": 0, "losses": 4, "rate": 0, "low": 0, "high": 0.49, "distinct_games": 2, "failures": 1,
                 "failure_reasons": ["GNU Go failed: it <crashed>"]}]},
 "learning": null,
 "dropout": {"dropout": 0.2, "games": 10, "held_out_games": 2, "train_positions": 800, "held_out_positions": 200,
   "steps": 20, "batch": 8, "objective": "supervised", "network": "4x32",
   "runs": [{"name": "no dropout", "dropout": 0, "curve": {"step": [0, 20], "train_loss": [4.4, 3.0],
             "held_out_loss": [4.4, 3.5], "held_out_top1": [0.01, 0.1]}, "final_train_loss": 3.0,
             "final_held_out_loss": 3.5, "final_held_out_top1": 0.1}]},
 "timing": {"collapse_seconds": 1.5, "total_seconds": 9}
})json";

class ReportHtmlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<JsonValue> report = ParseJson(kReport);
    ASSERT_TRUE(report.ok()) << report.status().message();
    html_ = RenderStudyReport(*report);
  }
  std::string html_;
};

TEST_F(ReportHtmlTest, IsOneBalancedSelfContainedPage) {
  EXPECT_EQ(html_.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(eval_test::CheckTagsBalanced(html_), "");
  for (const char* banned :
       {"http:", "https:", "<script", "<link", "src=", "href=", "url(", "@import"})
    EXPECT_EQ(html_.find(banned), std::string::npos) << banned;
  EXPECT_NE(html_.find("<meta charset=\"utf-8\">"), std::string::npos);
}

TEST_F(ReportHtmlTest, EscapesTextFromTheData) {
  EXPECT_NE(html_.find("gen &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html_.find("it &lt;crashed&gt;"), std::string::npos);
}

TEST_F(ReportHtmlTest, HasEverySectionWithItsCharts) {
  for (const char* id :
       {"summary", "collapse", "diversity", "strength", "learning", "dropout", "settings"})
    EXPECT_NE(html_.find(fmt::format("<section id=\"{}\">", id)), std::string::npos) << id;
  EXPECT_GE(std::count(html_.begin(), html_.end(), '\n'), 1);
  size_t svgs = 0;
  for (size_t at = html_.find("<svg"); at != std::string::npos; at = html_.find("<svg", at + 1))
    ++svgs;
  EXPECT_GE(svgs, 3u + 2 + 2 + 1 + 2);  // heatmaps and losses, diversity, strength, dropout
  EXPECT_NE(html_.find("nearest point is <b>E5</b>"), std::string::npos);
  EXPECT_NE(html_.find("97.0%"), std::string::npos);
  EXPECT_NE(html_.find("100.0% [72.0%, 100.0%] of 10"), std::string::npos);
  EXPECT_NE(html_.find("+∞"), std::string::npos);  // a clean sweep has no finite Elo
}

TEST_F(ReportHtmlTest, SaysWhichPartsWereNotRun) {
  const size_t learning = html_.find("<section id=\"learning\">");
  ASSERT_NE(learning, std::string::npos);
  EXPECT_EQ(html_.find("This part was not run.", learning), html_.find("This part was not run."));
  EXPECT_NE(html_.find("This part was not run."), std::string::npos);
}

TEST(ReportHtmlEmptyTest, AnEmptyReportStillRenders) {
  const std::string html = RenderStudyReport(JsonValue::Object());
  EXPECT_EQ(eval_test::CheckTagsBalanced(html), "");
  EXPECT_NE(html.find("This part was not run."), std::string::npos);
  const std::string garbage = RenderStudyReport(JsonValue("not an object"));
  EXPECT_EQ(eval_test::CheckTagsBalanced(garbage), "");
}

}  // namespace
}  // namespace tengen
