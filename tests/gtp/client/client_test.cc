#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "base/text_util.h"
#include "engine/coordinates.h"
#include "engine/game_state.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gtp/client/gtp_client.h"
#include "tests/gtp/client/client_test_util.h"

namespace tengen {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

std::string Message(const absl::Status& status) { return std::string(status.message()); }

std::unique_ptr<GtpClient> StartOk(std::vector<std::string> argv, GtpClientOptions options = {}) {
  absl::StatusOr<std::unique_ptr<GtpClient>> client = GtpClient::StartArgv(argv, options);
  EXPECT_TRUE(client.ok()) << client.status();
  return client.ok() ? *std::move(client) : nullptr;
}

// Options for fake engines: short timeouts, so failures come quickly.
GtpClientOptions Quick(milliseconds timeout = milliseconds(2000)) {
  GtpClientOptions options;
  options.command_timeout = timeout;
  options.startup_timeout = milliseconds(5000);
  options.process.close_grace = milliseconds(300);
  options.process.term_grace = milliseconds(300);
  return options;
}

// The pid in an error message's "(pid N)".
pid_t PidIn(const absl::Status& status) {
  std::smatch match;
  const std::string message = Message(status);
  if (!std::regex_search(message, match, std::regex(R"(\(pid (\d+)\))"))) return -1;
  return std::stoi(match[1]);
}

// Seconds since start.
double Since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// ---- GNU Go ----

class GnuGoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access(TENGEN_GNUGO, X_OK) != 0) GTEST_SKIP() << TENGEN_GNUGO << " is not installed";
    client_ = StartOk({TENGEN_GNUGO, "--mode", "gtp", "--level", "1"});
    ASSERT_NE(client_, nullptr);
  }

  std::string Ok(std::string_view command) {
    absl::StatusOr<std::string> text = client_->Command(command);
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? *text : "";
  }

  std::unique_ptr<GtpClient> client_;
};

TEST_F(GnuGoTest, SpeaksProtocolVersion2AndNamesItself) {
  EXPECT_EQ(client_->protocol_version(), "2");
  EXPECT_EQ(client_->name(), "gnugo");
  EXPECT_EQ(Ok("protocol_version"), "2");
  EXPECT_EQ(Ok("name"), "GNU Go");
  EXPECT_EQ(Ok("version"), "3.8");
}

TEST_F(GnuGoTest, PlaysAndGeneratesMoves) {
  Ok("boardsize 9");
  Ok("clear_board");
  EXPECT_EQ(Ok("play b E5"), "");
  const std::string move = Ok("genmove w");
  if (!EqualsIgnoreCase(move, "resign")) {
    absl::StatusOr<Point> point = ParseGtpVertex(move, 9);
    ASSERT_TRUE(point.ok()) << move << ": " << point.status();
    EXPECT_NE(AsciiLower(move), "e5");
  }
}

TEST_F(GnuGoTest, IllegalMoveIsAnAnswerNotAnError) {
  Ok("boardsize 9");
  Ok("clear_board");
  Ok("play b E5");
  absl::StatusOr<GtpReply> reply = client_->Send("play w E5");
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_FALSE(reply->ok);
  EXPECT_EQ(reply->text, "illegal move");
  EXPECT_TRUE(client_->usable());

  absl::StatusOr<std::string> text = client_->Command("play w E5");
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(text.status()), "GTP engine 'gnugo' refused 'play w E5': illegal move");
  EXPECT_EQ(Ok("name"), "GNU Go");  // still in step
}

