// Text forms of an evaluation or a search for GUIs: the analysis lines of
// Leela Zero (lz-analyze, Sabaki's analyze), KataGo (kata-analyze), GoGui's
// gfx and dboard tools, and a raw dump.
//
// Without search (FormatAnalysisLine) there are no real visit counts. Every
// legal move is listed with its prior, and "visits" is max(1,
// round(prior * 1000)): GUIs size and order their candidate marks by visits,
// so scaled priors make them draw the policy itself. Every move carries the
// position's value as its winrate (from the side to move): judging each move
// separately would take an evaluation of every child position.
//
// With search (FormatSearchLine) every figure is the search's: visits, the
// move's mean value as winrate (value + 1) / 2, its lower confidence bound,
// the prior the search used and its principal variation.
//
// Scores and ownership (kKata only) are for the player to move, as KataGo
// reports them by default: a move's "scoreMean" and "scoreLead" (the same
// number, KataGo's two names for it) and "ownership" appear only when the
// network has auxiliary heads (an evaluation or search result with
// ownership); "rootInfo" always carries scoreLead, 0 without a score head.
#ifndef TENGEN_GTP_ANALYSIS_FORMAT_H_
#define TENGEN_GTP_ANALYSIS_FORMAT_H_

#include <span>
#include <string>
#include <vector>

#include "engine/game_state.h"
#include "policy/evaluator.h"
#include "search/search.h"

namespace tengen {

enum class AnalysisStyle {
  kLeela,  // winrate, prior, lcb as integers 10000 x value (lz-analyze, analyze)
  kKata,   // floats in [0, 1], plus utility keys (kata-analyze)
};

// What kata-analyze adds after the moves, as KataGo does: "rootInfo ..."
// for the root, then "ownership" and N*N values in [-1, 1] for the player to
// move, row by row from the top-left (the top row is the highest GTP row
// number). Leela lines carry neither.
struct KataExtras {
  bool root_info = false;
  bool ownership = false;  // only where there is an ownership estimate
};

struct Candidate {
  Point point = kPass;
  float prior = 0;
};

// Every legal move of the player to move of `state` (pass included) with
// its prior from `evaluation`, most likely first; ties in board order, pass
// after points.
std::vector<Candidate> RankLegalMoves(const GameState& state, const Evaluation& evaluation);

// max(1, round(prior * 1000)).
int VisitsForPrior(float prior);

// The winrate of a value in [-1, 1]: (value + 1) / 2, clamped to [0, 1].
double WinrateOfValue(float value);

// One analysis line: "info move D4 visits 220 winrate 5123 prior 2201 lcb
// 5123 order 0 pv D4 info move ..." for `candidates` in order (kLeela), or
// the kKata form "info move D4 visits 220 utility 0.0246 winrate 0.5123
// [scoreMean 2.5 scoreLead 2.5] prior 0.2201 lcb 0.5123 utilityLcb 0.0246
// order 0 pv D4 ..." where every move carries the position's value and, with
// a score head, its score (Evaluation::score); then for kKata the extras:
// "rootInfo visits 1 utility 0.0246 winrate 0.5123 scoreLead 2.5" (one
// network evaluation) and the network's ownership.
std::string FormatAnalysisLine(const std::vector<Candidate>& candidates,
                               const Evaluation& evaluation, int board_size, AnalysisStyle style,
                               const KataExtras& extras = {});

// One analysis line from a search, for `moves` (taken from `result`) in
// order: "info move D4 visits 57 winrate 5312 prior 2201 lcb 5010 order 0
// pv D4 C3 E5" (kLeela: integers, 10000 x winrate, prior and the winrate of
// RootMove::lcb, clamped to [0, 1]), or "info move D4 visits 57 utility
// 0.062400 winrate 0.531200 prior 0.220100 lcb 0.501000 utilityLcb 0.002000
// order 0 pv D4 C3 E5" (kKata: utility is the value in [-1, 1], utilityLcb
// its lower bound; with auxiliary heads "scoreMean S scoreLead S" after the
// winrate, S = RootMove::score_lead), then for kKata the extras: "rootInfo
// visits 58 utility 0.0624 winrate 0.5312 scoreLead 2.5" for the root
// (SearchResult::score_lead, 0 without a score head) and the search's
// ownership (SearchResult::ownership). Empty when there is nothing to list.
std::string FormatSearchLine(const std::vector<RootMove>& moves, const SearchResult& result,
                             int board_size, AnalysisStyle style, const KataExtras& extras = {});

// " ownership v1 v2 ..." with the N*N values of `ownership` (index y*N + x,
// y = 0 the top row) in that order; empty when `ownership` is empty.
std::string FormatOwnership(std::span<const float> ownership);

// GoGui gfx of an ownership estimate of `state` (`ownership` for its player
// to move, index y*N + x; `score_lead` the expected margin for that player):
// "INFLUENCE" with every point's ownership from black's view (+1 black's,
// -1 white's, as GoGui draws influence), then "TEXT" with the score lead
// and the points each colour is expected to own (the sums of the positive
// and negative values).
std::string OwnershipGfx(const GameState& state, std::span<const float> ownership,
                         double score_lead);

// GoGui gfx of a search of `state` (its player to move): "INFLUENCE" with
// every visited point's share of the visits divided by the largest share (so
// in [0, 1]), "LABEL" with those points' visit counts, and "TEXT" with the
// root's visits, pass's visits, the value and the best move. One per line.
std::string SearchGfx(const GameState& state, const SearchResult& result);

// GoGui gfx of the principal variation of the search's best move:
// "VAR b D4 w C3 ..." (colours alternating from the player to move); empty
// before the root has been searched.
std::string PrincipalVariationGfx(const GameState& state, const SearchResult& result);

// GoGui gfx: "INFLUENCE" with every legal point's prior divided by the
// largest prior (so in [0, 1]), "LABEL" with the percentages of the ten
// most likely points, and "TEXT" with pass and the value. One per line.
std::string PolicyGfx(const GameState& state, const Evaluation& evaluation);

// GoGui dboard: N rows of N priors, top row first.
std::string PolicyDboard(int board_size, const Evaluation& evaluation);

// Multi-line dump: the symmetry used, value, winrate, the policy as N rows
// (top row first) and the pass probability.
std::string RawEvaluationText(int board_size, const Evaluation& evaluation);

}  // namespace tengen

#endif  // TENGEN_GTP_ANALYSIS_FORMAT_H_
