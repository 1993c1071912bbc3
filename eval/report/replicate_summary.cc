#include "eval/report/replicate_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace tengen {
namespace {

// Collects figures replicate by replicate, in the order first seen.
class FigureTable {
 public:
  explicit FigureTable(int replicates) : replicates_(replicates) {}

  void Add(int replicate, std::string part, std::string id, std::string label, FigureUnit unit,
           double value, std::optional<double> half_width = std::nullopt) {
    auto [it, added] = index_.try_emplace(id, static_cast<int>(figures_.size()));
    if (added) {
      ReplicateFigure figure{
          .part = std::move(part), .id = std::move(id), .label = std::move(label), .unit = unit};
      figure.values.assign(replicates_, std::nullopt);
      figures_.push_back(std::move(figure));
      half_widths_.emplace_back();
    }
    figures_[it->second].values[replicate] = value;
    if (half_width) half_widths_[it->second].push_back(*half_width);
  }
  void AddRate(int replicate, const std::string& part, const std::string& id,
               const std::string& label, const WinRateResult& rate) {
    if (!rate.rate.has_value()) return;
    Add(replicate, part, id, label, FigureUnit::kFraction, *rate.rate, (rate.high - rate.low) / 2);
  }

  std::vector<ReplicateFigure> Finish() {
    for (size_t i = 0; i < figures_.size(); ++i) {
      std::vector<double> present;
      for (const std::optional<double>& v : figures_[i].values)
        if (v) present.push_back(*v);
      figures_[i].summary = SummarizeSample(present);
      // A t interval knows nothing of bounds: with 3 seeds a mean score of
      // 97% has an upper end past 100%. Fractions cannot leave [0, 1].
      if (figures_[i].unit == FigureUnit::kFraction) {
        figures_[i].summary.low = std::max(0.0, figures_[i].summary.low);
        figures_[i].summary.high = std::min(1.0, figures_[i].summary.high);
      }
      if (!half_widths_[i].empty()) {
        double sum = 0;
        for (double h : half_widths_[i]) sum += h;
        figures_[i].within_seed_half_width = sum / half_widths_[i].size();
      }
    }
    return std::move(figures_);
  }

