// A child process. By default it talks through pipes: its stdin and stdout
// are ours to write and read with deadlines, and its stderr is drained all the
// time by a background thread into a bounded tail, so a chatty child never
// blocks on a full stderr pipe and error messages can quote what it said last.
// With SubprocessOptions::stdio = kInherit it shares our standard descriptors
// instead (worker processes that print for themselves).
//
// Whatever this process did to its signals and descriptors, the child starts
// clean: every signal at its default disposition, none blocked, and no
// descriptor but its standard three. By default the child runs in its own
// process group, and signals go to the whole group, so a wrapper script and
// the programs it started stop together. The child is always reaped: by
// WaitForExit, PollExit, Kill, Stop or the destructor. Every system call that
// a signal can interrupt is retried.
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
  // How the child's stdin, stdout and stderr are connected. kPipes: to us, as
  // described above. kInherit: the child gets ours; Write and ReadLine then
  // fail with FailedPrecondition and StderrTail is empty.
  enum class Stdio { kPipes, kInherit };
  Stdio stdio = Stdio::kPipes;
  // true: the child leads a new process group and signals go to the whole
  // group. false: it stays in ours, so a terminal's Ctrl-C reaches it as it
  // reaches us, and signals go to the child alone.
  bool own_process_group = true;
  // When nonzero, the child gets this signal when the thread that started it
  // ends, and so when this process dies, even by SIGKILL (Linux's
  // PR_SET_PDEATHSIG). A child whose parent died before that was set up exits
  // with status 127 at once.
  int parent_death_signal = 0;
};

class Subprocess {
 public:
  // Starts argv[0] (searched in PATH when it has no '/') with argv. Fails with
  // "cannot start 'name': <reason>" (NotFound when the program does not exist,
  // FailedPrecondition otherwise) when the program cannot be executed; then no
  // child is left behind.
  static absl::StatusOr<std::unique_ptr<Subprocess>> StartArgv(std::vector<std::string> argv,
                                                               SubprocessOptions options = {});

  // Splits command_line with SplitCommandLine (base/command_line.h), then as
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

  // Reaps the child if it has exited, without waiting: whether it has.
  bool PollExit();

  // Sends SIGTERM (to the group when the child has its own) and returns at
  // once, so that several children can be asked to end together and then
  // waited for. Nothing once the child has been reaped.
  void Terminate();

  // SIGKILL to the child's process group, then reaps the child. Idempotent.
  void Kill();

  // Ends the child politely, sending nothing on stdin: closes stdin, waits
  // close_grace (both skipped with Stdio::kInherit), sends SIGTERM, waits
  // term_grace, sends SIGKILL; reaps it and stops the stderr thread.
  // Idempotent.
  void Stop();

  // Whether the child has been reaped.
  bool exited() const { return wait_status_.has_value(); }

  // The child's exit status once it has been reaped after exiting normally;
  // nullopt while it runs, when a signal ended it, or when its status is
  // unknown (someone else reaped it).
  std::optional<int> exit_code() const;

  // The signal that ended the child once it has been reaped; nullopt
  // otherwise.
  std::optional<int> exit_signal() const;

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
