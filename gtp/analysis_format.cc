#include "gtp/analysis_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/check.h"
#include "engine/coordinates.h"

namespace tengen {
namespace {

constexpr int kLabelledMoves = 10;

int TenThousandths(double x) { return static_cast<int>(std::lround(x * 10000)); }

std::string Percent(float prior) {
  const double percent = prior * 100.0;
  return percent >= 1 ? fmt::format("{:.0f}", percent) : fmt::format("{:.1f}", percent);
}

// KataGo's two names for a move's score lead, after its winrate; nothing
// without a score head.
std::string ScoreKeys(bool has_score, double score_lead) {
  return has_score ? fmt::format(" scoreMean {0:.6f} scoreLead {0:.6f}", score_lead) : "";
}

// rootInfo and ownership, as KataExtras asks, each with a leading space.
// Without a score head rootInfo's scoreLead is a plain 0, as it always was.
std::string KataTail(const KataExtras& extras, int visits, double value, bool has_score,
                     double score_lead, std::span<const float> ownership) {
  std::string tail;
  if (extras.root_info) {
    tail += fmt::format(" rootInfo visits {} utility {:.6f} winrate {:.6f} scoreLead {}", visits,
                        value, WinrateOfValue(static_cast<float>(value)),
                        has_score ? fmt::format("{:.6f}", score_lead) : std::string("0"));
  }
  if (extras.ownership) tail += FormatOwnership(ownership);
  return tail;
}

// A margin from black's view, one decimal: "B+3.5", "W+0.5" or "even".
std::string BlackLead(double margin) {
  if (std::abs(margin) < 0.05) return "even";
  return fmt::format("{}+{:.1f}", margin > 0 ? 'B' : 'W', std::abs(margin));
}

}  // namespace

std::vector<Candidate> RankLegalMoves(const GameState& state, const Evaluation& evaluation) {
  std::vector<Candidate> candidates;
  for (Point p : state.LegalMoves(state.to_move()))
    candidates.push_back({p, evaluation.policy[PointToMoveIndex(p, state.size())]});
  // LegalMoves is in board order with pass last, so a stable sort keeps that
  // order among equal priors.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.prior > b.prior; });
  return candidates;
}

int VisitsForPrior(float prior) { return std::max(1, static_cast<int>(std::lround(prior * 1000))); }

double WinrateOfValue(float value) { return std::clamp((value + 1.0) / 2.0, 0.0, 1.0); }

std::string FormatAnalysisLine(const std::vector<Candidate>& candidates,
                               const Evaluation& evaluation, int board_size, AnalysisStyle style,
                               const KataExtras& extras) {
  const double winrate = WinrateOfValue(evaluation.value);
  const std::string score = ScoreKeys(evaluation.has_aux(), evaluation.score);
  std::string line;
  for (size_t order = 0; order < candidates.size(); ++order) {
    const Candidate& candidate = candidates[order];
    const std::string vertex = GtpVertex(candidate.point, board_size);
    if (!line.empty()) line += ' ';
    if (style == AnalysisStyle::kLeela) {
      line += fmt::format("info move {} visits {} winrate {} prior {} lcb {} order {} pv {}",
                          vertex, VisitsForPrior(candidate.prior), TenThousandths(winrate),
                          TenThousandths(candidate.prior), TenThousandths(winrate), order, vertex);
    } else {
      line += fmt::format(
          "info move {} visits {} utility {:.6f} winrate {:.6f}{} prior {:.6f} lcb {:.6f} "
          "utilityLcb {:.6f} order {} pv {}",
          vertex, VisitsForPrior(candidate.prior), evaluation.value, winrate, score,
          candidate.prior, winrate, evaluation.value, order, vertex);
    }
  }
  if (style == AnalysisStyle::kKata) {
    line += KataTail(extras, /*visits=*/1, evaluation.value, evaluation.has_aux(),
                     evaluation.has_aux() ? evaluation.score : 0.0, evaluation.ownership);
    if (!line.empty() && line.front() == ' ') line.erase(0, 1);  // nothing listed before it
  }
  return line;
}

std::string FormatSearchLine(const std::vector<RootMove>& moves, const SearchResult& result,
                             int board_size, AnalysisStyle style, const KataExtras& extras) {
  const bool has_score = !result.ownership.empty();
  std::string line;
  for (size_t order = 0; order < moves.size(); ++order) {
    const RootMove& move = moves[order];
    const double winrate = WinrateOfValue(static_cast<float>(move.value));
    const double lcb = WinrateOfValue(static_cast<float>(move.lcb));
    std::string pv;
    for (Point p : move.pv) {
      pv += ' ';
      pv += GtpVertex(p, board_size);
    }
    if (!line.empty()) line += ' ';
    if (style == AnalysisStyle::kLeela) {
      line += fmt::format("info move {} visits {} winrate {} prior {} lcb {} order {} pv{}",
                          GtpVertex(move.move, board_size), move.visits, TenThousandths(winrate),
                          TenThousandths(move.prior), TenThousandths(lcb), order, pv);
    } else {
      line += fmt::format(
          "info move {} visits {} utility {:.6f} winrate {:.6f}{} prior {:.6f} lcb {:.6f} "
          "utilityLcb {:.6f} order {} pv{}",
          GtpVertex(move.move, board_size), move.visits, move.value, winrate,
          ScoreKeys(has_score, move.score_lead), move.prior, lcb, move.lcb, order, pv);
    }
  }
  if (style == AnalysisStyle::kKata) {
    line += KataTail(extras, result.visits, result.value, has_score, result.score_lead,
                     result.ownership);
    if (!line.empty() && line.front() == ' ') line.erase(0, 1);  // nothing listed before it
  }
  return line;
}

std::string FormatOwnership(std::span<const float> ownership) {
  if (ownership.empty()) return std::string();
  std::string text = " ownership";
  for (float o : ownership) text += fmt::format(" {:.6f}", o);
  return text;
}

std::string OwnershipGfx(const GameState& state, std::span<const float> ownership,
                         double score_lead) {
  const int size = state.size();
  TENGEN_CHECK(static_cast<int>(ownership.size()) == size * size);
  const double black = state.to_move() == Color::kBlack ? 1.0 : -1.0;
  std::string text = "INFLUENCE";
  double black_points = 0, white_points = 0;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const double o = std::clamp(black * ownership[y * size + x], -1.0, 1.0);
      (o > 0 ? black_points : white_points) += std::abs(o);
      // "+ 0.0" turns a negative zero into 0.000.
      text += fmt::format(" {} {:.3f}", GtpVertex(MakePoint(x, y, size), size), o + 0.0);
    }
  }
  text += fmt::format("\nTEXT {} to move, score {}, ownership: black {:.1f} points, white {:.1f}",
                      ColorName(state.to_move()), BlackLead(black * score_lead), black_points,
                      white_points);
  return text;
}