TEST_F(GnuGoTest, MultiLineRepliesComeBackWhole) {
  Ok("boardsize 9");
  Ok("clear_board");
  Ok("play b C3");
  const std::string board = Ok("showboard");
  const std::vector<std::string_view> rows = SplitText(board, '\n');
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_EQ(rows.front(), "   A B C D E F G H J");
  EXPECT_EQ(rows.back(), "   A B C D E F G H J");
  EXPECT_EQ(rows[7].substr(0, 10), " 3 . . X .");

  // Every listed command is one GNU Go knows: the list is whole and in step.
  const std::string list = Ok("list_commands");
  const std::vector<std::string_view> commands = SplitText(list, '\n');
  EXPECT_GT(commands.size(), 50u);
  for (std::string_view required : {"protocol_version", "genmove", "showboard", "quit"}) {
    EXPECT_NE(std::find(commands.begin(), commands.end(), required), commands.end()) << required;
  }
  for (std::string_view command : commands) {
    ASSERT_EQ(Ok("known_command " + std::string(command)), "true") << command;
  }
  EXPECT_EQ(Ok("known_command no_such_command"), "false");
}

TEST_F(GnuGoTest, PlaysAShortGameToTheEnd) {
  Ok("boardsize 9");
  Ok("clear_board");
  Ok("komi 6.5");
  // Tengen's own rules engine checks every move GNU Go makes.
  GameState game(9, Rules{.ko = KoRule::kSimple, .suicide_allowed = false, .komi = 6.5});
  int moves = 0;
  while (!game.IsOver() && moves < 60) {
    const Color color = game.to_move();
    const std::string move = Ok(color == Color::kBlack ? "genmove b" : "genmove w");
    if (EqualsIgnoreCase(move, "resign")) break;
    absl::StatusOr<Point> point = ParseGtpVertex(move, 9);
    ASSERT_TRUE(point.ok()) << move << ": " << point.status();
    ASSERT_TRUE(game.Play(*point, color).ok()) << "move " << moves << ": " << move;
    ++moves;
  }
  EXPECT_GT(moves, 10);
  const std::string score = Ok("final_score");
  EXPECT_TRUE(std::regex_match(score, std::regex(R"([BW]\+\d+(\.\d+)?|0)"))) << score;
  const pid_t pid = client_->pid();
  ASSERT_TRUE(client_->Quit().ok());
  ExpectReaped(pid);
}

TEST_F(GnuGoTest, QuitEndsTheEngineAndLaterCommandsFailFast) {
  const pid_t pid = client_->pid();
  ASSERT_TRUE(client_->Quit().ok());
  ExpectReaped(pid);
  EXPECT_FALSE(client_->usable());
  absl::StatusOr<GtpReply> reply = client_->Send("name");
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Message(reply.status()), HasSubstr("has quit"));
}

TEST_F(GnuGoTest, DestructorEndsTheEngineWithoutAZombie) {
  const pid_t pid = client_->pid();
  client_.reset();
  ExpectReaped(pid);
}

// ---- Starting ----

TEST(GtpClientStartTest, NonexistentProgramIsAClearError) {
  absl::StatusOr<std::unique_ptr<GtpClient>> client = GtpClient::Start("nosuchengine --mode gtp");
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Message(client.status()), "cannot start 'nosuchengine': No such file or directory");
}

TEST(GtpClientStartTest, BadCommandLineIsAClearError) {
  absl::StatusOr<std::unique_ptr<GtpClient>> client = GtpClient::Start("gnugo --mode 'gtp");
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(client.status()),
            "cannot start a GTP engine: an unterminated single quote in command line "
            "[gnugo --mode 'gtp]");
}

TEST(GtpClientStartTest, CommandLineWithQuotesReachesTheEngine) {
  absl::StatusOr<std::unique_ptr<GtpClient>> client =
      GtpClient::Start("'" + FakeEngine("echo_engine.sh") + "' unused\\ argument", Quick());
  ASSERT_TRUE(client.ok()) << client.status();
  EXPECT_EQ((*client)->name(), "echo_engine.sh");
  EXPECT_EQ((*client)->protocol_version(), "protocol_version");
}

// ---- Engines that fail ----

