// A child process talking through pipes: its stdin and stdout are ours to
// write and read with deadlines, and its stderr is drained all the time by a
// background thread into a bounded tail, so a chatty child never blocks on a
// full stderr pipe and error messages can quote what it said last.
//
// The child runs in its own process group, and signals go to the whole group,
// so a wrapper script and the programs it started stop together. The child
// is always reaped: by WaitForExit, Kill, Stop or the destructor.
//
// Not thread-safe: one owner calls the methods (the stderr thread is internal).
#ifndef TENGEN_BASE_SUBPROCESS_H_
#define TENGEN_BASE_SUBPROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/tail_buffer.h"

namespace tengen {

using SteadyClock = std::chrono::steady_clock;
using Deadline = SteadyClock::time_point;

struct SubprocessOptions {
  // How much of the end of the child's stderr to keep.
  size_t stderr_tail_bytes = 4096;
  // Stop(): how long the child may take to exit after its stdin is closed,
  // and then after SIGTERM, before it gets SIGKILL.
  std::chrono::milliseconds close_grace{1000};
  std::chrono::milliseconds term_grace{1000};
};

class Subprocess {
 public:
  // Starts argv[0] (searched in PATH when it has no '/') with argv. Fails with
  // "cannot start 'name': <reason>" (NotFound when the program does not exist,
  // FailedPrecondition otherwise) when the program cannot be executed; then no
  // child is left behind.
  static absl::StatusOr<std::unique_ptr<Subprocess>> StartArgv(std::vector<std::string> argv,
                                                               SubprocessOptions options = {});

  // Splits command_line with SplitCommandLine (gtp/command_line.h), then as
  // StartArgv.
  static absl::StatusOr<std::unique_ptr<Subprocess>> Start(std::string_view command_line,
                                                           SubprocessOptions options = {});

  // Stop().
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }
  const std::vector<std::string>& argv() const { return argv_; }

  // Writes all of data to the child's stdin before the deadline. Errors:
  // DeadlineExceeded when the child stops reading; Unavailable "closed its
  // input" when the child has closed stdin or exited (never raises SIGPIPE);
  // FailedPrecondition after CloseInput.
  absl::Status Write(std::string_view data, Deadline deadline);

  // The next line of the child's stdout, without its '\n'. Errors:
  // DeadlineExceeded when no full line arrives before the deadline (what was
  // read stays buffered); Unavailable "closed its output" at end of file (an
  // unfinished last line is reported, not returned); ResourceExhausted when a
  // line passes max_bytes without ending.
  absl::StatusOr<std::string> ReadLine(Deadline deadline, size_t max_bytes);

  // Closes the child's stdin, so it reads end of file. Idempotent.
  void CloseInput();

  // Waits until the child has exited, reaping it; false if it is still
  // running at the deadline.
  bool WaitForExit(Deadline deadline);

  // SIGKILL to the child's process group, then reaps the child. Idempotent.
  void Kill();

  // Ends the child politely, sending nothing on stdin: closes stdin, waits
  // close_grace, sends SIGTERM, waits term_grace, sends SIGKILL; reaps it and
  // stops the stderr thread. Idempotent.
  void Stop();

  // Whether the child has been reaped.
  bool exited() const { return wait_status_.has_value(); }

  // "exited with status 3", "was killed by signal 9 (Killed)" or "is still running".
  std::string DescribeExit() const;

  // The last stderr_tail_bytes of the child's stderr. Waits up to wait_for_end
  // for the stderr pipe to reach end of file first, so that after the child
  // has exited the tail holds everything it wrote.
  std::string StderrTail(std::chrono::milliseconds wait_for_end = std::chrono::milliseconds(0));

  // How many bytes the child has written to stderr so far.
  uint64_t stderr_bytes();

 private:
  Subprocess(std::vector<std::string> argv, SubprocessOptions options);
  void DrainStderr();
  void SignalGroup(int signal);
  void StopStderrThread();

  std::vector<std::string> argv_;
  SubprocessOptions options_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;   // our end, non-blocking
  int stdout_fd_ = -1;  // our end, non-blocking
  int stderr_fd_ = -1;  // read by stderr_thread_ only
  int wake_fd_ = -1;    // eventfd that tells stderr_thread_ to finish
  std::optional<int> wait_status_;
  std::string stdout_buffer_;  // read but not yet returned
  bool stdout_eof_ = false;

  std::mutex stderr_mutex_;
  std::condition_variable stderr_done_;
  TailBuffer stderr_tail_;   // guarded by stderr_mutex_
  bool stderr_eof_ = false;  // guarded by stderr_mutex_
  std::thread stderr_thread_;
};

}  // namespace tengen

#endif  // TENGEN_BASE_SUBPROCESS_H_
