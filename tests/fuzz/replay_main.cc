// A stand-in for libFuzzer's main, for builds without it (g++): runs the
// fuzz target linked with it over every file of the given corpus folders,
// then over deterministic pseudo-random mutations of them.
//
//   fuzz_<name>_replay [--iterations=N] [--seed=S] [--max_len=L] PATH...
//
// PATH is a folder (every regular file in it, in name order) or a file. If
// the target crashes, the input that did it is written to
// replay-crash-input in the working folder first.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/random.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// Characters and tokens that matter to the parsers under test.
constexpr std::string_view kInterestingBytes = "()[];:\\\n\r \t+-.0123456789ABWCabtzyIi";
constexpr std::string_view kTokens[] = {
    "(;",        ")",    "(",   ";",      "B[",     "W[",
    "]",         "[]",   "\\",  "\\\n",   "\r\n",   "\n\r",
    "AB[aa:cc]", "AW[",  "AE[", "SZ[25]", "SZ[19]", "SZ[1]",
    "SZ[9:9]",   "KM[",  "HA[", "PL[W]",  "C[",     "[tt]",
    "[zz]",      "[yy]", "RU[", "pass",   "black",  "Z25",
    "T19",       "I",    "0",   "25",     "26",     "(;B[aa](;W[bb])(;W[cc]))",
};

const std::string* current_input = nullptr;  // for the crash handler

void OnCrash(int signal_number) {
  if (current_input != nullptr) {
    const int fd = open("replay-crash-input", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd >= 0) {
      [[maybe_unused]] const ssize_t written =
          write(fd, current_input->data(), current_input->size());
      close(fd);
    }
    constexpr std::string_view kNote = "replay_main: crashing input saved to replay-crash-input\n";
    [[maybe_unused]] const ssize_t noted = write(2, kNote.data(), kNote.size());
  }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void Run(const std::string& input) {
  current_input = &input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  current_input = nullptr;
}

bool ReadInputs(const std::filesystem::path& path, std::vector<std::string>& inputs) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
  } else if (std::filesystem::is_regular_file(path, error)) {
    files.push_back(path);
  } else {
    std::fprintf(stderr, "replay_main: %s is neither a file nor a folder\n", path.c_str());
    return false;
  }
  for (const auto& file : files) {
    std::ifstream stream(file, std::ios::binary);
    std::ostringstream contents;
    contents << stream.rdbuf();
    inputs.push_back(contents.str());
  }
  return true;
}

class Mutator {
 public:
  Mutator(uint64_t seed, const std::vector<std::string>& seeds, size_t max_len)
      : rng_(seed), seeds_(seeds), max_len_(max_len) {}

  std::string Next() {
    std::string input = seeds_[Below(seeds_.size())];
    const int mutations = 1 + static_cast<int>(Below(4));
    for (int i = 0; i < mutations; ++i) MutateOnce(input);
    if (input.size() > max_len_) input.resize(max_len_);
    return input;
  }

 private:
  size_t Below(size_t n) { return n == 0 ? 0 : rng_.Below(static_cast<uint32_t>(n)); }
  char InterestingByte() { return kInterestingBytes[Below(kInterestingBytes.size())]; }

  void MutateOnce(std::string& input) {
    const size_t at = Below(input.size() + 1);
    switch (Below(8)) {
      case 0:  // flip one bit
        if (!input.empty()) input[Below(input.size())] ^= static_cast<char>(1 << Below(8));
        break;
      case 1:  // overwrite a byte
        if (!input.empty()) input[Below(input.size())] = InterestingByte();
        break;
      case 2:
        input.insert(at, 1, InterestingByte());
        break;
      case 3:  // erase a short range
        input.erase(at, 1 + Below(8));
        break;
      case 4: {  // copy a range elsewhere (nests and repeats structure)
        const std::string piece = input.substr(Below(input.size() + 1), 1 + Below(32));
        input.insert(Below(input.size() + 1), piece);
        break;
      }
      case 5: {  // splice with another seed
        const std::string& other = seeds_[Below(seeds_.size())];
        input = input.substr(0, at) + other.substr(Below(other.size() + 1));
        break;
      }
      case 6:
        input.resize(at);
        break;
      default:
        input.insert(at, kTokens[Below(std::size(kTokens))]);
        break;
    }
  }

  tengen::Rng rng_;
  const std::vector<std::string>& seeds_;
  size_t max_len_;
};

}  // namespace

int main(int argc, char** argv) {
  long iterations = 1000;
  uint64_t seed = 1;
  size_t max_len = 4096;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--iterations=")) {
      iterations = std::stol(std::string(arg.substr(13)));
    } else if (arg.starts_with("--seed=")) {
      seed = std::stoull(std::string(arg.substr(7)));
    } else if (arg.starts_with("--max_len=")) {
      max_len = std::stoul(std::string(arg.substr(10)));
    } else if (!ReadInputs(std::filesystem::path(std::string(arg)), inputs)) {
      return 2;
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "replay_main: no seed inputs; pass corpus folders or files\n");
    return 2;
  }
  std::signal(SIGABRT, OnCrash);
  std::signal(SIGSEGV, OnCrash);
  for (const std::string& input : inputs) Run(input);
  Mutator mutator(seed, inputs, max_len);
  for (long i = 0; i < iterations; ++i) Run(mutator.Next());
  std::printf("replay_main: ran %zu seed inputs and %ld mutations without a failure\n",
              inputs.size(), iterations);
  return 0;
}
