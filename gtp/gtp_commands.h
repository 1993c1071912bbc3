// The GTP command table: every command is a name and a handler, and the
// server's dispatch, list_commands and known_command all read the same
// table, so they can never disagree. Handlers live in one file per concern.
#ifndef TENGEN_GTP_GTP_COMMANDS_H_
#define TENGEN_GTP_GTP_COMMANDS_H_

#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gtp/gtp_engine.h"
#include "gtp/gtp_protocol.h"

namespace tengen {

struct GtpCommandSpec;

// What a handler may do besides computing its result: reach the engine and
// the command table, end the session, and stream a long reply.
class GtpSession {
 public:
  virtual ~GtpSession() = default;
  virtual GtpEngine& engine() = 0;
  virtual std::span<const GtpCommandSpec> commands() const = 0;
  // The session ends after this command's reply.
  virtual void RequestQuit() = 0;

  // Streaming replies (analysis): BeginStream writes "=id" and a line end
  // at once; StreamLine then writes one line of the reply (made safe: never
  // an empty line) and flushes. After a handler has begun a stream, its
  // returned text becomes the last lines and the server ends the reply with
  // the empty line; an error it returns then goes to the log instead, since
  // a reply that has begun with "=" cannot turn into "?". Arguments are
  // checked before BeginStream, so errors are still "?" replies.
  virtual void BeginStream() = 0;
  virtual void StreamLine(std::string_view line) = 0;
  // Waits up to `timeout` for the next input line (which is not consumed).
  // True when input has arrived or ended: time to stop streaming.
  virtual bool WaitForInput(std::chrono::milliseconds timeout) = 0;
};

// The result text of a successful command, or a status whose message is the
// error text.
using GtpResult = absl::StatusOr<std::string>;
using GtpHandler = std::function<GtpResult(GtpSession&, const GtpArgs&)>;

struct GtpCommandSpec {
  std::string name;
  GtpHandler handler;
  // The command plays a move for the engine (genmove and its forms): with
  // pondering on, the server ponders after it succeeds.
  bool plays_move = false;
};

// The command groups, one per file.
std::vector<GtpCommandSpec> ProtocolCommands();  // gtp_protocol_commands.cc
std::vector<GtpCommandSpec> GameCommands();      // gtp_game_commands.cc
std::vector<GtpCommandSpec> SetupCommands();     // gtp_setup_commands.cc: handicap, SGF, scoring
std::vector<GtpCommandSpec> TimeCommands();      // gtp_time_commands.cc
std::vector<GtpCommandSpec> AnalysisCommands();  // gtp_analysis_commands.cc
std::vector<GtpCommandSpec> ToolCommands();      // gtp_tool_commands.cc: GoGui tools, settings

// Every command, in the order list_commands shows them. Names are unique.
std::vector<GtpCommandSpec> AllGtpCommands();

}  // namespace tengen

#endif  // TENGEN_GTP_GTP_COMMANDS_H_
