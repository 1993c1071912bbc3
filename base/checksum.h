// CRC-32 (the ZIP / zlib polynomial, computed by zlib), for the checksums in
// Tengen's files.
#ifndef TENGEN_BASE_CHECKSUM_H_
#define TENGEN_BASE_CHECKSUM_H_

#include <cstdint>
#include <string_view>

namespace tengen {

// The CRC-32 of bytes, equal to zlib's crc32(0, bytes) and to the checksum
// zip files and Python's zlib.crc32 give.
uint32_t Crc32(std::string_view bytes);

}  // namespace tengen

#endif  // TENGEN_BASE_CHECKSUM_H_
