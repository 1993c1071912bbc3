#include "search/search.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>

#include "base/check.h"
#include "engine/playout.h"
#include "engine/scoring.h"
#include "policy/features.h"
#include "search/gumbel.h"

namespace tengen {
namespace {

// Walks that may end on a leaf already waiting, per Gather, before it gives
// up on filling the batch.
constexpr int kMaxCollisionsPerBatch = 16;
constexpr int kMaxPvLength = 12;

// +1 / -1 / 0 for `to_move` by the area score of `board` as it stands.
double AreaResult(const Board& board, double komi, Color to_move) {
  const double margin = ScoreArea(board, komi).Margin();
  const double black = margin > 0 ? 1.0 : margin < 0 ? -1.0 : 0.0;
  return to_move == Color::kBlack ? black : -black;
}

}  // namespace

Search::Search(SearchOptions options, std::shared_ptr<EvalCache> cache)
    : options_(options), cache_(std::move(cache)), rng_(DeriveSeed(options.seed, "search")) {
  nodes_.emplace_back();
}

void Search::Reset(const GameState& state) {
  root_state_ = state;
  nodes_.clear();
  nodes_.emplace_back();
  pending_.clear();
  ownership_.clear();
  root_prepared_ = false;
  priors_modified_ = false;
}

void Search::SetPosition(const GameState& state) {
  if (!Reroot(state)) Reset(state);
  root_state_ = state;  // the caller's history (superko, move record) from here on
}

// True when `state` is the root followed by moves that are expanded
// children, then the subtree of the last one is kept.
bool Search::Reroot(const GameState& state) {
  if (!pending_.empty() || state.size() != root_state_.size()) return false;
  const int extra = state.move_number() - root_state_.move_number();
  if (extra < 0 || extra > static_cast<int>(state.moves().size()) || extra > 8) return false;
  GameState walk = root_state_;
  int32_t node = 0;
  const std::vector<PlayedMove>& moves = state.moves();
  for (int i = static_cast<int>(moves.size()) - extra; i < static_cast<int>(moves.size()); ++i) {
    const PlayedMove& played = moves[i];
    if (played.color != walk.to_move() || nodes_[node].status != Status::kExpanded) return false;
    const int index = PointToMoveIndex(played.point, state.size());
    int32_t next = -1;
    for (int c = 0; c < nodes_[node].num_children; ++c)
      if (nodes_[nodes_[node].first_child + c].move_index == index)
        next = nodes_[node].first_child + c;
    if (next < 0 || !walk.Play(played.point).ok()) return false;
    node = next;
  }
  if (walk.StateHash() != state.StateHash() || walk.to_move() != state.to_move() ||
      walk.consecutive_passes() != state.consecutive_passes())
    return false;
  if (node != 0) {
    KeepSubtree(node);
    priors_modified_ = false;  // the new root's priors were an inner node's: clean
  }
  root_prepared_ = false;
  return true;
}

// Copies the subtree under new_root into a fresh node array, new_root first,
// and the ownership of its kept nodes into a fresh pool.
void Search::KeepSubtree(int32_t new_root) {
  std::vector<Node> kept;
  kept.reserve(nodes_.size());
  kept.push_back(nodes_[new_root]);
  kept[0].move_index = -1;
  std::vector<std::vector<float>> kept_ownership;
  // Breadth first: each kept node's children are copied next to each other.
  for (size_t i = 0; i < kept.size(); ++i) {
    Node& node = kept[i];
    node.in_flight = 0;
    if (node.ownership_slot >= 0) {
      kept_ownership.push_back(std::move(ownership_[node.ownership_slot]));
      node.ownership_slot = static_cast<int32_t>(kept_ownership.size()) - 1;
    }
    if (node.first_child < 0) continue;
    const int32_t old_first = node.first_child;
    node.first_child = static_cast<int32_t>(kept.size());
    for (int c = 0; c < node.num_children; ++c) kept.push_back(nodes_[old_first + c]);
  }
  nodes_ = std::move(kept);
  ownership_ = std::move(kept_ownership);
}

void Search::Begin(const SearchLimits& limits) {
  limits_ = limits;
  start_ = std::chrono::steady_clock::now();
  started_ = completed_ = 0;
  evaluations_ = cache_hits_ = 0;
  node_limit_reached_ = false;
  root_simulations_ = 0;
  root_prepared_ = false;
  root_allowed_.clear();
  pending_.clear();
  for (Node& node : nodes_) node.in_flight = 0;
  if (nodes_[0].status == Status::kExpanded) PrepareRoot();
}

double Search::Elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

// Noise, temperature and Gumbel's considered moves, from the root's clean
// priors (kept, so a root searched again is not noised twice).
void Search::PrepareRoot() {
  Node& root = nodes_[0];
  TENGEN_CHECK(root.status == Status::kExpanded);
  const int count = root.num_children;
  if (priors_modified_ && clean_priors_.size() == static_cast<size_t>(count)) {
    for (int c = 0; c < count; ++c) nodes_[root.first_child + c].prior = clean_priors_[c];
  }
  clean_priors_.resize(count);
  for (int c = 0; c < count; ++c) clean_priors_[c] = nodes_[root.first_child + c].prior;
  std::vector<double> priors(clean_priors_.begin(), clean_priors_.end());
  if (options_.root_policy_temperature != 1.0) {
    double total = 0;
    for (double& p : priors) total += (p = std::pow(p, 1.0 / options_.root_policy_temperature));
    for (double& p : priors) p = total > 0 ? p / total : 1.0 / count;
  }
  if (options_.root_noise && limits_.root_noise && count > 1) {
    const int n = root_state_.size();
    const double alpha = options_.dirichlet_alpha_19x19 * 361.0 / (n * n);
    std::gamma_distribution<double> gamma(alpha, 1.0);
    std::vector<double> noise(count);
    double total = 0;
    for (double& x : noise) total += (x = gamma(rng_));
    for (int c = 0; c < count; ++c) {
      const double eta = total > 0 ? noise[c] / total : 1.0 / count;
      priors[c] = (1 - options_.dirichlet_weight) * priors[c] + options_.dirichlet_weight * eta;
    }
  }
  for (int c = 0; c < count; ++c)
    nodes_[root.first_child + c].prior = static_cast<float>(priors[c]);
  priors_modified_ = true;
  begin_visits_.assign(count, 0);
  for (int c = 0; c < count; ++c) begin_visits_[c] = nodes_[root.first_child + c].visits;
  root_allowed_.assign(count, 1);
  if (AnyAllowedChild(0, 0, root_state_.to_move())) {
    for (int c = 0; c < count; ++c)
      root_allowed_[c] =
          !Excluded(0, root_state_.to_move(), nodes_[root.first_child + c].move_index);
  }
  gumbel_.assign(count, 0);
  considered_ = root_allowed_;
  halving_.clear();
  if (options_.root_policy == RootPolicy::kGumbel) {
    std::extreme_value_distribution<double> gumbel(0.0, 1.0);
    for (double& g : gumbel_) g = gumbel(rng_);
    std::vector<int> order;
    for (int c = 0; c < count; ++c)
      if (root_allowed_[c]) order.push_back(c);
    const int m = std::min(options_.gumbel_considered, static_cast<int>(order.size()));
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return gumbel_[a] + nodes_[root.first_child + a].logit >
             gumbel_[b] + nodes_[root.first_child + b].logit;
    });
    considered_.assign(count, 0);
    for (int i = 0; i < m; ++i) considered_[order[i]] = 1;
    halving_ = HalvingVisitSequence(m, std::max(limits_.visits, 1));
  }
  root_prepared_ = true;
}

