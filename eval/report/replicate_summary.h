// The study across seeds: the headline figures of R single-seed studies
// (each a report.json, study_results.h) side by side, each as its values
// per seed and their mean with a Student-t 95% interval; the comparisons
// the study's claims rest on as paired tests across seeds; and each claim
// with a verdict in words the data support. `tengen eval --replicates R`
// writes it as report.json and report.html (replicates_html.h). No
// LibTorch here.
#ifndef TENGEN_EVAL_REPORT_REPLICATE_SUMMARY_H_
#define TENGEN_EVAL_REPORT_REPLICATE_SUMMARY_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/sample_stats.h"
#include "eval/report/study_results.h"

namespace tengen {

// What a figure counts, for axes and text: a fraction or score rate shown
// in percent, or a plain number with its unit.
enum class FigureUnit { kFraction, kBits, kNats, kPoints };
std::string_view FigureUnitName(FigureUnit unit);  // "fraction", "bits", ...

// One figure measured in every replicate.
struct ReplicateFigure {
  std::string part;   // "collapse", "diversity", "strength", "learning" or "dropout"
  std::string id;     // stable key, e.g. "learning.pooled_vs_random.self-play by sampling"
  std::string label;  // for people
  FigureUnit unit = FigureUnit::kFraction;
  // One per replicate, in seed order; null where that replicate lacks it
  // (the part was not run there).
  std::vector<std::optional<double>> values;
  SampleSummary summary;  // over the values present
  // For score rates: the mean half-width of the replicates' own 95%
  // (Wilson) intervals, to set beside the spread across seeds.
  std::optional<double> within_seed_half_width;

  JsonValue ToJson() const;
};

// How strongly the seeds support a difference.
enum class EvidenceStrength { kNone, kWeak, kModerate, kStrong };
std::string_view EvidenceStrengthName(EvidenceStrength strength);  // "none", "weak", ...

// Two conditions measured on the same seeds (figure ids a and b), compared
// by the paired t-test and the sign test across seeds.
struct ReplicateComparison {
  std::string part, id, label;
  std::string a_id, b_id, a_name, b_name;
  bool higher_is_better = true;  // for the words: is a higher a better
  FigureUnit unit = FigureUnit::kFraction;
  PairedComparison paired;  // a - b over the seeds that have both
  EvidenceStrength strength = EvidenceStrength::kNone;
  std::string verdict;  // e.g. "no difference detected at this size (...)"

  JsonValue ToJson() const;
};

// One of the study's claims and what the replicates say about it.
struct ReplicateClaim {
  std::string part, claim, verdict;
  EvidenceStrength strength = EvidenceStrength::kNone;

  JsonValue ToJson() const;
};

// {"format": "tengen-eval-replicates", "version": 1, "seeds", "figures",
//  "comparisons", "claims"}.
struct ReplicateSummary {
  std::vector<uint64_t> seeds;
  std::vector<std::string> replicate_dirs;  // each seed's study folder
  std::vector<ReplicateFigure> figures;
  std::vector<ReplicateComparison> comparisons;
  std::vector<ReplicateClaim> claims;

  const ReplicateFigure* Figure(std::string_view id) const;
  JsonValue ToJson() const;
};

// Builds the summary of `replicates` (one study per seed, in seed order;
// dirs names their folders). Figures appear in the part order, those of a
// part no replicate ran are left out.
ReplicateSummary SummarizeReplicates(std::span<const StudyResults> replicates,
                                     std::span<const std::string> dirs);

// The verdict of a paired comparison in words, and its strength: a
// difference where the paired t-test gives p < 0.05 (strong: p < 0.01 and
// every seed the same way), weak where p < 0.2 or every seed the same way,
// else "no difference detected at this size"; with one seed, no test.
struct Verdict {
  EvidenceStrength strength = EvidenceStrength::kNone;
  std::string text;
};
Verdict JudgeComparison(const PairedComparison& paired, std::string_view a_name,
                        std::string_view b_name, FigureUnit unit, bool higher_is_better);

// A value of the unit as text: "61.5%" for fractions, "1.23 bits" etc.
std::string FigureValueText(double value, FigureUnit unit);

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_REPLICATE_SUMMARY_H_
