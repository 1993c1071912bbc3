#include "search/eval_cache.h"

#include <utility>

namespace tengen {

const Evaluation* EvalCache::Find(uint64_t key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  ++hits_;
  return &it->second;
}

void EvalCache::Insert(uint64_t key, Evaluation evaluation) {
  if (capacity_ <= 0) return;
  const auto it = entries_.find(key);
  if (it != entries_.end()) {
    it->second = std::move(evaluation);
    return;
  }
  while (static_cast<int64_t>(entries_.size()) >= capacity_ && !order_.empty()) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
  entries_.emplace(key, std::move(evaluation));
  order_.push_back(key);
}

void EvalCache::Clear() {
  entries_.clear();
  order_.clear();
}

}  // namespace tengen