TEST(GtpClientFailureTest, EngineThatCrashesIsUnavailableWithExitStatusAndStderr) {
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("crash_after.sh"), "3"}, Quick());
  ASSERT_NE(client, nullptr);
  const pid_t pid = client->pid();
  ASSERT_TRUE(client->Send("boardsize 9").ok());
  ASSERT_TRUE(client->Send("clear_board").ok());
  absl::StatusOr<GtpReply> reply = client->Send("genmove b");
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(Message(reply.status()),
            fmt::format("GTP engine 'crash_after.sh' (pid {}) failed on 'genmove b': it closed "
                        "its output; it exited with status 3. Its stderr:\n"
                        "fake engine: crashing on purpose at command 4",
                        pid));
  ExpectReaped(pid);

  const auto start = SteadyClock::now();
  reply = client->Send("name");
  EXPECT_LT(Since(start), 0.1);
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Message(reply.status()),
              HasSubstr("'name' was not sent to GTP engine 'crash_after.sh', which is no longer "
                        "usable: GTP engine 'crash_after.sh'"));
  EXPECT_FALSE(client->usable());
}

TEST(GtpClientFailureTest, EngineThatCrashesAtStartIsAStartError) {
  absl::StatusOr<std::unique_ptr<GtpClient>> client =
      GtpClient::StartArgv({FakeEngine("crash_after.sh"), "0"}, Quick());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(Message(client.status()), HasSubstr("failed on 'protocol_version'"));
  EXPECT_THAT(Message(client.status()), HasSubstr("exited with status 3"));
  ExpectReaped(PidIn(client.status()));
}

TEST(GtpClientFailureTest, EngineThatHangsIsKilledAtTheTimeoutWithItsChildren) {
  std::unique_ptr<GtpClient> client =
      StartOk({FakeEngine("hang_on_genmove.sh")}, Quick(milliseconds(500)));
  ASSERT_NE(client, nullptr);
  const pid_t pid = client->pid();
  ASSERT_TRUE(client->Send("play b E5").ok());
  const auto start = SteadyClock::now();
  absl::StatusOr<GtpReply> reply = client->Send("genmove w");
  const double waited = Since(start);
  EXPECT_GE(waited, 0.45);
  EXPECT_LT(waited, 2.0);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kDeadlineExceeded);
  const std::string message = Message(reply.status());
  EXPECT_THAT(message, HasSubstr(fmt::format(
                           "GTP engine 'hang_on_genmove.sh' (pid {}) failed on 'genmove w': no "
                           "reply within 0.5 s; it was still running and has been killed.",
                           pid)));
  ExpectReaped(pid);
  std::smatch sleeper;
  ASSERT_TRUE(std::regex_search(message, sleeper, std::regex(R"(sleeper (\d+))"))) << message;
  ExpectStopsRunning(std::stoi(sleeper[1]));

  const auto again = SteadyClock::now();
  reply = client->Send("genmove w");
  EXPECT_LT(Since(again), 0.1);
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Message(reply.status()), HasSubstr("no reply within 0.5 s"));
}

TEST(GtpClientFailureTest, GarbageReplyIsDataLoss) {
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("garbage.sh"), "1"}, Quick());
  ASSERT_NE(client, nullptr);
  const pid_t pid = client->pid();
  absl::StatusOr<GtpReply> reply = client->Send("name");
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Message(reply.status()),
            fmt::format("GTP engine 'garbage.sh' (pid {}) failed on 'name': it answered \"hello "
                        "there\", which is not a GTP reply (replies start with '=' or '?'); it "
                        "was still running and has been killed. It wrote nothing to stderr.",
                        pid));
  ExpectReaped(pid);
  EXPECT_EQ(client->Send("name").status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(GtpClientFailureTest, GarbageAtStartIsAStartError) {
  absl::StatusOr<std::unique_ptr<GtpClient>> client =
      GtpClient::StartArgv({FakeEngine("garbage.sh"), "0"}, Quick());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(Message(client.status()), HasSubstr("failed on 'protocol_version'"));
  ExpectReaped(PidIn(client.status()));
}

TEST(GtpClientFailureTest, WrongIdIsDataLoss) {
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("wrong_id.sh"), "1"}, Quick());
  ASSERT_NE(client, nullptr);
  absl::StatusOr<GtpReply> reply = client->Send("name");
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(Message(reply.status()),
              HasSubstr("failed on 'name': it answered \"=3 42\", with id 3 where the command "
                        "had id 2"));
  ExpectReaped(client->pid());
}

