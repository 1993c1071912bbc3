// Command-line flags for the subcommands: each subcommand binds its flags to
// the fields of its Options struct, and the parser (CLI11) fills them in.
// The value a field holds when it is bound is the default the help shows, so
// each default is written once, in the struct.
#ifndef TENGEN_APP_FLAGS_H_
#define TENGEN_APP_FLAGS_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace tengen {

class FlagSet {
 public:
  // command: e.g. "tengen bench board"; summary: what it does (may span
  // several lines). Both head the help.
  FlagSet(std::string command, std::string summary);
  ~FlagSet();
  FlagSet(const FlagSet&) = delete;
  FlagSet& operator=(const FlagSet&) = delete;

  // Binds --name to *target, which must outlive Parse; the target's value
  // when bound is the default shown in the help. "--name value" and
  // "--name=value" both work; given twice, the last one wins. Integers are
  // decimal and checked against the target type's range, floats must be
  // finite; an error names the flag and the range.
  void Add(std::string_view name, int* target, std::string help);
  void Add(std::string_view name, int64_t* target, std::string help);
  void Add(std::string_view name, uint64_t* target, std::string help);
  void Add(std::string_view name, double* target, std::string help);
  void Add(std::string_view name, std::string* target, std::string help);
  // --name alone sets true; --name=true / --name=false also work.
  void Add(std::string_view name, bool* target, std::string help);
  // A comma-separated list of integers, e.g. --batch 1,2,8,64; the list
  // given replaces the default, and a later --name replaces an earlier one.
  void Add(std::string_view name, std::vector<int>* target, std::string help);
  // Binds the positional argument NAME (e.g. a model file) to *target, which
  // keeps its value when the argument is left out. Without one, any
  // positional argument is an error.
  void AddPositional(std::string_view name, std::string* target, std::string help);

  // Replaces the default shown in the help for --name (for flags whose
  // unset value stands for "whatever the preset says"). --name must be bound.
  void SetDefaultText(std::string_view name, std::string text);

  // Parses the arguments after the subcommand into the bound targets.
  // "--help" or "-h" sets help_requested() and returns Ok. Unknown flags,
  // missing values, bad numbers and stray positional arguments are
  // InvalidArgument errors whose one-line message names the flag or the
  // argument and what was wrong.
  absl::Status Parse(std::span<const std::string> args);

  bool help_requested() const { return help_requested_; }
  const std::string& command() const { return command_; }
  // Usage text: the command line, the summary, then every flag with its
  // help and default.
  std::string Help() const;

 private:
  std::string command_;
  std::unique_ptr<CLI::App> app_;
  bool help_requested_ = false;
};

}  // namespace tengen

#endif  // TENGEN_APP_FLAGS_H_
