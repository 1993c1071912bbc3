// Helpers shared by the self-play tests: temporary folders, recorded
// self-play games, a fake evaluator with a distinct probability per move,
// replaying a recorded game position by position, and running commands
// (Python, the tengen binary) as child processes.
#ifndef TENGEN_TESTS_SELFPLAY_SELFPLAY_TEST_UTIL_H_
#define TENGEN_TESTS_SELFPLAY_SELFPLAY_TEST_UTIL_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "base/fmt_absl.h"
#include "engine/game_state.h"
#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "policy/evaluator.h"
#include "policy/features.h"
#include "policy/playable_moves.h"
#include "selfplay/selfplay_games.h"

extern char** environ;

namespace tengen {

namespace test_fs = std::filesystem;

// A fresh folder under the system's temporary folder, removed at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    static int counter = 0;
    path_ = test_fs::temp_directory_path() /
            fmt::format("tengen_{}_{}_{}", tag, static_cast<long>(getpid()), counter++);
    test_fs::remove_all(path_);
    test_fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    test_fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path() const { return path_.string(); }
  std::string Path(const std::string& relative) const { return (path_ / relative).string(); }

 private:
  test_fs::path path_;
};

// Whether a status's message contains `part`.
inline bool MessageHas(const absl::Status& status, std::string_view part) {
  return std::string_view(status.message().data(), status.message().size()).find(part) !=
         std::string_view::npos;
}

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void WriteBytes(const std::string& path, std::string_view bytes) {
  test_fs::create_directories(test_fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Regular files under dir (recursively) whose names end in `suffix`, sorted.
inline std::vector<std::string> FilesEndingIn(const std::string& dir, std::string_view suffix) {
  std::vector<std::string> files;
  std::error_code error;
  if (!test_fs::is_directory(dir, error)) return files;
  for (const auto& entry : test_fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Regular files under dir whose names contain `part`.
inline std::vector<std::string> FilesContaining(const std::string& dir, std::string_view part) {
  std::vector<std::string> files;
  std::error_code error;
  if (!test_fs::is_directory(dir, error)) return files;
  for (const auto& entry : test_fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().filename().string().find(part) != std::string::npos)
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// An evaluator whose probabilities differ from move to move, so a policy
// vector moved to the wrong place is noticed: over the legal moves, point
// (x, y) gets weight 1 + x + 2 * size * y + (the position's move count mod
// 3), pass weight 0.5; then normalised. Its value is a fixed function of
// the move count in (-1, 1). Deterministic.
class GradedEvaluator : public Evaluator {
 public:
  absl::StatusOr<std::vector<Evaluation>> EvaluateBatch(
      std::span<const GameState* const> states) override {
    std::vector<Evaluation> out;
    for (const GameState* state : states) {
      const int n = state->size();
      Evaluation e;
      e.policy.assign(n * n + 1, 0.0f);
      e.logits.assign(n * n + 1, 0.0f);
      const int shift = static_cast<int>(state->moves().size() % 3);
      double total = 0;
      for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
          if (state->IsLegal(MakePoint(x, y, n))) {
            e.policy[y * n + x] = static_cast<float>(1 + x + 2 * n * y + shift);
            total += e.policy[y * n + x];
          }
      e.policy[n * n] = 0.5f;
      total += 0.5;
      for (float& p : e.policy) p = static_cast<float>(p / total);
      e.value = static_cast<float>(((state->moves().size() * 7) % 19) / 10.0 - 0.9);
      out.push_back(std::move(e));
    }
    return out;
  }
  std::string Describe() const override { return "graded fake"; }
};

// Self-play games numbered 0..count-1, in the order of their numbers.
inline std::vector<FinishedGame> PlayGames(Evaluator& evaluator, SelfPlayOptions options,
                                           int count) {
  std::vector<int> indices(count);
  for (int i = 0; i < count; ++i) indices[i] = i;
  std::vector<FinishedGame> games;
  const absl::Status status =
      PlaySelfPlayGames(evaluator, options, indices, [&](FinishedGame game) {
        games.push_back(std::move(game));
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  std::sort(games.begin(), games.end(),
            [](const FinishedGame& a, const FinishedGame& b) { return a.index < b.index; });
  return games;
}

inline std::vector<FinishedGame> PlayUniformGames(int size, int count, uint64_t seed,
                                                  int parallel = 4) {
  std::unique_ptr<Evaluator> uniform = CreateUniformEvaluator();
  return PlayGames(*uniform, {.board_size = size, .parallel = parallel, .seed = seed}, count);
}

// One move of a recorded game, with the position it was played from.
struct ReplayedMove {
  GameState before;  // the position the move was chosen in
  PlayedMove move;
  std::vector<uint8_t> mask;  // PlayableMoveMask(before)
  bool had_choice = false;    // some point (not pass) was playable
  int data_index = -1;        // its position in the training data, if recorded
};

// Replays a record's moves from the empty board with the record's rules.
// Data positions are the moves made with a choice, in order (self-play
// leaves forced passes out).
inline std::vector<ReplayedMove> ReplayMoves(const GameRecord& record) {
  std::vector<ReplayedMove> out;
  GameState state(record.size, RulesOfRecord(record));
  int data_index = 0;
  for (const GameRecordNode& node : record.nodes) {
    EXPECT_TRUE(node.setup.empty());
    if (!node.move.has_value()) continue;
    ReplayedMove step{.before = state, .move = *node.move};
    step.mask = PlayableMoveMask(state);
    step.had_choice =
        std::any_of(step.mask.begin(), step.mask.end() - 1, [](uint8_t m) { return m != 0; });
    if (step.had_choice) step.data_index = data_index++;
    const absl::Status played = state.Play(node.move->point, node.move->color);
    EXPECT_TRUE(played.ok()) << played;
    out.push_back(std::move(step));
  }
  return out;
}

// The planes of a state under symmetry 0, as stored in training data.
inline std::vector<uint8_t> PlanesOf(const GameState& state) {
  std::vector<float> planes(NumFeatureValues(state.size()));
  EncodeFeatures(state, 0, planes);
  return std::vector<uint8_t>(planes.begin(), planes.end());
}

struct CommandOutput {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line and captures its output.
inline CommandOutput RunShell(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  CommandOutput result;
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Runs `script` with Debian's Python (numpy inside) and the given arguments.
inline CommandOutput RunPython(const std::string& script, const std::vector<std::string>& args,
                               const std::string& scratch_dir) {
  const std::string path = (test_fs::path(scratch_dir) / "script.py").string();
  WriteBytes(path, script);
  std::string command = "/usr/bin/python3 " + path;
  for (const std::string& arg : args) command += " '" + arg + "'";
  return RunShell(command);
}

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

#endif  // TENGEN_TESTS_SELFPLAY_SELFPLAY_TEST_UTIL_H_