bool Search::Done() const {
  const Node& root = nodes_[0];
  if (root.status == Status::kTerminal) return true;
  if (root.status == Status::kExpanded && root.num_children <= 1) return true;
  if (node_limit_reached_) return true;
  if (limits_.visits > 0 && completed_ >= limits_.visits) return true;
  if (limits_.seconds > 0 && Elapsed() >= limits_.seconds) return true;
  if (options_.root_policy == RootPolicy::kPuct && limits_.stop_when_decided &&
      limits_.visits > 0 && root.status == Status::kExpanded) {
    int best = 0, second = 0;
    for (int c = 0; c < root.num_children; ++c) {
      if (!RootAllowed(c)) continue;
      const int v = nodes_[root.first_child + c].visits;
      if (v > best) {
        second = best;
        best = v;
      } else if (v > second) {
        second = v;
      }
    }
    if (best - second > limits_.visits - completed_) return true;
  }
  return false;
}

double Search::ChooserValue(int32_t node) const {
  const Node& n = nodes_[node];
  if (n.visits == 0) return n.raw_value;
  return -n.value_sum / n.visits;
}

bool Search::Excluded(int depth, Color player, int move_index) const {
  for (const MoveRestriction& r : limits_.restrictions) {
    if (r.player == player && depth < r.until_depth && move_index >= 0 &&
        move_index < static_cast<int>(r.excluded.size()) && r.excluded[move_index])
      return true;
  }
  return false;
}

