#include "train/checkpoint.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "base/atomic_file.h"
#include "base/checksum.h"
#include "base/fmt_absl.h"
#include "base/json.h"
#include "base/text_util.h"
#include "policy/torch_errors.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic = "tengen-checkpoint 1";

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
  return {NumberOr0(*json, "policy"), NumberOr0(*json, "value"), NumberOr0(*json, "entropy"),
          std::max<int64_t>(0, static_cast<int64_t>(NumberOr0(*json, "count")))};
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
  p.samples = std::max<int64_t>(0, static_cast<int64_t>(NumberOr0(*json, "samples")));
  p.seconds = std::max(0.0, NumberOr0(*json, "seconds"));
  return p;
}

absl::StatusOr<LoadedCheckpoint> ParseCheckpoint(const std::string& path) {
  absl::StatusOr<std::string> contents = ReadFileToString(path);
  if (!contents.ok()) return contents.status();
  auto bad = [&](std::string_view why) {
    return absl::DataLossError(fmt::format("{}: {}", path, why));
  };
  std::string_view rest = *contents;
  if (NextLine(rest) != kMagic) return bad("not a Tengen checkpoint");
  const std::optional<std::string_view> header_line = NextLine(rest);
  if (!header_line.has_value()) return bad("truncated");
  absl::StatusOr<JsonValue> json = ParseJson(*header_line);
  if (!json.ok()) return bad(fmt::format("header: {}", json.status()));
  CheckpointHeader header;
  absl::StatusOr<int64_t> start = json->GetInteger("start_step"),
                          target = json->GetInteger("target_step"), step = json->GetInteger("step");
  absl::StatusOr<std::string> fingerprint = json->GetString("fingerprint");
  if (!start.ok() || !target.ok() || !step.ok() || !fingerprint.ok())
    return bad("header fields missing");
  header = {*start, *target, *step, *fingerprint, ProgressFromJson(*json)};
  size_t model_size = 0, optimizer_size = 0;
  unsigned model_crc = 0, optimizer_crc = 0;
  const std::optional<std::string_view> model_line = NextLine(rest),
                                        optimizer_line = NextLine(rest);
  if (!model_line || !optimizer_line ||
      std::sscanf(std::string(*model_line).c_str(), "model %zu crc32 %x", &model_size,
                  &model_crc) != 2 ||
      std::sscanf(std::string(*optimizer_line).c_str(), "optimizer %zu crc32 %x", &optimizer_size,
                  &optimizer_crc) != 2)
    return bad("truncated or damaged size lines");
  if (rest.size() != model_size + optimizer_size) return bad("truncated");
  const std::string_view model_bytes = rest.substr(0, model_size);
  const std::string_view optimizer_bytes = rest.substr(model_size);
  if (Crc32(model_bytes) != model_crc || Crc32(optimizer_bytes) != optimizer_crc)
    return bad("checksum mismatch");
  absl::StatusOr<Model> model = Model::FromBytes(model_bytes, path);
  if (!model.ok()) return model.status();
  return LoadedCheckpoint{header, std::move(*model), std::string(optimizer_bytes), {}};
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
  const std::string contents =
      fmt::format("{}\n{}\nmodel {} crc32 {:08x}\noptimizer {} crc32 {:08x}\n", kMagic,
                  SerializeJson(json), model_bytes->size(), Crc32(*model_bytes),
                  optimizer_bytes->size(), Crc32(*optimizer_bytes)) +
      *model_bytes + *optimizer_bytes;
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
