// Files that other programs read are written whole or not at all: to a
// temporary name in the same folder, flushed to disk, renamed into place, and
// the folder flushed so that the rename survives a crash too.
#ifndef TENGEN_BASE_ATOMIC_FILE_H_
#define TENGEN_BASE_ATOMIC_FILE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tengen {

// Replaces (or creates) path with contents. On any error the old file, if
// there was one, is untouched and no temporary file is left behind.
absl::Status WriteFileAtomically(const std::string& path, std::string_view contents);

// The whole file, or an error naming the path and the reason.
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

}  // namespace tengen

#endif  // TENGEN_BASE_ATOMIC_FILE_H_
