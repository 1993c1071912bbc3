#include "train/training_data.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>

#include "base/atomic_file.h"
#include "base/check.h"
#include "base/fmt_absl.h"
#include "base/json.h"
#include "base/utc_time.h"
#include "engine/point.h"
#include "engine/scoring.h"
#include "policy/features.h"
#include "train/npz.h"

namespace tengen {
namespace {

constexpr std::string_view kFormatName = "tengen-training-data";

const NpyArray* FindArray(const std::vector<NpyArray>& arrays, std::string_view name) {
  for (const NpyArray& array : arrays)
    if (array.name == name) return &array;
  return nullptr;
}

template <typename T>
absl::Status TakeArray(const std::vector<NpyArray>& arrays, std::string_view name, NpyType type,
                       std::vector<int64_t> shape, std::vector<T>& out) {
  const NpyArray* array = FindArray(arrays, name);
  if (array == nullptr) return absl::DataLossError(fmt::format("array '{}' is missing", name));
  if (array->type != type)
    return absl::DataLossError(fmt::format("array '{}' has dtype {}, expected {}", name,
                                           NpyDescr(array->type), NpyDescr(type)));
  if (array->shape != shape)
    return absl::DataLossError(fmt::format("array '{}' has the wrong shape", name));
  const std::span<const T> values = array->As<T>();
  out.assign(values.begin(), values.end());
  return absl::OkStatus();
}

// The final-position targets of position i of a chunk whose sizes agree.
absl::Status ValidateFinalTargets(const TrainingChunk& chunk, int64_t i) {
  const int area = chunk.points_per_position();
  const std::vector<int8_t>& ownership = chunk.ownership;
  const std::vector<float>& score = chunk.score;
  const std::vector<uint8_t>& has_final = chunk.has_final;
  if (has_final[i] > 1)
    return absl::DataLossError(
        fmt::format("position {}: final flag {} is not 0 or 1", i, has_final[i]));
  if (!std::isfinite(score[i]))
    return absl::DataLossError(fmt::format("position {}: score {} is not finite", i, score[i]));
  bool any_owner = false;
  for (int point = 0; point < area; ++point) {
    const int8_t v = ownership[i * area + point];
    if (v < -1 || v > 1)
      return absl::DataLossError(fmt::format("position {}: ownership {} is not -1, 0 or 1", i, v));
    any_owner |= v != 0;
  }
  if (!has_final[i] && (any_owner || score[i] != 0))
    return absl::DataLossError(fmt::format(
        "position {}: ownership or score given where the final position is unknown", i));
  return absl::OkStatus();
}

}  // namespace

int64_t TrainingChunk::plane_values_per_position() const {
  return static_cast<int64_t>(kNumFeaturePlanes) * board_size * board_size;
}

void TrainingChunk::Append(const TrainingChunk& other) {
  TENGEN_CHECK(other.board_size == board_size);
  planes.insert(planes.end(), other.planes.begin(), other.planes.end());
  mask.insert(mask.end(), other.mask.begin(), other.mask.end());
  policy.insert(policy.end(), other.policy.begin(), other.policy.end());
  move.insert(move.end(), other.move.begin(), other.move.end());
  outcome.insert(outcome.end(), other.outcome.begin(), other.outcome.end());
  value.insert(value.end(), other.value.begin(), other.value.end());
  ownership.insert(ownership.end(), other.ownership.begin(), other.ownership.end());
  score.insert(score.end(), other.score.begin(), other.score.end());
  has_final.insert(has_final.end(), other.has_final.begin(), other.has_final.end());
  games += other.games;
}

void TrainingChunk::AppendPosition(const TrainingChunk& other, int64_t index) {
  TENGEN_CHECK(other.board_size == board_size && index >= 0 && index < other.positions());
  auto append = [index](auto& to, const auto& from, int64_t per_position) {
    to.insert(to.end(), from.begin() + index * per_position,
              from.begin() + (index + 1) * per_position);
  };
  append(planes, other.planes, plane_values_per_position());
  append(mask, other.mask, moves_per_position());
  append(policy, other.policy, moves_per_position());
  append(move, other.move, 1);
  append(outcome, other.outcome, 1);
  append(value, other.value, 1);
  append(ownership, other.ownership, points_per_position());
  append(score, other.score, 1);
  append(has_final, other.has_final, 1);
}

absl::Status TrainingChunk::Validate() const {
  if (board_size < 1 || board_size > 25)
    return absl::DataLossError(fmt::format("board size {} is out of range", board_size));
  const int64_t p = positions();
  const int moves = moves_per_position();
  if (static_cast<int64_t>(planes.size()) != p * plane_values_per_position() ||
      static_cast<int64_t>(mask.size()) != p * moves ||
      static_cast<int64_t>(policy.size()) != p * moves ||
      static_cast<int64_t>(outcome.size()) != p || static_cast<int64_t>(value.size()) != p ||
      static_cast<int64_t>(ownership.size()) != p * points_per_position() ||
      static_cast<int64_t>(score.size()) != p || static_cast<int64_t>(has_final.size()) != p)
    return absl::DataLossError("array sizes do not agree with the number of positions");
  for (uint8_t v : planes)
    if (v > 1) return absl::DataLossError("a feature plane holds a value other than 0 or 1");
  for (uint8_t v : mask)
    if (v > 1) return absl::DataLossError("a move mask holds a value other than 0 or 1");
  for (int64_t i = 0; i < p; ++i) {
    if (move[i] < 0 || move[i] >= moves)
      return absl::DataLossError(fmt::format("position {}: move {} is off the board", i, move[i]));
    if (!mask[i * moves + move[i]])
      return absl::DataLossError(fmt::format("position {}: the move played was not allowed", i));
    if (outcome[i] < -1 || outcome[i] > 1)
      return absl::DataLossError(
          fmt::format("position {}: outcome {} is not -1, 0 or 1", i, outcome[i]));
    if (!std::isfinite(value[i]) || std::abs(value[i]) > 1)
      return absl::DataLossError(fmt::format("position {}: value {} is out of range", i, value[i]));
    for (int m = 0; m < moves; ++m) {
      const float q = policy[i * moves + m];
      if (!std::isfinite(q) || q < 0)
        return absl::DataLossError(fmt::format("position {}: probability {} is invalid", i, q));
    }
    if (absl::Status status = ValidateFinalTargets(*this, i); !status.ok()) return status;
  }
  return absl::OkStatus();
}

FinalPosition FinalPositionOf(const GameState& state) {
  const Board& board = state.board();
  const int n = state.size();
  const std::vector<Color> padded = AreaOwnership(board);
  FinalPosition final;
  final.owner.resize(static_cast<size_t>(n) * n);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) final.owner[y * n + x] = padded[MakePoint(x, y, n)];
  final.margin = ScoreArea(board, state.rules().komi).Margin();
  final.winner = final.margin > 0   ? Color::kBlack
                 : final.margin < 0 ? Color::kWhite
                                    : Color::kEmpty;
  return final;
}

