// protocol_version, name, version, known_command, list_commands, quit, and
// the whole table.
#include <algorithm>
#include <iterator>

#include "gtp/gtp_commands.h"

namespace tengen {
namespace {

// A handler that checks there are no arguments and answers `text`.
GtpHandler Constant(std::string text) {
  return [text = std::move(text)](GtpSession&, const GtpArgs& args) -> GtpResult {
    if (!args.empty()) return GtpSyntaxError();
    return text;
  };
}

GtpResult KnownCommand(GtpSession& session, const GtpArgs& args) {
  if (args.size() != 1) return GtpSyntaxError();
  const std::span<const GtpCommandSpec> commands = session.commands();
  const bool known = std::any_of(commands.begin(), commands.end(),
                                 [&](const GtpCommandSpec& spec) { return spec.name == args[0]; });
  return std::string(known ? "true" : "false");
}

GtpResult ListCommands(GtpSession& session, const GtpArgs& args) {
  if (!args.empty()) return GtpSyntaxError();
  std::string list;
  for (const GtpCommandSpec& spec : session.commands()) {
    if (!list.empty()) list += '\n';
    list += spec.name;
  }
  return list;
}

GtpResult Quit(GtpSession& session, const GtpArgs&) {
  // Arguments are ignored: a controller that sends "quit" wants out.
  session.RequestQuit();
  return std::string();
}

}  // namespace

std::vector<GtpCommandSpec> ProtocolCommands() {
  return {
      {"protocol_version", Constant("2")},
      {"name", Constant(std::string(kEngineName))},
      {"version", Constant(std::string(kEngineVersion))},
      {"known_command", KnownCommand},
      {"list_commands", ListCommands},
      {"quit", Quit},
  };
}

std::vector<GtpCommandSpec> AllGtpCommands() {
  std::vector<GtpCommandSpec> all;
  for (auto group : {ProtocolCommands, GameCommands, SetupCommands, TimeCommands, AnalysisCommands,
                     ToolCommands}) {
    std::vector<GtpCommandSpec> commands = group();
    std::move(commands.begin(), commands.end(), std::back_inserter(all));
  }
  return all;
}

}  // namespace tengen
