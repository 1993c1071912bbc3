// Part f's typed result, the "search" section of report.json
// (eval/study_search.h runs the part): argmax against sampled move choice
// at the root of a search, for the diversity of self-play, for strength,
// and for learning with sampled or deterministic openings. No LibTorch
// here.
#ifndef TENGEN_EVAL_REPORT_SEARCH_RESULT_H_
#define TENGEN_EVAL_REPORT_SEARCH_RESULT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/json.h"
#include "eval/report/diversity_result.h"
#include "eval/report/learning_result.h"
#include "eval/report/match_results.h"
#include "eval/report/strength_result.h"

namespace tengen {

// {"root_policy", "visits", "considered", "root_noise", "description",
//  "temperature"}: the search every player of the diversity and strength
// parts runs, and the temperature the sampled player draws its move at.
struct SearchEraSearch {
  std::string root_policy;  // "gumbel" or "puct"
  int visits = 0;           // new visits per move, the whole budget spent
  int considered = 0;       // Gumbel's considered moves at the root
  bool root_noise = false;  // Dirichlet noise at the root (PUCT); the part keeps it off
  std::string description;  // e.g. "gumbel, 32 visits, 8 considered"
  double temperature = 1;   // the sampled player's, > 0

  JsonValue ToJson() const;
  static absl::StatusOr<SearchEraSearch> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const SearchEraSearch&) const = default;
};

// One way of choosing the root's move and the self-play games it played.
// Entropies are in bits; max_entropy_bits is log2(games). `deterministic`
// says whether nothing random was left in the games (PUCT argmax without
// noise, symmetry none): every game is then the same one.
struct SearchDiversityMode {
  std::string name;        // "search argmax" or e.g. "search sample T=1"
  double temperature = 0;  // 0: argmax (the search's best move)
  bool deterministic = false;
  int games = 0, distinct_games = 0;
  double mean_length = 0;  // moves per game, passes included
  int black_wins = 0;
  double first_move_entropy_bits = 0, opening_entropy_bits = 0, max_entropy_bits = 0;
  std::vector<DiversityPositionCount> positions;  // one per checkpoint
  std::vector<FirstMoveCount> first_moves;        // most played first

  JsonValue ToJson() const;
  static absl::StatusOr<SearchDiversityMode> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const SearchDiversityMode&) const = default;
};

// {"games_per_mode", "symmetry", "opening_moves", "checkpoints",
//  "empty_board_target", "empty_board_best", "empty_board_target_entropy_bits",
//  "modes"}: the diversity of search self-play. The empty-board numbers
// are one search of the empty board: its policy target (N*N+1, pass last,
// what the sampled player draws from), its best move (a vertex) and the
// entropy of the distribution sampled at the sampled player's temperature.
struct SearchDiversity {
  int games_per_mode = 0;
  std::string symmetry;          // how the network was evaluated: "none"
  int opening_moves = 0;         // the opening entropy's sequence length
  std::vector<int> checkpoints;  // move numbers whose positions are counted
  std::vector<double> empty_board_target;
  std::string empty_board_best;
  double empty_board_target_entropy_bits = 0;
  std::vector<SearchDiversityMode> modes;  // argmax first, then sampled

  JsonValue ToJson() const;
  static absl::StatusOr<SearchDiversity> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const SearchDiversity&) const = default;
};

// Whom a search player met: "gnugo", "head_to_head" (argmax first, the
// sampled player second) or "policy" (the raw policy sampled at T=1).
enum class SearchPairingKind { kGnuGo, kHeadToHead, kPolicy };
std::string_view SearchPairingKindName(SearchPairingKind kind);

// A match of the part: StudyMatchResult's keys, then "kind". The rate is
// the player's (the search player's) against the opponent.
struct SearchPairing {
  StudyMatchResult match;
  SearchPairingKind kind = SearchPairingKind::kHeadToHead;

  JsonValue ToJson() const;
  static absl::StatusOr<SearchPairing> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const SearchPairing&) const = default;
};

// {"players", "gnugo": {"available", "name", "command"}, "policy_player",
//  "pairings"}: the strength of the search players.
struct SearchStrength {
  std::vector<std::string> players;  // the search players' names, argmax first
  // None when the study had no GNU Go (then no pairing is of kind gnugo).
  std::optional<GnuGoOpponent> gnugo;
  std::string policy_player;  // the raw-policy reference's name; empty when not played
  std::vector<SearchPairing> pairings;

  JsonValue ToJson() const;
  static absl::StatusOr<SearchStrength> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const SearchStrength&) const = default;
};

// {"name", "opening_moves", "opening_temperature", "randomness"}: how one
// learning run's self-play differs, and what randomness its games keep.
struct SearchLearningVariant {
  std::string name;  // e.g. "sampled opening (8 moves)", as in runs.runs
  int opening_moves = 0;
  double opening_temperature = 0;
  std::string randomness;  // plain words: what is still random in its self-play

  JsonValue ToJson() const;
  static absl::StatusOr<SearchLearningVariant> FromJson(const JsonValue& json,
                                                        std::string_view path);
  bool operator==(const SearchLearningVariant&) const = default;
};

// {"selfplay_search", "variants", "runs"}: the two learning runs with
// search self-play; runs has the "learning" section's form (part d's), one
// run per variant in the same order.
struct SearchLearning {
  std::string selfplay_search;  // e.g. "gumbel, 16 visits, 8 considered"
  std::vector<SearchLearningVariant> variants;
  LearningResult runs;

  JsonValue ToJson() const;
  static absl::StatusOr<SearchLearning> FromJson(const JsonValue& json, std::string_view path);
  bool operator==(const SearchLearning&) const = default;
};

// {"search", "diversity", "strength", "learning"}.
struct SearchEraResult {
  SearchEraSearch search;
  SearchDiversity diversity;
  SearchStrength strength;
  SearchLearning learning;

  JsonValue ToJson() const;
  static absl::StatusOr<SearchEraResult> FromJson(const JsonValue& json,
                                                  std::string_view path = "search");
  bool operator==(const SearchEraResult&) const = default;
};

}  // namespace tengen

#endif  // TENGEN_EVAL_REPORT_SEARCH_RESULT_H_
