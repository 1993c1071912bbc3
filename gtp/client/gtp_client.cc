#include "gtp/client/gtp_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <utility>

#include "base/command_line.h"
#include "base/fmt_absl.h"

namespace tengen {
namespace {

// How long to wait, after the engine has exited or been killed, for the last
// of its stderr to arrive.
constexpr std::chrono::milliseconds kStderrSettle{500};

std::string Seconds(std::chrono::milliseconds duration) {
  return fmt::format("{:g} s", static_cast<double>(duration.count()) / 1000.0);
}

// text in double quotes for a message: control bytes escaped, long text cut.
std::string Quoted(std::string_view text) {
  constexpr size_t kMaxShown = 120;
  std::string out = "\"";
  for (size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (text.size() > kMaxShown)
    out += fmt::format("...\" ({} bytes)", text.size());
  else
    out += '"';
  return out;
}

// The end of an engine's stderr as the last sentence of an error message.
std::string StderrNote(std::string tail, uint64_t total_bytes) {
  const bool cut = total_bytes > tail.size();
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' ')) {
    tail.pop_back();
  }
  if (tail.empty()) return "It wrote nothing to stderr.";
  std::string_view shown = tail;
  if (cut) {
    // The front was cut: start at a whole line when there is one.
    const size_t newline = shown.find('\n');
    if (newline != std::string_view::npos) shown.remove_prefix(newline + 1);
    return fmt::format("The end of its stderr ({} bytes in all):\n...\n{}", total_bytes, shown);
  }
  return fmt::format("Its stderr:\n{}", shown);
}

void StripCarriageReturns(std::string& line) { std::erase(line, '\r'); }

absl::Status CheckCommand(std::string_view command) {
  if (command.find_first_not_of(" \t") == std::string_view::npos) {
    return absl::InvalidArgumentError("empty GTP command");
  }
  for (const char c : command) {
    const unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) {
      return absl::InvalidArgumentError(
          fmt::format("GTP command {} holds a control character", Quoted(command)));
    }
  }
  return absl::OkStatus();
}

std::string ProgramName(const std::vector<std::string>& argv) {
  if (argv.empty()) return "";
  const std::string& program = argv[0];
  const size_t slash = program.rfind('/');
  return slash == std::string::npos ? program : program.substr(slash + 1);
}

}  // namespace

GtpClient::GtpClient(std::unique_ptr<Subprocess> process, GtpClientOptions options)
    : process_(std::move(process)),
      options_(std::move(options)),
      name_(options_.name.empty() ? ProgramName(process_->argv()) : options_.name) {}

absl::StatusOr<std::unique_ptr<GtpClient>> GtpClient::Start(std::string_view command_line,
                                                            GtpClientOptions options) {
  absl::StatusOr<std::vector<std::string>> argv = SplitCommandLine(command_line);
  if (!argv.ok()) {
    return absl::InvalidArgumentError(fmt::format("cannot start a GTP engine: {}", argv.status()));
  }
  return StartArgv(*std::move(argv), std::move(options));
}

absl::StatusOr<std::unique_ptr<GtpClient>> GtpClient::StartArgv(std::vector<std::string> argv,
                                                                GtpClientOptions options) {
  absl::StatusOr<std::unique_ptr<Subprocess>> process =
      Subprocess::StartArgv(std::move(argv), options.process);
  if (!process.ok()) return process.status();
  const std::chrono::milliseconds startup_timeout = options.startup_timeout;
  std::unique_ptr<GtpClient> client(new GtpClient(*std::move(process), std::move(options)));
  absl::StatusOr<GtpReply> reply = client->Exchange("protocol_version", startup_timeout);
  if (!reply.ok()) return reply.status();
  if (reply->ok) client->protocol_version_ = reply->text;
  return client;
}

absl::StatusOr<GtpReply> GtpClient::Send(std::string_view command) {
  return Exchange(command, options_.command_timeout);
}

absl::StatusOr<std::string> GtpClient::Command(std::string_view command) {
  absl::StatusOr<GtpReply> reply = Send(command);
  if (!reply.ok()) return reply.status();
  if (!reply->ok) {
    return absl::InvalidArgumentError(
        fmt::format("GTP engine '{}' refused '{}': {}", name_, command, reply->text));
  }
  return std::move(reply->text);
}

absl::Status GtpClient::Quit() {
  absl::StatusOr<GtpReply> reply = Send("quit");
  if (!reply.ok()) return reply.status();
  process_->CloseInput();
  const bool exited = process_->WaitForExit(SteadyClock::now() + options_.command_timeout);
  if (!exited) process_->Kill();
  failure_ = absl::FailedPreconditionError(fmt::format("GTP engine '{}' has quit", name_));
  if (!reply->ok) {
    return absl::InvalidArgumentError(
        fmt::format("GTP engine '{}' refused 'quit': {}", name_, reply->text));
  }
  if (!exited) {
    return absl::DeadlineExceededError(
        fmt::format("GTP engine '{}' (pid {}) answered 'quit' but did not exit within {}, so it "
                    "was killed",
                    name_, process_->pid(), Seconds(options_.command_timeout)));
  }
  return absl::OkStatus();
}