bool Search::AnyAllowedChild(int32_t id, int depth, Color player) const {
  const Node& node = nodes_[id];
  for (int c = 0; c < node.num_children; ++c)
    if (!Excluded(depth, player, nodes_[node.first_child + c].move_index)) return true;
  return false;
}

int32_t Search::SelectChild(int32_t id, bool at_root, int depth, Color to_move) {
  const Node& node = nodes_[id];
  const bool restricted = !limits_.restrictions.empty() && AnyAllowedChild(id, depth, to_move);
  const double vl = options_.virtual_loss;
  double parent_visits = 0, visited_mass = 0;
  for (int c = 0; c < node.num_children; ++c) {
    const Node& child = nodes_[node.first_child + c];
    const double n = child.visits + child.in_flight * vl;
    parent_visits += n;
    if (n > 0) visited_mass += child.prior;
  }
  const double rate =
      options_.c_puct + std::log((parent_visits + options_.c_puct_base + 1) / options_.c_puct_base);
  const double sqrt_n = std::sqrt(std::max(parent_visits, 1.0));
  const double fpu =
      ChooserValue(id) -
      (at_root ? options_.root_fpu_reduction : options_.fpu_reduction) * std::sqrt(visited_mass);
  int32_t best = -1;
  double best_score = -1e300;
  for (int c = 0; c < node.num_children; ++c) {
    const int32_t child_id = node.first_child + c;
    const Node& child = nodes_[child_id];
    if (restricted && Excluded(depth, to_move, child.move_index)) continue;
    const double n = child.visits + child.in_flight * vl;
    const double q = n > 0 ? (child.value_sum - child.in_flight * vl) / n : fpu;
    const double score = q + rate * child.prior * sqrt_n / (1 + n);
    if (score > best_score) {
      best_score = score;
      best = child_id;
    }
  }
  return best;
}

// sigma(completed q) of the root's children (zeros where not considered do
// no harm: only considered children are compared).
std::vector<double> Search::RootSigma() const {
  const Node& root = nodes_[0];
  std::vector<GumbelChild> children(root.num_children);
  for (int c = 0; c < root.num_children; ++c) {
    const Node& child = nodes_[root.first_child + c];
    children[c] = {.logit = child.logit,
                   .prior = child.prior,
                   .visits = child.visits,
                   .q = child.visits > 0 ? child.value_sum / child.visits : 0};
  }
  return SigmaOfCompletedQ(root.raw_value, children, options_.gumbel_c_visit,
                           options_.gumbel_c_scale);
}

