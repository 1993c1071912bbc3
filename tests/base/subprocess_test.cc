// The child-process launcher (base/subprocess.h): what a child starts with
// whatever this process did to its signals and descriptors, how its end is
// reported, and the ways to end it. The pipe protocol (lines, deadlines,
// stderr) is tested with the GTP client in tests/gtp/client/.
#include "base/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace tengen {
namespace {

using std::chrono::milliseconds;
using Stdio = SubprocessOptions::Stdio;

Deadline In(milliseconds duration) { return SteadyClock::now() + duration; }

SubprocessOptions Quick(Stdio stdio = Stdio::kPipes, bool own_group = true) {
  return {.close_grace = milliseconds(100),
          .term_grace = milliseconds(100),
          .stdio = stdio,
          .own_process_group = own_group};
}

std::unique_ptr<Subprocess> StartOk(std::vector<std::string> argv, SubprocessOptions options) {
  absl::StatusOr<std::unique_ptr<Subprocess>> process = Subprocess::StartArgv(argv, options);
  EXPECT_TRUE(process.ok()) << process.status();
  return process.ok() ? *std::move(process) : nullptr;
}

// The "Name:\tvalue" line of /proc/<pid>/status, without the name.
std::string StatusField(pid_t pid, const std::string& name) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(name + ":\t", 0) == 0) return line.substr(name.size() + 2);
  }
  return "(no " + name + ")";
}

std::set<std::string> OpenDescriptors(pid_t pid) {
  std::set<std::string> descriptors;
  for (const auto& entry :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    descriptors.insert(entry.path().filename().string());
  }
  return descriptors;
}

// Whether pid is gone or a zombie, within five seconds.
bool StopsRunning(pid_t pid) {
  const auto deadline = In(milliseconds(5000));
  while (SteadyClock::now() < deadline) {
    const std::string state = StatusField(pid, "State");
    if (state.rfind("(no", 0) == 0 || state[0] == 'Z') return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return false;
}

// Sets signal dispositions and the mask for one test, and puts them back.
class ScopedSignals {
 public:
  ScopedSignals() {
    sigprocmask(SIG_SETMASK, nullptr, &old_mask_);
    sigaction(SIGPIPE, nullptr, &old_pipe_);
    sigaction(SIGINT, nullptr, &old_int_);
  }
  ~ScopedSignals() {
    sigaction(SIGPIPE, &old_pipe_, nullptr);
    sigaction(SIGINT, &old_int_, nullptr);
    sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
  }

 private:
  sigset_t old_mask_;
  struct sigaction old_pipe_, old_int_;
};

class LauncherTest : public testing::TestWithParam<Stdio> {};

INSTANTIATE_TEST_SUITE_P(BothStdioModes, LauncherTest,
                         testing::Values(Stdio::kPipes, Stdio::kInherit),
                         [](const testing::TestParamInfo<Stdio>& info) {
                           return info.param == Stdio::kPipes ? "Pipes" : "Inherit";
                         });

TEST_P(LauncherTest, ChildGetsDefaultSignalsEvenWhenTheParentIgnoresOrBlocksThem) {
  ScopedSignals restore;
  signal(SIGPIPE, SIG_IGN);
  signal(SIGINT, SIG_IGN);
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGUSR1);
  sigprocmask(SIG_BLOCK, &blocked, nullptr);
  EXPECT_NE(StatusField(getpid(), "SigIgn"), "0000000000000000");  // the test is meaningful
  // Start returns once exec has happened, so the status is the program's.
  std::unique_ptr<Subprocess> process = StartOk({"sleep", "60"}, Quick(GetParam()));
  ASSERT_NE(process, nullptr);
  EXPECT_EQ(StatusField(process->pid(), "SigIgn"), "0000000000000000");
  EXPECT_EQ(StatusField(process->pid(), "SigBlk"), "0000000000000000");
}

