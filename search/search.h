// Tree search over the policy/value network, for play, analysis and
// self-play. One Search object searches one game's position; many step
// together through RunSearches (search_driver.h) with one network call per
// step. No LibTorch here: positions are evaluated through policy/'s
// Evaluator interface.
//
// The tree. Each node is a position reached by a sequence of moves from the
// root; it is expanded on its first evaluation into children for the
// candidate moves: the legal moves (simple ko, suicide and superko as the
// game's rules say) except a point that fills one of the mover's own
// one-point eyes (engine/board.h IsSimpleEye: never useful, and a weak
// network would try it), plus pass where SearchOptions::pass_after_fraction
// allows it. Priors are the network's policy over these candidates,
// renormalised. A node keeps its visit count and the sum of the values
// backed up through it, from the view of the player who moved into it, so
// a child's mean value is what the player choosing it expects. A position
// after two passes is terminal and valued exactly: +1 / -1 / 0 for the
// player to move by the area score (Tromp-Taylor, no dead stones removed,
// which is how Tengen's matches and self-play score a finished game).
//
// Selection is PUCT everywhere below the root (search_options.h has the
// formula): it reuses the tested selection and virtual-loss batching, and
// the Gumbel paper's policy-improvement guarantee concerns the root alone.
// At the root, RootPolicy::kPuct selects by PUCT as well (optionally with
// Dirichlet noise and a prior temperature); RootPolicy::kGumbel samples
// Gumbel noise g, considers the top m moves by g + logit, and spends the
// visit budget on them by sequential halving (gumbel.h), keeping at each
// halving the moves with the highest g + logit + sigma(completed q). The
// move it plays is the one of those left with the most visits that has the
// highest g + logit + sigma; its training target is the improved policy
// softmax(logit + sigma(completed q)).
//
// Batching: Gather walks the tree batch_size times, each walk adding a
// virtual loss along its path so the next walk takes another one; the
// leaves come back as positions to evaluate, and Finish expands them and
// backs their values up. Terminal leaves and cached evaluations are backed
// up inside Gather without a network call.
//
// Tree reuse: SetPosition with a position that follows the current root
// by moves in the tree keeps their subtree (the visits already spent
// there count towards the next search's total, not its new visits).
#ifndef TENGEN_SEARCH_SEARCH_H_
#define TENGEN_SEARCH_SEARCH_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "absl/status/status.h"
#include "base/random.h"
#include "engine/game_state.h"
#include "policy/evaluator.h"
#include "search/eval_cache.h"
#include "search/search_options.h"

