// The HTML report drawn from typed study results: self-contained, escaped,
// balanced, every value shown, and a clear note for each part not run.
#include "eval/report/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "gtest/gtest.h"
#include "tests/eval/eval_test_util.h"
#include "tests/eval/report/study_results_sample.h"

namespace tengen {
namespace {

// The section with id `id` of a page.
std::string SectionOf(const std::string& html, const std::string& id) {
  const size_t start = html.find(fmt::format("<section id=\"{}\">", id));
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</section>", start) - start);
}

class ReportHtmlTest : public ::testing::Test {
 protected:
  void SetUp() override { html_ = RenderStudyReport(eval_test::SampleStudyResults()); }
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
  EXPECT_NE(html_.find("generation 3 of 4, the best against &lt;random&gt;: 98.4%"),
            std::string::npos);
}

TEST_F(ReportHtmlTest, HasEverySectionWithItsCharts) {
  for (const char* id : {"summary", "collapse", "diversity", "strength", "learning", "dropout",
                         "search", "settings"})
    EXPECT_NE(html_.find(fmt::format("<section id=\"{}\">", id)), std::string::npos) << id;
  size_t svgs = 0;
  for (size_t at = html_.find("<svg"); at != std::string::npos; at = html_.find("<svg", at + 1))
    ++svgs;
  EXPECT_GE(svgs, 3u + 2 + 2 + 1 + 5 + 3);  // collapse, diversity, strength, learning, dropout
  // The batch comparison and the synthetic experiment, with the known information.
  EXPECT_NE(html_.find("<td>batch 16</td><td>0.00</td><td>16</td><td>12</td>"), std::string::npos);
  EXPECT_NE(html_.find("carry <b>0.500 bits</b>"), std::string::npos);
  EXPECT_NE(
      html_.find("<td>dropout 0.3</td><td>0.600</td><td>0.350</td><td>0.250</td><td>70.0%</td>"),
      std::string::npos);
  EXPECT_NE(html_.find("nearest point is <b>E5</b>"), std::string::npos);
  EXPECT_NE(html_.find("97.0%"), std::string::npos);
  const WinRateResult sweep = eval_test::SampleStrength().pairings[0].match.score;
  EXPECT_NE(html_.find(fmt::format("100.0% [{:.1f}%, 100.0%] of 10", 100 * sweep.low)),
            std::string::npos);
  EXPECT_NE(html_.find("+∞"), std::string::npos);  // a clean sweep has no finite Elo
  EXPECT_NE(html_.find("GNU Go level 1 (<code>gnugo --level 1</code>)"), std::string::npos);
  EXPECT_NE(html_.find("<td>total_seconds</td><td>28.5</td>"), std::string::npos);
}

TEST_F(ReportHtmlTest, ShowsEveryValue) {
  EXPECT_EQ(eval_test::FindMissingValue(html_), "");
  for (const char* note : {"was not run", "not played", "no games", "not recorded", "not counted"})
    EXPECT_EQ(html_.find(note), std::string::npos) << note;
}

TEST(ReportHtmlNotRunTest, APartNotRunIsSaidSoInItsSectionAndTheSummary) {
  StudyResults results = eval_test::SampleStudyResults();
  results.learning.reset();
  results.timing.learning_seconds.reset();
  const std::string html = RenderStudyReport(results);
  EXPECT_EQ(eval_test::CheckTagsBalanced(html), "");
  EXPECT_NE(SectionOf(html, "learning").find("This part was not run."), std::string::npos);
  EXPECT_NE(SectionOf(html, "summary").find("<td>d. learning</td><td>not run</td>"),
            std::string::npos);
  for (const char* id : {"collapse", "diversity", "strength", "dropout"})
    EXPECT_EQ(SectionOf(html, id).find("not run"), std::string::npos) << id;
  EXPECT_EQ(SectionOf(html, "settings").find("learning_seconds"), std::string::npos);
  EXPECT_EQ(eval_test::FindMissingValue(html), "");
}

TEST(ReportHtmlNotRunTest, NoGnuGoIsANoteNotAGap) {
  StudyResults results = eval_test::SampleStudyResults();
  results.strength->gnugo.reset();
  std::erase_if(results.strength->pairings,
                [](const StrengthPairing& p) { return p.kind == PairingKind::kGnuGo; });
  const std::string html = RenderStudyReport(results);
  EXPECT_NE(SectionOf(html, "strength").find("GNU Go was not found"), std::string::npos);
  EXPECT_EQ(eval_test::FindMissingValue(html), "");
}

TEST(ReportHtmlNotRunTest, MatchesNotPlayedSaySo) {
  StudyResults results = eval_test::SampleStudyResults();
  results.dropout->runs[0].vs_reference.reset();
  results.learning->generation_0_vs_random.reset();
  results.learning->runs[0].generations[0].vs_first.reset();
  results.learning->runs[0].generations[0].policy_entropy.reset();
  const std::string html = RenderStudyReport(results);
  EXPECT_NE(SectionOf(html, "dropout").find("<td>not played</td>"), std::string::npos);
  EXPECT_NE(SectionOf(html, "learning").find("Generation 0 did not play the random player"),
            std::string::npos);
  EXPECT_NE(SectionOf(html, "learning").find("<td>not recorded</td>"), std::string::npos);
  EXPECT_EQ(eval_test::FindMissingValue(html), "");
}

TEST(ReportHtmlNotRunTest, NoPartsAtAllStillRenders) {
  StudyResults results = eval_test::SampleStudyResults();
  results.collapse.reset();
  results.diversity.reset();
  results.strength.reset();
  results.learning.reset();
  results.dropout.reset();
  results.search.reset();
  const std::string html = RenderStudyReport(results);
  EXPECT_EQ(eval_test::CheckTagsBalanced(html), "");
  size_t notes = 0;
  for (size_t at = html.find("This part was not run."); at != std::string::npos;
       at = html.find("This part was not run.", at + 1))
    ++notes;
  EXPECT_EQ(notes, 6u);
}

TEST(ReportHtmlMissingValueTest, ANumberThatIsNotFiniteShowsAndIsCaught) {
  StudyResults results = eval_test::SampleStudyResults();
  results.collapse->regressor.x = NAN;
  const std::string problem = eval_test::FindMissingValue(RenderStudyReport(results));
  EXPECT_NE(problem.find("'nan'"), std::string::npos) << problem;
}

TEST(ReportHtmlMissingValueTest, TheCheckerFindsEachKindOfGap) {
  EXPECT_EQ(eval_test::FindMissingValue("<table><tr><td>1</td><td>x <b>2</b></td></tr></table>"),
            "");
  for (const char* page :
       {"<td></td>", "<td> </td>", "<td>-</td>", "<td>?</td>", "<p>rate \u2013</p>",
        "<p>\u2014</p>", "<td>nan</td>", "<p>loss NaN.</p>", "<td>null</td>", "<p>undefined</p>",
        "<p>Elo inf</p>", "<td><b></b></td>"})
    EXPECT_NE(eval_test::FindMissingValue(page), "") << page;
  EXPECT_EQ(eval_test::FindMissingValue("<style>td.x { color: nan; }</style><td>1</td>"), "");
}

}  // namespace
}  // namespace tengen
