// Helpers shared by the GTP client tests: where the fake engines live, and
// checks that a child process is gone and reaped.
#ifndef TENGEN_TESTS_GTP_CLIENT_CLIENT_TEST_UTIL_H_
#define TENGEN_TESTS_GTP_CLIENT_CLIENT_TEST_UTIL_H_

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>

#include "gtest/gtest.h"

namespace tengen {

// The path of a script in tests/gtp/fake_engines/.
inline std::string FakeEngine(std::string_view script) {
  return std::string(TENGEN_FAKE_ENGINE_DIR) + "/" + std::string(script);
}

// The state letter of /proc/<pid>/stat ('R', 'S', 'Z', ...), or 0 when there
// is no such process.
inline char ProcessState(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return 0;
  const size_t paren = line.rfind(')');
  return paren == std::string::npos || paren + 2 >= line.size() ? 0 : line[paren + 2];
}

// Our child pid has been reaped: it is no child of ours any more (no zombie
// left), and no process by that pid runs.
inline void ExpectReaped(pid_t pid) {
  ASSERT_GT(pid, 0);
  errno = 0;
  EXPECT_EQ(waitpid(pid, nullptr, WNOHANG), -1) << "pid " << pid << " is still our child";
  EXPECT_EQ(errno, ECHILD);
  EXPECT_EQ(ProcessState(pid), 0) << "pid " << pid << " still exists";
}

// A process that is not our child (a grandchild) stops running within two
// seconds: it is gone, or a zombie waiting for init, which is not ours to
// reap. (A signal to a process group takes effect a moment later.)
inline void ExpectStopsRunning(pid_t pid) {
  char state = ProcessState(pid);
  for (int i = 0; i < 200 && state != 0 && state != 'Z' && state != 'X'; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    state = ProcessState(pid);
  }
  EXPECT_TRUE(state == 0 || state == 'Z' || state == 'X')
      << "pid " << pid << " is in state " << state;
}

}  // namespace tengen

#endif  // TENGEN_TESTS_GTP_CLIENT_CLIENT_TEST_UTIL_H_
