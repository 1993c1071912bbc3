#include "policy/model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <vector>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/json.h"
#include "base/utc_time.h"
#include "policy/features.h"
#include "policy/file_header.h"
#include "policy/model_internal.h"
#include "policy/torch_errors.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

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

// The model file's header (policy/file_header.h): one payload, the weights.
constexpr PayloadKind kWeights[] = {{.name = "payload", .what = "weights"}};
constexpr HeaderFormat kModelFormat{.magic = "tengen-model",
                                    .version = kModelFormatVersion,
                                    .kind = "Tengen model file",
                                    .payloads = kWeights};
// A LibTorch archive stores the tensors uncompressed, plus per-tensor
// records and a pickled index; this bounds that overhead generously.
constexpr uint64_t kMaxArchiveOverhead = 16ull << 20;

// E.g. "90.1 KB", "4.83 GB".
std::string BytesText(double bytes) {
  if (bytes < 1e3) return fmt::format("{:.0f} bytes", bytes);
  if (bytes < 1e6) return fmt::format("{:.1f} KB", bytes / 1e3);
  if (bytes < 1e9) return fmt::format("{:.1f} MB", bytes / 1e6);
  return fmt::format("{:.2f} GB", bytes / 1e9);
}

// Up to `limit` bytes from `in` (fewer at its end).
std::string ReadUpTo(std::istream& in, uint64_t limit) {
  std::string bytes;
  char buffer[1 << 16];
  while (bytes.size() < limit && in) {
    in.read(buffer,
            static_cast<std::streamsize>(std::min<uint64_t>(sizeof buffer, limit - bytes.size())));
    bytes.append(buffer, static_cast<size_t>(in.gcount()));
  }
  return bytes;
}

}  // namespace

uint64_t WeightBytes(const NetworkConfig& c) {
  const uint64_t ch = c.channels, pc = c.policy_channels, vc = c.value_channels,
                 vh = c.value_hidden, blocks = c.blocks;
  // Batch norm: weight, bias, running mean and variance, and an int64 count.
  auto batch_norm = [](uint64_t n) { return 4 * n * 4 + 8; };
  const uint64_t block = 2 * 9 * ch * ch * 4 + 2 * batch_norm(ch);
  return 9 * c.input_planes * ch * 4 + batch_norm(ch) + blocks * block +     // trunk
         ch * pc * 4 + batch_norm(pc) + (pc + 1) * 4 + (ch + 1) * 4 +        // policy head
         ch * vc * 4 + batch_norm(vc) + (vc * vh + vh) * 4 + (vh + 1) * 4 +  // value head
         (c.aux_heads ? (vc + 1) * 4 + (vh + 1) * 4 : 0);                    // aux heads
}

