// Reads lines from a stream on a thread of its own into a queue, so that the
// GTP server can wait for the next command with a timeout: analysis commands
// stream results until input arrives.
#ifndef TENGEN_GTP_LINE_READER_H_
#define TENGEN_GTP_LINE_READER_H_

#include <chrono>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace tengen {

class LineReader {
 public:
  // Starts reading `in` at once. The stream is untied (in.tie(nullptr)) so
  // that the reading thread never flushes an output stream the caller
  // writes to. `in` must outlive this reader or reach its end: a reader
  // destroyed while its thread is still blocked in a read (stdin with no
  // input) leaves that thread behind, detached, until the process ends.
  explicit LineReader(std::istream& in);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its '\n', blocking until one is there; nullopt
  // once the input has ended and every line has been taken.
  std::optional<std::string> Next();

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