TEST(GtpClientFailureTest, MissingIdIsDataLoss) {
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("wrong_id.sh"), "1", "none"}, Quick());
  ASSERT_NE(client, nullptr);
  absl::StatusOr<GtpReply> reply = client->Send("name");
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(Message(reply.status()),
              HasSubstr("it answered \"= 42\", with no id where the command had id 2"));
}

TEST(GtpClientFailureTest, EngineThatNeverReadsAndFloodsStderrDoesNotDeadlock) {
  GtpClientOptions options = Quick();
  options.startup_timeout = milliseconds(1000);
  const auto start = SteadyClock::now();
  absl::StatusOr<std::unique_ptr<GtpClient>> client =
      GtpClient::StartArgv({FakeEngine("flood_stderr.sh")}, options);
  EXPECT_LT(Since(start), 3.0);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), absl::StatusCode::kDeadlineExceeded);
  const std::string message = Message(client.status());
  EXPECT_THAT(message, HasSubstr("failed on 'protocol_version': no reply within 1 s; it was "
                                 "still running and has been killed. The end of its stderr ("));
  EXPECT_THAT(message, HasSubstr("fake engine: flooding stderr, line after line after line"));
  EXPECT_LT(message.size(), 5000u);
  ExpectReaped(PidIn(client.status()));
}

TEST(GtpClientFailureTest, EngineThatWritesMuchToStderrStillAnswers) {
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("noisy.sh")}, Quick(milliseconds(10000)));
  ASSERT_NE(client, nullptr);
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<std::string> text = client->Command("name");
    ASSERT_TRUE(text.ok()) << text.status();
    EXPECT_EQ(*text, "ok");
  }
  // Once the engine has exited, the tail holds the very end of its stderr.
  ASSERT_TRUE(client->Quit().ok());
  const std::string tail = client->StderrTail(milliseconds(5000));
  EXPECT_LE(tail.size(), 4096u);
  EXPECT_THAT(tail, HasSubstr("noise line 1999"));
}

TEST(GtpClientFailureTest, EngineThatClosesItsOutputButRunsOnIsKilled) {
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("close_stdout.sh"), "1"}, Quick());
  ASSERT_NE(client, nullptr);
  const pid_t pid = client->pid();
  const auto start = SteadyClock::now();
  absl::StatusOr<GtpReply> reply = client->Send("genmove b");
  EXPECT_LT(Since(start), 2.0);
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(Message(reply.status()),
            fmt::format("GTP engine 'close_stdout.sh' (pid {}) failed on 'genmove b': it closed "
                        "its output; it was still running and has been killed. Its stderr:\n"
                        "fake engine: closed stdout, still running",
                        pid));
  ExpectReaped(pid);
}

TEST(GtpClientFailureTest, ReplyLongerThanTheLimitIsDataLoss) {
  GtpClientOptions options = Quick();
  options.max_reply_bytes = 1000;
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("echo_engine.sh")}, options);
  ASSERT_NE(client, nullptr);
  absl::StatusOr<GtpReply> reply = client->Send("long 900");
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->text, std::string(900, 'x'));
  reply = client->Send("long 5000");
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(Message(reply.status()),
              HasSubstr("failed on 'long 5000': its reply is longer than the limit of 1000 bytes "
                        "(all lines together): 0 lines, 0 bytes so far without the end"));
}

