// The SGF writer: one game tree per record, text values escaped.
#include <fmt/format.h>

#include <cmath>

#include "base/atomic_file.h"
#include "base/check.h"
#include "engine/sgf.h"
#include "engine/sgf_internal.h"

namespace tengen {
namespace {

using sgf_internal::CoordinateLetter;

constexpr int kNodesPerLine = 10;

// id[value] with ']' and '\' escaped; nothing for an empty value.
void AppendText(std::string& out, std::string_view id, std::string_view value) {
  if (value.empty()) return;
  out += id;
  out += '[';
  for (char c : value) {
    if (c == ']' || c == '\\') out += '\\';
    out += c;
  }
  out += ']';
}

std::string PointLetters(Point point, int size) {
  TENGEN_CHECK(IsOnBoardPoint(point, size));
  return {CoordinateLetter(PointX(point, size)), CoordinateLetter(PointY(point, size))};
}

std::string_view SetupId(Color color) {
  switch (color) {
    case Color::kBlack:
      return "AB";
    case Color::kWhite:
      return "AW";
    default:
      TENGEN_CHECK(color == Color::kEmpty);
      return "AE";
  }
}

// Setup stones in record order: one property per run of one colour, so the
// reader gives the same list back. Records read from files and those of
// RecordFromGame hold at most one run per colour, which is standard SGF.
void AppendSetup(std::string& out, std::span<const SetupStone> setup, int size) {
  for (size_t i = 0; i < setup.size(); ++i) {
    if (i == 0 || setup[i].color != setup[i - 1].color) out += SetupId(setup[i].color);
    out += fmt::format("[{}]", PointLetters(setup[i].point, size));
  }
}

void AppendNode(std::string& out, const GameRecordNode& node, int size) {
  AppendSetup(out, node.setup, size);
  if (node.player_to_move) {
    TENGEN_CHECK(IsPlayer(*node.player_to_move));
    out += *node.player_to_move == Color::kBlack ? "PL[B]" : "PL[W]";
  }
  if (node.move) {
    TENGEN_CHECK(IsPlayer(node.move->color));
    out += node.move->color == Color::kBlack ? "B[" : "W[";
    if (node.move->point != kPass) out += PointLetters(node.move->point, size);
    out += ']';
  }
  AppendText(out, "C", node.comment);
}

void AppendHeader(std::string& out, const GameRecord& record) {
  TENGEN_CHECK(record.size >= kMinBoardSize && record.size <= kMaxBoardSize);
  TENGEN_CHECK(std::isfinite(record.komi));
  TENGEN_CHECK(record.handicap >= 0);
  out += fmt::format("FF[4]GM[1]SZ[{}]", record.size);
  AppendText(out, "AP", record.application);
  if (record.komi != 0) out += fmt::format("KM[{}]", record.komi);
  if (record.handicap != 0) out += fmt::format("HA[{}]", record.handicap);
  AppendText(out, "RU", record.rules);
  AppendText(out, "GN", record.game_name);
  AppendText(out, "PB", record.black_player);
  AppendText(out, "PW", record.white_player);
  AppendText(out, "DT", record.date);
  AppendText(out, "RE", record.result);
}

}  // namespace

std::string WriteSgf(const GameRecord& record) {
  TENGEN_CHECK(!record.nodes.empty());
  std::string out = "(;";
  AppendHeader(out, record);
  AppendNode(out, record.nodes[0], record.size);
  out += '\n';
  for (size_t i = 1; i < record.nodes.size(); ++i) {
    out += ';';
    AppendNode(out, record.nodes[i], record.size);
    if (i % kNodesPerLine == 0 && i + 1 < record.nodes.size()) out += '\n';
  }
  out += ")\n";
  return out;
}

absl::Status WriteSgfFile(const std::string& path, std::span<const GameRecord> records) {
  if (records.empty()) {
    return absl::InvalidArgumentError(
        fmt::format("no game records to write to {}: an SGF file needs at least one", path));
  }
  std::string text;
  for (const GameRecord& record : records) text += WriteSgf(record);
  return WriteFileAtomically(path, text);
}

}  // namespace tengen