TrainingChunk ChunkOfGame(int board_size, std::span<const RecordedPosition> positions,
                          const FinalPosition& final) {
  const int area = board_size * board_size;
  const bool known = !final.owner.empty();
  TENGEN_CHECK(!known || static_cast<int>(final.owner.size()) == area);
  const Color winner = final.winner;
  TrainingChunk chunk;
  chunk.board_size = board_size;
  chunk.games = 1;
  for (const RecordedPosition& position : positions) {
    const Color mover = position.mover;
    for (int point = 0; point < area; ++point) {
      const Color owner = known ? final.owner[point] : Color::kEmpty;
      chunk.ownership.push_back(owner == Color::kEmpty ? 0 : owner == mover ? 1 : -1);
    }
    const double margin = known ? final.margin : 0.0;
    chunk.score.push_back(static_cast<float>(mover == Color::kBlack ? margin : -margin));
    chunk.has_final.push_back(known ? 1 : 0);
    chunk.planes.insert(chunk.planes.end(), position.planes.begin(), position.planes.end());
    chunk.mask.insert(chunk.mask.end(), position.mask.begin(), position.mask.end());
    chunk.policy.insert(chunk.policy.end(), position.policy.begin(), position.policy.end());
    chunk.move.push_back(static_cast<int16_t>(position.move));
    chunk.outcome.push_back(winner == Color::kEmpty ? 0 : winner == position.mover ? 1 : -1);
    chunk.value.push_back(position.value);
  }
  return chunk;
}

