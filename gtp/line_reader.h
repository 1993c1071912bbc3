// Reads lines from a stream on a thread of its own into a queue, so that the
// GTP server can wait for the next command with a timeout: analysis commands
// stream results until input arrives.
//
// Lines are bounded: a line longer than the reader's maximum (by default
// kMaxLineBytes, 1 MiB, far more than any GTP command needs; a loadsgf path
// or a long list of vertices is a few KB) is not kept. It comes out as an
// InputLine marked too_long, without its text, and the rest of it is read
// and discarded piece by piece, so it never costs more than the maximum in
// memory.
#ifndef TENGEN_GTP_LINE_READER_H_
#define TENGEN_GTP_LINE_READER_H_

#include <chrono>
#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace tengen {

inline constexpr size_t kMaxLineBytes = size_t{1} << 20;

struct InputLine {
  std::string text;       // without the '\n'; empty when too_long
  bool too_long = false;  // the line had more than the maximum bytes
};

class LineReader {
 public:
  // Starts reading `in` at once. The stream is untied (in.tie(nullptr)) so
  // that the reading thread never flushes an output stream the caller
  // writes to. `in` must outlive this reader or reach its end: a reader
  // destroyed while its thread is still blocked in a read (stdin with no
  // input) leaves that thread behind, detached, until the process ends.
  // Lines longer than max_line_bytes (not counting the '\n') are too long.
  explicit LineReader(std::istream& in, size_t max_line_bytes = kMaxLineBytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, blocking until one is there; nullopt once the input has
  // ended and every line has been taken. A last line without '\n' counts.
  std::optional<InputLine> Next();

  // Waits up to `timeout` for a line to be available. True when one is, or
  // when the input has ended (nothing more will come, so waiting is over).
  bool WaitForLine(std::chrono::milliseconds timeout);

 private:
  struct Shared;  // the queue, shared with the thread
  std::shared_ptr<Shared> shared_;
  std::thread thread_;
};

}  // namespace tengen

#endif  // TENGEN_GTP_LINE_READER_H_