namespace tengen {

// Moves the search may not play, as KataGo's analysis takes them (avoid /
// allow): `player`'s moves flagged in `excluded` (N*N + 1 flags by move
// index y*N+x, pass last) at every depth below until_depth, the root being
// depth 0 (until_depth 1: the root's moves only). Where a restriction would
// leave no move at all, the node ignores it.
struct MoveRestriction {
  Color player = Color::kBlack;
  std::vector<uint8_t> excluded;
  int until_depth = 1;
};

struct SearchLimits {
  // New visits this search (simulations), 0: no visit limit. Gumbel needs
  // a visit limit (its halving schedule is planned over it).
  int visits = 200;
  // Wall-clock limit in seconds from Begin, 0: none.
  double seconds = 0;
  // PUCT only: stop once the most visited root move can no longer be
  // overtaken within the visit limit.
  bool stop_when_decided = true;
  // False turns off this search's root noise (SearchOptions::root_noise),
  // for playout-cap randomisation's cheap searches.
  bool root_noise = true;
  // Moves this search may not play (analysis' avoid and allow). The best
  // move and the policy target leave the excluded root moves out (visits
  // they kept from an earlier search included); SearchResult::moves still
  // lists them.
  std::vector<MoveRestriction> restrictions;
};

// One root move as the search saw it.
struct RootMove {
  Point move = kPass;
  int visits = 0;    // all visits, reused ones included
  double value = 0;  // mean value in [-1, 1] for the player to move at the root
  double lcb = -1;   // value minus 1.96 standard errors (-1 with under two visits)
  float prior = 0;   // the prior the search used (after noise or temperature)
  // Mean final score margin in points for the player to move at the root
  // (the networks' score heads backed up like values; 0 without them).
  double score_lead = 0;
  std::vector<Point> pv;  // principal variation starting with `move`
};

struct SearchResult {
  Point best_move = kPass;
  int visits = 0;       // visits of the root in total
  int new_visits = 0;   // visits of this search
  double value = 0;     // mean value for the player to move (the network's before any visit)
  float raw_value = 0;  // the network's value of the root
  // Mean final score margin in points for the player to move, backed up
  // through the tree (0 when the network has no score head).
  double score_lead = 0;
  // Final ownership of the N*N points (y*N + x) in [-1, 1] for the player
  // to move: the mean of the ownership heads of the root and its children,
  // weighted by their visits (empty when the network has no ownership head).
  std::vector<float> ownership;
  // Every candidate with a visit, most visited first (ties: higher value),
  // then the unvisited ones by prior.
  std::vector<RootMove> moves;
  // N*N + 1 probabilities (move index, pass last): the improved policy for
  // Gumbel, the visit distribution for PUCT. The training target.
  std::vector<float> policy_target;
  int64_t nodes = 0;
  int64_t evaluations = 0;  // network evaluations requested by this search
  int64_t cache_hits = 0;
  bool node_limit_reached = false;
  double seconds = 0;
};

class Search {
 public:
  // options must be valid (SearchOptions::Validate). The cache may be
  // shared by searches that use the same evaluator; null: none.
  explicit Search(SearchOptions options, std::shared_ptr<EvalCache> cache = nullptr);

  // The position to search next (reusing the subtree of a position reached
  // from the current root by moves in the tree).
  void SetPosition(const GameState& state);
  const GameState& position() const { return root_state_; }

  // Starts a search with these limits: prepares the root (noise,
  // temperature, Gumbel's considered moves) once it is expanded.
  void Begin(const SearchLimits& limits);
  // True once the limits are met, the node budget is reached or the root
  // has at most one candidate move.
  bool Done() const;

  // Up to batch_size positions to evaluate (fewer near the budget, or when
  // walks collide on a leaf already waiting). Pass their evaluations, in the
  // same order, to Finish before gathering again. May return none while
  // not Done (every walk ended in a terminal or cached position).
  std::vector<const GameState*> Gather();
  absl::Status Finish(std::span<const Evaluation> evaluations);

  // The search so far (valid at any time after the root's first evaluation).
  SearchResult Result() const;

  int64_t node_count() const { return static_cast<int64_t>(nodes_.size()); }
  // Salt mixed into evaluation-cache keys: set it to tell apart evaluators
  // that answer differently for the same position (e.g. symmetry modes).
  void set_cache_salt(uint64_t salt) { cache_salt_ = salt; }

 private:
  enum class Status : uint8_t { kLeaf, kPending, kExpanded, kTerminal };
  struct Node {
    int32_t first_child = -1;
    int16_t num_children = 0;
    int16_t move_index = -1;  // the move into this node (y*N+x, pass N*N); -1 at the root
    Status status = Status::kLeaf;
    float prior = 0;
    float logit = 0;
    float raw_value = 0;  // network or exact value for the player to move here
    float raw_score = 0;  // network or exact score margin for the player to move here
    int32_t visits = 0;
    int32_t in_flight = 0;
    // Index into ownership_ of this node's ownership head (the root and
    // nodes up to kOwnershipDepth below it), or -1.
    int32_t ownership_slot = -1;
    double value_sum = 0;  // from the view of the player who moved into this node
    double value_sq_sum = 0;
    double score_sum = 0;  // from the view of the player who moved into this node
  };
  // Nodes this deep or shallower keep their ownership head's output: deep
  // enough that two moves of tree reuse still find the new root's.
  static constexpr int kOwnershipDepth = 2;
  struct PendingLeaf {
    std::vector<int32_t> path;  // node ids from the root to the leaf
    GameState state;
    std::vector<uint8_t> legal;  // legal-move mask of `state`
    uint64_t key = 0;
  };

