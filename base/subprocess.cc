#include "base/subprocess.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "base/command_line.h"
#include "base/fmt_absl.h"
#include "base/text_util.h"

namespace tengen {
namespace {

// Not retried on EINTR: Linux releases the descriptor whatever close returns,
// and a second close could hit one that another thread has just opened.
void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// write() of one small value, retried when a signal interrupts it; the result
// is ignored (used for wake-ups and for errno from the child, both best effort).
void WriteValue(int fd, const void* value, size_t size) {
  while (write(fd, value, size) < 0 && errno == EINTR) {
  }
}

// A close-on-exec pipe whose ends are both >= 3, so that the child's dup2
// onto 0, 1 and 2 can never clobber another pipe end (which happens when the
// parent runs with some of its own standard descriptors closed).
absl::Status MakePipe(int fds[2]) {
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return absl::ResourceExhaustedError(
        fmt::format("cannot make a pipe: {}", std::strerror(errno)));
  }
  for (int side = 0; side < 2; ++side) {
    if (fds[side] >= 3) continue;
    const int moved = fcntl(fds[side], F_DUPFD_CLOEXEC, 3);
    const int error = errno;
    close(fds[side]);
    fds[side] = moved;
    if (moved < 0) {
      CloseFd(fds[1 - side]);
      return absl::ResourceExhaustedError(
          fmt::format("cannot make a pipe: {}", std::strerror(error)));
    }
  }
  return absl::OkStatus();
}

absl::Status SetNonBlocking(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
    return absl::InternalError(
        fmt::format("cannot make a pipe non-blocking: {}", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status CannotStart(std::string_view program, int error) {
  const std::string message = fmt::format("cannot start '{}': {}", program, std::strerror(error));
  return error == ENOENT ? absl::NotFoundError(message) : absl::FailedPreconditionError(message);
}

bool IsExecutableFile(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && access(path.c_str(), X_OK) == 0;
}

// The path to execute for program: itself when it names a path, else the
// first executable file of that name in PATH (as execvp searches, but done
// before fork, where allocating is still safe).
absl::StatusOr<std::string> ResolveProgram(const std::string& program) {
  if (program.empty()) return CannotStart(program, ENOENT);
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  int error = ENOENT;
  for (std::string_view dir : SplitText(path != nullptr ? path : "/bin:/usr/bin", ':')) {
    const std::string candidate =
        dir.empty() ? program : fmt::format("{}/{}", dir, program);  // empty entry: current folder
    if (IsExecutableFile(candidate)) return candidate;
    if (access(candidate.c_str(), F_OK) == 0) error = EACCES;
  }
  return CannotStart(program, error);
}

// Blocks SIGPIPE in this thread while it lives, so that a write to a pipe
// whose reader has gone fails with EPIPE instead of killing the process, and
// discards the SIGPIPE that such a write left pending. Other threads and the
// process's signal dispositions are untouched.
class ScopedSigpipeBlock {
 public:
  ScopedSigpipeBlock() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &old_mask_);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~ScopedSigpipeBlock() {
    if (got_epipe_ && !was_pending_) {
      const timespec no_wait{};
      while (sigtimedwait(&sigpipe_, nullptr, &no_wait) < 0 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  ScopedSigpipeBlock(const ScopedSigpipeBlock&) = delete;
  ScopedSigpipeBlock& operator=(const ScopedSigpipeBlock&) = delete;

  void NoteEpipe() { got_epipe_ = true; }

 private:
  sigset_t sigpipe_;
  sigset_t old_mask_;
  bool was_pending_ = false;
  bool got_epipe_ = false;
};

// Milliseconds left until deadline for poll(), rounded up, at least 0.
int PollTimeout(Deadline deadline) {
  const auto left = deadline - SteadyClock::now();
  if (left <= SteadyClock::duration::zero()) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return static_cast<int>(std::min<int64_t>(ms, 1 << 30));
}

// Waits for events on fd until the deadline; false on timeout.
absl::StatusOr<bool> PollOne(int fd, short events, Deadline deadline) {
  while (true) {
    pollfd entry{.fd = fd, .events = events, .revents = 0};
    const int ready = poll(&entry, 1, PollTimeout(deadline));
    if (ready > 0) return true;
    if (ready == 0) {
      if (SteadyClock::now() >= deadline) return false;
      continue;
    }
    if (errno != EINTR) {
      return absl::InternalError(fmt::format("poll failed: {}", std::strerror(errno)));
    }
  }
}

// dup2, retried when a signal interrupts it.
bool Dup2(int from, int to) {
  while (dup2(from, to) < 0) {
    if (errno != EINTR) return false;
  }
  return true;
}

// What the child does between fork and exec.
struct ChildSetup {
  const char* program;
  char* const* argv;
  // The child's stdin, stdout and stderr; -1 for all three keeps ours.
  int stdin_fd = -1, stdout_fd = -1, stderr_fd = -1;
  int error_fd;  // gets errno when the child cannot exec
  bool own_process_group;
  int parent_death_signal;  // 0 for none
  pid_t parent;
};

// Runs in the child between fork and exec: only async-signal-safe calls.
[[noreturn]] void ExecChild(const ChildSetup& setup) {
  auto report_errno = [&setup] {
    const int error = errno;
    WriteValue(setup.error_fd, &error, sizeof error);
  };
  if (setup.parent_death_signal != 0) {
    prctl(PR_SET_PDEATHSIG, setup.parent_death_signal);
    if (getppid() != setup.parent) _exit(127);  // the parent died before prctl
  }
  if (setup.own_process_group) setpgid(0, 0);
  if (setup.stdin_fd >= 0 &&
      (!Dup2(setup.stdin_fd, 0) || !Dup2(setup.stdout_fd, 1) || !Dup2(setup.stderr_fd, 2))) {
    report_errno();
    _exit(127);
  }
  // dup2 leaves the new descriptors without close-on-exec; every other
  // descriptor is close-on-exec already, and this catches any that other
  // code opened without it (best effort: needs Linux 5.11).
  close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  // exec resets caught signals but keeps ignored ones ignored (SIGPIPE, say,
  // or SIGINT under nohup) and keeps the mask: the child gets the defaults.
  // Signals the C library reserves refuse the change, harmlessly.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  for (int signal_number = 1; signal_number < NSIG; ++signal_number) {
    if (signal_number == SIGKILL || signal_number == SIGSTOP) continue;
    sigaction(signal_number, &default_action, nullptr);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  execv(setup.program, setup.argv);
  report_errno();
  _exit(127);
}

}  // namespace

Subprocess::Subprocess(std::vector<std::string> argv, SubprocessOptions options)
    : argv_(std::move(argv)), options_(options), stderr_tail_(options.stderr_tail_bytes) {}

absl::StatusOr<std::unique_ptr<Subprocess>> Subprocess::Start(std::string_view command_line,
                                                              SubprocessOptions options) {
  absl::StatusOr<std::vector<std::string>> argv = SplitCommandLine(command_line);
  if (!argv.ok()) {
    return absl::InvalidArgumentError(fmt::format("cannot start an engine: {}", argv.status()));
  }
  return StartArgv(*std::move(argv), options);
}

absl::StatusOr<std::unique_ptr<Subprocess>> Subprocess::StartArgv(std::vector<std::string> argv,
                                                                  SubprocessOptions options) {
  if (argv.empty()) return absl::InvalidArgumentError("cannot start an engine: no program given");
  absl::StatusOr<std::string> program = ResolveProgram(argv[0]);
  if (!program.ok()) return program.status();
  // The destructor closes whatever this function has opened when it fails.
  std::unique_ptr<Subprocess> process(new Subprocess(std::move(argv), options));
  std::vector<char*> child_argv;
  for (std::string& word : process->argv_) child_argv.push_back(word.data());
  child_argv.push_back(nullptr);

  const bool pipes = options.stdio == SubprocessOptions::Stdio::kPipes;
  int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1}, exec_error[2] = {-1, -1};
  auto close_all = [&] {
    for (int* fds : {in, out, err, exec_error}) {
      CloseFd(fds[0]);
      CloseFd(fds[1]);
    }
  };
  std::vector<int*> needed = {exec_error};
  if (pipes) needed.insert(needed.end(), {in, out, err});
  for (int* fds : needed) {
    if (absl::Status status = MakePipe(fds); !status.ok()) {
      close_all();
      return status;
    }
  }
  if (pipes) {
    process->wake_fd_ = eventfd(0, EFD_CLOEXEC);
    if (process->wake_fd_ < 0) {
      close_all();
      return absl::ResourceExhaustedError(
          fmt::format("cannot make an eventfd: {}", std::strerror(errno)));
    }
  }
  const ChildSetup setup{.program = program->c_str(),
                         .argv = child_argv.data(),
                         .stdin_fd = in[0],
                         .stdout_fd = out[1],
                         .stderr_fd = err[1],
                         .error_fd = exec_error[1],
                         .own_process_group = options.own_process_group,
                         .parent_death_signal = options.parent_death_signal,
                         .parent = getpid()};

  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close_all();
    return absl::ResourceExhaustedError(
        fmt::format("cannot start '{}': fork failed: {}", process->argv_[0], std::strerror(error)));
  }
  if (pid == 0) ExecChild(setup);

  process->pid_ = pid;
  // Also in the child: whichever runs first, signals find the group.
  if (options.own_process_group) setpgid(pid, pid);
  CloseFd(in[0]);
  CloseFd(out[1]);
  CloseFd(err[1]);
  CloseFd(exec_error[1]);
  process->stdin_fd_ = std::exchange(in[1], -1);
  process->stdout_fd_ = std::exchange(out[0], -1);
  process->stderr_fd_ = std::exchange(err[0], -1);

  // The error pipe closes on a successful exec; otherwise it brings errno.
  int exec_errno = 0;
  ssize_t got;
  do {
    got = read(exec_error[0], &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  CloseFd(exec_error[0]);
  if (got == sizeof exec_errno) {
    process->WaitForExit(Deadline::max());
    return CannotStart(process->argv_[0], exec_errno);
  }

  if (!pipes) return process;
  for (int fd : {process->stdin_fd_, process->stdout_fd_}) {
    if (absl::Status status = SetNonBlocking(fd); !status.ok()) return status;
  }
  process->stderr_thread_ = std::thread([raw = process.get()] { raw->DrainStderr(); });
  return process;
}

Subprocess::~Subprocess() {
  Stop();
  CloseFd(stdin_fd_);
  CloseFd(stdout_fd_);
  CloseFd(stderr_fd_);
  CloseFd(wake_fd_);
}

void Subprocess::DrainStderr() {
  char buffer[4096];
  while (true) {
    pollfd entries[2] = {{.fd = stderr_fd_, .events = POLLIN, .revents = 0},
                         {.fd = wake_fd_, .events = POLLIN, .revents = 0}};
    if (poll(entries, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (entries[1].revents != 0) break;
    if (entries[0].revents == 0) continue;
    const ssize_t n = read(stderr_fd_, buffer, sizeof buffer);
    if (n > 0) {
      std::lock_guard lock(stderr_mutex_);
      stderr_tail_.Append(std::string_view(buffer, static_cast<size_t>(n)));
    } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
      break;
    }
  }
  std::lock_guard lock(stderr_mutex_);
  stderr_eof_ = true;
  stderr_done_.notify_all();
}

void Subprocess::StopStderrThread() {
  if (!stderr_thread_.joinable()) return;
  const uint64_t one = 1;
  WriteValue(wake_fd_, &one, sizeof one);
  stderr_thread_.join();
}

absl::Status Subprocess::Write(std::string_view data, Deadline deadline) {
  if (options_.stdio != SubprocessOptions::Stdio::kPipes)
    return absl::FailedPreconditionError("its input is not a pipe");
  if (stdin_fd_ < 0) return absl::FailedPreconditionError("its input is already closed");
  ScopedSigpipeBlock sigpipe_block;
  while (!data.empty()) {
    const ssize_t n = write(stdin_fd_, data.data(), data.size());
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
    } else if (n < 0 && errno == EPIPE) {
      sigpipe_block.NoteEpipe();
      return absl::UnavailableError("closed its input");
    } else if (n < 0 && errno == EAGAIN) {
      absl::StatusOr<bool> writable = PollOne(stdin_fd_, POLLOUT, deadline);
      if (!writable.ok()) return writable.status();
      if (!*writable) return absl::DeadlineExceededError("stopped reading its input");
    } else if (n < 0 && errno != EINTR) {
      return absl::InternalError(
          fmt::format("cannot write to its input: {}", std::strerror(errno)));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Subprocess::ReadLine(Deadline deadline, size_t max_bytes) {
  if (options_.stdio != SubprocessOptions::Stdio::kPipes)
    return absl::FailedPreconditionError("its output is not a pipe");
  size_t scanned = 0;
  while (true) {
    const size_t newline = stdout_buffer_.find('\n', scanned);
    if (newline != std::string::npos && newline <= max_bytes) {
      std::string line = stdout_buffer_.substr(0, newline);
      stdout_buffer_.erase(0, newline + 1);
      return line;
    }
    if (std::min(newline, stdout_buffer_.size()) > max_bytes) {
      return absl::ResourceExhaustedError(
          fmt::format("wrote a line longer than {} bytes", max_bytes));
    }
    scanned = stdout_buffer_.size();
    if (stdout_eof_) {
      if (stdout_buffer_.empty()) return absl::UnavailableError("closed its output");
      return absl::UnavailableError(
          fmt::format("closed its output in the middle of a line ({} bytes without a newline)",
                      stdout_buffer_.size()));
    }
    char chunk[65536];
    const ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
    if (n > 0) {
      stdout_buffer_.append(chunk, static_cast<size_t>(n));
    } else if (n == 0) {
      stdout_eof_ = true;
    } else if (errno == EAGAIN) {
      absl::StatusOr<bool> readable = PollOne(stdout_fd_, POLLIN, deadline);
      if (!readable.ok()) return readable.status();
      if (!*readable) return absl::DeadlineExceededError("no full line in time");
    } else if (errno != EINTR) {
      return absl::InternalError(fmt::format("cannot read its output: {}", std::strerror(errno)));
    }
  }
}

void Subprocess::CloseInput() { CloseFd(stdin_fd_); }

bool Subprocess::WaitForExit(Deadline deadline) {
  if (pid_ < 0 || exited()) return true;
  auto pause = std::chrono::milliseconds(1);
  while (true) {
    int status = 0;
    const pid_t reaped = waitpid(pid_, &status, WNOHANG);
    if (reaped == pid_) {
      wait_status_ = status;
      return true;
    }
    if (reaped < 0 && errno == ECHILD) {
      // Someone else reaped it (say, SIGCHLD is ignored): gone, status unknown.
      wait_status_ = -1;
      return true;
    }
    if (reaped < 0 && errno == EINTR) continue;
    if (reaped < 0) return false;
    const auto now = SteadyClock::now();
    if (now >= deadline) return false;
    std::this_thread::sleep_for(std::min<SteadyClock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
}

bool Subprocess::PollExit() { return WaitForExit(Deadline::min()); }

void Subprocess::SignalGroup(int signal) {
  if (pid_ < 0 || exited()) return;
  if (!options_.own_process_group || kill(-pid_, signal) != 0) kill(pid_, signal);
}

void Subprocess::Terminate() { SignalGroup(SIGTERM); }

void Subprocess::Kill() {
  SignalGroup(SIGKILL);
  WaitForExit(Deadline::max());
}

void Subprocess::Stop() {
  if (pid_ >= 0 && !exited()) {
    CloseInput();
    const bool exited_by_itself = options_.stdio == SubprocessOptions::Stdio::kPipes &&
                                  WaitForExit(SteadyClock::now() + options_.close_grace);
    if (!exited_by_itself) {
      SignalGroup(SIGTERM);
      if (!WaitForExit(SteadyClock::now() + options_.term_grace)) Kill();
    }
  }
  CloseInput();
  // Let the stderr thread take the child's last words before it is stopped;
  // it would wait longer only if a descendant still holds stderr open.
  StderrTail(std::chrono::milliseconds(100));
  StopStderrThread();
}

std::optional<int> Subprocess::exit_code() const {
  if (!exited() || *wait_status_ == -1 || !WIFEXITED(*wait_status_)) return std::nullopt;
  return WEXITSTATUS(*wait_status_);
}

std::optional<int> Subprocess::exit_signal() const {
  if (!exited() || *wait_status_ == -1 || !WIFSIGNALED(*wait_status_)) return std::nullopt;
  return WTERMSIG(*wait_status_);
}

std::string Subprocess::DescribeExit() const {
  if (!exited()) return "is still running";
  const int status = *wait_status_;
  if (status == -1) return "has exited";
  if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    const char* description = sigdescr_np(signal);
    return fmt::format("was killed by signal {} ({})", signal,
                       description != nullptr ? description : "unknown");
  }
  return fmt::format("ended with wait status {}", status);
}

std::string Subprocess::StderrTail(std::chrono::milliseconds wait_for_end) {
  std::unique_lock lock(stderr_mutex_);
  if (stderr_thread_.joinable()) {
    stderr_done_.wait_for(lock, wait_for_end, [this] { return stderr_eof_; });
  }
  return stderr_tail_.Contents();
}

uint64_t Subprocess::stderr_bytes() {
  std::lock_guard lock(stderr_mutex_);
  return stderr_tail_.total();
}

}  // namespace tengen
