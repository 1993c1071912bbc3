// A child process whose output goes to a log file, and polling for a
// condition, for the tests that start, signal and wait for real processes.
#ifndef TENGEN_TESTS_SUPPORT_CHILD_PROCESS_H_
#define TENGEN_TESTS_SUPPORT_CHILD_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/files.h"

extern char** environ;

namespace tengen {

// A child process with its output (stdout and stderr) going to a log file.
class ChildProcess {
 public:
  ChildProcess(const std::string& binary, const std::vector<std::string>& args,
               const std::string& log_path)
      : log_path_(log_path) {
    std::vector<std::string> all = {binary};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : all) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    const int error = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(error, 0) << "cannot start " << binary;
    if (error != 0) pid_ = -1;
  }
  ~ChildProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running() {
    if (pid_ <= 0 || exited_) return false;
    int status = 0;
    const pid_t result = waitpid(pid_, &status, WNOHANG);
    if (result == pid_) Reap(status);
    return !exited_;
  }
  void Signal(int signal_number) {
    if (pid_ > 0 && !exited_) kill(pid_, signal_number);
  }
  // The exit code, or 128 + the signal that ended it; SIGKILLs it after
  // timeout_s seconds (a test failure).
  int Wait(double timeout_s = 120) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    while (Running()) {
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "child " << pid_ << " still running after " << timeout_s
                      << " s; killing it. Log:\n"
                      << Log();
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        Reap(status);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return exit_code_;
  }
  std::string Log() const { return ReadBytes(log_path_); }

 private:
  void Reap(int status) {
    exited_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::string log_path_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
};

// Polls `condition` every few milliseconds for up to timeout_s seconds.
template <typename Condition>
bool WaitFor(Condition condition, double timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_CHILD_PROCESS_H_