std::string SearchGfx(const GameState& state, const SearchResult& result) {
  const int size = state.size();
  int top = 0, pass_visits = 0;
  for (const RootMove& move : result.moves) {
    if (move.move == kPass) {
      pass_visits = move.visits;
    } else {
      top = std::max(top, move.visits);
    }
  }
  std::string influence = "INFLUENCE";
  std::string label = "LABEL";
  for (const RootMove& move : result.moves) {
    if (move.move == kPass || move.visits == 0) continue;
    const std::string vertex = GtpVertex(move.move, size);
    influence += fmt::format(" {} {:.3f}", vertex, static_cast<double>(move.visits) / top);
    label += fmt::format(" {} {}", vertex, move.visits);
  }
  std::string text;
  if (top > 0) text = influence + "\n" + label + "\n";
  text +=
      fmt::format("TEXT {} visits, pass {}, value {:.3f}, {} wins {:.1f}%, best {}", result.visits,
                  pass_visits, result.value, ColorName(state.to_move()),
                  100 * WinrateOfValue(static_cast<float>(result.value)),
                  result.moves.empty() ? std::string("none") : GtpVertex(result.best_move, size));
  return text;
}

std::string PrincipalVariationGfx(const GameState& state, const SearchResult& result) {
  const auto best =
      std::find_if(result.moves.begin(), result.moves.end(),
                   [&](const RootMove& move) { return move.move == result.best_move; });
  if (best == result.moves.end()) return std::string();
  std::string text = "VAR";
  Color color = state.to_move();
  for (Point p : best->pv) {
    text += fmt::format(" {} {}", color == Color::kBlack ? "b" : "w", GtpVertex(p, state.size()));
    color = Opponent(color);
  }
  return text;
}

std::string PolicyGfx(const GameState& state, const Evaluation& evaluation) {
  const int size = state.size();
  std::vector<Candidate> points = RankLegalMoves(state, evaluation);
  float pass_prior = 0;
  std::erase_if(points, [&](const Candidate& c) {
    if (c.point == kPass) pass_prior = c.prior;
    return c.point == kPass;
  });
  std::string influence = "INFLUENCE";
  std::string label = "LABEL";
  const float top = points.empty() ? 0.0f : points.front().prior;
  for (size_t i = 0; i < points.size(); ++i) {
    const std::string vertex = GtpVertex(points[i].point, size);
    influence += fmt::format(" {} {:.3f}", vertex, top > 0 ? points[i].prior / top : 0.0f);
    if (static_cast<int>(i) < kLabelledMoves)
      label += fmt::format(" {} {}", vertex, Percent(points[i].prior));
  }
  std::string text;
  if (!points.empty()) text = influence + "\n" + label + "\n";
  text += fmt::format("TEXT pass {}%, value {:.3f}, {} wins {:.1f}%", Percent(pass_prior),
                      evaluation.value, ColorName(state.to_move()),
                      100 * WinrateOfValue(evaluation.value));
  return text;
}

std::string PolicyDboard(int board_size, const Evaluation& evaluation) {
  std::string text;
  for (int y = 0; y < board_size; ++y) {
    if (y > 0) text += '\n';
    for (int x = 0; x < board_size; ++x)
      text += fmt::format("{}{:.4f}", x > 0 ? " " : "", evaluation.policy[y * board_size + x]);
  }
  return text;
}

std::string RawEvaluationText(int board_size, const Evaluation& evaluation) {
  std::string text = fmt::format(
      "symmetry {}\nvalue {:.6f}\nwinrate {:.6f}\npolicy\n",
      evaluation.symmetry < 0 ? std::string("average") : std::to_string(evaluation.symmetry),
      evaluation.value, WinrateOfValue(evaluation.value));
  text += PolicyDboard(board_size, evaluation);
  text += fmt::format("\npass {:.4f}", evaluation.policy[board_size * board_size]);
  return text;
}

}  // namespace tengen
