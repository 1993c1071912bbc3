// Reading, writing and finding files, for tests.
#ifndef TENGEN_TESTS_SUPPORT_FILES_H_
#define TENGEN_TESTS_SUPPORT_FILES_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace tengen {

namespace test_fs = std::filesystem;

// The whole file; empty if it cannot be read.
inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Replaces the file with `bytes`, making its folder first.
inline void WriteBytes(const std::string& path, std::string_view bytes) {
  test_fs::create_directories(test_fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Regular files under dir (recursively) whose names end in `suffix`, sorted.
inline std::vector<std::string> FilesEndingIn(const std::string& dir, std::string_view suffix) {
  std::vector<std::string> files;
  std::error_code error;
  if (!test_fs::is_directory(dir, error)) return files;
  for (const auto& entry : test_fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Regular files under dir (recursively) whose names contain `part`, sorted.
inline std::vector<std::string> FilesContaining(const std::string& dir, std::string_view part) {
  std::vector<std::string> files;
  std::error_code error;
  if (!test_fs::is_directory(dir, error)) return files;
  for (const auto& entry : test_fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().filename().string().find(part) != std::string::npos)
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_FILES_H_