int32_t Search::SelectGumbelRootChild() {
  const Node& root = nodes_[0];
  const int target = root_simulations_ < static_cast<int>(halving_.size())
                         ? halving_[root_simulations_]
                         : (halving_.empty() ? 0 : halving_.back() + 1);
  const std::vector<double> sigma = RootSigma();
  int32_t best = -1, fewest = -1;
  double best_score = -1e300;
  int fewest_visits = 1 << 30;
  for (int c = 0; c < root.num_children; ++c) {
    if (!considered_[c]) continue;
    const Node& child = nodes_[root.first_child + c];
    const int visits = child.visits + child.in_flight - begin_visits_[c];
    if (visits < fewest_visits) {
      fewest_visits = visits;
      fewest = root.first_child + c;
    }
    if (visits != target) continue;
    const double score = gumbel_[c] + child.logit + sigma[c];
    if (score > best_score) {
      best_score = score;
      best = root.first_child + c;
    }
  }
  ++root_simulations_;
  return best >= 0 ? best : fewest;
}

double Search::TerminalValue(const GameState& state) const {
  return AreaResult(state.board(), state.rules().komi, state.to_move());
}

double Search::TerminalScore(const GameState& state) const {
  const double margin = ScoreArea(state.board(), state.rules().komi).Margin();
  return state.to_move() == Color::kBlack ? margin : -margin;
}

uint64_t Search::CacheKey(const GameState& state, std::span<const uint8_t> legal) const {
  // What the network sees: stones, player to move and ko (StateHash), the
  // last four moves (feature planes 2..5) and the illegal points (plane 12).
  uint64_t key = DeriveSeed(state.StateHash(), "eval-cache", cache_salt_);
  const std::vector<PlayedMove>& moves = state.moves();
  for (int back = 1; back <= 4; ++back) {
    const int i = static_cast<int>(moves.size()) - back;
    const uint64_t point = i >= 0 ? static_cast<uint64_t>(moves[i].point) + 1 : 0;
    key = DeriveSeed(key, "recent-move", point);
  }
  uint64_t mask_hash = 0xCBF29CE484222325ull;
  for (uint8_t b : legal) mask_hash = (mask_hash ^ b) * 0x100000001B3ull;
  return DeriveSeed(key, "legal", mask_hash);
}

std::vector<const GameState*> Search::Gather() {
  TENGEN_CHECK(pending_.empty());
  if (nodes_[0].status == Status::kExpanded && !root_prepared_) PrepareRoot();
  int collisions = 0;
  const int batch = std::max(1, options_.batch_size);
  while (static_cast<int>(pending_.size()) < batch && collisions < kMaxCollisionsPerBatch) {
    if (Done()) break;
    if (limits_.visits > 0 && started_ >= limits_.visits) break;
    std::vector<int32_t> path = {0};
    GameState state = root_state_;
    int32_t id = 0;
    bool collided = false, finished = false;
    while (!finished) {
      Node& node = nodes_[id];
      switch (node.status) {
        case Status::kTerminal:
          Backup(path, node.raw_value, node.raw_score, false);
          ++started_;
          finished = true;
          break;
        case Status::kPending:
          collided = true;
          finished = true;
          break;
        case Status::kLeaf: {
          if (state.IsOver()) {
            node.status = Status::kTerminal;
            node.raw_value = static_cast<float>(TerminalValue(state));
            node.raw_score = static_cast<float>(TerminalScore(state));
            Backup(path, node.raw_value, node.raw_score, false);
            ++started_;
            finished = true;
            break;
          }
          std::vector<uint8_t> legal = LegalMoveMask(state, 0);
          const uint64_t key = CacheKey(state, legal);
          if (const Evaluation* cached = cache_ ? cache_->Find(key) : nullptr) {
            ++cache_hits_;
            const Evaluation copy = *cached;
            if (!Expand(id, state, legal, copy, static_cast<int>(path.size()) - 1))
              node_limit_reached_ = true;
            Backup(path, nodes_[id].raw_value, nodes_[id].raw_score, false);
            ++started_;
            finished = true;
            break;
          }
          node.status = Status::kPending;
          for (int32_t on_path : path) ++nodes_[on_path].in_flight;
          pending_.push_back(PendingLeaf{std::move(path), std::move(state), std::move(legal), key});
          ++started_;
          finished = true;
          break;
        }
        case Status::kExpanded: {
          const bool at_root = id == 0;
          // The root may have been expanded inside this loop (from the cache).
          if (at_root && !root_prepared_) PrepareRoot();
          const int32_t child =
              at_root && options_.root_policy == RootPolicy::kGumbel
                  ? SelectGumbelRootChild()
                  : SelectChild(id, at_root, static_cast<int>(path.size()) - 1, state.to_move());
          TENGEN_CHECK(child >= 0);
          const Point move = MoveIndexToPoint(nodes_[child].move_index, state.size());
          const absl::Status played = state.Play(move);
          TENGEN_CHECK(played.ok());
          path.push_back(child);
          id = child;
          break;
        }
      }
    }
    if (collided) {
      ++collisions;
      if (options_.root_policy == RootPolicy::kGumbel && path.size() > 1) --root_simulations_;
    }
  }
  std::vector<const GameState*> states;
  states.reserve(pending_.size());
  for (const PendingLeaf& leaf : pending_) states.push_back(&leaf.state);
  evaluations_ += static_cast<int64_t>(states.size());
  return states;
}

