// The header that model files (policy/model.h) and training checkpoints
// (train/checkpoint.h) share, written and read in one place:
//
//   "<magic> <version>\n"                  e.g. "tengen-model 1"
//   "<metadata>\n"                         one line of JSON (the caller's)
//   "<name> <bytes> crc32 <8 hex digits>\n"  one line per payload, in order
//   then the payloads' bytes back to back, in the order of their lines.
//
// Reading is bounded: the version line holds at most kMaxVersionLine bytes,
// the metadata line kMaxMetadataLine and each payload line kMaxPayloadLine,
// so a file that is not one of these costs at most MaxHeaderBytes() to
// reject. Every error names the source (a path, or "checkpoint") and says
// what is wrong, as "<source>: <what>". No LibTorch here.
#ifndef TENGEN_POLICY_FILE_HEADER_H_
#define TENGEN_POLICY_FILE_HEADER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tengen {

inline constexpr size_t kMaxVersionLine = 64;
inline constexpr size_t kMaxMetadataLine = 64 * 1024;
inline constexpr size_t kMaxPayloadLine = 128;

// One payload of a format: the first word of its line, and what it holds in
// the words of error messages ("weights": "truncated: expected 90 bytes of
// weights, found 12", "corrupted: the checksum of the weights does not
// match").
struct PayloadKind {
  std::string_view name;
  std::string_view what;
};

// A file format: its magic word, the one version this Tengen writes and
// reads, what such a file is called in errors ("Tengen model file") and its
// payloads, in file order (at least one).
struct HeaderFormat {
  std::string_view magic;
  int version = 1;
  std::string_view kind;
  std::span<const PayloadKind> payloads;
};

// A payload line as read.
struct PayloadLine {
  std::string_view declared;  // the byte count as written (for messages)
  uint64_t size = 0;          // the same, as a number
  uint32_t crc32 = 0;
};

// A parsed header; the string_views point into the bytes given to
// ParseFileHeader.
struct FileHeader {
  std::string_view metadata;          // the JSON line, without its '\n'
  std::vector<PayloadLine> payloads;  // one per format.payloads entry
  size_t header_bytes = 0;            // where the first payload starts
  uint64_t PayloadBytes() const;      // the declared sizes summed
};

// The bytes of a whole file: the header, then the payloads (one per
// format.payloads entry, in order). The metadata must be one line.
std::string EncodeHeaderedFile(const HeaderFormat& format, std::string_view metadata,
                               std::span<const std::string_view> payloads);

// The most bytes ParseFileHeader reads of a file of this format: reading
// this much of a file (or all of a shorter one) is enough to parse it.
size_t MaxHeaderBytes(const HeaderFormat& format);

// Parses the header lines at the start of `bytes` (which may hold the
// header alone, or more). Errors, each after "<source>: ":
//   not a <kind> (it does not start with '<magic>')
//   unreadable format version line
//   format version <v>, but this Tengen reads version <version>
//   damaged: the metadata line is longer than <n> bytes
//   truncated before the metadata line ends
//   truncated or damaged before the <what> (no <name> line)
//   damaged: the <name> line declares <n> bytes of <what>, more than any
//     file holds (a count that does not fit 64 bits)
// The metadata is not parsed: that is the caller's.
absl::StatusOr<FileHeader> ParseFileHeader(const HeaderFormat& format, std::string_view bytes,
                                           std::string_view source);

// "<source>: truncated: expected <n> bytes of <whats>, found <found>" (or
// "has trailing bytes: ..." when found is more) unless `found`, the bytes
// after the header, is what the payload lines declare; <whats> are the
// payloads' names for their contents, joined with "and".
absl::Status CheckPayloadSize(const HeaderFormat& format, const FileHeader& header, uint64_t found,
                              std::string_view source);

// The payloads of `rest` (everything after the header), one per payload
// line, each checked against its line's CRC-32: a CheckPayloadSize error,
// or "<source>: corrupted: the checksum of the <what> does not match".
absl::StatusOr<std::vector<std::string_view>> SplitPayloads(const HeaderFormat& format,
                                                            const FileHeader& header,
                                                            std::string_view rest,
                                                            std::string_view source);

// "<source>: <why>", the status every error above is (InvalidArgument), for
// the caller's own checks of the metadata and payloads.
absl::Status FileError(std::string_view source, std::string_view why);

}  // namespace tengen

#endif  // TENGEN_POLICY_FILE_HEADER_H_
