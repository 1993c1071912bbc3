// The last bytes of a stream of unknown length, in bounded memory: a ring
// buffer that keeps an engine's recent stderr output for error messages.
#ifndef TENGEN_BASE_TAIL_BUFFER_H_
#define TENGEN_BASE_TAIL_BUFFER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tengen {

// Not thread-safe; the owner guards it.
class TailBuffer {
 public:
  // Keeps the last `capacity` bytes; capacity must be positive.
  explicit TailBuffer(size_t capacity);

  void Append(std::string_view bytes);

  // The last min(capacity, total()) bytes appended, oldest first.
  std::string Contents() const;

  // How many bytes were ever appended (so total() > capacity means bytes
  // were dropped from the front).
  uint64_t total() const { return total_; }

 private:
  std::string ring_;  // capacity bytes; the oldest kept byte is at next_ once full
  size_t next_ = 0;   // where the next byte goes
  uint64_t total_ = 0;
};

}  // namespace tengen

#endif  // TENGEN_BASE_TAIL_BUFFER_H_
