// Section f of the report: argmax against sampling at the root of a search.
#include "eval/report/report_section_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr std::string_view kSearchEraTitle =
    "f. The search era: argmax against sampling at the root";

// Fraction of the games; none (no bar) without games.
double SearchFraction(int count, int games) {
  return games > 0 ? static_cast<double>(count) / games : NAN;
}

std::string SearchFirstMoves(const SearchDiversityMode& mode) {
  if (mode.first_moves.empty()) return "no games";
  std::string text;
  for (size_t i = 0; i < mode.first_moves.size(); ++i) {
    if (i == 4) return text + ", …";
    text += fmt::format("{}{} ×{}", text.empty() ? "" : ", ", EscapeXml(mode.first_moves[i].vertex),
                        mode.first_moves[i].games);
  }
  return text;
}

std::string SearchIntro(const SearchEraResult& r) {
  const bool gumbel = r.search.root_policy == "gumbel";
  return fmt::format(
      "<p>The studied network searches every move ({0}; symmetry none, root noise off). Two "
      "players differ only in how the root's move is chosen: <b>argmax</b> plays the search's "
      "best move ({1}); <b>sampling</b> draws it from the search's policy target ({2}) at T = "
      "{3}. {4}</p>",
      EscapeXml(r.search.description),
      gumbel ? "the sequential-halving winner" : "the most visited move",
      gumbel ? "the improved policy" : "the visit distribution", Fixed(r.search.temperature, 2),
      gumbel
          ? "With a Gumbel root, argmax is not deterministic: the Gumbel noise that picks the "
            "considered moves and the winner stays (the search has no setting to turn it off), "
            "so its best move is itself a Gumbel-max sample from a policy close to the target."
          : "With a PUCT root and no noise, argmax is deterministic: all its self-play games are "
            "one game.");
}

std::string SearchDiversityHtml(const SearchDiversity& d) {
  std::string html = fmt::format(
      "<h3>Diversity of search self-play</h3><p>{0} self-play games per player. Entropies are in "
      "bits; with {0} games none can exceed log<sub>2</sub> {0} = {1} bits. On the empty board "
      "the search's best move is {2}, and sampling draws from a target of entropy {3} bits.</p>",
      d.games_per_mode, Fixed(d.games_per_mode > 0 ? std::log2(d.games_per_mode) : 0.0, 2),
      EscapeXml(d.empty_board_best), Fixed(d.empty_board_target_entropy_bits, 2));
  BarChart distinct{.title = "Distinct games and positions (fraction of the games)",
                    .y_percent = true};
  distinct.series.push_back({.name = "distinct games"});
  for (int k : d.checkpoints)
    distinct.series.push_back({.name = fmt::format("positions after move {}", k)});
  std::vector<std::vector<std::string>> rows;
  for (const SearchDiversityMode& mode : d.modes) {
    distinct.categories.push_back(mode.name);
    distinct.series[0].values.push_back(SearchFraction(mode.distinct_games, mode.games));
    std::vector<std::string> row = {EscapeXml(mode.name), mode.deterministic ? "yes" : "no",
                                    fmt::format("{}", mode.games),
                                    fmt::format("{}", mode.distinct_games)};
    for (size_t i = 0; i < d.checkpoints.size(); ++i) {
      auto at =
          std::find_if(mode.positions.begin(), mode.positions.end(),
                       [&](const DiversityPositionCount& p) { return p.move == d.checkpoints[i]; });
      const bool found = at != mode.positions.end();
      distinct.series[i + 1].values.push_back(
          found ? SearchFraction(at->distinct, at->games_reaching) : NAN);
      row.push_back(found ? fmt::format("{} ({} up to symmetry) of {}", at->distinct,
                                        at->distinct_up_to_symmetry, at->games_reaching)
                          : "not counted");
    }
    row.push_back(Fixed(mode.first_move_entropy_bits, 2));
    row.push_back(Fixed(mode.opening_entropy_bits, 2));
    row.push_back(Fixed(mode.mean_length, 1));
    row.push_back(fmt::format("{} of {}", mode.black_wins, mode.games));
    row.push_back(SearchFirstMoves(mode));
    rows.push_back(std::move(row));
  }
  distinct.y_max = 1.0;
  std::vector<std::string> header = {"player", "deterministic", "games", "distinct games"};
  for (int k : d.checkpoints) header.push_back(fmt::format("distinct positions after move {}", k));
  header.push_back("first-move entropy");
  header.push_back(fmt::format("entropy of the first {} moves", d.opening_moves));
  for (const char* h : {"mean length", "black wins", "first moves"}) header.push_back(h);
  html += "<div class=\"figures\">" + RenderBarChart(distinct);
  const int n = static_cast<int>(std::lround(
      std::sqrt(std::max<double>(0, static_cast<double>(d.empty_board_target.size()) - 1))));
  if (n >= 1 && n * n + 1 == static_cast<int>(d.empty_board_target.size())) {
    std::vector<double> target(d.empty_board_target.begin(), d.empty_board_target.end() - 1);
    html += RenderBoardHeatmap(
        {.size = n,
         .values = target,
         .max_value = std::max(*std::max_element(target.begin(), target.end()), 4.0 / (n * n)),
         .title = "The search's policy target on the empty board (%)"});
  }
  return html + "</div>" + HtmlTable(header, rows);
}