 private:
  int replicates_;
  std::map<std::string, int> index_;
  std::vector<ReplicateFigure> figures_;
  std::vector<std::vector<double>> half_widths_;
};

void CollectFigures(const StudyResults& r, int i, FigureTable& table) {
  if (const std::optional<CollapseResult>& c = r.collapse) {
    table.Add(i, "collapse", "collapse.regressor_distance_to_centre",
              "regressor: distance of its answer from the centre", FigureUnit::kPoints,
              c->regressor.distance_to_centre);
    table.Add(i, "collapse", "collapse.regressor_distance_to_nearest_good_move",
              "regressor: distance of its answer from the nearest good move", FigureUnit::kPoints,
              c->regressor.distance_to_nearest_target);
    table.Add(i, "collapse", "collapse.softmax_mass_on_set",
              "softmax: probability on the symmetric good moves", FigureUnit::kFraction,
              c->softmax.mass_on_set);
  }
  if (const std::optional<DiversityResult>& d = r.diversity)
    for (const DiversityMode& mode : d->modes) {
      if (mode.games > 0)
        table.Add(i, "diversity", "diversity.distinct_games." + mode.name,
                  mode.name + ": share of self-play games that are distinct", FigureUnit::kFraction,
                  static_cast<double>(mode.distinct_games) / mode.games);
      table.Add(i, "diversity", "diversity.first_move_entropy." + mode.name,
                mode.name + ": entropy of the first move over the games", FigureUnit::kBits,
                mode.first_move_entropy_bits);
    }
  if (const std::optional<StrengthResult>& s = r.strength)
    for (const StrengthPairing& p : s->pairings)
      table.AddRate(i, "strength",
                    fmt::format("strength.{}.vs.{}", p.match.player, p.match.opponent),
                    fmt::format("{} against {}: score rate", p.match.player, p.match.opponent),
                    p.match.score);
  if (const std::optional<LearningResult>& l = r.learning)
    for (const LearningRun& run : l->runs) {
      table.AddRate(i, "learning", "learning.pooled_vs_random." + run.name,
                    run.name + ": every generation against random", run.pooled_vs_random);
      table.AddRate(i, "learning", "learning.pooled_vs_first." + run.name,
                    run.name + ": every generation against generation 0", run.pooled_vs_first);
      if (!run.generations.empty() && run.generations.back().vs_random)
        table.AddRate(i, "learning", "learning.last_vs_random." + run.name,
                      fmt::format("{}: generation {} against random", run.name,
                                  run.generations.back().generation),
                      *run.generations.back().vs_random);
    }
  if (const std::optional<DropoutResult>& d = r.dropout) {
    for (const DropoutRun& run : d->runs) {
      table.Add(i, "dropout", "dropout.held_out_loss." + run.name,
                run.name + ": held-out policy loss", FigureUnit::kNats, run.final_held_out_loss);
      table.Add(i, "dropout", "dropout.train_loss." + run.name, run.name + ": training policy loss",
                FigureUnit::kNats, run.final_train_loss);
      table.Add(i, "dropout", "dropout.gap." + run.name,
                run.name + ": held-out minus training policy loss", FigureUnit::kNats,
                run.final_held_out_loss - run.final_train_loss);
      if (run.vs_random)
        table.AddRate(i, "dropout", "dropout.vs_random." + run.name, run.name + ": against random",
                      run.vs_random->score);
      if (run.vs_reference)
        table.AddRate(i, "dropout", "dropout.vs_reference." + run.name,
                      run.name + ": against the studied network", run.vs_reference->score);
    }
    if (const std::optional<SyntheticResult>& s = d->synthetic) {
      table.Add(i, "dropout", "dropout.synthetic.information_bits",
                "synthetic: information the labels carry", FigureUnit::kBits, s->information_bits);
      for (const SyntheticRun& run : s->runs) {
        table.Add(i, "dropout", "dropout.synthetic.fit_bits." + run.name,
                  run.name + ": synthetic fit", FigureUnit::kBits, run.fit_bits);
        table.Add(i, "dropout", "dropout.synthetic.generalised_bits." + run.name,
                  run.name + ": synthetic information generalised", FigureUnit::kBits,
                  run.generalised_bits);
        table.Add(i, "dropout", "dropout.synthetic.memorised_bits." + run.name,
                  run.name + ": synthetic noise memorised", FigureUnit::kBits, run.memorised_bits);
      }
    }
  }
  if (const std::optional<SearchEraResult>& f = r.search) {
    for (const SearchDiversityMode& mode : f->diversity.modes) {
      if (mode.games > 0)
        table.Add(i, "search", "search.distinct_games." + mode.name,
                  mode.name + ": share of self-play games that are distinct", FigureUnit::kFraction,
                  static_cast<double>(mode.distinct_games) / mode.games);
      table.Add(i, "search", "search.first_move_entropy." + mode.name,
                mode.name + ": entropy of the first move over the games", FigureUnit::kBits,
                mode.first_move_entropy_bits);
    }
    for (const SearchPairing& p : f->strength.pairings)
      table.AddRate(i, "search", fmt::format("search.{}.vs.{}", p.match.player, p.match.opponent),
                    fmt::format("{} against {}: score rate", p.match.player, p.match.opponent),
                    p.match.score);
    for (const LearningRun& run : f->learning.runs.runs) {
      table.AddRate(i, "search", "search.learning.pooled_vs_random." + run.name,
                    run.name + ": every generation against random", run.pooled_vs_random);
      table.AddRate(i, "search", "search.learning.pooled_vs_first." + run.name,
                    run.name + ": every generation against generation 0", run.pooled_vs_first);
    }
  }
}

}  // namespace

std::string_view FigureUnitName(FigureUnit unit) {
  switch (unit) {
    case FigureUnit::kFraction:
      return "fraction";
    case FigureUnit::kBits:
      return "bits";
    case FigureUnit::kNats:
      return "nats";
    case FigureUnit::kPoints:
      return "points";
  }
  return "?";
}

std::string_view EvidenceStrengthName(EvidenceStrength strength) {
  switch (strength) {
    case EvidenceStrength::kNone:
      return "none";
    case EvidenceStrength::kWeak:
      return "weak";
    case EvidenceStrength::kModerate:
      return "moderate";
    case EvidenceStrength::kStrong:
      return "strong";
  }
  return "?";
}

std::string FigureValueText(double value, FigureUnit unit) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  switch (unit) {
    case FigureUnit::kFraction:
      return fmt::format("{:.1f}%", 100 * value);
    case FigureUnit::kBits:
      return fmt::format("{:.2f} bits", value);
    case FigureUnit::kNats:
      return fmt::format("{:.3f} nats", value);
    case FigureUnit::kPoints:
      return fmt::format("{:.2f} points", value);
  }
  return fmt::format("{}", value);
}

