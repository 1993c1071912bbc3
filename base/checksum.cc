#include "base/checksum.h"

#include <zlib.h>

#include <algorithm>

namespace tengen {

uint32_t Crc32(std::string_view bytes) {
  // zlib takes lengths as uInt: feed it in pieces that fit.
  constexpr size_t kPiece = size_t{1} << 30;
  uLong crc = crc32(0L, Z_NULL, 0);
  for (size_t at = 0; at < bytes.size(); at += kPiece) {
    const size_t length = std::min(kPiece, bytes.size() - at);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + at), static_cast<uInt>(length));
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace tengen
