// tengen: one binary, one subcommand per job.
#include <fmt/format.h>
#include <malloc.h>

#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.h"

namespace tengen {
namespace {

struct Subcommand {
  std::string_view name;
  std::string_view summary;
  int (*run)(std::span<const std::string> args);
};

constexpr Subcommand kSubcommands[] = {
    {"gtp", "GTP engine for GUIs and matches", RunGtpCommand},
    {"model", "make, inspect and export model files", RunModelCommand},
    {"selfplay", "generate self-play games and training data", RunSelfplayCommand},
    {"train", "train a model on self-play data or SGF games", RunTrainCommand},
    {"run", "the whole loop: self-play, train, evaluate, promote, repeat", RunRunCommand},
    {"match", "games between models and external GTP engines, with win rates and Elo",
     RunMatchCommand},
    {"eval", "the argmax-versus-sampling study and its HTML report", RunEvalCommand},
    {"bench", "benchmarks (board, nn, selfplay, train), one JSON line per figure", RunBenchCommand},
};

std::string Usage() {
  std::string text =
      "usage: tengen <subcommand> [flags]\n\n"
      "Tengen: a self-play Go engine with a policy network.\n\nsubcommands:\n";
  for (const Subcommand& subcommand : kSubcommands)
    text += fmt::format("  {:<10} {}\n", subcommand.name, subcommand.summary);
  text += "\n'tengen <subcommand> --help' describes each one.\n";
  return text;
}

// Network evaluation allocates and frees tensors of a megabyte or more on
// every batch. glibc's defaults serve those with fresh mmap / brk pages and
// hand them back on free, so every batch paid page faults (about a tenth of
// the time of a batch of 64). Keeping such memory in the heap makes batches
// 5-13% faster; the cost is that up to these thresholds freed memory stays
// with the process.
void KeepTensorMemoryInTheHeap() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
}

int Main(int argc, char** argv) {
  KeepTensorMemoryInTheHeap();
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    fmt::print(stderr, "{}", Usage());
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    fmt::print("{}", Usage());
    return kExitOk;
  }
  for (const Subcommand& subcommand : kSubcommands) {
    if (args[0] == subcommand.name)
      return subcommand.run(std::span<const std::string>(args).subspan(1));
  }
  fmt::print(stderr, "tengen: unknown subcommand '{}'\n\n{}", args[0], Usage());
  return kExitUsage;
}

}  // namespace
}  // namespace tengen

int main(int argc, char** argv) { return tengen::Main(argc, argv); }
