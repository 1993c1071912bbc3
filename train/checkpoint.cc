#include "train/checkpoint.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/json.h"
#include "policy/file_header.h"
#include "policy/torch_errors.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

// The checkpoint file's header (policy/file_header.h): the model file, then
// the optimiser's archive.
constexpr PayloadKind kPayloads[] = {{.name = "model", .what = "model"},
                                     {.name = "optimizer", .what = "optimiser state"}};
constexpr HeaderFormat kCheckpointFormat{
    .magic = "tengen-checkpoint", .version = 1, .kind = "Tengen checkpoint", .payloads = kPayloads};

// Checkpoint files in dir with their steps, oldest first.
std::vector<std::pair<int64_t, std::string>> ListCheckpoints(const std::string& dir) {
  std::vector<std::pair<int64_t, std::string>> found;
  std::error_code error;
  for (auto it = fs::directory_iterator(dir, error); !error && it != fs::directory_iterator();
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    long long step = 0;
    char tail[8] = {0};
    if (std::sscanf(name.c_str(), "checkpoint-%lld.%5s", &step, tail) == 2 &&
        std::string(tail) == "ckpt" &&
        name.size() == fmt::format("checkpoint-{:012}.ckpt", step).size())
      found.emplace_back(step, it->path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

JsonValue LossSumsToJson(const LossSums& sums) {
  JsonValue json = JsonValue::Object();
  json.Set("policy", sums.policy)
      .Set("value", sums.value)
      .Set("entropy", sums.entropy)
      .Set("ownership", sums.ownership)
      .Set("score", sums.score)
      .Set("count", sums.count);
  return json;
}

JsonValue ProgressToJson(const CheckpointProgress& p) {
  JsonValue json = JsonValue::Object();
  json.Set("first", LossSumsToJson(p.first))
      .Set("last", LossSumsToJson(p.last))
      .Set("latest_policy", p.latest_policy)
      .Set("latest_value", p.latest_value)
      .Set("latest_entropy", p.latest_entropy)
      .Set("latest_ownership", p.latest_ownership)
      .Set("latest_score", p.latest_score)
      .Set("samples", p.samples)
      .Set("seconds", p.seconds);
  return json;
}

double NumberOr0(const JsonValue& json, std::string_view key) {
  absl::StatusOr<double> value = json.GetNumber(key);
  return value.ok() && std::isfinite(*value) ? *value : 0;
}

LossSums LossSumsFromJson(const JsonValue* json) {
  if (json == nullptr || !json->is_object()) return {};
  return {.policy = NumberOr0(*json, "policy"),
          .value = NumberOr0(*json, "value"),
          .entropy = NumberOr0(*json, "entropy"),
          .count = std::max<int64_t>(0, static_cast<int64_t>(NumberOr0(*json, "count"))),
          .ownership = NumberOr0(*json, "ownership"),
          .score = NumberOr0(*json, "score")};
}

// Missing fields (checkpoints from before they existed) read as 0.
CheckpointProgress ProgressFromJson(const JsonValue& header) {
  const JsonValue* json = header.Find("progress");
  if (json == nullptr || !json->is_object()) return {};
  CheckpointProgress p;
  p.first = LossSumsFromJson(json->Find("first"));
  p.last = LossSumsFromJson(json->Find("last"));
  p.latest_policy = NumberOr0(*json, "latest_policy");
  p.latest_value = NumberOr0(*json, "latest_value");
  p.latest_entropy = NumberOr0(*json, "latest_entropy");
  p.latest_ownership = NumberOr0(*json, "latest_ownership");
  p.latest_score = NumberOr0(*json, "latest_score");
  p.samples = std::max<int64_t>(0, static_cast<int64_t>(NumberOr0(*json, "samples")));
  p.seconds = std::max(0.0, NumberOr0(*json, "seconds"));
  return p;
}

absl::StatusOr<LoadedCheckpoint> ParseCheckpoint(const std::string& path) {
  absl::StatusOr<std::string> contents = ReadFileToString(path);
  if (!contents.ok()) return contents.status();
  absl::StatusOr<FileHeader> file = ParseFileHeader(kCheckpointFormat, *contents, path);
  if (!file.ok()) return file.status();
  absl::StatusOr<JsonValue> json = ParseJson(file->metadata);
  if (!json.ok()) return FileError(path, fmt::format("header: {}", json.status()));
  absl::StatusOr<int64_t> start = json->GetInteger("start_step"),
                          target = json->GetInteger("target_step"), step = json->GetInteger("step");
  absl::StatusOr<std::string> fingerprint = json->GetString("fingerprint");
  if (!start.ok() || !target.ok() || !step.ok() || !fingerprint.ok())
    return FileError(path, "header fields missing");
  const CheckpointHeader header{*start, *target, *step, *fingerprint, ProgressFromJson(*json)};
  absl::StatusOr<std::vector<std::string_view>> payloads = SplitPayloads(
      kCheckpointFormat, *file, std::string_view(*contents).substr(file->header_bytes), path);
  if (!payloads.ok()) return payloads.status();
  absl::StatusOr<Model> model = Model::FromBytes((*payloads)[0], path);
  if (!model.ok()) return model.status();
  return LoadedCheckpoint{header, std::move(*model), std::string((*payloads)[1]), {}};
}

}  // namespace

absl::Status SaveCheckpoint(const std::string& dir, const CheckpointHeader& header,
                            const Model& model, torch::optim::Optimizer& optimizer, int keep) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error)
    return absl::UnavailableError(fmt::format("cannot create {}: {}", dir, error.message()));
  absl::StatusOr<std::string> model_bytes = model.ToBytes();
  if (!model_bytes.ok()) return model_bytes.status();
  absl::StatusOr<std::string> optimizer_bytes =
      CatchTorchErrors("saving the optimiser state", [&]() -> absl::StatusOr<std::string> {
        torch::serialize::OutputArchive archive;
        optimizer.save(archive);
        std::ostringstream out;
        archive.save_to(out);
        return out.str();
      });
  if (!optimizer_bytes.ok()) return optimizer_bytes.status();
  JsonValue json = JsonValue::Object();
  json.Set("start_step", header.start_step)
      .Set("target_step", header.target_step)
      .Set("step", header.step)
      .Set("fingerprint", header.fingerprint)
      .Set("progress", ProgressToJson(header.progress));
  const std::string_view payloads[] = {*model_bytes, *optimizer_bytes};
  const std::string contents = EncodeHeaderedFile(kCheckpointFormat, SerializeJson(json), payloads);
  const std::string path =
      (fs::path(dir) / fmt::format("checkpoint-{:012}.ckpt", header.step)).string();
  if (absl::Status status = WriteFileAtomically(path, contents); !status.ok()) return status;
  std::vector<std::pair<int64_t, std::string>> all = ListCheckpoints(dir);
  for (size_t i = 0; i + keep < all.size(); ++i) fs::remove(all[i].second, error);
  return absl::OkStatus();
}