absl::Status Search::Finish(std::span<const Evaluation> evaluations) {
  if (evaluations.size() != pending_.size())
    return absl::InternalError("search: evaluations do not match the positions gathered");
  for (size_t i = 0; i < pending_.size(); ++i) {
    PendingLeaf& leaf = pending_[i];
    const int32_t id = leaf.path.back();
    const Evaluation& evaluation = evaluations[i];
    const int moves = leaf.state.size() * leaf.state.size() + 1;
    if (static_cast<int>(evaluation.policy.size()) != moves)
      return absl::InternalError("search: an evaluation has the wrong number of moves");
    if (cache_) cache_->Insert(leaf.key, evaluation);
    nodes_[id].status = Status::kLeaf;
    if (!Expand(id, leaf.state, leaf.legal, evaluation, static_cast<int>(leaf.path.size()) - 1))
      node_limit_reached_ = true;
    Backup(leaf.path, nodes_[id].raw_value, nodes_[id].raw_score, true);
  }
  pending_.clear();
  if (nodes_[0].status == Status::kExpanded && !root_prepared_) PrepareRoot();
  return absl::OkStatus();
}

bool Search::Expand(int32_t id, const GameState& state, std::span<const uint8_t> legal,
                    const Evaluation& evaluation, int depth) {
  nodes_[id].raw_value = options_.playout_mix > 0
                             ? static_cast<float>((1 - options_.playout_mix) * evaluation.value +
                                                  options_.playout_mix * PlayoutValue(state))
                             : evaluation.value;
  nodes_[id].raw_score = evaluation.score;
  if (depth <= kOwnershipDepth && evaluation.has_aux() && nodes_[id].ownership_slot < 0) {
    ownership_.push_back(evaluation.ownership);
    nodes_[id].ownership_slot = static_cast<int32_t>(ownership_.size()) - 1;
  }
  const int n = state.size();
  const Board& board = state.board();
  const Color mover = state.to_move();
  std::vector<int> candidates;
  for (int i = 0; i < n * n; ++i)
    if (legal[i] && !board.IsSimpleEye(MoveIndexToPoint(i, n), mover)) candidates.push_back(i);
  const bool opponent_passed = !state.moves().empty() && state.moves().back().point == kPass;
  if (candidates.empty() || opponent_passed ||
      (options_.pass_after_fraction < 1 &&
       state.move_number() >= options_.pass_after_fraction * n * n))
    candidates.push_back(n * n);
  if (static_cast<int64_t>(nodes_.size() + candidates.size()) > options_.max_nodes) {
    nodes_[id].status = Status::kLeaf;
    return false;
  }
  double total = 0;
  for (int i : candidates) total += evaluation.policy[i];
  std::sort(candidates.begin(), candidates.end(),
            [&](int a, int b) { return evaluation.policy[a] > evaluation.policy[b]; });
  const int32_t first = static_cast<int32_t>(nodes_.size());
  for (int i : candidates) {
    Node child;
    child.move_index = static_cast<int16_t>(i);
    child.prior = total > 0 ? static_cast<float>(evaluation.policy[i] / total)
                            : 1.0f / static_cast<float>(candidates.size());
    child.logit = !evaluation.logits.empty() ? evaluation.logits[i]
                                             : std::log(std::max(evaluation.policy[i], 1e-30f));
    nodes_.push_back(child);
  }
  Node& node = nodes_[id];  // after the push_backs
  node.first_child = first;
  node.num_children = static_cast<int16_t>(candidates.size());
  node.status = Status::kExpanded;
  return true;
}

