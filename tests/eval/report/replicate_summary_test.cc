// The study across seeds from hand-made replicates: every figure with its
// values per seed and a Student-t interval, paired comparisons whose
// verdicts follow the data (a consistent difference is found, noise is
// "no difference detected"), a claim per part, and a self-contained page
// that shows every value.
#include "eval/report/replicate_summary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eval/report/replicates_html.h"
#include "tests/eval/eval_test_util.h"
#include "tests/eval/report/study_results_sample.h"

namespace tengen {
namespace {

// Replicate `k` of a study whose sampled learning run beats the argmax one
// by 20 points in every seed, while dropout's effect on the held-out loss
// changes sign from seed to seed.
StudyResults Replicate(int k) {
  StudyResults r = eval_test::SampleStudyResults();
  r.settings.seed = 10 + k;
  r.collapse->regressor.distance_to_centre = 0.1 + 0.05 * k;
  r.collapse->softmax.mass_on_set = 0.9 + 0.01 * k;
  for (LearningRun& run : r.learning->runs)
    run.pooled_vs_random = run.temperature == 0
                               ? WinRateResult::Of({.wins = 40 + k, .losses = 60 - k})
                               : WinRateResult::Of({.wins = 60 + 2 * k, .losses = 40 - 2 * k});
  for (DropoutRun& run : r.dropout->runs)
    run.final_held_out_loss = 3.5 + (run.dropout > 0 ? (k % 2 == 0 ? 0.1 : -0.1) : 0);
  // The sampled player meets the same opponents as the argmax one.
  r.strength->pairings.push_back({.match = eval_test::SampleMatch("sample T=1", "random", 8, 0, 2),
                                  .kind = PairingKind::kRandom});
  r.strength->pairings.push_back(
      {.match = eval_test::SampleMatch("sample T=1", "GNU Go level 1", k % 2, 0, 4 - k % 2),
       .kind = PairingKind::kGnuGo});
  return r;
}

ReplicateSummary Summary(int replicates) {
  std::vector<StudyResults> results;
  std::vector<std::string> dirs;
  for (int k = 0; k < replicates; ++k) {
    results.push_back(Replicate(k));
    dirs.push_back("out/seed-" + std::to_string(10 + k));
  }
  return SummarizeReplicates(results, dirs);
}

const ReplicateComparison* Comparison(const ReplicateSummary& s, std::string_view a_id) {
  for (const ReplicateComparison& c : s.comparisons)
    if (c.a_id == a_id) return &c;
  return nullptr;
}

TEST(ReplicateSummaryTest, EveryFigureHasItsValuePerSeedAndAnIntervalAcrossSeeds) {
  const ReplicateSummary s = Summary(4);
  EXPECT_EQ(s.seeds, (std::vector<uint64_t>{10, 11, 12, 13}));
  const ReplicateFigure* centre = s.Figure("collapse.regressor_distance_to_centre");
  ASSERT_NE(centre, nullptr);
  ASSERT_EQ(centre->values.size(), 4u);
  EXPECT_DOUBLE_EQ(*centre->values[3], 0.25);
  EXPECT_NEAR(centre->summary.mean, 0.175, 1e-12);
  EXPECT_LT(centre->summary.low, centre->summary.mean);
  EXPECT_GT(centre->summary.high, centre->summary.mean);
  // Score rates carry their within-seed interval beside the spread.
  const ReplicateFigure* learned = s.Figure("learning.pooled_vs_random.self-play by argmax");
  ASSERT_NE(learned, nullptr);
  ASSERT_TRUE(learned->within_seed_half_width.has_value());
  EXPECT_GT(*learned->within_seed_half_width, 0.05);
  // Every part contributes figures.
  for (const char* part : {"collapse", "diversity", "strength", "learning", "dropout"}) {
    bool found = false;
    for (const ReplicateFigure& f : s.figures) found |= f.part == part;
    EXPECT_TRUE(found) << part;
  }
}

// Three seeds scoring 90%, 100% and 100%: the t interval of the mean
// reaches past 100%, and a fraction's interval is clipped to [0, 1] (the
// same values as bits would not be).
TEST(ReplicateSummaryTest, AFractionsIntervalStaysWithinZeroAndOne) {
  std::vector<StudyResults> results = {Replicate(0), Replicate(1), Replicate(2)};
  const int wins[] = {90, 100, 100};
  for (int k = 0; k < 3; ++k)
    for (LearningRun& run : results[k].learning->runs)
      if (run.temperature > 0)
        run.pooled_vs_random = WinRateResult::Of({.wins = wins[k], .losses = 100 - wins[k]});
  const ReplicateSummary s = SummarizeReplicates(results, {});
  const ReplicateFigure* sampled = s.Figure("learning.pooled_vs_random.self-play by sample T=1");
  ASSERT_NE(sampled, nullptr);
  EXPECT_NEAR(sampled->summary.mean, 29.0 / 30, 1e-12);
  EXPECT_DOUBLE_EQ(sampled->summary.high, 1.0);
  EXPECT_GT(sampled->summary.low, 0.8);
  EXPECT_LT(sampled->summary.low, sampled->summary.mean);
}

TEST(ReplicateSummaryTest, AConsistentDifferenceIsFoundAndNoiseIsNot) {
  const ReplicateSummary s = Summary(6);
  const ReplicateComparison* learning =
      Comparison(s, "learning.pooled_vs_random.self-play by sample T=1");
  ASSERT_NE(learning, nullptr);
  EXPECT_EQ(learning->paired.a_higher, 6);
  EXPECT_LT(learning->paired.t_p_value, 0.01);
  EXPECT_EQ(learning->strength, EvidenceStrength::kStrong);
  EXPECT_NE(learning->verdict.find("self-play by sample T=1 does better than self-play by argmax"),
            std::string::npos)
      << learning->verdict;

  const ReplicateComparison* dropout = Comparison(s, "dropout.held_out_loss.dropout 0.2");
  ASSERT_NE(dropout, nullptr);
  EXPECT_EQ(dropout->paired.a_higher, 3);
  EXPECT_EQ(dropout->paired.b_higher, 3);
  EXPECT_EQ(dropout->strength, EvidenceStrength::kNone);
  EXPECT_EQ(dropout->verdict.rfind("no difference detected at this size", 0), 0u)
      << dropout->verdict;
}

TEST(ReplicateSummaryTest, LowerIsBetterForLosses) {
  std::vector<StudyResults> results = {Replicate(0), Replicate(2), Replicate(4)};
  for (StudyResults& r : results)  // dropout lowers the held-out loss in every seed
    for (DropoutRun& run : r.dropout->runs)
      if (run.dropout > 0) run.final_held_out_loss = 3.0 + 0.01 * r.settings.seed;
  const ReplicateSummary s = SummarizeReplicates(results, {});
  const ReplicateComparison* dropout = Comparison(s, "dropout.held_out_loss.dropout 0.2");
  ASSERT_NE(dropout, nullptr);
  EXPECT_FALSE(dropout->higher_is_better);
  EXPECT_NE(dropout->verdict.find("dropout 0.2 does better than no dropout"), std::string::npos)
      << dropout->verdict;
}

TEST(ReplicateSummaryTest, TheSmallBatchSideIsTheNetworkWithoutDropout) {
  std::vector<StudyResults> results = {Replicate(0), Replicate(1), Replicate(2), Replicate(3)};
  for (StudyResults& r : results)  // the large batch ends higher in every seed
    for (DropoutRun& run : r.dropout->runs)
      if (run.name == "batch 16") run.final_held_out_loss = 3.8 + 0.01 * r.settings.seed;
  const ReplicateSummary s = SummarizeReplicates(results, {});
  const ReplicateComparison* batch = Comparison(s, "dropout.held_out_loss.no dropout");
  ASSERT_NE(batch, nullptr);
  EXPECT_EQ(batch->b_id, "dropout.held_out_loss.batch 16");
  EXPECT_EQ(batch->paired.b_higher, 4);
  EXPECT_NE(batch->verdict.find("no dropout does better than batch 16"), std::string::npos)
      << batch->verdict;
  bool claimed = false;
  for (const ReplicateClaim& c : s.claims)
    claimed |= c.claim.find("small batch (8") != std::string::npos && c.verdict == batch->verdict;
  EXPECT_TRUE(claimed);
}

TEST(ReplicateSummaryTest, TheSyntheticExperimentComparesTheHighestRateWithNone) {
  std::vector<StudyResults> results = {Replicate(0), Replicate(1), Replicate(2)};
  for (StudyResults& r : results)
    for (SyntheticRun& run : r.dropout->synthetic->runs)
      run.memorised_bits += 0.01 * r.settings.seed;  // keeps dropout's 0.4 bits less
  const ReplicateSummary s = SummarizeReplicates(results, {});
  const ReplicateFigure* information = s.Figure("dropout.synthetic.information_bits");
  ASSERT_NE(information, nullptr);
  EXPECT_DOUBLE_EQ(information->summary.mean, 0.5);
  const ReplicateComparison* memorised =
      Comparison(s, "dropout.synthetic.memorised_bits.dropout 0.3");
  ASSERT_NE(memorised, nullptr);
  EXPECT_FALSE(memorised->higher_is_better);
  EXPECT_NEAR(memorised->paired.difference.mean, -0.4, 1e-9);
  EXPECT_NE(memorised->verdict.find("dropout 0.3 does better than no dropout"), std::string::npos)
      << memorised->verdict;
  const ReplicateComparison* generalised =
      Comparison(s, "dropout.synthetic.generalised_bits.dropout 0.3");
  ASSERT_NE(generalised, nullptr);
  EXPECT_TRUE(generalised->higher_is_better);
}

TEST(ReplicateSummaryTest, TheSearchEraComparesSampledWithArgmaxAndTheOpenings) {
  std::vector<StudyResults> results = {Replicate(0), Replicate(1), Replicate(2), Replicate(3)};
  for (StudyResults& r : results)  // the sampled opening run learns more in every seed
    for (LearningRun& run : r.search->learning.runs.runs)
      run.pooled_vs_random =
          run.name == "deterministic opening"
              ? WinRateResult::Of({.wins = 50, .losses = 50})
              : WinRateResult::Of(
                    {.wins = 70 + static_cast<int>(r.settings.seed % 3), .losses = 30});
  const ReplicateSummary s = SummarizeReplicates(results, {});
  const ReplicateComparison* distinct = Comparison(s, "search.distinct_games.search sample T=1");
  ASSERT_NE(distinct, nullptr);
  EXPECT_EQ(distinct->b_id, "search.distinct_games.search argmax");
  EXPECT_NEAR(distinct->paired.difference.mean, 0.5, 1e-12);  // 3 of 4 against 1 of 4
  const ReplicateComparison* learning =
      Comparison(s, "search.learning.pooled_vs_random.sampled opening (8 moves)");
  ASSERT_NE(learning, nullptr);
  EXPECT_EQ(learning->b_id, "search.learning.pooled_vs_random.deterministic opening");
  EXPECT_EQ(learning->paired.a_higher, 4);
  EXPECT_NE(learning->verdict.find("sampled opening (8 moves) does better than deterministic"),
            std::string::npos)
      << learning->verdict;
  int claims = 0;
  for (const ReplicateClaim& c : s.claims) claims += c.part == "search";
  EXPECT_EQ(claims, 2);  // diversity and learning; no opponent met by both search players
}

TEST(ReplicateSummaryTest, OneSeedGivesNoTest) {
  const ReplicateSummary s = Summary(1);
  for (const ReplicateComparison& c : s.comparisons) {
    EXPECT_EQ(c.strength, EvidenceStrength::kNone) << c.id;
    EXPECT_NE(c.verdict.find("one seed only"), std::string::npos) << c.verdict;
  }
}

TEST(ReplicateSummaryTest, EveryPartHasAClaimWithAVerdict) {
  const ReplicateSummary s = Summary(3);
  std::vector<std::string> parts;
  for (const ReplicateClaim& c : s.claims) {
    parts.push_back(c.part);
    EXPECT_FALSE(c.claim.empty());
    EXPECT_FALSE(c.verdict.empty());
  }
  for (const char* part : {"collapse", "diversity", "strength", "learning", "dropout", "search"})
    EXPECT_NE(std::find(parts.begin(), parts.end(), part), parts.end()) << part;
  // The collapse held in every seed.
  EXPECT_NE(s.claims[0].verdict.find("in 3 of 3 seeds"), std::string::npos) << s.claims[0].verdict;
}

TEST(ReplicateSummaryTest, JsonHoldsTheFiguresComparisonsAndClaims) {
  const JsonValue json = Summary(3).ToJson();
  EXPECT_EQ(*json.GetString("format"), "tengen-eval-replicates");
  ASSERT_NE(json.Find("figures"), nullptr);
  const JsonValue& first = json.Find("figures")->AsArray()[0];
  EXPECT_EQ(first.Find("values")->AsArray().size(), 3u);
  for (const char* key : {"mean", "low", "high", "sd", "n"}) EXPECT_TRUE(first.Find(key)) << key;
  const JsonValue& comparison = json.Find("comparisons")->AsArray()[0];
  for (const char* key : {"t_p_value", "sign_p_value", "verdict", "strength"})
    EXPECT_TRUE(comparison.Find(key)) << key;
  EXPECT_FALSE(json.Find("claims")->AsArray().empty());
}

TEST(ReplicateSummaryTest, ThePageIsSelfContainedAndShowsEverySeed) {
  const ReplicateSummary s = Summary(3);
  const std::string html = RenderReplicateReport(s);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(eval_test::CheckTagsBalanced(html), "");
  EXPECT_EQ(eval_test::FindMissingValue(html), "");
  for (const char* banned : {"http:", "https:", "<script", "<link", "src=", "href=", "url("})
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
  for (const char* id :
       {"claims", "collapse", "diversity", "strength", "learning", "dropout", "search"})
    EXPECT_NE(html.find(fmt::format("<section id=\"{}\">", id)), std::string::npos) << id;
  for (const char* seed : {"seed 10", "seed 11", "seed 12"})
    EXPECT_NE(html.find(seed), std::string::npos) << seed;
  // A dot per seed for every figure, and an interval band and a mean for each.
  auto count = [&](std::string_view needle) {
    int n = 0;
    for (size_t at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1))
      ++n;
    return n;
  };
  EXPECT_EQ(count("class=\"seed\""), 3 * static_cast<int>(s.figures.size()));
  EXPECT_EQ(count("class=\"mean\""), static_cast<int>(s.figures.size()));
  EXPECT_EQ(count("class=\"interval\""), static_cast<int>(s.figures.size()));
  // The verdicts are on the page, escaped text and all.
  EXPECT_NE(html.find("no difference detected at this size"), std::string::npos);
}

}  // namespace
}  // namespace tengen