absl::StatusOr<CheckpointScan> ScanCheckpoints(const std::string& dir) {
  CheckpointScan scan;
  const std::vector<std::pair<int64_t, std::string>> all = ListCheckpoints(dir);
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    absl::StatusOr<LoadedCheckpoint> loaded = ParseCheckpoint(it->second);
    if (!loaded.ok()) {
      scan.damaged.push_back(it->second);
      scan.warnings.push_back(fmt::format("skipping damaged checkpoint {}", loaded.status()));
      continue;
    }
    loaded->warnings = scan.warnings;
    scan.latest = std::move(*loaded);
    break;
  }
  return scan;
}

absl::StatusOr<std::optional<LoadedCheckpoint>> LoadLatestCheckpoint(const std::string& dir) {
  absl::StatusOr<CheckpointScan> scan = ScanCheckpoints(dir);
  if (!scan.ok()) return scan.status();
  return std::move(scan->latest);
}

absl::Status SetAsideDamagedCheckpoints(const std::vector<std::string>& damaged) {
  for (const std::string& path : damaged) {
    std::error_code error;
    fs::rename(path, path + ".damaged", error);
    if (error)
      return absl::UnavailableError(
          fmt::format("cannot rename the damaged checkpoint {}: {}", path, error.message()));
  }
  return absl::OkStatus();
}

absl::Status LoadOptimizerState(torch::optim::Optimizer& optimizer, const std::string& bytes) {
  return CatchTorchErrors("loading the optimiser state", [&]() -> absl::Status {
    torch::serialize::InputArchive archive;
    std::istringstream in(bytes);
    archive.load_from(in);
    optimizer.load(archive);
    return absl::OkStatus();
  });
}

}  // namespace tengen