Verdict JudgeComparison(const PairedComparison& paired, std::string_view a_name,
                        std::string_view b_name, FigureUnit unit, bool higher_is_better) {
  const SampleSummary& d = paired.difference;
  // Differences of fractions read as percentage points.
  auto difference_text = [unit](double value) {
    return unit == FigureUnit::kFraction ? fmt::format("{:+.1f} points", 100 * value)
                                         : fmt::format("{:+.3g} {}", value, FigureUnitName(unit));
  };
  if (d.n < 2)
    return {EvidenceStrength::kNone,
            fmt::format("one seed only: {} - {} = {}; no test across seeds is possible", a_name,
                        b_name, difference_text(d.mean))};
  const std::string evidence = fmt::format(
      "mean difference {} - {} = {} [{}, {}] over {} seeds; {} higher in {}, {} in {}; paired t "
      "p = {:.3g}, sign test p = {:.3g}",
      a_name, b_name, difference_text(d.mean), difference_text(d.low), difference_text(d.high), d.n,
      a_name, paired.a_higher, b_name, paired.b_higher, paired.t_p_value, paired.sign_p_value);
  const bool one_way = paired.ties == 0 && (paired.a_higher == 0 || paired.b_higher == 0);
  if (paired.t_p_value < 0.05 && d.mean != 0) {
    const bool a_better = (d.mean > 0) == higher_is_better;
    const std::string_view better = a_better ? a_name : b_name;
    const std::string_view worse = a_better ? b_name : a_name;
    const EvidenceStrength strength = paired.t_p_value < 0.01 && one_way
                                          ? EvidenceStrength::kStrong
                                          : EvidenceStrength::kModerate;
    return {strength, fmt::format("{} does better than {} ({})", better, worse, evidence)};
  }
  if (paired.t_p_value < 0.2 || (one_way && d.mean != 0))
    return {EvidenceStrength::kWeak,
            fmt::format("a hint that {} {} {}, not significant at this size ({})", a_name,
                        (d.mean > 0) == higher_is_better ? "does better than" : "does worse than",
                        b_name, evidence)};
  return {EvidenceStrength::kNone,
          fmt::format("no difference detected at this size ({})", evidence)};
}

const ReplicateFigure* ReplicateSummary::Figure(std::string_view id) const {
  for (const ReplicateFigure& figure : figures)
    if (figure.id == id) return &figure;
  return nullptr;
}

