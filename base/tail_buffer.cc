#include "base/tail_buffer.h"

#include <algorithm>

#include "base/check.h"

namespace tengen {

TailBuffer::TailBuffer(size_t capacity) : ring_(capacity, '\0') { TENGEN_CHECK(capacity > 0); }

void TailBuffer::Append(std::string_view bytes) {
  total_ += bytes.size();
  const size_t capacity = ring_.size();
  if (bytes.size() >= capacity) {
    ring_.assign(bytes.substr(bytes.size() - capacity));
    next_ = 0;
    return;
  }
  const size_t first = std::min(bytes.size(), capacity - next_);
  ring_.replace(next_, first, bytes.substr(0, first));
  ring_.replace(0, bytes.size() - first, bytes.substr(first));
  next_ = (next_ + bytes.size()) % capacity;
}

std::string TailBuffer::Contents() const {
  if (total_ < ring_.size()) return ring_.substr(0, total_);
  return ring_.substr(next_) + ring_.substr(0, next_);
}

}  // namespace tengen
