#include "policy/model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <chrono>
#include <ctime>
#include <map>
#include <sstream>
#include <vector>

#include "engine/atomic_file.h"
#include "engine/checksum.h"
#include "engine/text_util.h"
#include "engine/utc_time.h"
#include "engine/fmt_absl.h"
#include "engine/json.h"
#include "policy/features.h"
#include "policy/model_internal.h"
#include "policy/torch_errors.h"

namespace tengen {
namespace {

constexpr std::string_view kMagic = "tengen-model";

absl::StatusOr<std::string> SerializeWeights(const PolicyValueNet& network) {
  return CatchTorchErrors("saving the network weights", [&]() -> absl::StatusOr<std::string> {
    std::ostringstream out;
    torch::save(network, out);
    return out.str();
  });
}

// The shape of every parameter and buffer, by name.
std::map<std::string, std::vector<int64_t>> TensorShapes(torch::nn::Module& module) {
  std::map<std::string, std::vector<int64_t>> shapes;
  for (const auto& item : module.named_parameters(true))
    shapes[item.key()] = item.value().sizes().vec();
  for (const auto& item : module.named_buffers(true))
    shapes[item.key()] = item.value().sizes().vec();
  return shapes;
}

std::string ShapeText(const std::vector<int64_t>& shape) {
  return fmt::format("[{}]", fmt::join(shape, ", "));
}

}  // namespace

std::string MetadataToJson(const ModelMetadata& m) {
  JsonValue json = JsonValue::Object();
  json.Set("format_version", m.format_version)
      .Set("board_size", m.config.board_size)
      .Set("blocks", m.config.blocks)
      .Set("channels", m.config.channels)
      .Set("input_planes", m.config.input_planes)
      .Set("policy_channels", m.config.policy_channels)
      .Set("value_channels", m.config.value_channels)
      .Set("value_hidden", m.config.value_hidden)
      .Set("dropout", m.config.dropout)
      .Set("feature_set", m.feature_set)
      .Set("training_step", static_cast<int64_t>(m.training_step))
      .Set("created", m.created)
      .Set("name", m.name);
  return SerializeJson(json);
}

absl::StatusOr<ModelMetadata> MetadataFromJson(std::string_view text) {
  absl::StatusOr<JsonValue> json = ParseJson(text);
  if (!json.ok()) return json.status();
  ModelMetadata m;
  auto integer = [&](std::string_view key, auto* out) -> absl::Status {
    absl::StatusOr<int64_t> value = json->GetInteger(key);
    if (!value.ok()) return value.status();
    *out = static_cast<std::remove_pointer_t<decltype(out)>>(*value);
    return absl::OkStatus();
  };
  for (absl::Status status :
       {integer("format_version", &m.format_version), integer("board_size", &m.config.board_size),
        integer("blocks", &m.config.blocks), integer("channels", &m.config.channels),
        integer("input_planes", &m.config.input_planes),
        integer("policy_channels", &m.config.policy_channels),
        integer("value_channels", &m.config.value_channels),
        integer("value_hidden", &m.config.value_hidden), integer("feature_set", &m.feature_set),
        integer("training_step", &m.training_step)}) {
    if (!status.ok()) return status;
  }
  absl::StatusOr<double> dropout = json->GetNumber("dropout");
  if (!dropout.ok()) return dropout.status();
  m.config.dropout = *dropout;
  absl::StatusOr<std::string> created = json->GetString("created");
  if (!created.ok()) return created.status();
  m.created = *created;
  absl::StatusOr<std::string> name = json->GetString("name");
  if (!name.ok()) return name.status();
  m.name = *name;
  return m;
}

absl::StatusOr<Model> Model::CreateRandom(const NetworkConfig& config, uint64_t seed) {
  if (absl::Status status = config.Validate(); !status.ok()) return status;
  if (config.input_planes != kNumFeaturePlanes) {
    return absl::InvalidArgumentError(
        fmt::format("network input planes is {}, but the feature encoder makes {}",
                    config.input_planes, kNumFeaturePlanes));
  }
  return CatchTorchErrors("creating the network", [&]() -> absl::StatusOr<Model> {
    torch::manual_seed(seed);
    auto state = std::make_shared<ModelState>(config);
    ModelMetadata metadata;
    metadata.config = config;
    metadata.feature_set = kFeatureSetVersion;
    metadata.created = UtcNowIso8601();
    return Model(std::move(metadata), std::move(state));
  });
}

absl::StatusOr<std::string> Model::ToBytes() const {
  absl::StatusOr<std::string> weights = SerializeWeights(state_->network);
  if (!weights.ok()) return weights.status();
  return fmt::format("{} {}\n{}\npayload {} crc32 {:08x}\n", kMagic, kModelFormatVersion,
                     MetadataToJson(metadata_), weights->size(), Crc32(*weights)) +
         *weights;
}

absl::Status Model::Save(const std::string& path) const {
  absl::StatusOr<std::string> bytes = ToBytes();
  if (!bytes.ok()) return bytes.status();
  return WriteFileAtomically(path, *bytes);
}

absl::StatusOr<Model> Model::Load(const std::string& path) {
  absl::StatusOr<std::string> contents = ReadFileToString(path);
  if (!contents.ok()) return contents.status();
  return FromBytes(*contents, path);
}

absl::StatusOr<Model> Model::FromBytes(std::string_view contents, std::string_view path) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(fmt::format("{}: {}", path, why));
  };
  std::string_view rest = contents;
  const std::optional<std::string_view> magic = NextLine(rest);
  if (!magic.has_value() || magic->substr(0, kMagic.size()) != kMagic)
    return bad("not a Tengen model file (it does not start with 'tengen-model')");
  int version = 0;
  if (std::sscanf(std::string(magic->substr(kMagic.size())).c_str(), " %d", &version) != 1)
    return bad("unreadable format version line");
  if (version != kModelFormatVersion)
    return bad(fmt::format("format version {}, but this Tengen reads version {}", version,
                           kModelFormatVersion));
  const std::optional<std::string_view> metadata_line = NextLine(rest);
  if (!metadata_line.has_value()) return bad("truncated before the metadata line ends");
  absl::StatusOr<ModelMetadata> metadata = MetadataFromJson(*metadata_line);
  if (!metadata.ok()) return bad(fmt::format("bad metadata: {}", metadata.status()));
  if (absl::Status status = metadata->config.Validate(); !status.ok())
    return bad(fmt::format("bad metadata: {}", status));
  if (metadata->feature_set != kFeatureSetVersion ||
      metadata->config.input_planes != kNumFeaturePlanes)
    return bad(
        fmt::format("made for feature set {} with {} planes; this Tengen encodes set {} with {}",
                    metadata->feature_set, metadata->config.input_planes, kFeatureSetVersion,
                    kNumFeaturePlanes));
  const std::optional<std::string_view> payload_line = NextLine(rest);
  size_t payload_size = 0;
  unsigned int crc = 0;
  if (!payload_line.has_value() || std::sscanf(std::string(*payload_line).c_str(),
                                               "payload %zu crc32 %x", &payload_size, &crc) != 2)
    return bad("truncated or damaged before the weights (no payload line)");
  if (rest.size() != payload_size)
    return bad(fmt::format("{}: expected {} bytes of weights, found {}",
                           rest.size() < payload_size ? "truncated" : "has trailing bytes",
                           payload_size, rest.size()));
  if (Crc32(rest) != crc) return bad("corrupted: the weights' checksum does not match");
  return CatchTorchErrors(
      fmt::format("loading the weights of {}", path), [&]() -> absl::StatusOr<Model> {
        auto state = std::make_shared<ModelState>(metadata->config);
        const auto expected = TensorShapes(*state->network);
        std::istringstream in{std::string(rest)};
        torch::load(state->network, in);
        // Loading replaces tensors whatever their shape,
        // so check the weights fit the metadata's shape.
        const auto loaded = TensorShapes(*state->network);
        for (const auto& [name, shape] : expected) {
          auto found = loaded.find(name);
          if (found == loaded.end() || found->second != shape)
            return bad(
                fmt::format("the weights do not match the metadata's network: {} "
                            "is {}, the metadata implies {}",
                            name, found == loaded.end() ? "missing" : ShapeText(found->second),
                            ShapeText(shape)));
        }
        return Model(*metadata, std::move(state));
      });
}

