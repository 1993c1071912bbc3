#include "gtp/gtp_protocol.h"

#include <charconv>
#include <cmath>

#include "engine/coordinates.h"

namespace tengen {
namespace {

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(' ') == std::string_view::npos;
}

// from_chars accepts a leading '-' but not '+'; GTP numbers may carry either.
std::string_view WithoutPlus(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
  return text;
}

std::string FormatReply(char status, std::string_view id, std::string_view text) {
  const std::string safe = SanitizeGtpText(text, /*keep_leading_newline=*/true);
  std::string reply(1, status);
  reply += id;
  if (!safe.empty()) {
    if (safe.front() != '\n') reply += ' ';
    reply += safe;
  }
  reply += "\n\n";
  return reply;
}

}  // namespace

std::string CleanGtpLine(std::string_view raw_line) {
  std::string line;
  line.reserve(raw_line.size());
  for (char c : raw_line) {
    if (c == '#') break;
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '\t' || c == '\n') {
      line += ' ';
    } else if (u >= 32 && u != 127) {
      line += c;
    }
  }
  const size_t first = line.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  const size_t last = line.find_last_not_of(' ');
  return line.substr(first, last - first + 1);
}

GtpCommand ParseGtpCommand(std::string_view cleaned_line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < cleaned_line.size()) {
    if (cleaned_line[i] == ' ') {
      ++i;
      continue;
    }
    const size_t end = std::min(cleaned_line.find(' ', i), cleaned_line.size());
    words.emplace_back(cleaned_line.substr(i, end - i));
    i = end;
  }
  GtpCommand command;
  size_t next = 0;
  if (!words.empty() && IsDigits(words[0])) command.id = words[next++];
  if (next < words.size()) command.name = words[next++];
  command.args.assign(words.begin() + static_cast<ptrdiff_t>(next), words.end());
  return command;
}

std::string SanitizeGtpText(std::string_view text, bool keep_leading_newline) {
  std::vector<std::string> lines;
  std::string current;
  bool leading_newline = false;
  bool seen_text = false;
  auto end_line = [&] {
    if (!IsBlank(current)) {
      lines.push_back(std::move(current));
      seen_text = true;
    }
    current.clear();
  };
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      if (!seen_text && IsBlank(current)) leading_newline = true;
      end_line();
    } else {
      current += c;
    }
  }
  end_line();
  std::string out;
  if (keep_leading_newline && leading_newline && lines.size() > 1) out += '\n';
  for (size_t k = 0; k < lines.size(); ++k) {
    if (k > 0) out += '\n';
    out += lines[k];
  }
  return out;
}

std::string FormatGtpSuccess(std::string_view id, std::string_view result) {
  return FormatReply('=', id, result);
}

std::string FormatGtpFailure(std::string_view id, std::string_view message) {
  return FormatReply('?', id, message);
}

absl::Status GtpError(std::string_view message) {
  return absl::FailedPreconditionError(absl::string_view(message.data(), message.size()));
}

absl::Status GtpSyntaxError() { return GtpError(kSyntaxError); }

std::optional<int> ParseGtpInt(std::string_view text) {
  text = WithoutPlus(text);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseGtpNumber(std::string_view text) {
  text = WithoutPlus(text);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() ||
      !std::isfinite(value))
    return std::nullopt;
  return value;
}

absl::Status GtpArgs::ExpectCount(size_t min, size_t max) const {
  if (args_.size() < min || args_.size() > max) return GtpSyntaxError();
  return absl::OkStatus();
}

absl::StatusOr<Color> GtpArgs::ColorAt(size_t i) const {
  if (i >= args_.size()) return GtpSyntaxError();
  absl::StatusOr<Color> color = ParseGtpColor(args_[i]);
  if (!color.ok()) return GtpSyntaxError();
  return *color;
}

absl::StatusOr<Point> GtpArgs::VertexAt(size_t i, int board_size) const {
  if (i >= args_.size()) return GtpSyntaxError();
  absl::StatusOr<Point> point = ParseGtpVertex(args_[i], board_size);
  if (!point.ok()) return GtpSyntaxError();
  return *point;
}

absl::StatusOr<int> GtpArgs::IntAt(size_t i) const {
  if (i >= args_.size()) return GtpSyntaxError();
  const std::optional<int> value = ParseGtpInt(args_[i]);
  if (!value) return GtpSyntaxError();
  return *value;
}

absl::StatusOr<double> GtpArgs::NumberAt(size_t i) const {
  if (i >= args_.size()) return GtpSyntaxError();
  const std::optional<double> value = ParseGtpNumber(args_[i]);
  if (!value) return GtpSyntaxError();
  return *value;
}

}  // namespace tengen
