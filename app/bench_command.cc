// tengen bench <kind>: speed figures, one JSON line each on stdout.
#include <fmt/format.h>

#include "app/commands.h"
#include "app/flags.h"
#include "engine/board_benchmark.h"
#include "engine/fmt_absl.h"
#include "engine/point.h"

namespace tengen {
namespace {

constexpr std::string_view kBenchUsage =
    "usage: tengen bench <kind> [flags]\n\n"
    "kinds:\n"
    "  board   light random playouts per second on one thread\n\n"
    "'tengen bench <kind> --help' lists the flags of each kind.\n";

int RunBoardBench(std::span<const std::string> args) {
  BoardBenchmarkOptions options;
  FlagSet flags("tengen bench board",
                "Light random playouts from the empty board (uniform among legal moves that do\n"
                "not fill the mover's own one-point eye; two passes end a game), one thread.");
  flags.Add("size", &options.size, "board size, 1..25");
  flags.Add("seconds", &options.seconds, "how long to run");
  flags.Add("seed", &options.seed, "random seed");
  if (absl::Status status = flags.Parse(args); !status.ok()) {
    fmt::print(stderr, "tengen bench board: {}\n", status.message());
    return kExitUsage;
  }
  if (flags.help_requested()) {
    fmt::print("{}", flags.Help());
    return kExitOk;
  }
  if (!flags.positional().empty()) {
    fmt::print(stderr, "tengen bench board: unexpected argument '{}'\n", flags.positional()[0]);
    return kExitUsage;
  }
  if (options.size < kMinBoardSize || options.size > kMaxBoardSize) {
    fmt::print(stderr, "tengen bench board: --size must be in {}..{}, not {}\n", kMinBoardSize,
               kMaxBoardSize, options.size);
    return kExitUsage;
  }
  if (!(options.seconds > 0 && options.seconds <= 86400)) {
    fmt::print(stderr, "tengen bench board: --seconds must be in (0, 86400]\n");
    return kExitUsage;
  }
  fmt::print("{}\n", RunBoardBenchmark(options).ToJson());
  return kExitOk;
}

}  // namespace

int RunBenchCommand(std::span<const std::string> args) {
  if (args.empty()) {
    fmt::print(stderr, "{}", kBenchUsage);
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    fmt::print("{}", kBenchUsage);
    return kExitOk;
  }
  if (args[0] == "board") return RunBoardBench(args.subspan(1));
  fmt::print(stderr, "tengen bench: unknown kind '{}'\n\n{}", args[0], kBenchUsage);
  return kExitUsage;
}

}  // namespace tengen
