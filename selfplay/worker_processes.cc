#include "selfplay/worker_processes.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "absl/status/statusor.h"
#include "base/fmt_absl.h"
#include "base/interrupt.h"

namespace tengen {

namespace {

// Starts `binary` with `args` (args[0] included). The child gets SIGTERM
// when this process dies, even by kill -9, so no worker outlives its
// parent to write into a folder a rerun is using.
absl::StatusOr<pid_t> StartChild(const std::string& binary, std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int error_pipe[2];
  if (pipe2(error_pipe, O_CLOEXEC) != 0) return absl::UnavailableError(std::strerror(errno));
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close(error_pipe[0]);
    close(error_pipe[1]);
    return absl::UnavailableError(std::strerror(error));
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);  // the parent died before prctl
    execv(binary.c_str(), argv.data());
    const int error = errno;
    [[maybe_unused]] ssize_t ignored = write(error_pipe[1], &error, sizeof error);
    _exit(127);
  }
  close(error_pipe[1]);
  int child_error = 0;
  const ssize_t n = read(error_pipe[0], &child_error, sizeof child_error);
  close(error_pipe[0]);
  if (n == sizeof child_error) {
    waitpid(pid, nullptr, 0);
    return absl::UnavailableError(fmt::format("{}: {}", binary, std::strerror(child_error)));
  }
  return pid;
}

}  // namespace

std::string CurrentExecutable() {
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return "tengen";
  return std::string(path, n);
}

absl::Status RunWorkerProcesses(const std::string& binary,
                                const std::vector<std::vector<std::string>>& worker_args,
                                const std::function<bool()>& poll) {
  std::vector<pid_t> running;
  absl::Status first_error = absl::OkStatus();
  for (size_t w = 0; w < worker_args.size(); ++w) {
    std::vector<std::string> args = {binary};
    args.insert(args.end(), worker_args[w].begin(), worker_args[w].end());
    absl::StatusOr<pid_t> pid = StartChild(binary, args);
    if (!pid.ok()) {
      first_error = absl::UnavailableError(
          fmt::format("cannot start worker {}: {}", w, pid.status().message()));
      break;
    }
    running.push_back(*pid);
  }
  bool forwarded = false;
  bool asked_to_stop = false;
  std::vector<bool> done(running.size(), false);
  size_t remaining = running.size();
  while (remaining > 0) {
    if ((StopRequested() || asked_to_stop) && !forwarded) {
      // Workers in our process group got a terminal's Ctrl-C already; a
      // SIGTERM sent to us alone must reach them too.
      for (size_t i = 0; i < running.size(); ++i)
        if (!done[i]) kill(running[i], SIGTERM);
      forwarded = true;
    }
    if (!first_error.ok() && !forwarded) {
      for (size_t i = 0; i < running.size(); ++i)
        if (!done[i]) kill(running[i], SIGTERM);
      forwarded = true;
    }
    for (size_t i = 0; i < running.size(); ++i) {
      if (done[i]) continue;
      int status = 0;
      const pid_t result = waitpid(running[i], &status, WNOHANG);
      if (result == 0 || (result < 0 && errno == EINTR)) continue;
      done[i] = true;
      --remaining;
      const bool ok = result > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
      if (!ok && first_error.ok() && !StopRequested() && !asked_to_stop) {
        first_error = absl::InternalError(
            WIFSIGNALED(status)
                ? fmt::format("self-play worker {} was killed by signal {}", i, WTERMSIG(status))
                : fmt::format("self-play worker {} failed with exit status {}", i,
                              WEXITSTATUS(status)));
      }
    }
    if (poll && poll()) asked_to_stop = true;
    if (remaining > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return first_error;
}

}  // namespace tengen