ReplicateSummary SummarizeReplicates(std::span<const StudyResults> replicates,
                                     std::span<const std::string> dirs) {
  ReplicateSummary summary;
  FigureTable table(static_cast<int>(replicates.size()));
  for (size_t i = 0; i < replicates.size(); ++i) {
    summary.seeds.push_back(replicates[i].settings.seed);
    summary.replicate_dirs.push_back(i < dirs.size() ? dirs[i] : std::string());
    CollectFigures(replicates[i], static_cast<int>(i), table);
  }
  summary.figures = table.Finish();

  // Paired comparisons: a against b on the seeds that have both.
  auto compare = [&](std::string part, std::string label, const std::string& a_id,
                     const std::string& b_id, std::string a_name, std::string b_name,
                     bool higher_is_better) -> const ReplicateComparison* {
    const ReplicateFigure* a = summary.Figure(a_id);
    const ReplicateFigure* b = summary.Figure(b_id);
    if (a == nullptr || b == nullptr) return nullptr;
    std::vector<double> av, bv;
    for (size_t i = 0; i < a->values.size(); ++i)
      if (a->values[i] && b->values[i]) {
        av.push_back(*a->values[i]);
        bv.push_back(*b->values[i]);
      }
    ReplicateComparison c{.part = std::move(part),
                          .id = a_id + " - " + b_id,
                          .label = std::move(label),
                          .a_id = a_id,
                          .b_id = b_id,
                          .a_name = std::move(a_name),
                          .b_name = std::move(b_name),
                          .higher_is_better = higher_is_better,
                          .unit = a->unit,
                          .paired = ComparePaired(av, bv)};
    const Verdict verdict =
        JudgeComparison(c.paired, c.a_name, c.b_name, c.unit, c.higher_is_better);
    c.strength = verdict.strength;
    c.verdict = verdict.text;
    summary.comparisons.push_back(std::move(c));
    return &summary.comparisons.back();
  };
  // The first replicate names the conditions (modes, players, runs) to compare.
  const StudyResults* first = replicates.empty() ? nullptr : &replicates[0];
  auto claim = [&](std::string part, std::string text, const ReplicateComparison* c) {
    if (c == nullptr) return;
    summary.claims.push_back({.part = std::move(part),
                              .claim = std::move(text),
                              .verdict = c->verdict,
                              .strength = c->strength});
  };

  // a. The averaging collapse: closer to the centre than to any good move,
  // and most probability on the good moves, in every seed.
  if (const ReplicateFigure* centre = summary.Figure("collapse.regressor_distance_to_centre")) {
    const ReplicateFigure* good =
        summary.Figure("collapse.regressor_distance_to_nearest_good_move");
    const ReplicateFigure* mass = summary.Figure("collapse.softmax_mass_on_set");
    const ReplicateComparison* c = compare(
        "collapse", "regressor: distance from the nearest good move minus from the centre",
        "collapse.regressor_distance_to_nearest_good_move", "collapse.regressor_distance_to_centre",
        "from the nearest good move", "from the centre", true);
    int collapsed = 0, seeds = 0;
    for (size_t i = 0; good && mass && i < centre->values.size(); ++i)
      if (centre->values[i] && good->values[i] && mass->values[i]) {
        ++seeds;
        collapsed += *centre->values[i] < *good->values[i] && *mass->values[i] > 0.5;
      }
    if (c != nullptr && seeds > 0) {
      const EvidenceStrength strength =
          collapsed == seeds
              ? (seeds >= 3 ? EvidenceStrength::kStrong : EvidenceStrength::kModerate)
          : collapsed * 2 > seeds ? EvidenceStrength::kWeak
                                  : EvidenceStrength::kNone;
      summary.claims.push_back(
          {.part = "collapse",
           .claim = "A model that must give one answer learns the mean of the right answers (the "
                    "centre point); a distribution keeps them all.",
           .verdict = fmt::format(
               "in {} of {} seeds the regressor ended nearer the centre than any good move while "
               "the softmax put most of its probability on the good moves (softmax mass {} [{}, "
               "{}])",
               collapsed, seeds, FigureValueText(mass->summary.mean, FigureUnit::kFraction),
               FigureValueText(mass->summary.low, FigureUnit::kFraction),
               FigureValueText(mass->summary.high, FigureUnit::kFraction)),
           .strength = strength});
    }
  }

  // Names of the argmax and temperature-1 conditions of a part.
  std::string argmax_mode, sample_mode;
  if (first != nullptr && first->diversity)
    for (const DiversityMode& mode : first->diversity->modes) {
      if (mode.temperature == 0) argmax_mode = mode.name;
      if (mode.temperature == 1) sample_mode = mode.name;
    }
  if (!argmax_mode.empty() && !sample_mode.empty())
    claim("diversity",
          "Sampling from the policy keeps self-play games diverse; argmax repeats them.",
          compare("diversity", "share of distinct self-play games",
                  "diversity.distinct_games." + sample_mode,
                  "diversity.distinct_games." + argmax_mode, sample_mode, argmax_mode, true));

  std::string argmax_player, sample_player;
  if (first != nullptr && first->strength)
    for (const StrengthPlayer& player : first->strength->players) {
      if (player.temperature == 0) argmax_player = player.name;
      if (player.temperature == 1) sample_player = player.name;
    }
  if (first != nullptr && first->strength && !argmax_player.empty() && !sample_player.empty()) {
    std::vector<std::string> opponents;
    for (const StrengthPairing& p : first->strength->pairings)
      if (p.kind != PairingKind::kHeadToHead && p.match.player == argmax_player)
        opponents.push_back(p.match.opponent);
    for (const std::string& opponent : opponents)
      claim("strength",
            fmt::format("Against {}, argmax play and sampled play (T = 1) of the same network "
                        "differ in strength.",
                        opponent),
            compare("strength", "score rate against " + opponent,
                    fmt::format("strength.{}.vs.{}", sample_player, opponent),
                    fmt::format("strength.{}.vs.{}", argmax_player, opponent), sample_player,
                    argmax_player, true));
  }

  if (first != nullptr && first->learning && first->learning->runs.size() >= 2) {
    std::string argmax_run, sample_run;
    for (const LearningRun& run : first->learning->runs) {
      if (run.temperature == 0) argmax_run = run.name;
      if (run.temperature > 0 && sample_run.empty()) sample_run = run.name;
    }
    if (!argmax_run.empty() && !sample_run.empty()) {
      claim("learning",
            "At equal compute, self-play by sampling learns more than self-play by argmax "
            "(every generation against random).",
            compare("learning", "every generation against random",
                    "learning.pooled_vs_random." + sample_run,
                    "learning.pooled_vs_random." + argmax_run, sample_run, argmax_run, true));
      compare("learning", "every generation against generation 0",
              "learning.pooled_vs_first." + sample_run, "learning.pooled_vs_first." + argmax_run,
              sample_run, argmax_run, true);
      compare("learning", "the last generation against random",
              "learning.last_vs_random." + sample_run, "learning.last_vs_random." + argmax_run,
              sample_run, argmax_run, true);
    }
  }

  if (first != nullptr && first->dropout) {
    const DropoutResult& d = *first->dropout;
    // The network without dropout at the section's batch: the side every
    // other run is compared with.
    std::string base;
    for (const DropoutRun& run : d.runs)
      if (run.dropout == 0 && run.batch == d.batch && base.empty()) base = run.name;
    for (const DropoutRun& run : d.runs) {
      if (base.empty() || run.name == base) continue;
      const bool large_batch = run.dropout == 0;
      claim("dropout",
            large_batch ? fmt::format("At equal samples, the small batch ({}, more gradient noise) "
                                      "regularises: a lower held-out policy loss than batch {}.",
                                      d.batch, run.batch)
                        : fmt::format("Noise in training ({}) regularises: a lower policy loss on "
                                      "held-out games than without dropout.",
                                      run.name),
            large_batch
                ? compare("dropout", "held-out policy loss", "dropout.held_out_loss." + base,
                          "dropout.held_out_loss." + run.name, base, run.name, false)
                : compare("dropout", "held-out policy loss", "dropout.held_out_loss." + run.name,
                          "dropout.held_out_loss." + base, run.name, base, false));
      compare("dropout", "held-out minus training loss", "dropout.gap." + run.name,
              "dropout.gap." + base, run.name, base, false);
      compare("dropout", "score rate against random", "dropout.vs_random." + run.name,
              "dropout.vs_random." + base, run.name, base, true);
      compare("dropout", "score rate against the studied network",
              "dropout.vs_reference." + run.name, "dropout.vs_reference." + base, run.name, base,
              true);
    }
    if (d.synthetic && d.synthetic->runs.size() >= 2) {
      // No dropout against the highest rate.
      const SyntheticRun* without = nullptr;
      const SyntheticRun* with = nullptr;
      for (const SyntheticRun& run : d.synthetic->runs) {
        if (run.dropout == 0 && without == nullptr) without = &run;
        if (run.dropout > 0 && (with == nullptr || run.dropout > with->dropout)) with = &run;
      }
      if (without != nullptr && with != nullptr) {
        claim("dropout",
              fmt::format("Noise limits the information a network carries: with {}, less of the "
                          "training labels' own noise is memorised (synthetic data of known "
                          "information).",
                          with->name),
              compare("dropout", "synthetic: noise memorised",
                      "dropout.synthetic.memorised_bits." + with->name,
                      "dropout.synthetic.memorised_bits." + without->name, with->name,
                      without->name, false));
        claim("dropout",
              fmt::format("With {}, more of the known information generalises (synthetic data).",
                          with->name),
              compare("dropout", "synthetic: information generalised",
                      "dropout.synthetic.generalised_bits." + with->name,
                      "dropout.synthetic.generalised_bits." + without->name, with->name,
                      without->name, true));
      }
    }
  }
  if (first != nullptr && first->search) {
    const SearchEraResult& f = *first->search;
    std::string argmax, sampled;
    for (const SearchDiversityMode& mode : f.diversity.modes) {
      if (mode.temperature == 0 && argmax.empty()) argmax = mode.name;
      if (mode.temperature > 0 && sampled.empty()) sampled = mode.name;
    }
    if (!argmax.empty() && !sampled.empty()) {
      claim("search",
            "At the root of a search too, sampling keeps self-play games diverse; argmax repeats "
            "them.",
            compare("search", "share of distinct search self-play games",
                    "search.distinct_games." + sampled, "search.distinct_games." + argmax, sampled,
                    argmax, true));
      // The same opponents for both players: GNU Go and the raw policy.
      for (const SearchPairing& p : f.strength.pairings) {
        if (p.kind == SearchPairingKind::kHeadToHead || p.match.player != argmax) continue;
        claim("search",
              fmt::format("Against {}, the search's best move and a move sampled from its target "
                          "differ in strength.",
                          p.match.opponent),
              compare("search", "score rate against " + p.match.opponent,
                      fmt::format("search.{}.vs.{}", sampled, p.match.opponent),
                      fmt::format("search.{}.vs.{}", argmax, p.match.opponent), sampled, argmax,
                      true));
      }
    }
    const std::vector<LearningRun>& runs = f.learning.runs.runs;
    if (runs.size() >= 2) {
      // The variants name the sampled-opening run (opening moves > 0) and
      // the deterministic one, in the runs' order.
      std::string sampled_run, fixed_run;
      for (size_t k = 0; k < runs.size() && k < f.learning.variants.size(); ++k) {
        if (f.learning.variants[k].opening_moves > 0 && sampled_run.empty())
          sampled_run = runs[k].name;
        if (f.learning.variants[k].opening_moves == 0 && fixed_run.empty())
          fixed_run = runs[k].name;
      }
      if (!sampled_run.empty() && !fixed_run.empty()) {
        claim(
            "search",
            "In search self-play, sampled openings learn faster than deterministic ones (every "
            "generation against random, at equal compute).",
            compare("search", "every generation against random",
                    "search.learning.pooled_vs_random." + sampled_run,
                    "search.learning.pooled_vs_random." + fixed_run, sampled_run, fixed_run, true));
        compare("search", "every generation against generation 0",
                "search.learning.pooled_vs_first." + sampled_run,
                "search.learning.pooled_vs_first." + fixed_run, sampled_run, fixed_run, true);
      }
    }
  }
  return summary;
}

