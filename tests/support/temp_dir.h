// A fresh folder for one test, under the system's temporary folder.
#ifndef TENGEN_TESTS_SUPPORT_TEMP_DIR_H_
#define TENGEN_TESTS_SUPPORT_TEMP_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace tengen {

// Makes tengen_<tag>_<pid>_<n> (emptied if it was there) and removes it,
// with everything in it, at the end. path() is the folder, Path("a/b") a
// path inside it.
class TempDir {
 public:
  explicit TempDir(const std::string& tag)
      : path_(std::filesystem::temp_directory_path() /
              ("tengen_" + tag + "_" + std::to_string(static_cast<long>(getpid())) + "_" +
               std::to_string(counter_++))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_.string(); }
  std::string Path(const std::string& relative) const { return (path_ / relative).string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_TEMP_DIR_H_