absl::StatusOr<GtpReply> GtpClient::Exchange(std::string_view command,
                                             std::chrono::milliseconds timeout) {
  if (!failure_.ok()) {
    return absl::FailedPreconditionError(
        fmt::format("'{}' was not sent to GTP engine '{}', which is no longer usable: {}", command,
                    name_, failure_));
  }
  if (absl::Status status = CheckCommand(command); !status.ok()) return status;
  const int id = next_id_++;
  const std::string line =
      options_.use_ids ? fmt::format("{} {}\n", id, command) : fmt::format("{}\n", command);
  const Deadline deadline = SteadyClock::now() + timeout;
  if (absl::Status written = process_->Write(line, deadline); !written.ok()) {
    return FailFromIo(written, command, timeout, /*writing=*/true);
  }
  return ReadReply(command, id, deadline, timeout);
}

absl::StatusOr<GtpReply> GtpClient::ReadReply(std::string_view command, int id, Deadline deadline,
                                              std::chrono::milliseconds timeout) {
  size_t budget = options_.max_reply_bytes;
  size_t lines_read = 0;
  // Reads one line within what is left of the reply budget.
  auto read_line = [&]() -> absl::StatusOr<std::string> {
    absl::StatusOr<std::string> line = process_->ReadLine(deadline, budget);
    if (absl::IsResourceExhausted(line.status())) {
      // The reply as a whole is too long: say so with the real limit, not
      // with what was left of it for this one line.
      return Fail(
          absl::StatusCode::kDataLoss, command,
          fmt::format("its reply is longer than the limit of {} bytes (all lines "
                      "together): {} lines, {} bytes so far without the end",
                      options_.max_reply_bytes, lines_read, options_.max_reply_bytes - budget));
    }
    if (!line.ok()) return FailFromIo(line.status(), command, timeout, /*writing=*/false);
    ++lines_read;
    budget -= std::min(budget, line->size() + 1);
    StripCarriageReturns(*line);
    return line;
  };

  // Empty lines before a reply are harmless (some engines end replies with
  // three newlines).
  std::string header;
  do {
    absl::StatusOr<std::string> line = read_line();
    if (!line.ok()) return line.status();
    header = *std::move(line);
  } while (header.empty());

  if (header[0] != '=' && header[0] != '?') {
    return Fail(absl::StatusCode::kDataLoss, command,
                fmt::format("it answered {}, which is not a GTP reply (replies start with '=' "
                            "or '?')",
                            Quoted(header)));
  }
  size_t after_id = 1;
  while (after_id < header.size() && header[after_id] >= '0' && header[after_id] <= '9') {
    ++after_id;
  }
  const std::string_view digits = std::string_view(header).substr(1, after_id - 1);
  if (after_id < header.size() && header[after_id] != ' ' && header[after_id] != '\t') {
    return Fail(absl::StatusCode::kDataLoss, command,
                fmt::format("it answered {}, which is not a GTP reply (the id must be followed "
                            "by a space)",
                            Quoted(header)));
  }
  if (options_.use_ids) {
    uint64_t reply_id = 0;
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), reply_id);
    if (digits.empty() || error != std::errc() || reply_id != static_cast<uint64_t>(id)) {
      return Fail(
          absl::StatusCode::kDataLoss, command,
          fmt::format("it answered {}, with {} where the command had id {}", Quoted(header),
                      digits.empty() ? std::string("no id") : fmt::format("id {}", digits), id));
    }
  } else if (!digits.empty()) {
    return Fail(absl::StatusCode::kDataLoss, command,
                fmt::format("it answered {}, with id {} where the command had none", Quoted(header),
                            digits));
  }

  GtpReply reply{.ok = header[0] == '=', .text = ""};
  const size_t text_start = header.find_first_not_of(" \t", after_id);
  if (text_start != std::string::npos) reply.text = header.substr(text_start);
  bool first_line = true;
  while (true) {
    absl::StatusOr<std::string> line = read_line();
    if (!line.ok()) return line.status();
    if (line->empty()) return reply;
    // A bare "=id" first line (GNU Go's showboard) adds no line of its own.
    if (!(first_line && reply.text.empty())) reply.text += '\n';
    reply.text += *line;
    first_line = false;
  }
}

absl::Status GtpClient::FailFromIo(const absl::Status& io, std::string_view command,
                                   std::chrono::milliseconds timeout, bool writing) {
  switch (io.code()) {
    case absl::StatusCode::kDeadlineExceeded:
      return Fail(io.code(), command,
                  writing ? fmt::format("it did not read the command within {}", Seconds(timeout))
                          : fmt::format("no reply within {}", Seconds(timeout)));
    case absl::StatusCode::kUnavailable:
      // It closed a pipe: most likely it is exiting, so give it a moment to
      // report how it ended.
      process_->WaitForExit(SteadyClock::now() + options_.process.close_grace);
      return Fail(io.code(), command, fmt::format("it {}", io));
    case absl::StatusCode::kResourceExhausted:
      return Fail(absl::StatusCode::kDataLoss, command,
                  fmt::format("it {} (its reply passed the limit of {} bytes)", io,
                              options_.max_reply_bytes));
    default:
      return Fail(io.code(), command, fmt::format("{}", io));
  }
}

absl::Status GtpClient::Fail(absl::StatusCode code, std::string_view command,
                             std::string_view what) {
  std::string fate;
  if (process_->exited()) {
    fate = fmt::format("it {}", process_->DescribeExit());
  } else {
    process_->Kill();
    fate = "it was still running and has been killed";
  }
  const std::string tail = process_->StderrTail(kStderrSettle);
  failure_ = absl::Status(code, fmt::format("GTP engine '{}' (pid {}) failed on '{}': {}; {}. {}",
                                            name_, process_->pid(), command, what, fate,
                                            StderrNote(tail, process_->stderr_bytes())));
  return failure_;
}

}  // namespace tengen