Model Model::Clone() const {
  auto state = std::make_shared<ModelState>(metadata_.config);
  torch::NoGradGuard no_grad;
  const auto source = state_->network->named_parameters(true);
  for (auto& item : state->network->named_parameters(true)) item.value().copy_(source[item.key()]);
  const auto source_buffers = state_->network->named_buffers(true);
  for (auto& item : state->network->named_buffers(true))
    item.value().copy_(source_buffers[item.key()]);
  state->network->train(state_->network->is_training());
  return Model(metadata_, std::move(state));
}

std::string Model::Describe() const {
  int64_t parameters = 0;
  for (const torch::Tensor& p : state_->network->parameters()) parameters += p.numel();
  const ModelMetadata& m = metadata_;
  return fmt::format(
      "network         {}\n"
      "parameters      {}\n"
      "MFLOP per eval  {:.1f} at {}x{}\n"
      "feature set     {} ({} input planes)\n"
      "training steps  {}\n"
      "created         {}\n"
      "name            {}\n"
      "format version  {}\n",
      m.config.Describe(), parameters, m.config.FlopsPerEvaluation() / 1e6, m.config.board_size,
      m.config.board_size, m.feature_set, m.config.input_planes, m.training_step, m.created,
      m.name.empty() ? "(none)" : m.name, m.format_version);
}

}  // namespace tengen
