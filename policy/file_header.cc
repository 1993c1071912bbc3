#include "policy/file_header.h"

#include <fmt/format.h>

#include <limits>
#include <optional>

#include "base/check.h"
#include "base/checksum.h"
#include "base/text_util.h"

namespace tengen {
namespace {

// The next '\n'-terminated line of at most max_length bytes; nullopt when
// there is no line end within that.
std::optional<std::string_view> BoundedLine(std::string_view& rest, size_t max_length) {
  std::string_view window = rest.substr(0, max_length + 1);
  if (window.find('\n') == std::string_view::npos) return std::nullopt;
  const std::optional<std::string_view> line = NextLine(window);
  rest.remove_prefix(line->size() + 1);
  return line;
}

// A decimal number as written, or nullopt if it is not one or has more than
// 19 digits (so it always fits 64 bits).
std::optional<uint64_t> ParseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

bool AllOf(std::string_view text, std::string_view allowed) {
  return !text.empty() && text.find_first_not_of(allowed) == std::string_view::npos;
}

// Checks "<magic> <version>".
absl::Status ParseVersionLine(const HeaderFormat& format, std::string_view& rest,
                              std::string_view source) {
  if (rest.substr(0, format.magic.size()) != format.magic)
    return FileError(
        source, fmt::format("not a {} (it does not start with '{}')", format.kind, format.magic));
  const std::optional<std::string_view> line = BoundedLine(rest, kMaxVersionLine);
  if (!line.has_value()) return FileError(source, "unreadable format version line");
  std::string_view version = line->substr(format.magic.size());
  if (version.empty() || version[0] != ' ')
    return FileError(source, "unreadable format version line");
  version.remove_prefix(1);
  if (!AllOf(version, "0123456789")) return FileError(source, "unreadable format version line");
  if (ParseDecimal(version) != static_cast<uint64_t>(format.version))
    return FileError(source, fmt::format("format version {}, but this Tengen reads version {}",
                                         version, format.version));
  return absl::OkStatus();
}

absl::StatusOr<std::string_view> ParseMetadataLine(std::string_view& rest,
                                                   std::string_view source) {
  const std::optional<std::string_view> line = BoundedLine(rest, kMaxMetadataLine);
  if (line.has_value()) return *line;
  return FileError(source, rest.size() > kMaxMetadataLine
                               ? fmt::format("damaged: the metadata line is longer than {} bytes",
                                             kMaxMetadataLine)
                               : "truncated before the metadata line ends");
}

// Reads "<name> <bytes> crc32 <8 lowercase hex digits>".
absl::StatusOr<PayloadLine> ParsePayloadLine(const PayloadKind& kind, std::string_view& rest,
                                             std::string_view source) {
  const std::optional<std::string_view> line = BoundedLine(rest, kMaxPayloadLine);
  const std::vector<std::string_view> words =
      line.has_value() ? SplitText(*line, ' ') : std::vector<std::string_view>();
  if (words.size() != 4 || words[0] != kind.name || words[2] != "crc32" || words[3].size() != 8 ||
      !AllOf(words[3], "0123456789abcdef") || !AllOf(words[1], "0123456789"))
    return FileError(source, fmt::format("truncated or damaged before the {} (no {} line)",
                                         kind.what, kind.name));
  const std::optional<uint64_t> size = ParseDecimal(words[1]);
  if (!size.has_value())
    return FileError(source,
                     fmt::format("damaged: the {} line declares {} bytes of {}, more than any "
                                 "file holds",
                                 kind.name, words[1], kind.what));
  uint32_t crc = 0;
  for (char c : words[3]) crc = crc << 4 | static_cast<uint32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  return PayloadLine{.declared = words[1], .size = *size, .crc32 = crc};
}

// The payloads' contents for messages: "weights", "model and optimiser state".
std::string Whats(const HeaderFormat& format) {
  std::string whats;
  for (size_t i = 0; i < format.payloads.size(); ++i) {
    if (i > 0) whats += i + 1 == format.payloads.size() ? " and " : ", ";
    whats += format.payloads[i].what;
  }
  return whats;
}

}  // namespace

uint64_t FileHeader::PayloadBytes() const {
  uint64_t total = 0;
  for (const PayloadLine& line : payloads)
    total = line.size > std::numeric_limits<uint64_t>::max() - total
                ? std::numeric_limits<uint64_t>::max()
                : total + line.size;
  return total;
}

absl::Status FileError(std::string_view source, std::string_view why) {
  return absl::InvalidArgumentError(fmt::format("{}: {}", source, why));
}

std::string EncodeHeaderedFile(const HeaderFormat& format, std::string_view metadata,
                               std::span<const std::string_view> payloads) {
  TENGEN_CHECK(payloads.size() == format.payloads.size());
  TENGEN_CHECK(metadata.find('\n') == std::string_view::npos);
  std::string file = fmt::format("{} {}\n{}\n", format.magic, format.version, metadata);
  for (size_t i = 0; i < payloads.size(); ++i)
    file += fmt::format("{} {} crc32 {:08x}\n", format.payloads[i].name, payloads[i].size(),
                        Crc32(payloads[i]));
  for (std::string_view payload : payloads) file += payload;
  return file;
}

size_t MaxHeaderBytes(const HeaderFormat& format) {
  // Each line's limit excludes its '\n'.
  return kMaxVersionLine + 1 + kMaxMetadataLine + 1 +
         format.payloads.size() * (kMaxPayloadLine + 1);
}

absl::StatusOr<FileHeader> ParseFileHeader(const HeaderFormat& format, std::string_view bytes,
                                           std::string_view source) {
  TENGEN_CHECK(!format.payloads.empty());
  std::string_view rest = bytes;
  if (absl::Status status = ParseVersionLine(format, rest, source); !status.ok()) return status;
  FileHeader header;
  absl::StatusOr<std::string_view> metadata = ParseMetadataLine(rest, source);
  if (!metadata.ok()) return metadata.status();
  header.metadata = *metadata;
  for (const PayloadKind& kind : format.payloads) {
    absl::StatusOr<PayloadLine> line = ParsePayloadLine(kind, rest, source);
    if (!line.ok()) return line.status();
    header.payloads.push_back(*line);
  }
  header.header_bytes = bytes.size() - rest.size();
  return header;
}

absl::Status CheckPayloadSize(const HeaderFormat& format, const FileHeader& header, uint64_t found,
                              std::string_view source) {
  const uint64_t expected = header.PayloadBytes();
  if (found == expected) return absl::OkStatus();
  return FileError(source, fmt::format("{}: expected {} bytes of {}, found {}",
                                       found < expected ? "truncated" : "has trailing bytes",
                                       expected, Whats(format), found));
}

absl::StatusOr<std::vector<std::string_view>> SplitPayloads(const HeaderFormat& format,
                                                            const FileHeader& header,
                                                            std::string_view rest,
                                                            std::string_view source) {
  TENGEN_CHECK(header.payloads.size() == format.payloads.size());
  if (absl::Status status = CheckPayloadSize(format, header, rest.size(), source); !status.ok())
    return status;
  std::vector<std::string_view> payloads;
  for (size_t i = 0; i < header.payloads.size(); ++i) {
    const std::string_view payload = rest.substr(0, header.payloads[i].size);
    rest.remove_prefix(payload.size());
    if (Crc32(payload) != header.payloads[i].crc32)
      return FileError(source, fmt::format("corrupted: the checksum of the {} does not match",
                                           format.payloads[i].what));
    payloads.push_back(payload);
  }
  return payloads;
}

}  // namespace tengen
