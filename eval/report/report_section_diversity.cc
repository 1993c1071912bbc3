// Section b of the report: self-play diversity by argmax and by sampling.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "eval/report/report_html.h"
#include "eval/report/report_util.h"
#include "eval/report/svg_charts.h"

namespace tengen {
namespace {

// Fraction of the games (distinct games, positions after move k, ...).
double Fraction(double count, double games) { return games > 0 ? count / games : NAN; }

const JsonValue& PositionsAt(const JsonValue& mode, size_t i) {
  return JsonAt(JsonAt(mode, "positions"), i);
}

std::string FirstMoves(const JsonValue& mode) {
  std::string text;
  int shown = 0;
  for (const JsonValue& item : JsonItems(JsonAt(mode, "first_moves"))) {
    if (shown++ == 4) {
      text += ", …";
      break;
    }
    text += fmt::format("{}{} ×{}", text.empty() ? "" : ", ", EscapeXml(JsonString(item, "vertex")),
                        Fixed(JsonNumber(item, "games"), 0));
  }
  return text;
}

}  // namespace

std::string RenderDiversitySection(const JsonValue& d) {
  std::string html = "<section id=\"diversity\"><h2>b. Diversity of self-play</h2>";
  if (!d.is_object()) return html + "<p class=\"missing\">This part was not run.</p></section>";
  const std::vector<JsonValue>& modes = JsonItems(JsonAt(d, "modes"));
  html += fmt::format(
      "<p>The same network plays {0} self-play games per way of choosing moves: argmax (always the "
      "most likely "
      "move) and sampling from the policy at temperatures T (probabilities raised to 1/T). The "
      "network is "
      "evaluated with symmetry <b>none</b>, so argmax play is exactly deterministic: every "
      "difference between "
      "games comes from the move choice. Entropies are in bits; with {0} games no empirical "
      "entropy can exceed "
      "log<sub>2</sub> {0} = {1} bits.</p>",
      Fixed(JsonNumber(d, "games_per_mode"), 0),
      Fixed(std::log2(JsonNumber(d, "games_per_mode")), 2));

  const std::vector<double> checkpoints = JsonNumbers(d, "checkpoints");
  BarChart distinct{.title = "Distinct games and positions (fraction of the games)",
                    .y_percent = true};
  BarChart entropy{.title = "Opening entropy (bits)", .y_label = "bits"};
  distinct.series.push_back({.name = "distinct games"});
  for (double k : checkpoints)
    distinct.series.push_back({.name = fmt::format("positions after move {:g}", k)});
  entropy.series = {
      {.name = "first move (games)"},
      {.name = "first move (policy, exact)"},
      {.name = fmt::format("first {} moves (games)", Fixed(JsonNumber(d, "opening_moves"), 0))}};
  std::vector<std::vector<std::string>> rows;
  for (const JsonValue& mode : modes) {
    const double games = JsonNumber(mode, "games");
    distinct.categories.push_back(JsonString(mode, "name"));
    entropy.categories.push_back(JsonString(mode, "name"));
    distinct.series[0].values.push_back(Fraction(JsonNumber(mode, "distinct_games"), games));
    std::vector<std::string> row = {EscapeXml(JsonString(mode, "name")), Fixed(games, 0),
                                    Fixed(JsonNumber(mode, "distinct_games"), 0)};
    for (size_t i = 0; i < checkpoints.size(); ++i) {
      const JsonValue& at = PositionsAt(mode, i);
      distinct.series[i + 1].values.push_back(
          Fraction(JsonNumber(at, "distinct"), JsonNumber(at, "games_reaching")));
      row.push_back(fmt::format("{} ({} up to symmetry) of {}",
                                Fixed(JsonNumber(at, "distinct"), 0),
                                Fixed(JsonNumber(at, "distinct_up_to_symmetry"), 0),
                                Fixed(JsonNumber(at, "games_reaching"), 0)));
    }
    entropy.series[0].values.push_back(JsonNumber(mode, "first_move_entropy_bits"));
    entropy.series[1].values.push_back(JsonNumber(mode, "first_move_entropy_bits_exact"));
    entropy.series[2].values.push_back(JsonNumber(mode, "opening_entropy_bits"));
    row.push_back(Fixed(JsonNumber(mode, "first_move_entropy_bits"), 2) + " / " +
                  Fixed(JsonNumber(mode, "first_move_entropy_bits_exact"), 2));
    row.push_back(Fixed(JsonNumber(mode, "opening_entropy_bits"), 2));
    row.push_back(Fixed(JsonNumber(mode, "mean_length"), 1));
    row.push_back(FirstMoves(mode));
    rows.push_back(std::move(row));
  }
  distinct.y_max = 1.0;
  html += "<div class=\"figures\">" + RenderBarChart(distinct) + RenderBarChart(entropy) + "</div>";
  std::vector<std::string> header = {"move choice", "games", "distinct games"};
  for (double k : checkpoints)
    header.push_back(fmt::format("distinct positions after move {:g}", k));
  for (const char* h :
       {"first-move entropy, games / policy", "opening entropy", "mean length", "first moves"})
    header.push_back(h);
  html += HtmlTable(header, rows);

  std::vector<double> policy = JsonNumbers(d, "empty_board_policy");
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
