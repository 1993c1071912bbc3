// Section b of the report: self-play diversity by argmax and by sampling.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "eval/report/report_html.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

constexpr std::string_view kDiversityTitle = "b. Diversity of self-play";

// Fraction of the games (distinct games, positions after move k, ...); none
// without games, so no bar is drawn.
double Fraction(int count, int games) {
  return games > 0 ? static_cast<double>(count) / games : NAN;
}

std::string FirstMoves(const DiversityMode& mode) {
  if (mode.first_moves.empty()) return "no games";
  std::string text;
  int shown = 0;
  for (const FirstMoveCount& item : mode.first_moves) {
    if (shown++ == 4) {
      text += ", …";
      break;
    }
    text += fmt::format("{}{} ×{}", text.empty() ? "" : ", ", EscapeXml(item.vertex), item.games);
  }
  return text;
}

// The mode's positions after move `checkpoint`, or nullptr.
const DiversityPositionCount* PositionsAt(const DiversityMode& mode, int checkpoint) {
  for (const DiversityPositionCount& p : mode.positions)
    if (p.move == checkpoint) return &p;
  return nullptr;
}

}  // namespace

std::string RenderDiversitySection(const std::optional<DiversityResult>& diversity) {
  if (!diversity.has_value()) return NotRunSection("diversity", kDiversityTitle);
  const DiversityResult& d = *diversity;
  std::string html = fmt::format("<section id=\"diversity\"><h2>{}</h2>", kDiversityTitle);
  html += fmt::format(
      "<p>The same network plays {0} self-play games per way of choosing moves: argmax (always the "
      "most likely "
      "move) and sampling from the policy at temperatures T (probabilities raised to 1/T). The "
      "network is "
      "evaluated with symmetry <b>{2}</b>, so argmax play is exactly deterministic: every "
      "difference between "
      "games comes from the move choice. Entropies are in bits; with {0} games no empirical "
      "entropy can exceed "
      "log<sub>2</sub> {0} = {1} bits.</p>",
      d.games_per_mode, Fixed(std::log2(static_cast<double>(d.games_per_mode)), 2),
      EscapeXml(d.symmetry));

  BarChart distinct{.title = "Distinct games and positions (fraction of the games)",
                    .y_percent = true};
  BarChart entropy{.title = "Opening entropy (bits)", .y_label = "bits"};
  distinct.series.push_back({.name = "distinct games"});
  for (int k : d.checkpoints)
    distinct.series.push_back({.name = fmt::format("positions after move {}", k)});
  entropy.series = {{.name = "first move (games)"},
                    {.name = "first move (policy, exact)"},
                    {.name = fmt::format("first {} moves (games)", d.opening_moves)}};
  std::vector<std::vector<std::string>> rows;
  for (const DiversityMode& mode : d.modes) {
    distinct.categories.push_back(mode.name);
    entropy.categories.push_back(mode.name);
    distinct.series[0].values.push_back(Fraction(mode.distinct_games, mode.games));
    std::vector<std::string> row = {EscapeXml(mode.name), fmt::format("{}", mode.games),
                                    fmt::format("{}", mode.distinct_games)};
    for (size_t i = 0; i < d.checkpoints.size(); ++i) {
      const DiversityPositionCount* at = PositionsAt(mode, d.checkpoints[i]);
      distinct.series[i + 1].values.push_back(
          at != nullptr ? Fraction(at->distinct, at->games_reaching) : NAN);
      row.push_back(at == nullptr ? "not counted"
                                  : fmt::format("{} ({} up to symmetry) of {}", at->distinct,
                                                at->distinct_up_to_symmetry, at->games_reaching));
    }
    entropy.series[0].values.push_back(mode.first_move_entropy_bits);
    entropy.series[1].values.push_back(mode.first_move_entropy_bits_exact);
    entropy.series[2].values.push_back(mode.opening_entropy_bits);
    row.push_back(Fixed(mode.first_move_entropy_bits, 2) + " / " +
                  Fixed(mode.first_move_entropy_bits_exact, 2));
    row.push_back(Fixed(mode.opening_entropy_bits, 2));
    row.push_back(Fixed(mode.mean_length, 1));
    row.push_back(FirstMoves(mode));
    rows.push_back(std::move(row));
  }
  distinct.y_max = 1.0;
  html += "<div class=\"figures\">" + RenderBarChart(distinct) + RenderBarChart(entropy) + "</div>";
  std::vector<std::string> header = {"move choice", "games", "distinct games"};
  for (int k : d.checkpoints) header.push_back(fmt::format("distinct positions after move {}", k));
  for (const char* h :
       {"first-move entropy, games / policy", "opening entropy", "mean length", "first moves"})
    header.push_back(h);
  html += HtmlTable(header, rows);

  std::vector<double> policy = d.empty_board_policy;
  const int n = static_cast<int>(
      std::lround(std::sqrt(std::max<double>(0, static_cast<double>(policy.size()) - 1))));
  if (n >= 1 && n * n + 1 == static_cast<int>(policy.size())) {
    const double pass = policy.back();
    policy.resize(n * n);
    html +=
        "<div class=\"figures\">" +
        // The colour scale tops out at no less than 4x the uniform
        // probability, so a nearly uniform policy looks pale, not hot.
        RenderBoardHeatmap(
            {.size = n,
             .values = policy,
             .max_value = std::max(*std::max_element(policy.begin(), policy.end()), 4.0 / (n * n)),
             .title = "The studied network's first-move policy (%)"}) +
        fmt::format(
            "<p class=\"aside\">The policy on the empty board, restricted to the moves a player "
            "may "
            "choose (pass: {}). Argmax plays its largest entry in every game; sampling at T = 1 "
            "draws from it as it is.</p>",
            Percent(pass, 2)) +
        "</div>";
  }
  return html + "</section>";
}

}  // namespace tengen
