#include "base/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace tengen {
namespace {

absl::Status ErrnoError(std::string_view what, const std::string& path) {
  return absl::UnavailableError(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

std::string TemporaryNameFor(const std::string& path) {
  std::random_device device;
  return fmt::format("{}.tmp.{}.{:08x}", path, static_cast<long>(getpid()), device());
}

// Flushes the folder that holds `path`, so a rename in it survives a crash.
absl::Status SyncFolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "."
                             : slash == 0               ? "/"
                                                        : path.substr(0, slash);
  const int fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open the folder", folder);
  const bool synced = fsync(fd) == 0 || errno == EINVAL;  // some file systems cannot sync folders
  absl::Status status = synced ? absl::OkStatus() : ErrnoError("cannot flush the folder", folder);
  close(fd);
  return status;
}

}  // namespace

absl::Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  const std::string temporary = TemporaryNameFor(path);
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("cannot create", temporary);
  // On any failure below: the descriptor is closed and the temporary removed.
  auto fail = [&](std::string_view what) {
    absl::Status error = ErrnoError(what, temporary);
    close(fd);
    unlink(temporary.c_str());
    return error;
  };
  size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write");
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) return fail("cannot flush");
  if (close(fd) != 0) {
    absl::Status error = ErrnoError("cannot close", temporary);
    unlink(temporary.c_str());
    return error;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    absl::Status error = ErrnoError("cannot rename into place", path);
    unlink(temporary.c_str());
    return error;
  }
  return SyncFolderOf(path);
}

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::NotFoundError(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return absl::DataLossError(fmt::format("cannot read {}", path));
  return contents.str();
}

}  // namespace tengen
