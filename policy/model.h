// A policy-value network with its metadata, and its file format. This header
// does not include LibTorch; policy/model_internal.h gives policy/ and the
// trainer the network itself.
//
// File format (version 1), written to a temporary name and renamed, with
// the header of policy/file_header.h:
//   line 1  "tengen-model 1"
//   line 2  metadata as one line of JSON (ModelMetadata's fields)
//   line 3  "payload <bytes> crc32 <8 hex digits>"
//   then    <bytes> bytes of LibTorch archive holding the weights
// Loading checks each part, so a truncated, corrupted or mismatched file
// gives an error that says which, never a crash. Limits: the header lines'
// (the first line at most 64 bytes, the metadata line at most 64 KiB and
// the payload line at most 128 bytes); the payload must be between
// WeightBytes(config) and 1.25 x that + 16 MiB. Load reads the header alone
// first and checks these sizes against the file's size before reading or
// allocating anything more, so a huge or endless file (/dev/zero) costs at
// most ~64 KiB.
#ifndef TENGEN_POLICY_MODEL_H_
#define TENGEN_POLICY_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "policy/network_config.h"

namespace tengen {

inline constexpr int kModelFormatVersion = 1;

struct ModelMetadata {
  int format_version = kModelFormatVersion;
  NetworkConfig config;
  int feature_set = 0;        // policy/features.h kFeatureSetVersion
  int64_t training_step = 0;  // optimiser steps taken so far
  std::string created;        // UTC, ISO 8601, e.g. "2026-11-27T12:00:00Z"
  std::string name;           // free text, e.g. "generation 3"

  bool operator==(const ModelMetadata&) const = default;
};

struct ModelState;  // the network; defined in policy/model_internal.h

class Model {
 public:
  // A network with freshly initialised weights; the same seed and config give
  // the same weights. Errors if the config is invalid.
  static absl::StatusOr<Model> CreateRandom(const NetworkConfig& config, uint64_t seed);

  // Reads a model file; errors for a missing, truncated, corrupted,
  // mismatched or newer-format file, or a folder, naming the path.
  static absl::StatusOr<Model> Load(const std::string& path);

  // Writes the model file atomically.
  absl::Status Save(const std::string& path) const;

  // The bytes of a model file, and back; `source` names them in errors
  // (a path, or "checkpoint").
  absl::StatusOr<std::string> ToBytes() const;
  static absl::StatusOr<Model> FromBytes(std::string_view bytes, std::string_view source);

  // Writes a TorchScript module that Python's torch.jit.load can run:
  // forward(planes [B, C, N, N] float32) -> (policy logits [B, N*N+1],
  // value [B]), and for a network with auxiliary heads also (ownership
  // [B, N*N], score [B]): the same numbers as Tengen's network in
  // evaluation mode. Its
  // attribute `tengen_metadata` holds the metadata JSON.
  absl::Status ExportTorchScript(const std::string& path) const;

  const ModelMetadata& metadata() const { return metadata_; }
  void set_training_step(int64_t step) { metadata_.training_step = step; }
  void set_name(std::string name) { metadata_.name = std::move(name); }

  // A deep copy: changing one model's weights leaves the other unchanged.
  // (Copying a Model shares the weights.)
  Model Clone() const;

  // Multi-line human-readable summary: metadata, parameter count, FLOPs.
  std::string Describe() const;

  ModelState& state() const { return *state_; }

 private:
  Model(ModelMetadata metadata, std::shared_ptr<ModelState> state)
      : metadata_(std::move(metadata)), state_(std::move(state)) {}

  ModelMetadata metadata_;
  std::shared_ptr<ModelState> state_;
};

// The bytes of float32 parameters and buffers (and int64 batch-norm
// counters) a network of this shape stores: a model file's payload is at
// least this, so a loader can reject metadata that promises a network its
// payload cannot hold before building it.
uint64_t WeightBytes(const NetworkConfig& config);

// Metadata as the JSON object stored in model files, and back.
std::string MetadataToJson(const ModelMetadata& metadata);
absl::StatusOr<ModelMetadata> MetadataFromJson(std::string_view json);

}  // namespace tengen

#endif  // TENGEN_POLICY_MODEL_H_
