#include "selfplay/worker_processes.h"

#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "engine/interrupt.h"

extern char** environ;

namespace tengen {

std::string CurrentExecutable() {
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return "tengen";
  return std::string(path, n);
}

absl::Status RunWorkerProcesses(const std::string& binary,
                                const std::vector<std::vector<std::string>>& worker_args,
                                const std::function<void()>& poll) {
  std::vector<pid_t> running;
  absl::Status first_error = absl::OkStatus();
  for (size_t w = 0; w < worker_args.size(); ++w) {
    std::vector<std::string> args = {binary};
    args.insert(args.end(), worker_args[w].begin(), worker_args[w].end());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int error = posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ);
    if (error != 0) {
      first_error = absl::UnavailableError(
          fmt::format("cannot start worker {} ({}): {}", w, binary, std::strerror(error)));
      break;
    }
    running.push_back(pid);
  }
  bool forwarded = false;
  std::vector<bool> done(running.size(), false);
  size_t remaining = running.size();
  while (remaining > 0) {
    if (StopRequested() && !forwarded) {
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
      if (!ok && first_error.ok() && !StopRequested()) {
        first_error = absl::InternalError(
            WIFSIGNALED(status)
                ? fmt::format("self-play worker {} was killed by signal {}", i, WTERMSIG(status))
                : fmt::format("self-play worker {} failed with exit status {}", i,
                              WEXITSTATUS(status)));
      }
    }
    if (poll) poll();
    if (remaining > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return first_error;
}

}  // namespace tengen
