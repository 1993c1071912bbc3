// time_settings, kgs-time_settings and time_left. Any numbers are accepted:
// negative times and counts count as zero (gtp/time_control.h); only text
// that is not a number is a syntax error.
#include <algorithm>

#include "base/text_util.h"
#include "gtp/gtp_commands.h"

namespace tengen {
namespace {

// Numbers as counts: clamped to [0, 1e9] before conversion.
int ClampedCount(double value) { return static_cast<int>(std::clamp(value, 0.0, 1e9)); }

// All arguments from `first` on as numbers.
absl::StatusOr<std::vector<double>> Numbers(const GtpArgs& args, size_t first) {
  std::vector<double> numbers;
  for (size_t i = first; i < args.size(); ++i) {
    absl::StatusOr<double> number = args.NumberAt(i);
    if (!number.ok()) return number.status();
    numbers.push_back(*number);
  }
  return numbers;
}

GtpResult TimeSettingsCommand(GtpSession& session, const GtpArgs& args) {
  if (args.size() != 3) return GtpSyntaxError();
  absl::StatusOr<std::vector<double>> n = Numbers(args, 0);
  if (!n.ok()) return n.status();
  session.engine().time_control().Configure(
      GtpTimeSettings((*n)[0], (*n)[1], ClampedCount((*n)[2])));
  return std::string();
}

GtpResult KgsTimeSettings(GtpSession& session, const GtpArgs& args) {
  if (args.empty()) return GtpSyntaxError();
  const std::string system = AsciiLower(args[0]);
  absl::StatusOr<std::vector<double>> n = Numbers(args, 1);
  if (!n.ok()) return n.status();
  TimeSettings settings;
  if (system == "none" && n->empty()) {
    settings = {};
  } else if (system == "absolute" && n->size() == 1) {
    settings = {.system = TimeSystem::kAbsolute, .main_time = (*n)[0]};
  } else if (system == "byoyomi" && n->size() == 3) {
    settings = {.system = TimeSystem::kByoYomi,
                .main_time = (*n)[0],
                .period_time = (*n)[1],
                .periods = ClampedCount((*n)[2])};
  } else if (system == "canadian" && n->size() == 3) {
    settings = {.system = TimeSystem::kCanadian,
                .main_time = (*n)[0],
                .period_time = (*n)[1],
                .stones = ClampedCount((*n)[2])};
  } else {
    return GtpSyntaxError();
  }
  session.engine().time_control().Configure(settings);
  return std::string();
}

GtpResult TimeLeft(GtpSession& session, const GtpArgs& args) {
  if (args.size() != 3) return GtpSyntaxError();
  absl::StatusOr<Color> color = args.ColorAt(0);
  if (!color.ok()) return color.status();
  absl::StatusOr<std::vector<double>> n = Numbers(args, 1);
  if (!n.ok()) return n.status();
  session.engine().time_control().SetTimeLeft(*color, (*n)[0], ClampedCount((*n)[1]));
  return std::string();
}

}  // namespace

std::vector<GtpCommandSpec> TimeCommands() {
  return {
      {"time_settings", TimeSettingsCommand},
      {"kgs-time_settings", KgsTimeSettings},
      {"time_left", TimeLeft},
  };
}

}  // namespace tengen
