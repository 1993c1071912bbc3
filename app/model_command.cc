// tengen model init | info | export: make, inspect and export model files.
#include <fmt/format.h>

#include <filesystem>

#include "app/commands.h"
#include "app/common_flags.h"
#include "app/flags.h"
#include "base/fmt_absl.h"
#include "policy/model.h"

namespace tengen {
namespace {

constexpr std::string_view kModelUsage =
    "usage: tengen model <action> [flags]\n\n"
    "actions:\n"
    "  init     make a model file with random weights\n"
    "  info     describe a model file\n"
    "  export   write a model as TorchScript for Python's torch.jit.load\n\n"
    "'tengen model <action> --help' lists the flags of each action.\n";

struct InitOptions {
  std::string out;
  NetworkConfig config;
  uint64_t seed = 1;
  std::string name;
  bool force = false;
};

int RunInit(std::span<const std::string> args) {
  InitOptions options;
  FlagSet flags("tengen model init",
                "Writes a model file with freshly initialised random weights.");
  flags.Add("out", &options.out, "model file to write (required)");
  flags.Add("size", &options.config.board_size, "board size the network is for");
  flags.Add("blocks", &options.config.blocks, "residual blocks");
  flags.Add("channels", &options.config.channels, "channels per convolution");
  flags.Add("dropout", &options.config.dropout, "spatial dropout rate in training (0 = off)");
  flags.Add("seed", &options.seed, "random seed for the weights");
  flags.Add("name", &options.name, "a name stored in the file");
  flags.Add("force", &options.force, "replace an existing file");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (options.out.empty()) {
    fmt::print(stderr, "tengen model init: --out PATH is required\n");
    return kExitUsage;
  }
  if (std::filesystem::exists(options.out) && !options.force) {
    fmt::print(stderr, "tengen model init: {} exists; pass --force to replace it\n", options.out);
    return kExitUsage;
  }
  absl::StatusOr<Model> model = Model::CreateRandom(options.config, options.seed);
  if (!model.ok()) {
    fmt::print(stderr, "tengen model init: {}\n", model.status());
    return kExitUsage;
  }
  model->set_name(options.name);
  if (absl::Status status = model->Save(options.out); !status.ok()) {
    fmt::print(stderr, "tengen model init: {}\n", status);
    return kExitFailure;
  }
  fmt::print(stderr, "wrote {} ({})\n", options.out, options.config.Describe());
  return kExitOk;
}

int RunInfo(std::span<const std::string> args) {
  std::string path;
  FlagSet flags("tengen model info", "Describes a model file: architecture, metadata, size.");
  flags.AddPositional("PATH", &path, "model file to describe (required)");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (path.empty()) {
    fmt::print(stderr, "tengen model info: which model file? (tengen model info PATH)\n");
    return kExitUsage;
  }
  absl::StatusOr<Model> model = Model::Load(path);
  if (!model.ok()) {
    fmt::print(stderr, "tengen model info: {}\n", model.status());
    return kExitFailure;
  }
  fmt::print("{}", model->Describe());
  return kExitOk;
}

int RunExport(std::span<const std::string> args) {
  std::string path, torchscript;
  FlagSet flags("tengen model export",
                "Writes the model as a TorchScript module: in Python, torch.jit.load(OUT)(planes)\n"
                "returns (policy logits [B, N*N+1], value [B]) for feature planes [B, C, N, N].");
  flags.AddPositional("PATH", &path, "model file to export (required)");
  flags.Add("torchscript", &torchscript, "TorchScript file to write (required)");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (path.empty() || torchscript.empty()) {
    fmt::print(stderr, "tengen model export: usage: tengen model export PATH --torchscript OUT\n");
    return kExitUsage;
  }
  absl::StatusOr<Model> model = Model::Load(path);
  if (!model.ok()) {
    fmt::print(stderr, "tengen model export: {}\n", model.status());
    return kExitFailure;
  }
  if (absl::Status status = model->ExportTorchScript(torchscript); !status.ok()) {
    fmt::print(stderr, "tengen model export: {}\n", status);
    return kExitFailure;
  }
  fmt::print(stderr, "wrote {}\n", torchscript);
  return kExitOk;
}

}  // namespace

int RunModelCommand(std::span<const std::string> args) {
  if (args.empty()) {
    fmt::print(stderr, "{}", kModelUsage);
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    fmt::print("{}", kModelUsage);
    return kExitOk;
  }
  if (args[0] == "init") return RunInit(args.subspan(1));
  if (args[0] == "info") return RunInfo(args.subspan(1));
  if (args[0] == "export") return RunExport(args.subspan(1));
  fmt::print(stderr, "tengen model: unknown action '{}'\n\n{}", args[0], kModelUsage);
  return kExitUsage;
}

}  // namespace tengen
