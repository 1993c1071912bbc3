#include "gtp/line_reader.h"

#include <condition_variable>
#include <deque>
#include <mutex>

namespace tengen {

namespace {

// Reads the next line into *line, keeping at most max_bytes of it: a longer
// one comes back too_long with its text released. False at the end of the
// input when nothing was read.
bool ReadBoundedLine(std::istream& in, size_t max_bytes, InputLine* line) {
  line->text.clear();
  line->too_long = false;
  bool read_any = false;
  char chunk[4096];
  while (true) {
    in.getline(chunk, sizeof chunk);
    const size_t extracted = static_cast<size_t>(in.gcount());
    if (in.bad()) return false;
    // Without eof or fail the '\n' was found (and counted in gcount);
    // fail without eof means the chunk filled up before a '\n'.
    const bool ended_line = !in.fail() && !in.eof();
    const bool chunk_full = in.fail() && !in.eof();
    const size_t stored = ended_line ? extracted - 1 : extracted;
    read_any = read_any || extracted > 0;
    if (!line->too_long) {
      if (line->text.size() + stored > max_bytes) {
        line->too_long = true;
        std::string().swap(line->text);  // gives the memory back
      } else {
        line->text.append(chunk, stored);
      }
    }
    if (ended_line) return true;
    if (!chunk_full) return read_any;  // end of input
    in.clear(in.rdstate() & ~std::ios::failbit);
  }
}

}  // namespace

struct LineReader::Shared {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<InputLine> lines;
  bool ended = false;
};

LineReader::LineReader(std::istream& in, size_t max_line_bytes)
    : shared_(std::make_shared<Shared>()) {
  in.tie(nullptr);
  // The thread holds the queue by shared_ptr, so it stays valid even if the
  // reader is destroyed first and the thread is detached.
  thread_ = std::thread([&in, max_line_bytes, shared = shared_] {
    InputLine line;
    while (ReadBoundedLine(in, max_line_bytes, &line)) {
      std::lock_guard lock(shared->mutex);
      shared->lines.push_back(std::move(line));
      shared->changed.notify_all();
      line = InputLine();
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

std::optional<InputLine> LineReader::Next() {
  std::unique_lock lock(shared_->mutex);
  shared_->changed.wait(lock, [&] { return !shared_->lines.empty() || shared_->ended; });
  if (shared_->lines.empty()) return std::nullopt;
  InputLine line = std::move(shared_->lines.front());
  shared_->lines.pop_front();
  return line;
}

bool LineReader::WaitForLine(std::chrono::milliseconds timeout) {
  std::unique_lock lock(shared_->mutex);
  return shared_->changed.wait_for(lock, timeout,
                                   [&] { return !shared_->lines.empty() || shared_->ended; });
}

}  // namespace tengen
