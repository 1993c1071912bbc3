// A bounded cache of network evaluations, keyed by what the network sees
// (search.cc builds the key from the position and the evaluator's symmetry
// setting), so that a position met again (a transposition, the same game
// searched again after undo, an analysis restarted) costs no network call.
// Holds at most `capacity` entries and evicts the oldest first. Not
// thread-safe: one search driver at a time.
#ifndef TENGEN_SEARCH_EVAL_CACHE_H_
#define TENGEN_SEARCH_EVAL_CACHE_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>

#include "policy/evaluator.h"

namespace tengen {

class EvalCache {
 public:
  // capacity 0 caches nothing.
  explicit EvalCache(int64_t capacity) : capacity_(capacity) {}

  // The evaluation stored under key, if any.
  const Evaluation* Find(uint64_t key) const;
  // Stores (or replaces) the evaluation under key, evicting the oldest
  // entry when full.
  void Insert(uint64_t key, Evaluation evaluation);
  void Clear();

  int64_t size() const { return static_cast<int64_t>(entries_.size()); }
  int64_t capacity() const { return capacity_; }
  int64_t hits() const { return hits_; }

 private:
  int64_t capacity_;
  std::unordered_map<uint64_t, Evaluation> entries_;
  std::deque<uint64_t> order_;  // keys, oldest first (a replaced key keeps its place)
  mutable int64_t hits_ = 0;
};

}  // namespace tengen

#endif  // TENGEN_SEARCH_EVAL_CACHE_H_
