// Streaming analysis for GUIs: lz-analyze, kata-analyze and Sabaki's analyze
// (until the next input line), and lz-genmove_analyze, kata-genmove_analyze
// and genmove_analyze (analysis lines, then "play <vertex>").
//
// Arguments, as Leela Zero and KataGo take them:
//   [color] [interval] [KEY VALUE]...
// with interval in centiseconds (0 or absent: one update, then wait) and
// keys interval N, minmoves N (all legal moves are always listed), maxmoves
// N (list at most N), avoid|allow COLOR V1,V2,... DEPTH (drop, or keep only,
// those moves of COLOR; any depth >= 1 applies here, the only depth a
// policy has), and ownership / ownershipStdev / movesOwnership / pvVisits /
// rootInfo BOOL, accepted and ignored (there is no ownership estimate).
#include <algorithm>
#include <set>

#include "base/text_util.h"
#include "engine/coordinates.h"
#include "gtp/analysis_format.h"
#include "gtp/gtp_commands.h"

namespace tengen {
namespace {

struct AnalyzeRequest {
  Color color = Color::kBlack;
  int interval_centiseconds = 0;
  int max_moves = -1;  // all
  std::set<Point> avoid;
  std::optional<std::set<Point>> allow;
};

absl::Status ParseMoveFilter(const GtpArgs& args, size_t i, const GameState& game,
                             AnalyzeRequest& request) {
  if (i + 3 >= args.size()) return GtpSyntaxError();
  absl::StatusOr<Color> color = args.ColorAt(i + 1);
  absl::StatusOr<int> depth = args.IntAt(i + 3);
  if (!color.ok() || !depth.ok()) return GtpSyntaxError();
  std::set<Point> points;
  for (std::string_view vertex : SplitText(args[i + 2], ',')) {
    absl::StatusOr<Point> point = ParseGtpVertex(vertex, game.size());
    if (!point.ok()) return GtpSyntaxError();
    points.insert(*point);
  }
  if (*color != request.color || *depth < 1) return absl::OkStatus();
  if (args[i] == "avoid") {
    request.avoid.insert(points.begin(), points.end());
  } else {
    request.allow = points;
  }
  return absl::OkStatus();
}

absl::StatusOr<AnalyzeRequest> ParseAnalyzeRequest(const GtpArgs& args, const GameState& game) {
  AnalyzeRequest request{.color = game.to_move()};
  size_t i = 0;
  if (i < args.size() && args.ColorAt(i).ok()) request.color = *args.ColorAt(i++);
  if (i < args.size() && ParseGtpInt(args[i])) request.interval_centiseconds = *args.IntAt(i++);
  static const std::set<std::string> kIgnoredFlags = {"ownership", "ownershipStdev",
                                                      "movesOwnership", "pvVisits", "rootInfo"};
  while (i < args.size()) {
    const std::string& key = args[i];
    if (key == "avoid" || key == "allow") {
      if (absl::Status status = ParseMoveFilter(args, i, game, request); !status.ok())
        return status;
      i += 4;
      continue;
    }
    if (i + 1 >= args.size()) return GtpSyntaxError();
    const std::string& value = args[i + 1];
    if (key == "interval" || key == "minmoves" || key == "maxmoves") {
      const std::optional<int> n = ParseGtpInt(value);
      if (!n) return GtpSyntaxError();
      if (key == "interval") request.interval_centiseconds = *n;
      if (key == "maxmoves") request.max_moves = *n;
    } else if (!kIgnoredFlags.contains(key) || (value != "true" && value != "false")) {
      return GtpSyntaxError();
    }
    i += 2;
  }
  return request;
}

// The ranked candidates the request asks for.
std::vector<Candidate> SelectCandidates(const GameState& position, const Evaluation& evaluation,
                                        const AnalyzeRequest& request) {
  std::vector<Candidate> candidates = RankLegalMoves(position, evaluation);
  std::erase_if(candidates, [&](const Candidate& c) {
    return request.avoid.contains(c.point) || (request.allow && !request.allow->contains(c.point));
  });
  if (request.max_moves >= 0 && static_cast<int>(candidates.size()) > request.max_moves)
    candidates.resize(request.max_moves);
  return candidates;
}

GtpHandler Analyze(AnalysisStyle style) {
  return [style](GtpSession& session, const GtpArgs& args) -> GtpResult {
    GtpEngine& engine = session.engine();
    absl::StatusOr<AnalyzeRequest> request = ParseAnalyzeRequest(args, engine.game());
    if (!request.ok()) return request.status();
    absl::StatusOr<Evaluation> evaluation = engine.Evaluate(request->color);
    if (!evaluation.ok()) return evaluation.status();
    const GameState position = engine.PositionFor(request->color);
    const std::string line = FormatAnalysisLine(SelectCandidates(position, *evaluation, *request),
                                                *evaluation, position.size(), style);
    // The policy does not change while we wait, so every update repeats it;
    // GUIs expect updates, and a new one lets them redraw.
    const auto interval =
        std::chrono::milliseconds(std::max(0, request->interval_centiseconds) * int64_t{10});
    session.BeginStream();
    session.StreamLine(line);
    if (interval.count() > 0) {
      while (!session.WaitForInput(interval)) session.StreamLine(line);
    } else {
      while (!session.WaitForInput(std::chrono::hours(1))) {
      }
    }
    return std::string();
  };
}

GtpHandler GenMoveAnalyze(AnalysisStyle style) {
  return [style](GtpSession& session, const GtpArgs& args) -> GtpResult {
    GtpEngine& engine = session.engine();
    if (!args.ColorAt(0).ok()) return GtpSyntaxError();
    absl::StatusOr<AnalyzeRequest> request = ParseAnalyzeRequest(args, engine.game());
    if (!request.ok()) return request.status();
    const GameState position = engine.PositionFor(request->color);
    absl::StatusOr<GenMoveResult> result = engine.GenMove(request->color, GenMoveKind::kPlay);
    if (!result.ok()) return result.status();
    session.BeginStream();
    session.StreamLine(FormatAnalysisLine(SelectCandidates(position, result->evaluation, *request),
                                          result->evaluation, position.size(), style));
    if (result->decision.resign) return std::string("play resign");
    return "play " + GtpVertex(result->decision.point, position.size());
  };
}

}  // namespace

std::vector<GtpCommandSpec> AnalysisCommands() {
  return {
      {"lz-analyze", Analyze(AnalysisStyle::kLeela)},
      {"kata-analyze", Analyze(AnalysisStyle::kKata)},
      {"analyze", Analyze(AnalysisStyle::kLeela)},
      {"lz-genmove_analyze", GenMoveAnalyze(AnalysisStyle::kLeela)},
      {"kata-genmove_analyze", GenMoveAnalyze(AnalysisStyle::kKata)},
      {"genmove_analyze", GenMoveAnalyze(AnalysisStyle::kLeela)},
  };
}

}  // namespace tengen
