// The subcommands of the tengen binary. Each takes the arguments after its
// name and returns the process exit code: 0 success, 1 failure at run time,
// 2 bad usage (with a message on stderr).
#ifndef TENGEN_APP_COMMANDS_H_
#define TENGEN_APP_COMMANDS_H_

#include <span>
#include <string>

namespace tengen {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int RunBenchCommand(std::span<const std::string> args);
int RunModelCommand(std::span<const std::string> args);
int RunGtpCommand(std::span<const std::string> args);
int RunSelfplayCommand(std::span<const std::string> args);
int RunTrainCommand(std::span<const std::string> args);
int RunRunCommand(std::span<const std::string> args);
int RunMatchCommand(std::span<const std::string> args);
int RunEvalCommand(std::span<const std::string> args);

}  // namespace tengen

#endif  // TENGEN_APP_COMMANDS_H_
