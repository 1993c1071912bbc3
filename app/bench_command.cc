// tengen bench <kind>: speed figures, one JSON line each on stdout.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/commands.h"
#include "app/common_flags.h"
#include "app/flags.h"
#include "base/fmt_absl.h"
#include "base/json.h"
#include "base/text_util.h"
#include "engine/board_benchmark.h"
#include "engine/point.h"
#include "policy/model.h"
#include "policy/nn_benchmark.h"
#include "policy/winograd.h"
#include "search/search_benchmark.h"
#include "selfplay/benchmarks.h"

namespace tengen {
namespace {

constexpr std::string_view kBenchUsage =
    "usage: tengen bench <kind> [flags]\n\n"
    "kinds:\n"
    "  board   light random playouts per second on one thread\n"
    "  nn      network evaluations per second by batch size and precision\n"
    "  selfplay  self-play positions per second against the network alone\n"
    "  search  search visits per second (PUCT and Gumbel) against the network alone\n"
    "  train   training samples per second\n\n"
    "'tengen bench <kind> --help' lists the flags of each kind.\n";

int RunBoardBench(std::span<const std::string> args) {
  BoardBenchmarkOptions options;
  FlagSet flags("tengen bench board",
                "Light random playouts from the empty board (uniform among legal moves that do\n"
                "not fill the mover's own one-point eye; two passes end a game), one thread.");
  flags.Add("size", &options.size, "board size, 1..25");
  flags.Add("seconds", &options.seconds, "how long to run");
  flags.Add("seed", &options.seed, "random seed");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
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

struct NnBenchFlags {
  NnBenchmarkOptions options;
  std::string model;
  std::string dtypes = "fp32,bf16,winograd";
  int agreement_positions = 2000;
  std::string kernels;  // Winograd kernel set; empty: the widest this CPU runs
};

int RunNnBench(std::span<const std::string> args) {
  NnBenchFlags f;
  FlagSet flags(
      "tengen bench nn",
      "Network evaluations per second (feature planes in, policy and value out) for each\n"
      "batch size and precision, plus the raw 3x3 convolution throughput of the same\n"
      "LibTorch at the network's shape (nn_ceiling) and one core's FMA peak (nn_fma_peak);\n"
      "of_fma_peak = the network's FLOPs x evaluations/s over threads x that peak.");
  flags.Add("model", &f.model, "model file (default: a random 6x64 network for 9x9)");
  flags.Add("batch", &f.options.batches, "batch sizes");
  flags.Add("dtype", &f.dtypes,
            "precisions, comma-separated: fp32, bf16, winograd, auto (those this CPU cannot run "
            "are reported and skipped)");
  flags.Add("seconds", &f.options.seconds, "seconds per figure");
  flags.Add("threads", &f.options.threads, "intra-op threads");
  flags.Add("device", &f.options.device, "cpu, or cuda where this LibTorch has CUDA");
  flags.Add("kernels", &f.kernels,
            "Winograd kernels and FMA-peak vectors: avx512, avx2 or generic (default: the widest "
            "this CPU runs)");
  flags.Add("agreement", &f.agreement_positions,
            "positions on which to compare each non-fp32 precision's top move with fp32 (0: skip)");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  if (!f.kernels.empty() && !SelectWinogradKernels(f.kernels)) {
    fmt::print(stderr, "tengen bench nn: --kernels {}: this CPU runs {}\n", f.kernels,
               fmt::join(RunnableWinogradKernels(), ", "));
    return kExitUsage;
  }
  f.options.precisions.clear();
  std::vector<std::string> unavailable;  // one JSON line per precision this CPU cannot run
  for (std::string_view name : SplitText(f.dtypes, ',')) {
    absl::StatusOr<Precision> precision = PrecisionFromName(name);
    if (!precision.ok()) {
      fmt::print(stderr, "tengen bench nn: {}\n", precision.status());
      return kExitUsage;
    }
    absl::Status runs = EqualsIgnoreCase(f.options.device, "cpu")
                            ? CheckPrecisionRunsOnCpu(*precision)
                            : absl::OkStatus();
    if (!runs.ok()) {
      unavailable.push_back(fmt::format(
          R"({{"bench":"nn","dtype":"{}","available":false,"reason":{}}})",
          PrecisionName(*precision), SerializeJson(JsonValue(std::string(runs.message())))));
      continue;
    }
    f.options.precisions.push_back(*precision);
  }
  for (int batch : f.options.batches) {
    if (batch < 1 || batch > 4096) {
      fmt::print(stderr, "tengen bench nn: batch sizes must be in 1..4096, not {}\n", batch);
      return kExitUsage;
    }
  }
  if (f.options.batches.empty() || !(f.options.seconds > 0) || f.options.threads < 1) {
    fmt::print(stderr, "tengen bench nn: need at least one batch, --seconds > 0, --threads >= 1\n");
    return kExitUsage;
  }
  for (const std::string& line : unavailable) fmt::print("{}\n", line);
  if (f.options.precisions.empty()) {
    fmt::print(stderr, "tengen bench nn: none of the precisions asked for can run on this CPU\n");
    return kExitFailure;
  }
  absl::StatusOr<Model> model =
      f.model.empty() ? Model::CreateRandom(NetworkConfig{}, 1) : Model::Load(f.model);
  if (!model.ok()) {
    fmt::print(stderr, "tengen bench nn: {}\n", model.status());
    return kExitFailure;
  }
  absl::StatusOr<NnBenchmarkResult> result = RunNnBenchmark(*model, f.options);
  if (!result.ok()) {
    fmt::print(stderr, "tengen bench nn: {}\n", result.status());
    return kExitFailure;
  }
  fmt::print("{}\n", result->peak.ToJson());
  for (const NnFigure& figure : result->figures) fmt::print("{}\n", figure.ToJson());
  for (const NnCeiling& ceiling : result->ceilings) fmt::print("{}\n", ceiling.ToJson());
  for (Precision precision : f.options.precisions) {
    if (precision == Precision::kFloat32 || f.agreement_positions <= 0) continue;
    absl::StatusOr<NnAgreement> agreement =
        MeasureAgreement(*model, precision, f.agreement_positions, 1, f.options.device);
    if (!agreement.ok()) {
      fmt::print(stderr, "tengen bench nn: {}\n", agreement.status());
      return kExitFailure;
    }
    fmt::print("{}\n", agreement->ToJson());
  }
  return kExitOk;
}

absl::StatusOr<Model> ModelOrDefault(const std::string& path) {
  return path.empty() ? Model::CreateRandom(NetworkConfig{}, 1) : Model::Load(path);
}

int RunSelfPlayBench(std::span<const std::string> args) {
  std::string model_path;
  SelfPlayBenchmarkOptions options;
  EvaluatorFlags evaluator{.options = options.evaluator};
  FlagSet flags(
      "tengen bench selfplay",
      "Self-play positions per second (K games stepped together, one batched evaluation per\n"
      "step) and, in the same run, the network alone at the same batch size.");
  flags.Add("model", &model_path, "model file (default: a random 6x64 network for 9x9)");
  flags.Add("parallel", &options.parallel, "games stepped together (the batch size)");
  flags.Add("seconds", &options.seconds, "seconds for each of the two measurements");
  AddEvaluatorFlags(flags, &evaluator);
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  absl::StatusOr<EvaluatorOptions> evaluator_options =
      ToEvaluatorOptions(evaluator, options.evaluator.seed);
  if (!evaluator_options.ok() || options.parallel < 1 || !(options.seconds > 0)) {
    fmt::print(stderr, "tengen bench selfplay: {}\n",
               evaluator_options.ok() ? "--parallel and --seconds must be positive"
                                      : evaluator_options.status().ToString());
    return kExitUsage;
  }
  options.evaluator = *evaluator_options;
  absl::StatusOr<Model> model = ModelOrDefault(model_path);
  if (!model.ok()) {
    fmt::print(stderr, "tengen bench selfplay: {}\n", model.status());
    return kExitFailure;
  }
  absl::StatusOr<SelfPlayBenchmarkResult> result = RunSelfPlayBenchmark(*model, options);
  if (!result.ok()) {
    fmt::print(stderr, "tengen bench selfplay: {}\n", result.status());
    return kExitFailure;
  }
  fmt::print("{}\n", result->ToJson());
  return kExitOk;
}

int RunSearchBench(std::span<const std::string> args) {
  std::string model_path, roots = "puct,gumbel";
  std::vector<int> searches = {1, 16};
  SearchBenchmarkOptions options;
  EvaluatorFlags evaluator;
  evaluator.symmetry = "none";  // the search sees each position once: no need to mirror
  FlagSet flags(
      "tengen bench search",
      "Search visits per second: games searched move by move (each move --visits visits, the\n"
      "best move played), one network call per step for all games searched together, and in\n"
      "the same run the network alone at the search's mean batch size. ratio = visits/s over\n"
      "the network's evaluations/s: 1 means the tree costs nothing.");
  flags.Add("model", &model_path, "model file (default: a random 6x64 network for 9x9)");
  flags.Add("root", &roots, "root policies, comma-separated: puct, gumbel");
  flags.Add("parallel", &searches, "games searched together (one figure each)");
  flags.Add("visits", &options.visits, "visits per move");
  flags.Add("batch", &options.search.batch_size, "leaves per search per network call");
  flags.Add("seconds", &options.seconds, "seconds of search per figure");
  AddEvaluatorFlags(flags, &evaluator);
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  absl::StatusOr<EvaluatorOptions> evaluator_options = ToEvaluatorOptions(evaluator, 1);
  if (!evaluator_options.ok()) {
    fmt::print(stderr, "tengen bench search: {}\n", evaluator_options.status());
    return kExitUsage;
  }
  std::vector<RootPolicy> policies;
  for (std::string_view name : SplitText(roots, ',')) {
    absl::StatusOr<RootPolicy> policy = RootPolicyFromName(name);
    if (!policy.ok()) {
      fmt::print(stderr, "tengen bench search: {}\n", policy.status());
      return kExitUsage;
    }
    policies.push_back(*policy);
  }
  for (int count : searches) {
    if (count < 1 || count > 4096) {
      fmt::print(stderr, "tengen bench search: --parallel must be in 1..4096, not {}\n", count);
      return kExitUsage;
    }
  }
  if (absl::Status status = options.search.Validate();
      !status.ok() || options.visits < 1 || !(options.seconds > 0)) {
    fmt::print(stderr, "tengen bench search: {}\n",
               status.ok() ? "--visits and --seconds must be positive" : status.ToString());
    return kExitUsage;
  }
  absl::StatusOr<Model> model = ModelOrDefault(model_path);
  if (!model.ok()) {
    fmt::print(stderr, "tengen bench search: {}\n", model.status());
    return kExitFailure;
  }
  absl::StatusOr<std::unique_ptr<Evaluator>> network =
      CreateNetworkEvaluator(*model, *evaluator_options);
  if (!network.ok()) {
    fmt::print(stderr, "tengen bench search: {}\n", network.status());
    return kExitFailure;
  }
  options.board_size = model->metadata().config.board_size;
  for (RootPolicy policy : policies) {
    for (int count : searches) {
      options.search.root_policy = policy;
      options.searches = count;
      absl::StatusOr<SearchBenchmarkResult> result = RunSearchBenchmark(**network, options);
      if (!result.ok()) {
        fmt::print(stderr, "tengen bench search: {}\n", result.status());
        return kExitFailure;
      }
      fmt::print("{}\n", result->ToJson());
      std::fflush(stdout);
    }
  }
  return kExitOk;
}

int RunTrainBench(std::span<const std::string> args) {
  std::string model_path;
  std::vector<int> threads = {1, 2};
  TrainBenchmarkOptions options;
  FlagSet flags(
      "tengen bench train",
      "Training samples per second (policy gradient and value loss, SGD with momentum, symmetry\n"
      "augmentation) for each thread count.");
  flags.Add("model", &model_path, "model file (default: a random 6x64 network for 9x9)");
  flags.Add("batch", &options.batch, "positions per step");
  flags.Add("threads", &threads, "thread counts to measure");
  flags.Add("seconds", &options.seconds, "seconds per figure");
  if (int code = ParseFlagsOrExit(flags, args); code >= 0) return code;
  absl::StatusOr<Model> model = ModelOrDefault(model_path);
  if (!model.ok()) {
    fmt::print(stderr, "tengen bench train: {}\n", model.status());
    return kExitFailure;
  }
  for (int t : threads) {
    if (t < 1 || options.batch < 1 || !(options.seconds > 0)) {
      fmt::print(stderr, "tengen bench train: --threads, --batch and --seconds must be positive\n");
      return kExitUsage;
    }
    options.threads = t;
    absl::StatusOr<TrainBenchmarkResult> result = RunTrainBenchmark(*model, options);
    if (!result.ok()) {
      fmt::print(stderr, "tengen bench train: {}\n", result.status());
      return kExitFailure;
    }
    fmt::print("{}\n", result->ToJson());
  }
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
  if (args[0] == "nn") return RunNnBench(args.subspan(1));
  if (args[0] == "selfplay") return RunSelfPlayBench(args.subspan(1));
  if (args[0] == "search") return RunSearchBench(args.subspan(1));
  if (args[0] == "train") return RunTrainBench(args.subspan(1));
  fmt::print(stderr, "tengen bench: unknown kind '{}'\n\n{}", args[0], kBenchUsage);
  return kExitUsage;
}

}  // namespace tengen
