// Streaming analysis framing, and the server's flushing and reading: a real
// pipe delivers the next command later, while analysis is running.
#include <chrono>
#include <streambuf>
#include <thread>

#include "tests/gtp/gtp_test_util.h"

namespace tengen {
namespace {

// Collects output and counts flushes.
class CountingStreamBuf : public std::stringbuf {
 public:
  int flushes = 0;
  std::vector<std::string> at_flush;  // the whole output at each flush

 protected:
  int sync() override {
    ++flushes;
    at_flush.push_back(str());
    return 0;
  }
};

TEST(Streaming, AStringInputGivesOneUpdateThenTheEmptyLine) {
  const std::string output = RunGtp("boardsize 3\n1 lz-analyze 10\n2 name\n");
  const std::vector<GtpReply> replies = Replies(output);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[1].id, "1");
  EXPECT_EQ(replies[1].body.rfind("\ninfo move B2 ", 0), 0u) << replies[1].body;
  EXPECT_EQ(std::count(replies[1].body.begin(), replies[1].body.end(), '\n'), 1);
  EXPECT_EQ(replies[2].body, " Tengen");
  // The stream also ends at the end of the input.
  EXPECT_EQ(Replies(RunGtp("kata-analyze 1")).size(), 1u);
}

TEST(Streaming, UpdatesUntilTheNextLineArrives) {
  std::unique_ptr<GtpEngine> engine = MakeTestEngine();
  const PipedSession session = ServeThroughAPipe(
      *engine, {{.text = "boardsize 3\n7 lz-analyze b 1\n"},  // an update every 10 ms
                {.wait = std::chrono::milliseconds(300), .text = "8 name\n"}});
  const std::vector<GtpReply> replies = Replies(session.output);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[1].id, "7");
  // Several identical updates, each a line of its own.
  ASSERT_EQ(replies[1].body[0], '\n');
  std::vector<std::string> updates;
  std::istringstream lines(replies[1].body.substr(1));
  for (std::string line; std::getline(lines, line);) updates.push_back(line);
  EXPECT_GE(updates.size(), 3u);
  for (const std::string& update : updates) {
    EXPECT_EQ(update, updates[0]);
    EXPECT_EQ(update.rfind("info move B2 ", 0), 0u) << update;
  }
  EXPECT_EQ(replies[2].id, "8");
}

TEST(Streaming, EveryReplyIsFlushedAsItIsComplete) {
  CountingStreamBuf buf;
  std::ostream out(&buf);
  std::istringstream in("1 name\n\n# nothing\n2 boardsize 0\n3 lz-analyze 0\n4 version\n");
  std::unique_ptr<GtpEngine> engine = MakeTestEngine();
  GtpServer server(*engine, in, out);
  server.Run();
  // Each reply is complete at some flush (the stream's head is flushed too).
  for (std::string_view reply : {"=1 Tengen\n\n", "?2 unacceptable size\n\n", "=4 0.15\n\n"}) {
    EXPECT_TRUE(std::any_of(buf.at_flush.begin(), buf.at_flush.end(), [&](const std::string& s) {
      return s.size() >= reply.size() &&
             s.compare(s.size() - reply.size(), reply.size(), reply) == 0;
    })) << reply;
  }
  EXPECT_TRUE(std::any_of(buf.at_flush.begin(), buf.at_flush.end(),
                          [](const std::string& s) { return s.ends_with("=3\n"); }));
  EXPECT_EQ(buf.at_flush.back(), buf.str());
}

TEST(Streaming, HandleLineWithoutRunStopsAfterOneUpdate) {
  std::istringstream in;
  std::ostringstream out;
  std::unique_ptr<GtpEngine> engine = MakeTestEngine();
  GtpServer server(*engine, in, out);
  EXPECT_TRUE(server.HandleLine("boardsize 2"));
  EXPECT_TRUE(server.HandleLine("5 lz-analyze 1"));
  EXPECT_TRUE(server.HandleLine("   # nothing"));
  EXPECT_FALSE(server.HandleLine("6 quit"));
  EXPECT_EQ(out.str(),
            "=\n\n=5\ninfo move B1 visits 253 winrate 5000 prior 2534 lcb 5000 order 0 pv B1 "
            "info move B2 visits 250 winrate 5000 prior 2501 lcb 5000 order 1 pv B2 info move "
            "A1 visits 241 winrate 5000 prior 2410 lcb 5000 order 2 pv A1 info move A2 visits "
            "238 winrate 5000 prior 2379 lcb 5000 order 3 pv A2 info move pass visits 18 "
            "winrate 5000 prior 177 lcb 5000 order 4 pv pass\n\n=6\n\n");
}

}  // namespace
}  // namespace tengen
