// Command-line flags for the subcommands: each subcommand binds its flags to
// the fields of its Options struct, and the parser fills them in.
#ifndef TENGEN_APP_FLAGS_H_
#define TENGEN_APP_FLAGS_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tengen {

class FlagSet {
 public:
  // command: e.g. "tengen bench board"; summary: one line on what it does.
  FlagSet(std::string command, std::string summary);

  // Binds --name to *target; the target's value when bound is the default
  // shown in the help. Integers and floats are checked for range and syntax.
  void Add(std::string name, int* target, std::string help);
  void Add(std::string name, int64_t* target, std::string help);
  void Add(std::string name, uint64_t* target, std::string help);
  void Add(std::string name, double* target, std::string help);
  void Add(std::string name, std::string* target, std::string help);
  // --name alone sets true; --name=true / --name=false also work.
  void Add(std::string name, bool* target, std::string help);
  // A comma-separated list of integers, e.g. --batch 1,2,8,64.
  void Add(std::string name, std::vector<int>* target, std::string help);

  // Replaces the default shown in the help for --name (for flags whose
  // unset value stands for "whatever the preset says").
  void SetDefaultText(const std::string& name, std::string text);

  // Parses "--name value", "--name=value" and positional arguments. "--help"
  // or "-h" sets help_requested(). Errors name the flag and what was wrong.
  absl::Status Parse(std::span<const std::string> args);

  bool help_requested() const { return help_requested_; }
  const std::vector<std::string>& positional() const { return positional_; }
  // Usage text: the command, its summary and every flag with help and default.
  std::string Help() const;

 private:
  struct Flag {
    std::string name;
    std::string help;
    std::string default_text;
    bool is_bool = false;
    std::function<absl::Status(const std::string&)> set;
  };
  void AddFlag(Flag flag);
  const Flag* Find(const std::string& name) const;

  std::string command_;
  std::string summary_;
  std::vector<Flag> flags_;
  std::vector<std::string> positional_;
  bool help_requested_ = false;
};

}  // namespace tengen

#endif  // TENGEN_APP_FLAGS_H_
