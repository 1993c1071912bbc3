// Helpers shared by the GTP server tests: a test engine over the fake
// evaluator, running a whole session on a string, and serving input that
// arrives later through a pipe.
#ifndef TENGEN_TESTS_GTP_GTP_TEST_UTIL_H_
#define TENGEN_TESTS_GTP_GTP_TEST_UTIL_H_

#include <unistd.h>

#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "gtp/gtp_engine.h"
#include "gtp/gtp_server.h"
#include "tests/gtp/reply_check.h"
#include "tests/support/fake_evaluators.h"
#include "tests/support/fd_stream.h"

namespace tengen {

// What the golden transcripts run with: 9x9, Chinese rules, argmax,
// symmetry none, seed 1, no search (visits 0: the policy engine, as
// `tengen gtp --visits 0`; a transcript turns search on with tengen-visits),
// fewer dead-stone playouts (faster, still exact for the small positions of
// the tests).
inline GtpEngineOptions TestEngineOptions() {
  GtpEngineOptions options{
      .board_size = 9, .symmetry = SymmetryMode::kNone, .seed = 1, .visits = 0};
  options.decision.dead_stones.playouts = 64;
  return options;
}

inline std::unique_ptr<GtpEngine> MakeTestEngine(GtpEngineOptions options = TestEngineOptions(),
                                                 std::vector<int>* batch_sizes = nullptr) {
  return std::make_unique<GtpEngine>(std::make_unique<FakeEvaluator>(batch_sizes),
                                     std::move(options));
}

// Serves `input` to the end (or quit) and returns everything written.
inline std::string RunGtp(GtpEngine& engine, std::string_view input) {
  std::istringstream in{std::string(input)};
  std::ostringstream out;
  GtpServer server(engine, in, out);
  server.Run();
  return out.str();
}

inline std::string RunGtp(std::string_view input) {
  std::unique_ptr<GtpEngine> engine = MakeTestEngine();
  return RunGtp(*engine, input);
}

// Input for ServeThroughAPipe: `text` is written `wait` after the previous
// piece (or the start).
struct TimedInput {
  std::chrono::milliseconds wait{0};
  std::string text;
};

struct PipedSession {
  std::string output;             // everything the server wrote
  double seconds_after_last = 0;  // from writing the last piece to the end of Run
};

// Runs the server on the read end of a pipe (GtpServer::Run, reading on its
// own thread as with stdin) while another thread writes `inputs`, each
// after its wait, then ends the input.
inline PipedSession ServeThroughAPipe(GtpEngine& engine, const std::vector<TimedInput>& inputs) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  FdStreamBuf in_buf(fds[0]);
  std::istream in(&in_buf);
  std::ostringstream out;
  GtpServer server(engine, in, out);
  std::chrono::steady_clock::time_point last_sent;
  std::thread controller([&] {
    for (const TimedInput& input : inputs) {
      std::this_thread::sleep_for(input.wait);
      last_sent = std::chrono::steady_clock::now();
      EXPECT_EQ(write(fds[1], input.text.data(), input.text.size()),
                static_cast<ssize_t>(input.text.size()));
    }
    close(fds[1]);
  });
  server.Run();
  const std::chrono::steady_clock::time_point done = std::chrono::steady_clock::now();
  controller.join();
  close(fds[0]);
  return {.output = out.str(),
          .seconds_after_last = std::chrono::duration<double>(done - last_sent).count()};
}

// The replies of a session; the test fails if the framing is broken.
inline std::vector<GtpReply> Replies(std::string_view output) {
  std::string error;
  std::optional<std::vector<GtpReply>> replies = SplitGtpReplies(output, &error);
  EXPECT_TRUE(replies.has_value()) << error << "\n" << output;
  return replies.value_or(std::vector<GtpReply>{});
}

}  // namespace tengen

#endif  // TENGEN_TESTS_GTP_GTP_TEST_UTIL_H_
