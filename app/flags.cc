#include "app/flags.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <type_traits>

#include "base/check.h"

namespace tengen {
namespace {

// CLI11's help, with two changes: the command line comes first, then the
// summary; and each default is shown after the flag's help as
// "(default: X)" instead of glued to the type ("INT=9").
class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter() { column_width(32); }

  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override {
    return make_usage(app, std::move(name)) + "\n" + make_description(app) + make_positionals(app) +
           make_groups(app, mode) + "\n" + make_footer(app);
  }

  std::string make_option_opts(const CLI::Option* option) const override {
    if (option->get_type_size() == 0) return {};  // a flag: --name or --name=true|false
    std::string text = " " + get_label(option->get_type_name());
    if (option->get_expected_max() > 1) text += ",...";
    return text;
  }

  std::string make_option_desc(const CLI::Option* option) const override {
    std::string text = option->get_description();
    if (!option->get_default_str().empty())
      text += fmt::format(" (default: {})", option->get_default_str());
    return text;
  }
};

std::string FlagName(std::string_view name) { return fmt::format("--{}", name); }

template <typename Integer>
std::string RangeText() {
  if constexpr (std::is_same_v<Integer, uint64_t>) {
    return "0..2^64-1";
  } else {
    return fmt::format("{}..{}", std::numeric_limits<Integer>::min(),
                       std::numeric_limits<Integer>::max());
  }
}

// CLI11 2.1's own integer conversion reads "010" as octal, wraps "-1" into
// an unsigned type and saturates values past the 64-bit range without a
// word. This check runs first: it takes decimal integers in Integer's range
// only, and hands CLI11 the canonical text.
template <typename Integer>
CLI::Validator DecimalInteger() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        Integer value{};
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || error != std::errc() || stop != end)
          return fmt::format("'{}' is not allowed: it must be an integer in {}", text,
                             RangeText<Integer>());
        text = std::to_string(value);
        return {};
      },
      "", "decimal integer");
}

// CLI11 takes "inf", "nan" and values that overflow; no flag here wants them.
CLI::Validator FiniteNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        errno = 0;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || errno != 0 ||
            !std::isfinite(value))
          return fmt::format("'{}' is not a finite number", text);
        return {};
      },
      "", "finite number");
}

}  // namespace

FlagSet::FlagSet(std::string command, std::string summary)
    : command_(std::move(command)), app_(std::make_unique<CLI::App>(std::move(summary), command_)) {
  app_->formatter(std::make_shared<HelpFormatter>());
  // Options given twice: the last one wins (a worker's command line appends
  // its own --games, --seed, ... to the ones it was given).
  app_->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

FlagSet::~FlagSet() = default;

void FlagSet::Add(std::string_view name, int* target, std::string help) {
  app_->add_option(FlagName(name), *target, std::move(help))
      ->transform(DecimalInteger<int>())
      ->capture_default_str();
}

void FlagSet::Add(std::string_view name, int64_t* target, std::string help) {
  app_->add_option(FlagName(name), *target, std::move(help))
      ->transform(DecimalInteger<int64_t>())
      ->capture_default_str();
}

void FlagSet::Add(std::string_view name, uint64_t* target, std::string help) {
  app_->add_option(FlagName(name), *target, std::move(help))
      ->transform(DecimalInteger<uint64_t>())
      ->capture_default_str();
}

void FlagSet::Add(std::string_view name, double* target, std::string help) {
  // The shortest text that reads back as the same double (CLI11's own
  // shows six digits).
  app_->add_option(FlagName(name), *target, std::move(help))
      ->check(FiniteNumber())
      ->default_function([target] { return fmt::format("{}", *target); })
      ->capture_default_str();
}

void FlagSet::Add(std::string_view name, std::string* target, std::string help) {
  app_->add_option(FlagName(name), *target, std::move(help))->capture_default_str();
}

void FlagSet::Add(std::string_view name, bool* target, std::string help) {
  app_->add_flag(FlagName(name), *target, std::move(help))
      ->default_function([target] { return std::string(*target ? "true" : "false"); })
      ->capture_default_str();
}

void FlagSet::Add(std::string_view name, std::vector<int>* target, std::string help) {
  app_->add_option(FlagName(name), *target, std::move(help))
      ->delimiter(',')
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false)  // --batch 1 2: the 2 is a stray argument
      ->trigger_on_parse()       // each --name replaces the list, not adds to it
      ->transform(DecimalInteger<int>())
      ->default_function([target] { return fmt::format("{}", fmt::join(*target, ",")); })
      ->capture_default_str();
}

void FlagSet::AddPositional(std::string_view name, std::string* target, std::string help) {
  app_->add_option(std::string(name), *target, std::move(help));
}

void FlagSet::SetDefaultText(std::string_view name, std::string text) {
  CLI::Option* option = app_->get_option_no_throw(FlagName(name));
  TENGEN_CHECK(option != nullptr);
  option->default_str(std::move(text));
}

absl::Status FlagSet::Parse(std::span<const std::string> args) {
  // CLI11 takes the arguments last first.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app_->parse(reversed);
  } catch (const CLI::CallForHelp&) {
    help_requested_ = true;
  } catch (const CLI::ParseError& error) {
    return absl::InvalidArgumentError(error.what());
  }
  return absl::OkStatus();
}

std::string FlagSet::Help() const { return app_->help(); }

}  // namespace tengen
