// Asking a long job to stop. The caller owns a StopSource and hands the job
// a StopToken; the job polls the token between units of work, finishes or
// abandons the unit in flight without writing partial files, and returns
// (a Cancelled status, or a result marked as stopped early), so that the
// same call resumes later. Libraries never look at signals or globals: app/
// connects Ctrl-C to a source (app/interrupt.h), tests use their own.
#ifndef TENGEN_BASE_STOP_TOKEN_H_
#define TENGEN_BASE_STOP_TOKEN_H_

#include <atomic>

namespace tengen {

class StopSource;

// A cheap, copyable view of a StopSource. Thread-safe to poll. Must not
// outlive its source.
class StopToken {
 public:
  // A token that never asks to stop.
  StopToken() = default;

  bool stop_requested() const { return flag_ != nullptr && flag_->load(std::memory_order_relaxed); }

 private:
  friend class StopSource;
  explicit StopToken(const std::atomic<bool>* flag) : flag_(flag) {}

  const std::atomic<bool>* flag_ = nullptr;
};

// Owns the stop request. RequestStop is async-signal-safe (one store to a
// lock-free atomic), so a signal handler may call it.
class StopSource {
 public:
  StopSource() = default;
  StopSource(const StopSource&) = delete;
  StopSource& operator=(const StopSource&) = delete;

  StopToken token() const { return StopToken(&flag_); }
  void RequestStop() { flag_.store(true, std::memory_order_relaxed); }
  // Withdraws the request (for a source reused across jobs).
  void Reset() { flag_.store(false, std::memory_order_relaxed); }
  bool stop_requested() const { return flag_.load(std::memory_order_relaxed); }

 private:
  static_assert(std::atomic<bool>::is_always_lock_free);
  std::atomic<bool> flag_{false};
};

}  // namespace tengen

#endif  // TENGEN_BASE_STOP_TOKEN_H_
