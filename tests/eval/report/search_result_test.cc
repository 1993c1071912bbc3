// Part f's typed result and its section: the JSON reads back what it
// writes, reading is strict (every member taken away or given another type
// is an error naming its path), and the section shows every value, escaped
// and balanced, or says the part was not run.
#include "eval/report/search_result.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "eval/report/json_fields.h"
#include "eval/report/report_section_search.h"
#include "eval/report/report_util.h"
#include "gtest/gtest.h"
#include "tests/eval/eval_test_util.h"
#include "tests/eval/report/study_results_sample.h"

namespace tengen {
namespace {

using eval_test::SampleSearchEra;

TEST(SearchResultTest, ReadsBackWhatItWrites) {
  const SearchEraResult value = SampleSearchEra();
  const JsonValue json = value.ToJson();
  absl::StatusOr<SearchEraResult> back = SearchEraResult::FromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(*back == value);
  absl::StatusOr<JsonValue> parsed = ParseJson(SerializeJson(json));
  ASSERT_TRUE(parsed.ok());
  absl::StatusOr<SearchEraResult> from_text = SearchEraResult::FromJson(*parsed);
  ASSERT_TRUE(from_text.ok()) << from_text.status().message();
  EXPECT_TRUE(*from_text == value);
  EXPECT_EQ(SerializeJson(from_text->ToJson()), SerializeJson(json));
  // Without GNU Go and generation 0's match, too.
  SearchEraResult bare = value;
  bare.strength.gnugo.reset();
  bare.learning.runs.generation_0_vs_random.reset();
  absl::StatusOr<SearchEraResult> bare_back = SearchEraResult::FromJson(bare.ToJson());
  ASSERT_TRUE(bare_back.ok()) << bare_back.status().message();
  EXPECT_TRUE(*bare_back == bare);
  EXPECT_FALSE(*bare_back == value);
}

// Strict reading (every member taken away or given another type is named)
// is checked for the whole report, this section included, by
// StudyResultsStrictTest: the shared sample study holds SampleSearchEra().

TEST(SearchResultTest, RefusesAnUnknownKindAndRunsThatDoNotMatchTheVariants) {
  SearchEraResult sample = SampleSearchEra();
  JsonValue json = sample.ToJson();
  JsonValue strength = *json.Find("strength");
  JsonValue pairings = JsonValue::Array();
  for (size_t i = 0; i < strength.Find("pairings")->AsArray().size(); ++i) {
    JsonValue pairing = strength.Find("pairings")->AsArray()[i];
    if (i == 1) pairing.Set("kind", "random");
    pairings.Append(std::move(pairing));
  }
  strength.Set("pairings", std::move(pairings));
  json.Set("strength", std::move(strength));
  EXPECT_EQ(
      SearchEraResult::FromJson(json).status().message(),
      R"(search.strength.pairings[1].kind: should be "gnugo", "head_to_head" or "policy", not "random")");
  SearchEraResult short_of_runs = SampleSearchEra();
  short_of_runs.learning.runs.runs.pop_back();
  EXPECT_EQ(SearchEraResult::FromJson(short_of_runs.ToJson()).status().message(),
            "search.learning: 2 variants but 1 runs");
}

TEST(SearchSectionTest, ShowsEveryValueEscapedAndBalanced) {
  const SearchEraResult r = SampleSearchEra();
  const std::string html = RenderSearchEraSection(r);
  EXPECT_EQ(eval_test::CheckTagsBalanced(html), "");
  EXPECT_EQ(eval_test::FindMissingValue(html), "");
  EXPECT_TRUE(
      html.starts_with("<section id=\"search\"><h2>f. The search era: argmax against "
                       "sampling at the root</h2>"));
  EXPECT_EQ(html.find("<crashed>"), std::string::npos);
  EXPECT_NE(html.find("it &lt;crashed&gt;"), std::string::npos);
  EXPECT_NE(html.find("GNU Go &lt;level 0&gt;"), std::string::npos);
  EXPECT_NE(html.find("drawn &lt;at&gt; T = 1"), std::string::npos);
  EXPECT_NE(html.find("gumbel, 32 visits, 8 considered"), std::string::npos);
  EXPECT_NE(html.find("Gumbel noise"), std::string::npos);
  for (const SearchPairing& p : r.strength.pairings) {
    EXPECT_NE(html.find(RateText(p.match.score)), std::string::npos) << p.match.player;
    EXPECT_NE(html.find(EloText(p.match.score)), std::string::npos) << p.match.player;
  }
  for (const SearchDiversityMode& m : r.diversity.modes) {
    EXPECT_NE(html.find("<td>" + m.name + "</td>"), std::string::npos);
    EXPECT_NE(html.find(fmt::format("{} of {}", m.black_wins, m.games)), std::string::npos);
  }
  EXPECT_NE(html.find("3 (1 up to symmetry) of 4"), std::string::npos);
  EXPECT_NE(html.find("E5 ×3, D4 ×1"), std::string::npos);
  for (const LearningRun& run : r.learning.runs.runs)
    for (const LearningGeneration& g : run.generations)
      EXPECT_NE(html.find(RateText(g.vs_random)), std::string::npos);
  EXPECT_NE(html.find(RateText(r.learning.runs.runs[0].pooled_vs_first)), std::string::npos);
  // The charts: distinct games, strength, the empty board, three learning curves.
  size_t svgs = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
    ++svgs;
  EXPECT_EQ(svgs, 6u);
}

TEST(SearchSectionTest, PuctArgmaxIsCalledDeterministicAndMissingPartsSaySo) {
  SearchEraResult r = SampleSearchEra();
  r.search.root_policy = "puct";
  r.search.description = "puct, 32 visits";
  r.strength.gnugo.reset();
  r.strength.pairings.erase(r.strength.pairings.begin());
  r.learning.runs.generation_0_vs_random.reset();
  const std::string html = RenderSearchEraSection(r);
  EXPECT_EQ(eval_test::CheckTagsBalanced(html), "");
  EXPECT_EQ(eval_test::FindMissingValue(html), "");
  EXPECT_NE(html.find("argmax is deterministic"), std::string::npos);
  EXPECT_NE(html.find("not found, so not played"), std::string::npos);
  EXPECT_NE(html.find("did not play the random player"), std::string::npos);
  r.strength.pairings.clear();
  EXPECT_NE(RenderSearchEraSection(r).find("No strength games were played"), std::string::npos);
}

TEST(SearchSectionTest, NotRunSaysSo) {
  const std::string html = RenderSearchEraSection(std::nullopt);
  EXPECT_EQ(html,
            NotRunSection("search", "f. The search era: argmax against sampling at the root"));
  EXPECT_EQ(eval_test::CheckTagsBalanced(html), "");
}

}  // namespace
}  // namespace tengen
