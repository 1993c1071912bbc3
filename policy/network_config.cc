#include "policy/network_config.h"

#include <fmt/format.h>

namespace tengen {

std::string NetworkConfig::Describe() const {
  return fmt::format("{}x{} for {}x{}, dropout {}", blocks, channels, board_size, board_size,
                     dropout);
}

absl::Status NetworkConfig::Validate() const {
  auto out_of_range = [](std::string_view field, auto value, std::string_view range) {
    return absl::InvalidArgumentError(
        fmt::format("network {} is {}, which is outside {}", field, value, range));
  };
  if (board_size < 1 || board_size > 25) return out_of_range("board size", board_size, "1..25");
  if (blocks < 1 || blocks > 64) return out_of_range("blocks", blocks, "1..64");
  if (channels < 1 || channels > 1024) return out_of_range("channels", channels, "1..1024");
  if (input_planes < 1 || input_planes > 256)
    return out_of_range("input planes", input_planes, "1..256");
  if (policy_channels < 1 || policy_channels > 1024)
    return out_of_range("policy channels", policy_channels, "1..1024");
  if (value_channels < 1 || value_channels > 1024)
    return out_of_range("value channels", value_channels, "1..1024");
  if (value_hidden < 1 || value_hidden > 4096)
    return out_of_range("value hidden units", value_hidden, "1..4096");
  if (!(dropout >= 0 && dropout < 1)) return out_of_range("dropout", dropout, "[0, 1)");
  return absl::OkStatus();
}

double NetworkConfig::FlopsPerEvaluation() const {
  const double area = board_size * board_size;
  const double trunk = 9.0 * input_planes * channels + blocks * 2 * 9.0 * channels * channels;
  const double heads = channels * policy_channels + policy_channels + channels * value_channels;
  const double dense = channels + value_channels * value_hidden + value_hidden;
  const double aux = aux_heads ? value_channels * area + value_hidden : 0;
  return 2.0 * ((trunk + heads) * area + dense + aux);
}

}  // namespace tengen
