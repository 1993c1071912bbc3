// Self-play with tree search: K games stepped together, each with its own
// Search (search/search.h); every step gathers the leaves of all of them
// for one network call, so the batch stays full while games are at
// different points of their searches. No LibTorch here.
//
// Each move is searched; the search's policy target (Gumbel's improved
// policy, or PUCT's visit distribution) is what the position is trained
// on. The first SelfPlayOptions::choice.opening_moves moves are drawn from
// that target at choice.opening_temperature (the mission's sampling where
// it matters: diverse openings); later moves are the search's own choice
// (for Gumbel already a sample: the Gumbel noise picks among the
// considered moves). Playout-cap randomisation (KataGo): with
// full_search_fraction < 1, the other moves get a cheap search of
// cheap_visits without root noise; they are played but not recorded.
#ifndef TENGEN_SELFPLAY_SEARCH_SELFPLAY_H_
#define TENGEN_SELFPLAY_SEARCH_SELFPLAY_H_

#include <functional>
#include <span>

#include "absl/status/status.h"
#include "policy/evaluator.h"
#include "selfplay/selfplay_games.h"

namespace tengen {

// Plays the games with the given numbers by search (options.search, which
// must have visits > 0), with the contract of PlaySelfPlayGames.
absl::Status PlaySearchSelfPlayGames(Evaluator& evaluator, const SelfPlayOptions& options,
                                     std::span<const int> indices,
                                     const std::function<absl::Status(FinishedGame)>& on_finished,
                                     const std::function<bool()>& should_stop = {});

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_SEARCH_SELFPLAY_H_
