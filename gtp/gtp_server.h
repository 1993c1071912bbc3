// The GTP server: reads command lines from a stream, dispatches them through
// the command table (gtp/gtp_commands.h) and writes one reply per command,
// flushing after each. Streams are injected, so tests use string streams.
#ifndef TENGEN_GTP_GTP_SERVER_H_
#define TENGEN_GTP_GTP_SERVER_H_

#include <istream>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gtp/gtp_commands.h"
#include "gtp/gtp_engine.h"
#include "gtp/line_reader.h"

namespace tengen {

class GtpServer : private GtpSession {
 public:
  // Names in `commands` must be unique (checked).
  GtpServer(GtpEngine& engine, std::istream& in, std::ostream& out,
            std::vector<GtpCommandSpec> commands = AllGtpCommands());

  // Serves until "quit" or the end of the input. Input is read on a thread
  // of its own (gtp/line_reader.h) so that streaming analysis can stop as
  // soon as the next line arrives. Lines that are empty after cleaning get
  // no reply; every other line gets exactly one. With pondering on
  // (GtpEngine::Ponder), the engine searches after each genmove (and its
  // analysis forms) until the next line arrives. A line over kMaxLineBytes
  // (1 MiB) is answered "? line too long (over 1048576 bytes)" (no id: it
  // is not parsed) and the rest of it is discarded.
  void Run();

  // Handles one raw input line and writes its reply (if it has one); a line
  // over kMaxLineBytes gets the too-long reply.
  // Returns false once the session should end (after "quit"). Streaming
  // commands stop at once unless Run supplies input to wait for.
  bool HandleLine(std::string_view raw_line);

 private:
  // GtpSession:
  GtpEngine& engine() override { return engine_; }
  std::span<const GtpCommandSpec> commands() const override { return commands_; }
  void RequestQuit() override { quit_ = true; }
  void BeginStream() override;
  void StreamLine(std::string_view line) override;
  bool WaitForInput(std::chrono::milliseconds timeout) override;

  // The command named `name`, or nullptr (unknown, or empty).
  const GtpCommandSpec* FindCommand(std::string_view name) const;
  void ReplyLineTooLong();

  GtpEngine& engine_;
  std::istream& in_;
  std::ostream& out_;
  std::vector<GtpCommandSpec> commands_;
  std::optional<LineReader> reader_;  // while Run runs
  std::string current_id_;
  bool streaming_ = false;
  bool quit_ = false;
  bool ponder_next_ = false;  // the last command played a move (GtpCommandSpec::plays_move)
};

}  // namespace tengen

#endif  // TENGEN_GTP_GTP_SERVER_H_
