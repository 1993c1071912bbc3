// The GTP client: drives another GTP engine (GNU Go, or Tengen itself) as a
// child process, one command at a time, for the match runner and tests.
//
// Every command goes out as "<id> <command>\n" with ids 1, 2, 3, ... and the
// reply must come back as "=<id> text" or "?<id> message", ending at the
// first empty line. Two kinds of failure are kept apart:
// - The engine answered '?': a GtpReply with ok == false. The engine is fine.
// - The engine broke the protocol: it exited or closed its output
//   (Unavailable), did not answer within the timeout (DeadlineExceeded), or
//   answered something that is not a reply to this command (DataLoss: no '='
//   or '?', a wrong id, a reply longer than max_reply_bytes). The error names
//   the engine, the command and what happened, with the engine's exit status
//   and the end of its stderr. The engine is killed (if it still runs) and
//   every later command fails at once with FailedPrecondition.
//
// Not thread-safe: one caller at a time.
#ifndef TENGEN_GTP_CLIENT_GTP_CLIENT_H_
#define TENGEN_GTP_CLIENT_GTP_CLIENT_H_

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/subprocess.h"

namespace tengen {

struct GtpClientOptions {
  // The engine's name in messages; empty: the program's file name.
  std::string name;
  // The longest wait for one reply (from sending the command to the empty
  // line that ends the reply).
  std::chrono::milliseconds command_timeout{30000};
  // The longest wait for the first reply, to the protocol_version that Start
  // sends, which covers the engine's start-up (loading a network, say).
  std::chrono::milliseconds startup_timeout{60000};
  // The longest reply accepted, all lines together; a longer one is garbage.
  size_t max_reply_bytes = size_t{1} << 20;
  // Send ids and require them in replies. Off: commands go out without ids
  // and replies must carry none (for engines that mishandle ids).
  bool use_ids = true;
  // Stderr tail size and the grace periods for stopping the engine.
  SubprocessOptions process;
};

// One reply to one command.
struct GtpReply {
  // true for '=', false for '?'.
  bool ok = false;
  // The reply after "=id" / "?id" and the spaces after it, lines joined by
  // '\n', without '\r' and without the ending empty line. When the first line
  // holds nothing but the id (GNU Go's showboard), the text starts at the
  // second line.
  std::string text;
};

class GtpClient {
 public:
  // Splits command_line into words (SplitCommandLine: shell-like quoting, no
  // shell), starts the engine and sends it protocol_version (id 1), which
  // must be answered within startup_timeout. Errors: a bad command line
  // (InvalidArgument), a program that cannot be started ("cannot start
  // 'nosuchengine': No such file or directory"), or the Send errors.
  static absl::StatusOr<std::unique_ptr<GtpClient>> Start(std::string_view command_line,
                                                          GtpClientOptions options = {});
  // The same with the words given: argv[0] is the program (searched in PATH
  // when it holds no '/').
  static absl::StatusOr<std::unique_ptr<GtpClient>> StartArgv(std::vector<std::string> argv,
                                                              GtpClientOptions options = {});

  // Stops the engine without sending anything (see Subprocess::Stop): send
  // Quit() first for a clean goodbye.
  ~GtpClient() = default;
  GtpClient(const GtpClient&) = delete;
  GtpClient& operator=(const GtpClient&) = delete;

  // Sends one command (a single line without the id, e.g. "genmove b") and
  // returns the reply; see the file comment for errors. A command holding a
  // newline or other control character is refused (InvalidArgument) without
  // being sent.
  absl::StatusOr<GtpReply> Send(std::string_view command);

  // Send, with a '?' reply also an error (InvalidArgument) that quotes the
  // engine's message; returns the text of a '=' reply.
  absl::StatusOr<std::string> Command(std::string_view command);

  // Sends quit, then waits up to command_timeout for the engine to exit (it
  // is stopped if it does not). Later commands fail with FailedPrecondition.
  absl::Status Quit();

  const std::string& name() const { return name_; }
  pid_t pid() const { return process_->pid(); }
  // What the engine answered to protocol_version at start ("2"), or "" if it
  // answered '?'.
  const std::string& protocol_version() const { return protocol_version_; }
  // False once the engine has failed or quit.
  bool usable() const { return failure_.ok(); }
  // The end of the engine's stderr so far (see Subprocess::StderrTail).
  std::string StderrTail(std::chrono::milliseconds wait_for_end = std::chrono::milliseconds(0)) {
    return process_->StderrTail(wait_for_end);
  }

 private:
  GtpClient(std::unique_ptr<Subprocess> process, GtpClientOptions options);
  absl::StatusOr<GtpReply> Exchange(std::string_view command, std::chrono::milliseconds timeout);
  absl::StatusOr<GtpReply> ReadReply(std::string_view command, int id, Deadline deadline,
                                     std::chrono::milliseconds timeout);
  absl::Status Fail(absl::StatusCode code, std::string_view command, std::string_view what);
  absl::Status FailFromIo(const absl::Status& io, std::string_view command,
                          std::chrono::milliseconds timeout, bool writing);

  std::unique_ptr<Subprocess> process_;
  GtpClientOptions options_;
  std::string name_;
  std::string protocol_version_;
  int next_id_ = 1;
  absl::Status failure_;  // why the engine is no longer usable
};

}  // namespace tengen

#endif  // TENGEN_GTP_CLIENT_GTP_CLIENT_H_