  void Reset(const GameState& state);
  bool Reroot(const GameState& state);
  void KeepSubtree(int32_t new_root);
  void PrepareRoot();
  // The child to walk into; `depth` (0 at the root) and the player to
  // move there decide which children the restrictions exclude.
  int32_t SelectChild(int32_t node, bool at_root, int depth, Color to_move);
  // Whether limits_.restrictions exclude the move (by index) of `player`
  // at `depth`.
  bool Excluded(int depth, Color player, int move_index) const;
  // Whether the restrictions leave `node`'s children (at `depth`, `player`
  // to move) at least one move.
  bool AnyAllowedChild(int32_t node, int depth, Color player) const;
  // Whether the restrictions allow the root child (all are allowed before
  // the root is prepared, and without restrictions).
  bool RootAllowed(int child_index) const {
    return child_index >= static_cast<int>(root_allowed_.size()) || root_allowed_[child_index];
  }
  int32_t SelectGumbelRootChild();
  // Expands `node` (in `state`) from `evaluation`; false when the node
  // budget does not allow it (the node stays a leaf with its value).
  // `depth` is the node's (0 at the root): it decides whether the
  // evaluation's ownership is kept.
  bool Expand(int32_t node, const GameState& state, std::span<const uint8_t> legal,
              const Evaluation& evaluation, int depth);
  // Backs the leaf's value and score (both for the player to move at the
  // leaf) up the path.
  void Backup(std::span<const int32_t> path, double leaf_value, double leaf_score,
              bool was_pending);
  double TerminalScore(const GameState& state) const;
  // The visit-weighted mean ownership of the root and its children, for the
  // player to move at the root (empty without an ownership head).
  std::vector<float> RootOwnership() const;
  double TerminalValue(const GameState& state) const;
  // The mean result of SearchOptions::playouts_per_leaf random playouts
  // from `state`, for the player to move there.
  double PlayoutValue(const GameState& state);
  uint64_t CacheKey(const GameState& state, std::span<const uint8_t> legal) const;
  double ChooserValue(int32_t node) const;  // mean value of `node` for the player to move there
  std::vector<Point> PrincipalVariation(int32_t node, const GameState& state) const;
  std::vector<double> RootSigma() const;
  int32_t GumbelBestChild() const;
  int RootChildIndex(int32_t child) const { return child - nodes_[0].first_child; }
  double Elapsed() const;

  SearchOptions options_;
  std::shared_ptr<EvalCache> cache_;
  uint64_t cache_salt_ = 0;
  Rng rng_;
  GameState root_state_{9};
  std::vector<Node> nodes_;
  std::vector<PendingLeaf> pending_;
  std::vector<std::vector<float>> ownership_;  // Node::ownership_slot's entries

  // This search.
  SearchLimits limits_;
  std::chrono::steady_clock::time_point start_;
  bool root_prepared_ = false;
  int started_ = 0;    // walks begun this search (pending ones included)
  int completed_ = 0;  // visits backed up this search
  int64_t evaluations_ = 0, cache_hits_ = 0;
  bool node_limit_reached_ = false;
  std::vector<float> clean_priors_;    // root children's priors before noise/temperature
  bool priors_modified_ = false;       // the tree holds noised root priors
  std::vector<int> begin_visits_;      // root children's visits when the search began
  std::vector<double> gumbel_;         // root children's Gumbel noise
  std::vector<uint8_t> considered_;    // root children Gumbel considers
  std::vector<uint8_t> root_allowed_;  // root children the restrictions allow
  std::vector<int> halving_;           // HalvingVisitSequence for this search
  int root_simulations_ = 0;           // Gumbel: root walks begun this search
};

}  // namespace tengen

#endif  // TENGEN_SEARCH_SEARCH_H_