double Search::PlayoutValue(const GameState& state) {
  double total = 0;
  for (int i = 0; i < options_.playouts_per_leaf; ++i) {
    Board board = state.board();
    RandomPlayout(board, state.to_move(), rng_);
    total += AreaResult(board, state.rules().komi, state.to_move());
  }
  return total / options_.playouts_per_leaf;
}

void Search::Backup(std::span<const int32_t> path, double leaf_value, double leaf_score,
                    bool was_pending) {
  // The leaf's value and score are for the player to move at the leaf; each
  // node stores them from the view of the player who moved into it,
  // alternating upwards.
  double value = -leaf_value, score = -leaf_score;
  for (size_t i = path.size(); i-- > 0;) {
    Node& node = nodes_[path[i]];
    ++node.visits;
    node.value_sum += value;
    node.value_sq_sum += value * value;
    node.score_sum += score;
    if (was_pending) --node.in_flight;
    value = -value;
    score = -score;
  }
  ++completed_;
}

std::vector<float> Search::RootOwnership() const {
  const Node& root = nodes_[0];
  if (root.ownership_slot < 0) return {};
  const std::vector<float>& own = ownership_[root.ownership_slot];
  std::vector<double> sum(own.begin(), own.end());
  double weight = 1;
  for (int c = 0; c < root.num_children; ++c) {
    const Node& child = nodes_[root.first_child + c];
    if (child.ownership_slot < 0 || child.visits == 0) continue;
    // The child's head speaks for its player to move: the root's opponent.
    const std::vector<float>& theirs = ownership_[child.ownership_slot];
    for (size_t i = 0; i < sum.size(); ++i) sum[i] -= child.visits * static_cast<double>(theirs[i]);
    weight += child.visits;
  }
  std::vector<float> mean(sum.size());
  for (size_t i = 0; i < sum.size(); ++i) mean[i] = static_cast<float>(sum[i] / weight);
  return mean;
}

std::vector<Point> Search::PrincipalVariation(int32_t id, const GameState& state) const {
  std::vector<Point> pv;
  const int n = state.size();
  while (pv.size() < static_cast<size_t>(kMaxPvLength)) {
    const Node& node = nodes_[id];
    pv.push_back(MoveIndexToPoint(node.move_index, n));
    if (node.status != Status::kExpanded) break;
    int32_t best = -1;
    for (int c = 0; c < node.num_children; ++c) {
      const Node& child = nodes_[node.first_child + c];
      if (child.visits > 0 && (best < 0 || child.visits > nodes_[best].visits))
        best = node.first_child + c;
    }
    if (best < 0) break;
    id = best;
  }
  return pv;
}

int32_t Search::GumbelBestChild() const {
  const Node& root = nodes_[0];
  const std::vector<double> sigma = RootSigma();
  int most = -1;
  for (int c = 0; c < root.num_children; ++c)
    if (considered_[c])
      most = std::max(most, nodes_[root.first_child + c].visits - begin_visits_[c]);
  int32_t best = -1;
  double best_score = -1e300;
  for (int c = 0; c < root.num_children; ++c) {
    if (!considered_[c]) continue;
    const Node& child = nodes_[root.first_child + c];
    if (child.visits - begin_visits_[c] != most) continue;
    const double score = gumbel_[c] + child.logit + sigma[c];
    if (score > best_score) {
      best_score = score;
      best = root.first_child + c;
    }
  }
  return best;
}