TEST_P(LauncherTest, ChildDoesNotInheritOtherDescriptors) {
  // Opened without close-on-exec, as careless code might.
  const int leaky = open("/dev/null", O_RDONLY);
  ASSERT_GE(leaky, 3);
  std::unique_ptr<Subprocess> process = StartOk({"sleep", "60"}, Quick(GetParam()));
  close(leaky);
  ASSERT_NE(process, nullptr);
  std::set<std::string> standard;  // with kInherit, those of ours that are open
  for (int fd = 0; fd < 3; ++fd) {
    if (GetParam() == Stdio::kPipes || fcntl(fd, F_GETFD) >= 0) standard.insert(std::to_string(fd));
  }
  // Right after exec the dynamic loader briefly holds the libraries open;
  // an inherited descriptor would stay.
  std::set<std::string> open = OpenDescriptors(process->pid());
  for (const Deadline deadline = In(milliseconds(3000));
       open != standard && SteadyClock::now() < deadline; open = OpenDescriptors(process->pid())) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  EXPECT_EQ(open, standard);
}

TEST_P(LauncherTest, ReportsExitCodesAndSignals) {
  std::unique_ptr<Subprocess> exits = StartOk({"/bin/sh", "-c", "exit 7"}, Quick(GetParam()));
  ASSERT_NE(exits, nullptr);
  ASSERT_TRUE(exits->WaitForExit(In(milliseconds(5000))));
  EXPECT_EQ(exits->exit_code(), 7);
  EXPECT_EQ(exits->exit_signal(), std::nullopt);
  EXPECT_EQ(exits->DescribeExit(), "exited with status 7");

  std::unique_ptr<Subprocess> succeeds = StartOk({"/bin/sh", "-c", "exit 0"}, Quick(GetParam()));
  ASSERT_NE(succeeds, nullptr);
  ASSERT_TRUE(succeeds->WaitForExit(In(milliseconds(5000))));
  EXPECT_EQ(succeeds->exit_code(), 0);

  std::unique_ptr<Subprocess> killed = StartOk({"/bin/sh", "-c", "kill -9 $$"}, Quick(GetParam()));
  ASSERT_NE(killed, nullptr);
  ASSERT_TRUE(killed->WaitForExit(In(milliseconds(5000))));
  EXPECT_EQ(killed->exit_code(), std::nullopt);
  EXPECT_EQ(killed->exit_signal(), SIGKILL);
  EXPECT_EQ(killed->DescribeExit(), "was killed by signal 9 (Killed)");
}

TEST_P(LauncherTest, PollExitDoesNotWait) {
  std::unique_ptr<Subprocess> process =
      StartOk({"/bin/sh", "-c", "sleep 0.3; exit 2"}, Quick(GetParam()));
  ASSERT_NE(process, nullptr);
  const auto start = SteadyClock::now();
  EXPECT_FALSE(process->PollExit());
  EXPECT_LT(SteadyClock::now() - start, milliseconds(100));
  EXPECT_EQ(process->exit_code(), std::nullopt);
  while (!process->PollExit() && SteadyClock::now() - start < milliseconds(5000)) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(process->exited());
  EXPECT_EQ(process->exit_code(), 2);
}

TEST_P(LauncherTest, TerminateSendsSigtermAndReturnsAtOnce) {
  // Outside its own process group a SIGTERM to the group would end this test.
  for (bool own_group : {true, false}) {
    std::unique_ptr<Subprocess> process =
        StartOk({"/bin/sh", "-c", "exec sleep 60"}, Quick(GetParam(), own_group));
    ASSERT_NE(process, nullptr);
    const auto start = SteadyClock::now();
    process->Terminate();
    EXPECT_LT(SteadyClock::now() - start, milliseconds(100));
    ASSERT_TRUE(process->WaitForExit(In(milliseconds(5000))));
    EXPECT_EQ(process->exit_signal(), SIGTERM) << process->DescribeExit();
    process->Terminate();  // nothing once reaped
  }
}