// Issue item 13: a reply of many short lines used to be reported as "a line
// longer than 6 bytes" (what was left of the budget); the message gives the
// real limit and how much came.
TEST(GtpClientFailureTest, AReplyOfManyLinesNamesTheWholeLimit) {
  GtpClientOptions options = Quick();
  options.max_reply_bytes = 1000;
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("echo_engine.sh")}, options);
  ASSERT_NE(client, nullptr);
  absl::StatusOr<GtpReply> reply = client->Send("lines 500");
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kDataLoss);
  const std::string message = Message(reply.status());
  EXPECT_THAT(message, HasSubstr("failed on 'lines 500': its reply is longer than the limit of "
                                 "1000 bytes (all lines together): "));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("a line longer than")));
}

// ---- Replies ----

class EchoEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = StartOk({FakeEngine("echo_engine.sh")}, Quick());
    ASSERT_NE(client_, nullptr);
  }
  std::unique_ptr<GtpClient> client_;
};

TEST_F(EchoEngineTest, MultiLineReplyEndsAtTheEmptyLine) {
  absl::StatusOr<std::string> text = client_->Command("lines 4");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "first\nline 2\nline 3\nline 4");
  text = client_->Command("after");  // the next reply is in step
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "after");
}

TEST_F(EchoEngineTest, CarriageReturnsAreStripped) {
  absl::StatusOr<std::string> text = client_->Command("crlf");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "one\ntwo");
  text = client_->Command("next one");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "next one");
}

TEST_F(EchoEngineTest, QuestionMarkReplyIsNotOkButTheEngineStaysUsable) {
  absl::StatusOr<GtpReply> reply = client_->Send("refuse not today");
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_FALSE(reply->ok);
  EXPECT_EQ(reply->text, "not today");
  absl::StatusOr<std::string> text = client_->Command("refuse never");
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(text.status()), "GTP engine 'echo_engine.sh' refused 'refuse never': never");
  EXPECT_TRUE(client_->usable());
  EXPECT_TRUE(client_->Command("still here").ok());
}

TEST_F(EchoEngineTest, CommandsWithControlCharactersAreRefusedUnsent) {
  for (std::string_view bad : {"play b\nE5", "name\r", "", "   "}) {
    absl::StatusOr<GtpReply> reply = client_->Send(bad);
    EXPECT_EQ(reply.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(client_->usable());
  absl::StatusOr<std::string> text = client_->Command("fine");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "fine");
}

TEST_F(EchoEngineTest, QuitWaitsForTheEngineToExit) {
  const pid_t pid = client_->pid();
  EXPECT_TRUE(client_->Quit().ok());
  ExpectReaped(pid);
  EXPECT_EQ(client_->Quit().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(GtpClientIdsTest, WithoutIdsRepliesMustCarryNone) {
  GtpClientOptions options = Quick();
  options.use_ids = false;
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("echo_engine.sh")}, options);
  ASSERT_NE(client, nullptr);
  absl::StatusOr<std::string> text = client->Command("raw line");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "raw line");
  text = client->Command("lines 2");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "first\nline 2");
  absl::StatusOr<GtpReply> reply = client->Send("fixed_id");
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(Message(reply.status()),
              HasSubstr("it answered \"=7 x\", with id 7 where the command had none"));
}

TEST(GtpClientIdsTest, CommandsGoOutNumberedFromOne) {
  std::unique_ptr<GtpClient> client = StartOk({FakeEngine("echo_engine.sh")}, Quick());
  ASSERT_NE(client, nullptr);
  // protocol_version at start was command 1.
  for (int id = 2; id < 6; ++id) {
    absl::StatusOr<std::string> text = client->Command("raw x");
    ASSERT_TRUE(text.ok()) << text.status();
    EXPECT_EQ(*text, fmt::format("{} raw x", id));
  }
}

}  // namespace
}  // namespace tengen