JsonValue ReplicateFigure::ToJson() const {
  JsonValue values_json = JsonValue::Array();
  for (const std::optional<double>& v : values) values_json.Append(v ? JsonValue(*v) : JsonValue());
  JsonValue json = JsonValue::Object();
  json.Set("part", part)
      .Set("id", id)
      .Set("label", label)
      .Set("unit", std::string(FigureUnitName(unit)))
      .Set("values", std::move(values_json))
      .Set("n", summary.n)
      .Set("mean", summary.mean)
      .Set("sd", summary.sd)
      .Set("low", summary.low)
      .Set("high", summary.high)
      .Set("within_seed_half_width",
           within_seed_half_width ? JsonValue(*within_seed_half_width) : JsonValue());
  return json;
}

JsonValue ReplicateComparison::ToJson() const {
  const SampleSummary& d = paired.difference;
  JsonValue json = JsonValue::Object();
  json.Set("part", part)
      .Set("id", id)
      .Set("label", label)
      .Set("a", a_id)
      .Set("b", b_id)
      .Set("a_name", a_name)
      .Set("b_name", b_name)
      .Set("higher_is_better", higher_is_better)
      .Set("seeds", d.n)
      .Set("mean_difference", d.mean)
      .Set("low", d.low)
      .Set("high", d.high)
      .Set("t", std::isfinite(paired.t) ? JsonValue(paired.t) : JsonValue())
      .Set("t_p_value", paired.t_p_value)
      .Set("a_higher", paired.a_higher)
      .Set("b_higher", paired.b_higher)
      .Set("ties", paired.ties)
      .Set("sign_p_value", paired.sign_p_value)
      .Set("strength", std::string(EvidenceStrengthName(strength)))
      .Set("verdict", verdict);
  return json;
}