absl::StatusOr<std::string> EncodeTrainingChunk(const TrainingChunk& chunk) {
  if (absl::Status status = chunk.Validate(); !status.ok()) return status;
  const int64_t p = chunk.positions();
  const int n = chunk.board_size;
  JsonValue header = JsonValue::Object();
  header.Set("format", kFormatName)
      .Set("version", kTrainingDataVersion)
      .Set("board_size", n)
      .Set("feature_set", kFeatureSetVersion)
      .Set("planes", kNumFeaturePlanes)
      .Set("positions", p)
      .Set("games", chunk.games)
      .Set("rules", chunk.rules)
      .Set("komi", chunk.komi)
      .Set("model", chunk.model)
      .Set("source", chunk.source)
      .Set("created", chunk.created.empty() ? UtcNowIso8601() : chunk.created);
  const std::string header_text = SerializeJson(header);
  const int64_t moves = chunk.moves_per_position();
  const std::vector<NpyArray> arrays = {
      MakeNpyArray<char>("header", NpyType::kUint8, {static_cast<int64_t>(header_text.size())},
                         std::span<const char>(header_text.data(), header_text.size())),
      MakeNpyArray<uint8_t>("planes", NpyType::kUint8, {p, kNumFeaturePlanes, n, n}, chunk.planes),
      MakeNpyArray<uint8_t>("mask", NpyType::kUint8, {p, moves}, chunk.mask),
      MakeNpyArray<float>("policy", NpyType::kFloat32, {p, moves}, chunk.policy),
      MakeNpyArray<int16_t>("move", NpyType::kInt16, {p}, chunk.move),
      MakeNpyArray<int8_t>("outcome", NpyType::kInt8, {p}, chunk.outcome),
      MakeNpyArray<float>("value", NpyType::kFloat32, {p}, chunk.value),
      MakeNpyArray<int8_t>("ownership", NpyType::kInt8, {p, n * n}, chunk.ownership),
      MakeNpyArray<float>("score", NpyType::kFloat32, {p}, chunk.score),
      MakeNpyArray<uint8_t>("final", NpyType::kUint8, {p}, chunk.has_final),
  };
  return EncodeNpz(arrays);
}

