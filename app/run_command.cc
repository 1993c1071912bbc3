// tengen run: the self-play training loop, generation after generation.
#include <fmt/format.h>

#include "app/commands.h"
#include "app/common_flags.h"
#include "app/terminal.h"
#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "selfplay/run_loop.h"

namespace tengen {

int RunRunCommand(std::span<const std::string> args) {
  std::string dir = RunOptions{}.dir;
  std::string config_path;
  int generations = -1;  // -1: the config's
  bool print_config = false;
  FlagSet flags(
      "tengen run",
      "The whole loop: self-play with the best model, train a candidate, match it against the\n"
      "best (win rate with a 95% interval), promote, write one metrics line, and again.\n"
      "Ctrl-C stops cleanly; the same command resumes. The best model is <dir>/models/best.tgm.");
  flags.Add("dir", &dir, "run folder (created if missing)");
  flags.Add("config", &config_path, "JSON config file");
  flags.SetDefaultText("config", "the embedded 9x9 config (see --print-config)");
  flags.Add("generations", &generations, "stop after this generation (0 = never)");
  flags.SetDefaultText("generations", fmt::format("the config's; the embedded one's is {}",
                                                  RunConfig{}.generations));
  flags.Add("print-config", &print_config, "print the embedded default config and exit");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (print_config) {
    fmt::print("{}\n", SerializeJson(RunConfig{}.ToJson()));
    return kExitOk;
  }
  Terminal terminal;
  RunOptions options{.dir = dir, .hooks = terminal.Hooks()};
  if (!config_path.empty()) {
    absl::StatusOr<std::string> text = ReadFileToString(config_path);
    if (!text.ok()) {
      fmt::print(stderr, "tengen run: {}\n", text.status());
      return kExitUsage;
    }
    absl::StatusOr<RunConfig> config = RunConfigFromJson(*text);
    if (!config.ok()) {
      fmt::print(stderr, "tengen run: {}: {}\n", config_path, config.status());
      return kExitUsage;
    }
    options.config = *config;
  }
  if (generations >= 0) options.generations = generations;
  const absl::Status status = RunTrainingLoop(options);
  if (absl::IsCancelled(status)) {
    fmt::print(stderr, "{}; run the same command to resume\n", status);
    return kExitFailure;
  }
  if (!status.ok()) {
    fmt::print(stderr, "tengen run: {}\n", status);
    return kExitFailure;
  }
  fmt::print(stderr, "done: the best model is {}/models/best.tgm; metrics in {}/metrics.jsonl\n",
             dir, dir);
  return kExitOk;
}

}  // namespace tengen