std::string SearchStrengthHtml(const SearchStrength& s) {
  std::string html = "<h3>Strength</h3><p>Each search player against ";
  html += s.gnugo.has_value() ? fmt::format("{} (<code>{}</code>), ", EscapeXml(s.gnugo->name),
                                            EscapeXml(s.gnugo->command))
                              : std::string("GNU Go (not found, so not played), ");
  html += s.policy_player.empty()
              ? "and argmax against sampling."
              : fmt::format(
                    "against the network's raw policy ({}) as a common reference, and "
                    "argmax against sampling.",
                    EscapeXml(s.policy_player));
  html +=
      " Score rates are the first player's, draws counting half, with 95% Wilson intervals; "
      "colours alternate.</p>";
  BarChart chart{.title = "Score rate of the first player with 95% intervals",
                 .y_percent = true,
                 .value_labels = true,
                 .width = 760};
  chart.y_max = 1.0;
  BarSeries series{.name = "score rate"};
  std::vector<std::vector<std::string>> rows;
  for (const SearchPairing& pairing : s.pairings) {
    const StudyMatchResult& p = pairing.match;
    chart.categories.push_back(p.player + " vs " + p.opponent);
    series.values.push_back(p.score.rate.value_or(NAN));
    series.low.push_back(p.score.low);
    series.high.push_back(p.score.high);
    std::string failures = fmt::format("{}", p.failures);
    for (const std::string& reason : p.failure_reasons)
      failures += "<br><small>" + EscapeXml(reason) + "</small>";
    rows.push_back({EscapeXml(p.player), EscapeXml(p.opponent),
                    std::string(SearchPairingKindName(pairing.kind)),
                    fmt::format("{}", p.score.games), RateText(p.score), EloText(p.score),
                    fmt::format("{}", p.distinct_games), failures});
  }
  if (s.pairings.empty()) return html + "<p class=\"missing\">No strength games were played.</p>";
  chart.series.push_back(std::move(series));
  return html + "<div class=\"figures\">" + RenderBarChart(chart) + "</div>" +
         HtmlTable({"player", "opponent", "kind", "games", "score rate [95%]", "Elo [95%]",
                    "distinct games", "failures"},
                   rows);
}

// A run's score rates with their bands, generation 0 first where known.
ChartSeries SearchRateSeries(const std::string& name, const std::optional<WinRateResult>& first,
                             const std::vector<const std::optional<WinRateResult>*>& rates,
                             const std::vector<int64_t>& generations) {
  ChartSeries series{.name = name};
  auto add = [&](double x, const std::optional<WinRateResult>& rate) {
    if (!rate.has_value() || !rate->rate.has_value()) return;
    series.x.push_back(x);
    series.y.push_back(*rate->rate);
    series.low.push_back(rate->low);
    series.high.push_back(rate->high);
  };
  add(0, first);
  for (size_t i = 0; i < rates.size(); ++i) add(static_cast<double>(generations[i]), *rates[i]);
  return series;
}