SearchResult Search::Result() const {
  SearchResult result;
  const Node& root = nodes_[0];
  const int n = root_state_.size();
  result.visits = root.visits;
  result.new_visits = completed_;
  result.raw_value = root.raw_value;
  result.value = ChooserValue(0);
  result.score_lead = root.visits > 0 ? -root.score_sum / root.visits : root.raw_score;
  result.ownership = RootOwnership();
  result.nodes = node_count();
  result.evaluations = evaluations_;
  result.cache_hits = cache_hits_;
  result.node_limit_reached = node_limit_reached_;
  result.seconds = Elapsed();
  result.policy_target.assign(n * n + 1, 0.0f);
  if (root.status != Status::kExpanded || root.num_children == 0) {
    result.best_move = kPass;
    return result;
  }
  std::vector<int32_t> order(root.num_children);
  std::iota(order.begin(), order.end(), root.first_child);
  auto value_of = [&](int32_t id) {
    const Node& child = nodes_[id];
    return child.visits > 0 ? child.value_sum / child.visits : -2.0;
  };
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    if (nodes_[a].visits != nodes_[b].visits) return nodes_[a].visits > nodes_[b].visits;
    if (nodes_[a].visits > 0) return value_of(a) > value_of(b);
    return nodes_[a].prior > nodes_[b].prior;
  });
  for (int32_t id : order) {
    const Node& child = nodes_[id];
    RootMove move;
    move.move = MoveIndexToPoint(child.move_index, n);
    move.visits = child.visits;
    move.prior = child.prior;
    if (child.visits > 0) {
      move.value = child.value_sum / child.visits;
      move.score_lead = child.score_sum / child.visits;
      if (child.visits >= 2) {
        const double variance =
            std::max(0.0, child.value_sq_sum / child.visits - move.value * move.value);
        move.lcb = move.value - 1.96 * std::sqrt(variance / (child.visits - 1));
      }
      move.pv = PrincipalVariation(id, root_state_);
    } else {
      move.value = result.value;
      move.score_lead = result.score_lead;
      move.pv = {move.move};
    }
    result.moves.push_back(std::move(move));
  }
  if (options_.root_policy == RootPolicy::kGumbel && root_prepared_) {
    std::vector<GumbelChild> children(root.num_children);
    for (int c = 0; c < root.num_children; ++c) {
      const Node& child = nodes_[root.first_child + c];
      children[c] = {.logit = child.logit,
                     .prior = child.prior,
                     .visits = child.visits,
                     .q = child.visits > 0 ? child.value_sum / child.visits : 0};
    }
    const std::vector<double> improved =
        ImprovedPolicy(root.raw_value, children, options_.gumbel_c_visit, options_.gumbel_c_scale);
    double allowed_total = 0;
    for (int c = 0; c < root.num_children; ++c)
      if (RootAllowed(c)) allowed_total += improved[c];
    for (int c = 0; c < root.num_children; ++c)
      result.policy_target[nodes_[root.first_child + c].move_index] =
          RootAllowed(c) && allowed_total > 0 ? static_cast<float>(improved[c] / allowed_total)
                                              : 0.0f;
    const int32_t best = GumbelBestChild();
    result.best_move = MoveIndexToPoint(nodes_[best >= 0 ? best : order[0]].move_index, n);
  } else {
    double total = 0;
    for (int c = 0; c < root.num_children; ++c)
      if (RootAllowed(c)) total += nodes_[root.first_child + c].visits;
    for (int c = 0; c < root.num_children; ++c) {
      const Node& child = nodes_[root.first_child + c];
      if (!RootAllowed(c)) continue;
      result.policy_target[child.move_index] =
          total > 0 ? static_cast<float>(child.visits / total) : child.prior;
    }
    // The most visited allowed move (moves are in `order`'s order).
    result.best_move = result.moves[0].move;
    for (int32_t id : order) {
      if (RootAllowed(RootChildIndex(id))) {
        result.best_move = MoveIndexToPoint(nodes_[id].move_index, n);
        break;
      }
    }
  }
  return result;
}

}  // namespace tengen
