#include "app/flags.h"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "base/fmt_absl.h"
#include "base/text_util.h"

namespace tengen {
namespace {

template <typename Integer>
absl::Status ParseInteger(const std::string& flag, const std::string& text, Integer* out) {
  Integer value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    // Name the range: "-1" is an integer, just not one this flag takes.
    const std::string range = std::is_same_v<Integer, uint64_t>
                                  ? std::string("0..2^64-1")
                                  : fmt::format("{}..{}", std::numeric_limits<Integer>::min(),
                                                std::numeric_limits<Integer>::max());
    return absl::InvalidArgumentError(
        fmt::format("--{}: '{}' is not allowed: it must be an integer in {}", flag, text, range));
  }
  *out = value;
  return absl::OkStatus();
}

}  // namespace

FlagSet::FlagSet(std::string command, std::string summary)
    : command_(std::move(command)), summary_(std::move(summary)) {}

void FlagSet::AddFlag(Flag flag) { flags_.push_back(std::move(flag)); }

void FlagSet::Add(std::string name, int* target, std::string help) {
  AddFlag({name, std::move(help), std::to_string(*target), false,
           [name, target](const std::string& text) { return ParseInteger(name, text, target); }});
}

void FlagSet::Add(std::string name, int64_t* target, std::string help) {
  AddFlag({name, std::move(help), std::to_string(*target), false,
           [name, target](const std::string& text) { return ParseInteger(name, text, target); }});
}

void FlagSet::Add(std::string name, uint64_t* target, std::string help) {
  AddFlag({name, std::move(help), std::to_string(*target), false,
           [name, target](const std::string& text) { return ParseInteger(name, text, target); }});
}

void FlagSet::Add(std::string name, double* target, std::string help) {
  AddFlag({name, std::move(help), fmt::format("{}", *target), false,
           [name, target](const std::string& text) {
             char* end = nullptr;
             errno = 0;
             const double value = std::strtod(text.c_str(), &end);
             if (text.empty() || end != text.c_str() + text.size() || errno != 0 ||
                 !std::isfinite(value))
               return absl::InvalidArgumentError(
                   fmt::format("--{}: '{}' is not a finite number", name, text));
             *target = value;
             return absl::OkStatus();
           }});
}

void FlagSet::Add(std::string name, std::string* target, std::string help) {
  AddFlag({name, std::move(help), target->empty() ? "\"\"" : *target, false,
           [target](const std::string& text) {
             *target = text;
             return absl::OkStatus();
           }});
}

void FlagSet::Add(std::string name, bool* target, std::string help) {
  AddFlag({name, std::move(help), *target ? "true" : "false", true,
           [name, target](const std::string& text) {
             if (text == "true" || text == "1") {
               *target = true;
             } else if (text == "false" || text == "0") {
               *target = false;
             } else {
               return absl::InvalidArgumentError(
                   fmt::format("--{}: '{}' is not true or false", name, text));
             }
             return absl::OkStatus();
           }});
}

void FlagSet::Add(std::string name, std::vector<int>* target, std::string help) {
  std::string default_text;
  for (size_t i = 0; i < target->size(); ++i)
    default_text += (i ? "," : "") + std::to_string((*target)[i]);
  AddFlag({name, std::move(help), default_text, false, [name, target](const std::string& text) {
             std::vector<int> values;
             for (std::string_view piece : SplitText(text, ',')) {
               int value = 0;
               if (absl::Status status = ParseInteger(name, std::string(piece), &value);
                   !status.ok())
                 return status;
               values.push_back(value);
             }
             *target = std::move(values);
             return absl::OkStatus();
           }});
}

void FlagSet::SetDefaultText(const std::string& name, std::string text) {
  for (Flag& flag : flags_)
    if (flag.name == name) flag.default_text = std::move(text);
}

const FlagSet::Flag* FlagSet::Find(const std::string& name) const {
  for (const Flag& flag : flags_)
    if (flag.name == name) return &flag;
  return nullptr;
}

absl::Status FlagSet::Parse(std::span<const std::string> args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      help_requested_ = true;
      continue;
    }
    if (arg.size() < 3 || arg.rfind("--", 0) != 0) {
      positional_.push_back(arg);
      continue;
    }
    const size_t equals = arg.find('=');
    const std::string name =
        arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    const Flag* flag = Find(name);
    if (flag == nullptr)
      return absl::InvalidArgumentError(
          fmt::format("unknown flag --{} for '{}' (see {} --help)", name, command_, command_));
    std::string value;
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else if (flag->is_bool) {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(fmt::format("--{} needs a value", name));
    }
    if (absl::Status status = flag->set(value); !status.ok()) return status;
  }
  return absl::OkStatus();
}

std::string FlagSet::Help() const {
  std::string text = fmt::format("usage: {} [flags]\n\n{}\n", command_, summary_);
  if (!flags_.empty()) text += "\nflags:\n";
  for (const Flag& flag : flags_) {
    text += fmt::format("  --{:<18} {} (default: {})\n", flag.name, flag.help, flag.default_text);
  }
  return text;
}

}  // namespace tengen