namespace {

struct ModelHeader {
  ModelMetadata metadata;
  FileHeader file;
};

absl::StatusOr<ModelMetadata> ParseMetadata(std::string_view line, std::string_view path) {
  absl::StatusOr<ModelMetadata> metadata = MetadataFromJson(line);
  if (!metadata.ok()) return FileError(path, fmt::format("bad metadata: {}", metadata.status()));
  if (absl::Status status = metadata->config.Validate(); !status.ok())
    return FileError(path, fmt::format("bad metadata: {}", status));
  if (metadata->feature_set != kFeatureSetVersion ||
      metadata->config.input_planes != kNumFeaturePlanes)
    return FileError(
        path,
        fmt::format("made for feature set {} with {} planes; this Tengen encodes set {} with {}",
                    metadata->feature_set, metadata->config.input_planes, kFeatureSetVersion,
                    kNumFeaturePlanes));
  return metadata;
}

// Checks the declared payload size against what the metadata's network can
// take.
absl::Status CheckDeclaredSize(const PayloadLine& line, const ModelMetadata& m,
                               std::string_view path) {
  const uint64_t needed = WeightBytes(m.config);
  const uint64_t most = needed + needed / 4 + kMaxArchiveOverhead;
  if (line.size > most)
    return FileError(path, fmt::format("damaged: the payload line declares {} bytes of weights, "
                                       "but the metadata's {} network takes at most {}",
                                       line.declared, m.config.Describe(), most));
  if (line.size < needed)
    return FileError(path,
                     fmt::format("the weights do not match the metadata: its {} network needs at "
                                 "least {} ({} bytes) of weights, the payload holds {} bytes",
                                 m.config.Describe(), BytesText(needed), needed, line.size));
  return absl::OkStatus();
}

// The header at the start of `bytes`, checked, before anything of the size
// it declares is read or allocated.
absl::StatusOr<ModelHeader> ParseHeader(std::string_view bytes, std::string_view path) {
  absl::StatusOr<FileHeader> file = ParseFileHeader(kModelFormat, bytes, path);
  if (!file.ok()) return file.status();
  absl::StatusOr<ModelMetadata> metadata = ParseMetadata(file->metadata, path);
  if (!metadata.ok()) return metadata.status();
  if (absl::Status status = CheckDeclaredSize(file->payloads[0], *metadata, path); !status.ok())
    return status;
  return ModelHeader{*std::move(metadata), *std::move(file)};
}

// The network from weights whose size and checksum SplitPayloads checked.
absl::StatusOr<std::shared_ptr<ModelState>> BuildState(const ModelMetadata& metadata,
                                                       std::string_view payload,
                                                       std::string_view path) {
  const NetworkConfig& config = metadata.config;
  return CatchTorchErrors(
      fmt::format("loading the weights of {}", path),
      [&]() -> absl::StatusOr<std::shared_ptr<ModelState>> {
        auto state = std::make_shared<ModelState>(config);
        const auto expected = TensorShapes(*state->network);
        std::istringstream in{std::string(payload)};
        torch::load(state->network, in);
        // Loading replaces tensors whatever their shape,
        // so check the weights fit the metadata's shape.
        const auto loaded = TensorShapes(*state->network);
        for (const auto& [name, shape] : expected) {
          auto found = loaded.find(name);
          if (found == loaded.end() || found->second != shape)
            return FileError(
                path,
                fmt::format("the weights do not match the metadata's network: {} "
                            "is {}, the metadata implies {}",
                            name, found == loaded.end() ? "missing" : ShapeText(found->second),
                            ShapeText(shape)));
        }
        return state;
      });
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
      .Set("dropout", m.config.dropout);
  // Only networks with the auxiliary heads carry the key: a model without
  // them is written exactly as before the heads existed (older files round
  // trip byte for byte), and an absent key reads as false.
  if (m.config.aux_heads) json.Set("aux_heads", true);
  json.Set("feature_set", m.feature_set)
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
    using Out = std::remove_pointer_t<decltype(out)>;
    if (*value < std::numeric_limits<Out>::min() || *value > std::numeric_limits<Out>::max())
      return absl::InvalidArgumentError(fmt::format("{} is {}, out of range", key, *value));
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
  // Models written before the auxiliary heads existed have no such key.
  m.config.aux_heads = false;
  if (json->Find("aux_heads") != nullptr) {
    absl::StatusOr<bool> aux = json->GetBool("aux_heads");
    if (!aux.ok()) return aux.status();
    m.config.aux_heads = *aux;
  }
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
  const std::string_view payloads[] = {*weights};
  return EncodeHeaderedFile(kModelFormat, MetadataToJson(metadata_), payloads);
}

absl::Status Model::Save(const std::string& path) const {
  absl::StatusOr<std::string> bytes = ToBytes();
  if (!bytes.ok()) return bytes.status();
  return WriteFileAtomically(path, *bytes);
}

absl::StatusOr<Model> Model::Load(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status))
    return absl::NotFoundError(fmt::format("{}: cannot read the model file: {}", path,
                                           error ? error.message() : "no such file"));
  if (fs::is_directory(status))
    return absl::InvalidArgumentError(
        fmt::format("{}: is a folder, not a model file (give the path of a .tgm file)", path));
  const bool regular = fs::is_regular_file(status);
  const uint64_t file_size = regular ? fs::file_size(path, error) : 0;
  std::ifstream in(path, std::ios::binary);
  if (!in || error)
    return absl::UnavailableError(
        fmt::format("{}: cannot open the model file: {}", path, std::strerror(errno)));
  // Only the header first: a file that is not a model costs at most this.
  const std::string head = ReadUpTo(in, MaxHeaderBytes(kModelFormat));
  absl::StatusOr<ModelHeader> header = ParseHeader(head, path);
  if (!header.ok()) return header.status();
  const FileHeader& file = header->file;
  if (regular)
    if (absl::Status status =
            CheckPayloadSize(kModelFormat, file, file_size - file.header_bytes, path);
        !status.ok())
      return status;
  // The header's sizes are checked: read exactly the payload, and one byte
  // more to notice trailing bytes (for files whose size is unknown).
  std::string payload = head.substr(file.header_bytes);
  if (payload.size() <= file.PayloadBytes())
    payload += ReadUpTo(in, file.PayloadBytes() - payload.size() + 1);
  absl::StatusOr<std::vector<std::string_view>> weights =
      SplitPayloads(kModelFormat, file, payload, path);
  if (!weights.ok()) return weights.status();
  absl::StatusOr<std::shared_ptr<ModelState>> state =
      BuildState(header->metadata, (*weights)[0], path);
  if (!state.ok()) return state.status();
  return Model(std::move(header->metadata), *std::move(state));
}

absl::StatusOr<Model> Model::FromBytes(std::string_view contents, std::string_view path) {
  absl::StatusOr<ModelHeader> header = ParseHeader(contents, path);
  if (!header.ok()) return header.status();
  absl::StatusOr<std::vector<std::string_view>> weights =
      SplitPayloads(kModelFormat, header->file, contents.substr(header->file.header_bytes), path);
  if (!weights.ok()) return weights.status();
  absl::StatusOr<std::shared_ptr<ModelState>> state =
      BuildState(header->metadata, (*weights)[0], path);
  if (!state.ok()) return state.status();
  return Model(std::move(header->metadata), *std::move(state));
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
