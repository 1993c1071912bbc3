// A match player that searches (search/search.h) before each move: one tree
// per game, kept from move to move, and the searches of every game where it
// is to move stepped together so each network call is one batch.
#ifndef TENGEN_MATCH_SEARCH_PLAYER_H_
#define TENGEN_MATCH_SEARCH_PLAYER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "match/match_player.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"
#include "search/search.h"
#include "search/search_options.h"

namespace tengen {

// The move played is the search's best (most visited for PUCT, the
// sequential-halving winner for Gumbel) when choice is argmax; when it
// samples, it draws from the search's policy target (visit distribution or
// improved policy) at the choice's temperature for that move number.
// options must be valid; each game's search is seeded from `seed` and its
// number.
std::unique_ptr<MatchPlayer> CreateSearchPlayer(std::string name,
                                                std::shared_ptr<Evaluator> evaluator,
                                                const SearchOptions& options,
                                                const SearchLimits& limits,
                                                const MoveChoiceOptions& choice, uint64_t seed);

}  // namespace tengen

#endif  // TENGEN_MATCH_SEARCH_PLAYER_H_