absl::StatusOr<TrainingChunk> DecodeTrainingChunk(std::string_view bytes) {
  absl::StatusOr<std::vector<NpyArray>> arrays = DecodeNpz(bytes);
  if (!arrays.ok()) return arrays.status();
  const NpyArray* header_array = FindArray(*arrays, "header");
  if (header_array == nullptr || header_array->type != NpyType::kUint8)
    return absl::DataLossError("no header: not a Tengen training data file");
  absl::StatusOr<JsonValue> header = ParseJson(header_array->data);
  if (!header.ok()) return absl::DataLossError(fmt::format("header: {}", header.status()));
  absl::StatusOr<std::string> format = header->GetString("format");
  if (!format.ok() || *format != kFormatName)
    return absl::DataLossError("not a Tengen training data file");
  absl::StatusOr<int64_t> version = header->GetInteger("version");
  if (!version.ok()) return absl::DataLossError(fmt::format("header: {}", version.status()));
  if (*version > kTrainingDataVersion)
    return absl::DataLossError(
        fmt::format("data format version {} is newer than this Tengen reads (version {}); update "
                    "Tengen to train on it",
                    *version, kTrainingDataVersion));
  if (*version < 1)
    return absl::DataLossError(
        fmt::format("data format version {} is not 1..{}", *version, kTrainingDataVersion));
  TrainingChunk chunk;
  absl::StatusOr<int64_t> size = header->GetInteger("board_size");
  absl::StatusOr<int64_t> positions = header->GetInteger("positions");
  absl::StatusOr<int64_t> planes = header->GetInteger("planes");
  absl::StatusOr<int64_t> feature_set = header->GetInteger("feature_set");
  absl::StatusOr<int64_t> games = header->GetInteger("games");
  for (const auto* field : {&size, &positions, &planes, &feature_set, &games})
    if (!field->ok()) return absl::DataLossError(fmt::format("header: {}", field->status()));
  if (*size < 1 || *size > 25 || *positions < 0 || *positions > (int64_t{1} << 31))
    return absl::DataLossError("header: board size or position count out of range");
  if (*planes != kNumFeaturePlanes || *feature_set != kFeatureSetVersion)
    return absl::DataLossError(
        fmt::format("made with feature set {} ({} planes); this Tengen uses {} ({})", *feature_set,
                    *planes, kFeatureSetVersion, kNumFeaturePlanes));
  chunk.board_size = static_cast<int>(*size);
  chunk.games = static_cast<int>(*games);
  if (absl::StatusOr<std::string> s = header->GetString("rules"); s.ok()) chunk.rules = *s;
  if (absl::StatusOr<double> k = header->GetNumber("komi"); k.ok()) chunk.komi = *k;
  if (absl::StatusOr<std::string> s = header->GetString("model"); s.ok()) chunk.model = *s;
  if (absl::StatusOr<std::string> s = header->GetString("source"); s.ok()) chunk.source = *s;
  if (absl::StatusOr<std::string> s = header->GetString("created"); s.ok()) chunk.created = *s;
  const int64_t p = *positions, n = *size, moves = n * n + 1;
  for (absl::Status status :
       {TakeArray(*arrays, "planes", NpyType::kUint8, {p, kNumFeaturePlanes, n, n}, chunk.planes),
        TakeArray(*arrays, "mask", NpyType::kUint8, {p, moves}, chunk.mask),
        TakeArray(*arrays, "policy", NpyType::kFloat32, {p, moves}, chunk.policy),
        TakeArray(*arrays, "move", NpyType::kInt16, {p}, chunk.move),
        TakeArray(*arrays, "outcome", NpyType::kInt8, {p}, chunk.outcome),
        TakeArray(*arrays, "value", NpyType::kFloat32, {p}, chunk.value)}) {
    if (!status.ok()) return status;
  }
  if (*version >= 2) {
    for (absl::Status status :
         {TakeArray(*arrays, "ownership", NpyType::kInt8, {p, n * n}, chunk.ownership),
          TakeArray(*arrays, "score", NpyType::kFloat32, {p}, chunk.score),
          TakeArray(*arrays, "final", NpyType::kUint8, {p}, chunk.has_final)}) {
      if (!status.ok()) return status;
    }
  } else {  // version 1: no final positions
    chunk.ownership.assign(static_cast<size_t>(p * n * n), 0);
    chunk.score.assign(static_cast<size_t>(p), 0.0f);
    chunk.has_final.assign(static_cast<size_t>(p), 0);
  }
  if (absl::Status status = chunk.Validate(); !status.ok()) return status;
  return chunk;
}

absl::Status WriteTrainingFile(const std::string& path, const TrainingChunk& chunk) {
  absl::StatusOr<std::string> bytes = EncodeTrainingChunk(chunk);
  if (!bytes.ok()) return bytes.status();
  return WriteFileAtomically(path, *bytes);
}

absl::StatusOr<TrainingChunk> ReadTrainingFile(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<TrainingChunk> chunk = DecodeTrainingChunk(*bytes);
  if (!chunk.ok()) return absl::DataLossError(fmt::format("{}: {}", path, chunk.status()));
  return chunk;
}

}  // namespace tengen