std::string SearchLearningHtml(const SearchLearning& l) {
  const LearningResult& r = l.runs;
  std::string html = fmt::format(
      "<h3>Learning with search self-play</h3><p>Two runs of the training loop start from the "
      "same network (generation 0) with the same compute: {} generations of {} self-play games "
      "searched by {} and {} training steps each, symmetry none, every generation kept. They "
      "differ only in the opening:</p><ul>",
      r.generations, r.games_per_generation, EscapeXml(l.selfplay_search),
      r.train_steps_per_generation);
  for (const SearchLearningVariant& v : l.variants)
    html += fmt::format("<li><b>{}</b>: {}.</li>", EscapeXml(v.name), EscapeXml(v.randomness));
  html += fmt::format(
      "</ul><p>Each generation's raw policy is measured against the uniform random player and "
      "generation 0 over {} and {} games, both sides sampling at T = {}; training batches and "
      "these games are random in the same way in both runs.</p>",
      r.evaluation.games_vs_random, r.evaluation.games_vs_first,
      Fixed(r.evaluation.temperature, 2));
  const std::optional<WinRateResult> first_vs_random =
      r.generation_0_vs_random.has_value() ? std::optional(r.generation_0_vs_random->score)
                                           : std::nullopt;
  const std::optional<WinRateResult> even = WinRateResult{.rate = 0.5, .low = 0.5, .high = 0.5};
  LineChart vs_random{.title = "Score against the random player", .x_label = "generation"};
  LineChart vs_first{.title = "Score against generation 0", .x_label = "generation"};
  LineChart distinct{.title = "Distinct self-play games per generation", .x_label = "generation"};
  for (LineChart* chart : {&vs_random, &vs_first, &distinct}) {
    chart->x_integer = chart->y_percent = true;
    chart->y_min = 0;
    chart->y_max = 1;
  }
  vs_random.reference_y = vs_first.reference_y = {0.5};
  std::vector<std::vector<std::string>> rows;
  std::string pooled;
  for (const LearningRun& run : r.runs) {
    pooled += fmt::format("<li>{}: {} against the random player, {} against generation 0</li>",
                          EscapeXml(run.name), RateText(run.pooled_vs_random),
                          RateText(run.pooled_vs_first));
    std::vector<const std::optional<WinRateResult>*> random_rates, first_rates;
    std::vector<int64_t> generations;
    ChartSeries distinct_series{.name = run.name};
    for (const LearningGeneration& g : run.generations) {
      random_rates.push_back(&g.vs_random);
      first_rates.push_back(&g.vs_first);
      generations.push_back(g.generation);
      if (g.selfplay_games > 0) {
        distinct_series.x.push_back(static_cast<double>(g.generation));
        distinct_series.y.push_back(static_cast<double>(g.distinct_selfplay_games) /
                                    g.selfplay_games);
      }
      rows.push_back({EscapeXml(run.name), fmt::format("{}", g.generation), RateText(g.vs_random),
                      RateText(g.vs_first),
                      fmt::format("{} of {}", g.distinct_selfplay_games, g.selfplay_games),
                      Fixed(g.selfplay_first_move_entropy_bits, 2),
                      g.policy_loss.has_value() ? Fixed(*g.policy_loss, 3) : "not recorded"});
    }
    vs_random.series.push_back(
        SearchRateSeries(run.name, first_vs_random, random_rates, generations));
    vs_first.series.push_back(SearchRateSeries(run.name, even, first_rates, generations));
    distinct.series.push_back(std::move(distinct_series));
  }
  if (!pooled.empty())
    html += "<p class=\"claim\">Every generation's games together:</p><ul>" + pooled + "</ul>";
  html += "<div class=\"figures\">" + RenderLineChart(vs_random) + RenderLineChart(vs_first) +
          RenderLineChart(distinct) + "</div>";
  html += fmt::format(
      "<p class=\"aside\">Bands are 95% intervals. Generation 0 {}, and 50% against itself by "
      "definition.</p>",
      first_vs_random.has_value()
          ? "scores " + RateText(*first_vs_random) + " against the random player"
          : std::string("did not play the random player"));
  return html +
         HtmlTable({"run", "generation", "vs random", "vs generation 0", "distinct self-play games",
                    "first-move entropy of self-play (bits)", "policy loss (nats)"},
                   rows);
}

}  // namespace

std::string RenderSearchEraSection(const std::optional<SearchEraResult>& search) {
  if (!search.has_value()) return NotRunSection("search", kSearchEraTitle);
  const SearchEraResult& r = *search;
  return fmt::format("<section id=\"search\"><h2>{}</h2>", kSearchEraTitle) + SearchIntro(r) +
         SearchDiversityHtml(r.diversity) + SearchStrengthHtml(r.strength) +
         SearchLearningHtml(r.learning) + "</section>";
}

}  // namespace tengen
