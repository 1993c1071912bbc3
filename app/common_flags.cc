#include "app/common_flags.h"

#include <fmt/format.h>

#include <thread>

#include "app/commands.h"
#include "base/fmt_absl.h"
#include "base/text_util.h"

namespace tengen {

void AddEvaluatorFlags(FlagSet& flags, EvaluatorFlags* v) {
  flags.Add("symmetry", &v->symmetry, "symmetry per evaluation: none, random or average");
  flags.Add("device", &v->options.device, "cpu, or cuda where this LibTorch has CUDA");
  flags.Add("threads", &v->options.threads, "intra-op threads for the network");
  flags.Add("precision", &v->precision,
            "fp32, bf16 (needs AVX-512), winograd (fp32, Tengen's Winograd kernels, CPU) or auto "
            "(bf16 with AMX, else winograd)");
}

absl::StatusOr<EvaluatorOptions> ToEvaluatorOptions(const EvaluatorFlags& v, uint64_t seed) {
  EvaluatorOptions options = v.options;
  absl::StatusOr<SymmetryMode> symmetry = SymmetryModeFromName(v.symmetry);
  if (!symmetry.ok()) return symmetry.status();
  absl::StatusOr<Precision> precision = PrecisionFromName(v.precision);
  if (!precision.ok()) return precision.status();
  if (EqualsIgnoreCase(options.device, "cpu")) {
    if (absl::Status runs = CheckPrecisionRunsOnCpu(*precision); !runs.ok()) return runs;
  }
  if (options.threads < 1) return absl::InvalidArgumentError("--threads must be 1 or more");
  // More threads than cores only slows every thread down (1000 never answer).
  if (const unsigned cores = std::thread::hardware_concurrency();
      cores > 0 && static_cast<unsigned>(options.threads) > cores)
    return absl::InvalidArgumentError(
        fmt::format("--threads {} is more than the {} cores of this machine: use 1..{}",
                    options.threads, cores, cores));
  options.symmetry = *symmetry;
  options.precision = *precision;
  options.seed = seed;
  return options;
}

void AddRulesFlags(FlagSet& flags, RulesFlags* v) {
  flags.Add("rules", &v->rules, "chinese or tromp-taylor");
  flags.Add("ko", &v->ko, "simple, positional or situational");
  flags.Add("suicide", &v->suicide, "allowed or forbidden");
  flags.Add("komi", &v->komi, "komi");
  // Unset, these are the --rules preset's; the help names what the default
  // preset says.
  if (absl::StatusOr<Rules> preset = RulesFromPresetName(v->rules); preset.ok()) {
    flags.SetDefaultText("ko",
                         fmt::format("the rules' ({}: {})", v->rules, KoRuleName(preset->ko)));
    flags.SetDefaultText("suicide", fmt::format("the rules' ({}: {})", v->rules,
                                                preset->suicide_allowed ? "allowed" : "forbidden"));
    flags.SetDefaultText("komi", fmt::format("the rules' ({}: {})", v->rules, preset->komi));
  }
}

absl::StatusOr<Rules> ToRules(const RulesFlags& v) {
  absl::StatusOr<Rules> rules = RulesFromPresetName(v.rules);
  if (!rules.ok()) return rules.status();
  if (!v.ko.empty()) {
    absl::StatusOr<KoRule> ko = KoRuleFromName(v.ko);
    if (!ko.ok()) return ko.status();
    rules->ko = *ko;
  }
  if (!v.suicide.empty()) {
    if (EqualsIgnoreCase(v.suicide, "allowed")) {
      rules->suicide_allowed = true;
    } else if (EqualsIgnoreCase(v.suicide, "forbidden")) {
      rules->suicide_allowed = false;
    } else {
      return absl::InvalidArgumentError(
          fmt::format("--suicide must be allowed or forbidden, not '{}'", v.suicide));
    }
  }
  if (!std::isnan(v.komi)) rules->komi = v.komi;
  return rules;
}

void AddChoiceFlags(FlagSet& flags, ChoiceFlags* v) {
  flags.Add("policy", &v->policy, "argmax (deterministic) or sample (stochastic)");
  flags.Add("temperature", &v->options.temperature,
            "sampling temperature after the opening (0 = argmax)");
  flags.Add("opening-moves", &v->options.opening_moves, "moves that use --opening-temperature");
  flags.Add("opening-temperature", &v->options.opening_temperature,
            "sampling temperature in the opening");
  flags.Add("top-p", &v->options.top_p,
            "sample only from the likeliest moves holding this much probability");
}

absl::StatusOr<MoveChoiceOptions> ToChoiceOptions(const ChoiceFlags& v) {
  absl::StatusOr<ChoiceMode> mode = ChoiceModeFromName(v.policy);
  if (!mode.ok()) return mode.status();
  MoveChoiceOptions options = v.options;
  options.mode = *mode;
  if (absl::Status status = options.Validate(); !status.ok()) return status;
  return options;
}

int ParseFlagsOrExit(FlagSet& flags, std::span<const std::string> args) {
  if (absl::Status status = flags.Parse(args); !status.ok()) {
    fmt::print(stderr, "{}: {} (see {} --help)\n", flags.command(), status.message(),
               flags.command());
    return kExitUsage;
  }
  if (flags.help_requested()) {
    fmt::print("{}", flags.Help());
    return kExitOk;
  }
  return -1;
}

}  // namespace tengen
