#include "gtp/line_reader.h"

#include <condition_variable>
#include <deque>
#include <mutex>

namespace tengen {

struct LineReader::Shared {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> lines;
  bool ended = false;
};

LineReader::LineReader(std::istream& in) : shared_(std::make_shared<Shared>()) {
  in.tie(nullptr);
  // The thread holds the queue by shared_ptr, so it stays valid even if the
  // reader is destroyed first and the thread is detached.
  thread_ = std::thread([&in, shared = shared_] {
    std::string line;
    while (std::getline(in, line)) {
      std::lock_guard lock(shared->mutex);
      shared->lines.push_back(std::move(line));
      shared->changed.notify_all();
      line.clear();
    }
    std::lock_guard lock(shared->mutex);
    shared->ended = true;
    shared->changed.notify_all();
  });
}

LineReader::~LineReader() {
  bool ended;
  {
    std::lock_guard lock(shared_->mutex);
    ended = shared_->ended;
  }
  // A thread that has set `ended` only has to release the lock and return.
  if (ended) {
    thread_.join();
  } else {
    thread_.detach();
  }
}

std::optional<std::string> LineReader::Next() {
  std::unique_lock lock(shared_->mutex);
  shared_->changed.wait(lock, [&] { return !shared_->lines.empty() || shared_->ended; });
  if (shared_->lines.empty()) return std::nullopt;
  std::string line = std::move(shared_->lines.front());
  shared_->lines.pop_front();
  return line;
}

bool LineReader::WaitForLine(std::chrono::milliseconds timeout) {
  std::unique_lock lock(shared_->mutex);
  return shared_->changed.wait_for(lock, timeout,
                                   [&] { return !shared_->lines.empty() || shared_->ended; });
}

}  // namespace tengen