JsonValue ReplicateClaim::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("part", part)
      .Set("claim", claim)
      .Set("verdict", verdict)
      .Set("strength", std::string(EvidenceStrengthName(strength)));
  return json;
}

JsonValue ReplicateSummary::ToJson() const {
  JsonValue seeds_json = JsonValue::Array(), dirs_json = JsonValue::Array();
  for (uint64_t seed : seeds) seeds_json.Append(seed);
  for (const std::string& dir : replicate_dirs) dirs_json.Append(dir);
  JsonValue figures_json = JsonValue::Array(), comparisons_json = JsonValue::Array(),
            claims_json = JsonValue::Array();
  for (const ReplicateFigure& f : figures) figures_json.Append(f.ToJson());
  for (const ReplicateComparison& c : comparisons) comparisons_json.Append(c.ToJson());
  for (const ReplicateClaim& c : claims) claims_json.Append(c.ToJson());
  JsonValue json = JsonValue::Object();
  json.Set("format", "tengen-eval-replicates")
      .Set("version", 1)
      .Set("seeds", std::move(seeds_json))
      .Set("replicate_dirs", std::move(dirs_json))
      .Set("figures", std::move(figures_json))
      .Set("comparisons", std::move(comparisons_json))
      .Set("claims", std::move(claims_json));
  return json;
}

}  // namespace tengen
