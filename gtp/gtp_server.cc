#include "gtp/gtp_server.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/check.h"
#include "base/fmt_absl.h"

namespace tengen {
GtpServer::GtpServer(GtpEngine& engine, std::istream& in, std::ostream& out,
                     std::vector<GtpCommandSpec> commands)
    : engine_(engine), in_(in), out_(out), commands_(std::move(commands)) {
  std::vector<std::string_view> names;
  for (const GtpCommandSpec& command : commands_) names.push_back(command.name);
  std::sort(names.begin(), names.end());
  TENGEN_CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
}

void GtpServer::Run() {
  reader_.emplace(in_);
  while (std::optional<InputLine> line = reader_->Next()) {
    if (line->too_long) {
      ReplyLineTooLong();
      continue;
    }
    if (!HandleLine(line->text)) break;
    if (ponder_next_) {
      ponder_next_ = false;
      engine_.Ponder([this] { return reader_->WaitForLine(std::chrono::milliseconds(0)); });
    }
  }
  reader_.reset();
}

void GtpServer::ReplyLineTooLong() {
  out_ << FormatGtpFailure("", fmt::format("line too long (over {} bytes)", kMaxLineBytes));
  out_.flush();
}

bool GtpServer::HandleLine(std::string_view raw_line) {
  if (raw_line.size() > kMaxLineBytes) {
    ReplyLineTooLong();
    return !quit_;
  }
  const std::string line = CleanGtpLine(raw_line);
  if (line.empty()) return !quit_;
  const GtpCommand command = ParseGtpCommand(line);
  current_id_ = command.id;
  streaming_ = false;
  const GtpCommandSpec* spec = FindCommand(command.name);
  const GtpResult result =
      spec != nullptr ? spec->handler(*this, GtpArgs(command.args)) : GtpError(kUnknownCommand);
  if (streaming_) {
    if (result.ok()) {
      StreamLine(*result);
    } else {
      engine_.Log(fmt::format("{}: {}", command.name, result.status()));
    }
    out_ << '\n';
  } else if (result.ok()) {
    out_ << FormatGtpSuccess(command.id, *result);
  } else {
    const absl::string_view message = result.status().message();
    out_ << FormatGtpFailure(command.id, std::string_view(message.data(), message.size()));
  }
  out_.flush();
  streaming_ = false;
  ponder_next_ = result.ok() && spec != nullptr && spec->plays_move;
  return !quit_;
}

const GtpCommandSpec* GtpServer::FindCommand(std::string_view name) const {
  if (name.empty()) return nullptr;
  const auto it = std::find_if(commands_.begin(), commands_.end(),
                               [&](const GtpCommandSpec& spec) { return spec.name == name; });
  return it != commands_.end() ? &*it : nullptr;
}

void GtpServer::BeginStream() {
  TENGEN_CHECK(!streaming_);
  streaming_ = true;
  out_ << '=' << current_id_ << '\n';
  out_.flush();
}

void GtpServer::StreamLine(std::string_view line) {
  TENGEN_CHECK(streaming_);
  const std::string safe = SanitizeGtpText(line);
  if (safe.empty()) return;
  out_ << safe << '\n';
  out_.flush();
}

bool GtpServer::WaitForInput(std::chrono::milliseconds timeout) {
  // Without Run's reader (HandleLine called directly) there is no input to
  // wait for, so a stream stops after its first update.
  return !reader_ || reader_->WaitForLine(timeout);
}

}  // namespace tengen