TEST_P(LauncherTest, StopEndsAChildThatIgnoresSigterm) {
  std::unique_ptr<Subprocess> process =
      StartOk({"/bin/sh", "-c", "trap '' TERM; while :; do sleep 0.05; done"}, Quick(GetParam()));
  ASSERT_NE(process, nullptr);
  const pid_t pid = process->pid();
  // Stop sends SIGTERM at once with kInherit: first let the trap be set.
  const Deadline trap_deadline = In(milliseconds(5000));
  while (StatusField(pid, "SigIgn") == "0000000000000000" && SteadyClock::now() < trap_deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  const auto start = SteadyClock::now();
  process->Stop();
  EXPECT_LT(SteadyClock::now() - start, milliseconds(2000));
  EXPECT_EQ(process->exit_signal(), SIGKILL) << process->DescribeExit();
  EXPECT_TRUE(StopsRunning(pid));
}

TEST(SubprocessLauncherTest, InheritedStdioHasNoPipesToUse) {
  std::unique_ptr<Subprocess> process =
      StartOk({"/bin/sh", "-c", "exec sleep 60"}, Quick(Stdio::kInherit));
  ASSERT_NE(process, nullptr);
  EXPECT_EQ(process->Write("x\n", In(milliseconds(100))).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(process->ReadLine(In(milliseconds(100)), 100).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(process->StderrTail(), "");
}

TEST(SubprocessLauncherTest, ChildGetsTheParentDeathSignalWhenTheParentDies) {
  int report[2];
  ASSERT_EQ(pipe(report), 0);
  const pid_t parent = fork();
  ASSERT_GE(parent, 0);
  if (parent == 0) {
    // The middle process: starts a child and dies without stopping it.
    close(report[0]);
    absl::StatusOr<std::unique_ptr<Subprocess>> child = Subprocess::StartArgv(
        {"sleep", "60"},
        {.stdio = Stdio::kInherit, .own_process_group = false, .parent_death_signal = SIGTERM});
    const pid_t pid = child.ok() ? (*child)->pid() : -1;
    (void)!write(report[1], &pid, sizeof pid);
    _exit(0);
  }
  close(report[1]);
  pid_t child = -1;
  ASSERT_EQ(read(report[0], &child, sizeof child), static_cast<ssize_t>(sizeof child));
  close(report[0]);
  waitpid(parent, nullptr, 0);
  ASSERT_GT(child, 0);
  EXPECT_TRUE(StopsRunning(child));
}

void OnAlarm(int) {}

TEST(SubprocessLauncherTest, SignalsArrivingAllTheTimeInterruptNothing) {
  // SIGALRM every millisecond, with a handler that does not restart system
  // calls: every call the launcher makes sees EINTR often.
  struct sigaction action {
  }, old_action;
  action.sa_handler = OnAlarm;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  ASSERT_EQ(sigaction(SIGALRM, &action, &old_action), 0);
  const itimerval every_ms{.it_interval = {0, 1000}, .it_value = {0, 1000}};
  setitimer(ITIMER_REAL, &every_ms, nullptr);
  for (int round = 0; round < 5; ++round) {
    std::unique_ptr<Subprocess> process = StartOk(
        {"/bin/sh", "-c", "read line; echo \"got $line\"; echo oops >&2; sleep 0.05; exit 4"},
        Quick());
    ASSERT_NE(process, nullptr);
    EXPECT_TRUE(process->Write("hello\n", In(milliseconds(5000))).ok());
    absl::StatusOr<std::string> line = process->ReadLine(In(milliseconds(5000)), 100);
    ASSERT_TRUE(line.ok()) << line.status();
    EXPECT_EQ(*line, "got hello");
    ASSERT_TRUE(process->WaitForExit(In(milliseconds(5000))));
    EXPECT_EQ(process->exit_code(), 4);
    EXPECT_EQ(process->StderrTail(milliseconds(2000)), "oops\n");
  }
  const itimerval off{};
  setitimer(ITIMER_REAL, &off, nullptr);
  sigaction(SIGALRM, &old_action, nullptr);
}

}  // namespace
}  // namespace tengen
