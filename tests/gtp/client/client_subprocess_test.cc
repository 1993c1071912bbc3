#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "base/subprocess.h"
#include "base/tail_buffer.h"
#include "gtest/gtest.h"
#include "tests/gtp/client/client_test_util.h"

namespace tengen {
namespace {

using std::chrono::milliseconds;

Deadline In(milliseconds duration) { return SteadyClock::now() + duration; }

// Short grace periods, so that children left running end quickly.
constexpr SubprocessOptions kQuick{.close_grace = milliseconds(100),
                                   .term_grace = milliseconds(100)};

std::unique_ptr<Subprocess> StartProcessOk(std::vector<std::string> argv,
                                           SubprocessOptions options = kQuick) {
  absl::StatusOr<std::unique_ptr<Subprocess>> process = Subprocess::StartArgv(argv, options);
  EXPECT_TRUE(process.ok()) << process.status();
  return process.ok() ? *std::move(process) : nullptr;
}

std::unique_ptr<Subprocess> Shell(std::string script, SubprocessOptions options = kQuick) {
  return StartProcessOk({"/bin/sh", "-c", std::move(script)}, options);
}

bool SigpipePending() {
  sigset_t pending;
  sigpending(&pending);
  return sigismember(&pending, SIGPIPE) == 1;
}

TEST(TailBufferTest, KeepsExactlyTheLastBytesWhateverTheChunking) {
  std::mt19937 random(7);
  for (size_t capacity : {1, 2, 3, 7, 16, 100}) {
    TailBuffer tail(capacity);
    std::string everything;
    for (int step = 0; step < 300; ++step) {
      const size_t length = random() % (2 * capacity + 2);
      std::string chunk;
      for (size_t i = 0; i < length; ++i) chunk += static_cast<char>('a' + random() % 26);
      tail.Append(chunk);
      everything += chunk;
      const size_t kept = std::min(capacity, everything.size());
      ASSERT_EQ(tail.Contents(), everything.substr(everything.size() - kept))
          << "capacity " << capacity << " step " << step;
      ASSERT_EQ(tail.total(), everything.size());
    }
  }
}

TEST(SubprocessTest, NonexistentProgramIsAClearError) {
  for (const char* program : {"nosuchengine", "./nosuchengine", "/no/such/dir/engine"}) {
    absl::StatusOr<std::unique_ptr<Subprocess>> process = Subprocess::StartArgv({program, "--x"});
    ASSERT_FALSE(process.ok());
    EXPECT_EQ(process.status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(process.status().message(),
              std::string("cannot start '") + program + "': No such file or directory");
  }
}

TEST(SubprocessTest, ProgramThatIsNotExecutableIsAClearError) {
  std::string path = (std::filesystem::temp_directory_path() / "tengen_not_executable_XXXXXX");
  const int fd = mkstemp(path.data());
  ASSERT_GE(fd, 0);
  close(fd);  // mode 0600: no one may execute it
  absl::StatusOr<std::unique_ptr<Subprocess>> process = Subprocess::StartArgv({path});
  unlink(path.c_str());
  ASSERT_FALSE(process.ok());
  EXPECT_EQ(process.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(process.status().message(), "cannot start '" + path + "': Permission denied");
}

TEST(SubprocessTest, FindsProgramsInPath) {
  std::unique_ptr<Subprocess> process = StartProcessOk({"sh", "-c", "echo found"});
  ASSERT_NE(process, nullptr);
  absl::StatusOr<std::string> line = process->ReadLine(In(milliseconds(5000)), 100);
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(*line, "found");
}

TEST(SubprocessTest, CommandLineIsSplitLikeAShellWouldWithoutRunningOne) {
  absl::StatusOr<std::unique_ptr<Subprocess>> process =
      Subprocess::Start("/bin/sh -c 'printf \"%s|\" \"$@\"; echo' sh a\\ b \"c d\" '$HOME'");
  ASSERT_TRUE(process.ok()) << process.status();
  absl::StatusOr<std::string> line = (*process)->ReadLine(In(milliseconds(5000)), 100);
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(*line, "a b|c d|$HOME|");
}

// That a child inherits no other descriptor is the launcher's contract,
// tested once in tests/base/subprocess_test.cc
// (LauncherTest.ChildDoesNotInheritOtherDescriptors).

TEST(SubprocessTest, ReadLineSplitsLinesAndReportsAnUnfinishedLastOne) {
  std::unique_ptr<Subprocess> process = Shell("printf 'one\\ntwo\\n\\nthree'");
  ASSERT_NE(process, nullptr);
  for (const char* expected : {"one", "two", ""}) {
    absl::StatusOr<std::string> line = process->ReadLine(In(milliseconds(5000)), 100);
    ASSERT_TRUE(line.ok()) << line.status();
    EXPECT_EQ(*line, expected);
  }
  absl::StatusOr<std::string> last = process->ReadLine(In(milliseconds(5000)), 100);
  EXPECT_EQ(last.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(last.status().message(),
            "closed its output in the middle of a line (5 bytes without a newline)");
}

TEST(SubprocessTest, ReadLineTimesOutAndKeepsWhatItRead) {
  std::unique_ptr<Subprocess> process = Shell("printf 'par'; sleep 1; printf 'tial\\n'; sleep 60");
  ASSERT_NE(process, nullptr);
  const auto start = SteadyClock::now();
  absl::StatusOr<std::string> line = process->ReadLine(In(milliseconds(200)), 100);
  EXPECT_EQ(line.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(SteadyClock::now() - start, milliseconds(900));
  line = process->ReadLine(In(milliseconds(5000)), 100);
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(*line, "partial");
}

TEST(SubprocessTest, ReadLineRefusesALineLongerThanTheLimit) {
  std::unique_ptr<Subprocess> process = Shell("head -c 5000 /dev/zero | tr '\\0' x; sleep 60");
  ASSERT_NE(process, nullptr);
  absl::StatusOr<std::string> line = process->ReadLine(In(milliseconds(5000)), 1000);
  EXPECT_EQ(line.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(line.status().message(), "wrote a line longer than 1000 bytes");
}

TEST(SubprocessTest, WriteToAChildThatClosedItsInputFailsWithoutSigpipe) {
  std::unique_ptr<Subprocess> process = Shell("exec 0<&-; echo closed; exec sleep 60");
  ASSERT_NE(process, nullptr);
  ASSERT_TRUE(process->ReadLine(In(milliseconds(5000)), 100).ok());
  const absl::Status written = process->Write("1 name\n", In(milliseconds(5000)));
  EXPECT_EQ(written.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(written.message(), "closed its input");
  EXPECT_FALSE(SigpipePending());
}

TEST(SubprocessTest, WriteToAChildThatDoesNotReadTimesOut) {
  std::unique_ptr<Subprocess> process = Shell("exec sleep 60");
  ASSERT_NE(process, nullptr);
  const std::string megabyte(1 << 20, 'x');
  const auto start = SteadyClock::now();
  const absl::Status written = process->Write(megabyte, In(milliseconds(300)));
  EXPECT_EQ(written.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(SteadyClock::now() - start, milliseconds(2000));
}

TEST(SubprocessTest, StderrIsDrainedSoAChattyChildNeverBlocks) {
  // 1 MB of stderr is far more than a pipe holds; the child answers on stdout
  // only once all of it has been taken.
  std::unique_ptr<Subprocess> process =
      Shell("head -c 1048576 /dev/zero | tr '\\0' e >&2; echo 'last words' >&2; echo done");
  ASSERT_NE(process, nullptr);
  absl::StatusOr<std::string> line = process->ReadLine(In(milliseconds(10000)), 100);
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(*line, "done");
  ASSERT_TRUE(process->WaitForExit(In(milliseconds(5000))));
  const std::string tail = process->StderrTail(milliseconds(2000));
  EXPECT_EQ(tail.size(), 4096u);
  EXPECT_EQ(tail.substr(tail.size() - 11), "last words\n");
  EXPECT_EQ(process->stderr_bytes(), 1048576u + 11u);
}

TEST(SubprocessTest, DescribesHowTheChildEnded) {
  std::unique_ptr<Subprocess> exits = Shell("exit 7");
  ASSERT_NE(exits, nullptr);
  EXPECT_EQ(exits->DescribeExit(), "is still running");
  ASSERT_TRUE(exits->WaitForExit(In(milliseconds(5000))));
  EXPECT_EQ(exits->DescribeExit(), "exited with status 7");

  std::unique_ptr<Subprocess> killed = Shell("exec sleep 60");
  ASSERT_NE(killed, nullptr);
  killed->Kill();
  EXPECT_EQ(killed->DescribeExit(), "was killed by signal 9 (Killed)");
  ExpectReaped(killed->pid());
}

TEST(SubprocessTest, StopClosesInputFirstSoAWellBehavedChildExitsByItself) {
  std::unique_ptr<Subprocess> process = Shell("cat >/dev/null; exit 5");
  ASSERT_NE(process, nullptr);
  const pid_t pid = process->pid();
  process->Stop();
  EXPECT_EQ(process->DescribeExit(), "exited with status 5");
  ExpectReaped(pid);
}

TEST(SubprocessTest, StopEscalatesToSigtermThenSigkillForTheWholeGroup) {
  // Ignores end of input and SIGTERM; its sleeping child is in its group.
  std::unique_ptr<Subprocess> process =
      Shell("trap '' TERM; sleep 86400 & echo $!; while :; do sleep 1; done");
  ASSERT_NE(process, nullptr);
  absl::StatusOr<std::string> line = process->ReadLine(In(milliseconds(5000)), 100);
  ASSERT_TRUE(line.ok()) << line.status();
  const pid_t grandchild = std::stoi(*line);
  const pid_t pid = process->pid();
  const auto start = SteadyClock::now();
  process.reset();
  EXPECT_LT(SteadyClock::now() - start, milliseconds(2000));
  ExpectReaped(pid);
  ExpectStopsRunning(grandchild);
}

TEST(SubprocessTest, StopSendsSigtermToAChildThatIgnoresItsInput) {
  SubprocessOptions options{.close_grace = milliseconds(100), .term_grace = milliseconds(5000)};
  std::unique_ptr<Subprocess> process = Shell("exec sleep 86400", options);
  ASSERT_NE(process, nullptr);
  process->Stop();
  EXPECT_EQ(process->DescribeExit(), "was killed by signal 15 (Terminated)");
}

}  // namespace
}  // namespace tengen
