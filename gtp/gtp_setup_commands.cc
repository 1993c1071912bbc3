// Handicap (fixed_handicap, place_free_handicap, set_free_handicap), SGF
// (loadsgf, printsgf) and the end of the game (final_score,
// final_status_list).
#include "base/text_util.h"
#include "engine/coordinates.h"
#include "gtp/gtp_commands.h"

namespace tengen {
namespace {

std::string VertexList(std::span<const Point> points, int size) {
  std::string text;
  for (Point p : points) {
    if (!text.empty()) text += ' ';
    text += GtpVertex(p, size);
  }
  return text;
}

GtpHandler Handicap(bool fixed) {
  return [fixed](GtpSession& session, const GtpArgs& args) -> GtpResult {
    if (args.size() != 1) return GtpSyntaxError();
    absl::StatusOr<int> n = args.IntAt(0);
    if (!n.ok()) return n.status();
    GtpEngine& engine = session.engine();
    absl::StatusOr<std::vector<Point>> points =
        fixed ? engine.FixedHandicap(*n) : engine.PlaceFreeHandicap(*n);
    if (!points.ok()) return points.status();
    return VertexList(*points, engine.game().size());
  };
}

GtpResult SetFreeHandicap(GtpSession& session, const GtpArgs& args) {
  GtpEngine& engine = session.engine();
  std::vector<Point> points;
  for (size_t i = 0; i < args.size(); ++i) {
    absl::StatusOr<Point> point = ParseGtpVertex(args[i], engine.game().size());
    if (!point.ok()) return GtpError("bad vertex list");
    points.push_back(*point);
  }
  if (absl::Status status = engine.SetFreeHandicap(points); !status.ok()) return status;
  return std::string();
}

GtpResult LoadSgf(GtpSession& session, const GtpArgs& args) {
  if (args.size() < 1 || args.size() > 2) return GtpSyntaxError();
  std::optional<int> move_number;
  if (args.size() == 2) {
    absl::StatusOr<int> number = args.IntAt(1);
    if (!number.ok() || *number < 1) return GtpSyntaxError();
    move_number = *number;
  }
  if (absl::Status status = session.engine().LoadSgf(args[0], move_number); !status.ok())
    return status;
  return std::string();
}

GtpResult PrintSgf(GtpSession& session, const GtpArgs& args) {
  // Only to the reply: a GUI saves its own files, and GTP should not let a
  // controller write files on the engine's machine.
  if (!args.empty()) return GtpSyntaxError();
  return session.engine().GameAsSgf();
}

GtpResult FinalScore(GtpSession& session, const GtpArgs& args) {
  // Area scoring can always count a position, so "cannot score" never
  // arises here.
  if (!args.empty()) return GtpSyntaxError();
  return session.engine().FinalScore();
}

GtpResult FinalStatusList(GtpSession& session, const GtpArgs& args) {
  if (args.size() != 1) return GtpSyntaxError();
  StoneStatus wanted;
  const std::string name = AsciiLower(args[0]);
  if (name == "alive") {
    wanted = StoneStatus::kAlive;
  } else if (name == "dead") {
    wanted = StoneStatus::kDead;
  } else if (name == "seki") {
    wanted = StoneStatus::kSeki;
  } else {
    return GtpSyntaxError();
  }
  GtpEngine& engine = session.engine();
  const Board& board = engine.game().board();
  std::string text;
  for (const std::vector<Point>& chain : ChainsWithStatus(board, engine.FinalStatuses(), wanted)) {
    if (!text.empty()) text += '\n';
    text += VertexList(chain, board.size());
  }
  return text;
}

}  // namespace

std::vector<GtpCommandSpec> SetupCommands() {
  return {
      {"fixed_handicap", Handicap(/*fixed=*/true)},
      {"place_free_handicap", Handicap(/*fixed=*/false)},
      {"set_free_handicap", SetFreeHandicap},
      {"loadsgf", LoadSgf},
      {"printsgf", PrintSgf},
      {"final_score", FinalScore},
      {"final_status_list", FinalStatusList},
  };
}

}  // namespace tengen
