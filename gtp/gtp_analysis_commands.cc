// Streaming analysis for GUIs: lz-analyze, kata-analyze and Sabaki's analyze
// (until the next input line), and lz-genmove_analyze, kata-genmove_analyze
// and genmove_analyze (analysis lines, then "play <vertex>").
//
// Arguments, as Leela Zero and KataGo take them:
//   [color] [interval] [KEY VALUE]...
// with interval in centiseconds (0 or absent: one update, then wait) and
// keys interval N, minmoves N, maxmoves N (list at most N), avoid|allow
// COLOR V1,V2,... DEPTH (KataGo's: the search does not play those moves of
// COLOR, or plays only those, in the first DEPTH moves from the root, and
// the listing leaves the root's excluded moves out), rootInfo BOOL (kata-analyze: a rootInfo
// entry for the root), ownership BOOL (kata-analyze: the ownership estimate
// after the moves, KataGo's "ownership" key; left out when the network has no
// ownership head; Leela lines never carry it), and ownershipStdev /
// movesOwnership / pvVisits BOOL, accepted and ignored (the search keeps no
// ownership spread, no ownership per move and no visits along the pv).
//
// Without search (the engine's visits 0) each update lists every legal
// move by the policy (analysis_format.h; minmoves is moot), and the policy
// does not change while it waits. With search the analysis runs the search
// (up to kAnalysisVisits new visits, on the tree kept from earlier
// searches) until the next input line, and each update lists the moves it
// has visited, most visited first, plus unvisited ones by prior up to
// minmoves: every interval while it searches, then (a finished search) the
// last update again every interval; with interval 0 one update once the
// search ends. Input that arrives before any update gets the search so far
// as its one update (the search makes at least two network calls first,
// so that this update has visits to show). The genmove forms search as genmove does, streaming
// updates every interval while they search.
#include <algorithm>
#include <chrono>
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
  int min_moves = 0;
  bool root_info = false;
  bool ownership = false;
  std::set<Point> avoid;
  std::optional<std::set<Point>> allow;
  std::vector<MoveRestriction> restrictions;  // for the search
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
  if (*depth < 1) return absl::OkStatus();
  const int n = game.size();
  const bool avoid = args[i] == "avoid";
  MoveRestriction restriction{.player = *color,
                              .excluded = std::vector<uint8_t>(n * n + 1, avoid ? 0 : 1),
                              .until_depth = *depth};
  for (Point point : points) restriction.excluded[PointToMoveIndex(point, n)] = avoid ? 1 : 0;
  request.restrictions.push_back(std::move(restriction));
  if (*color != request.color) return absl::OkStatus();
  if (avoid) {
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
  static const std::set<std::string> kIgnoredFlags = {"ownershipStdev", "movesOwnership",
                                                      "pvVisits"};
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
      if (key == "minmoves") request.min_moves = *n;
    } else if (value != "true" && value != "false") {
      return GtpSyntaxError();
    } else if (key == "rootInfo") {
      request.root_info = value == "true";
    } else if (key == "ownership") {
      request.ownership = value == "true";
    } else if (!kIgnoredFlags.contains(key)) {
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

bool Listed(Point point, const AnalyzeRequest& request) {
  return !request.avoid.contains(point) && (!request.allow || request.allow->contains(point));
}

// The root moves the request asks for: the visited ones, then unvisited
// ones up to min_moves, at most max_moves.
std::vector<RootMove> SelectSearchMoves(const SearchResult& result, const AnalyzeRequest& request) {
  std::vector<RootMove> moves;
  for (const RootMove& move : result.moves) {  // the visited first
    if (!Listed(move.move, request)) continue;
    if (move.visits == 0 && static_cast<int>(moves.size()) >= request.min_moves) break;
    moves.push_back(move);
  }
  if (request.max_moves >= 0 && static_cast<int>(moves.size()) > request.max_moves)
    moves.resize(request.max_moves);
  return moves;
}

KataExtras Extras(const AnalyzeRequest& request) {
  return {.root_info = request.root_info, .ownership = request.ownership};
}

std::chrono::milliseconds Interval(const AnalyzeRequest& request) {
  return std::chrono::milliseconds(std::max(0, request.interval_centiseconds) * int64_t{10});
}

// When an update is due: Due() is true once each interval (never for
// interval 0).
class Ticker {
 public:
  explicit Ticker(std::chrono::milliseconds interval)
      : interval_(interval), next_(Clock::now() + interval) {}
  bool Due() {
    if (interval_.count() <= 0 || Clock::now() < next_) return false;
    next_ = Clock::now() + interval_;
    return true;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::chrono::milliseconds interval_;
  Clock::time_point next_;
};

// Network calls an analysis makes before input may stop it.
constexpr int kLeastSteps = 2;

// lz-analyze and kata-analyze with search: see the top of the file.
GtpResult StreamSearch(GtpSession& session, const AnalyzeRequest& request, AnalysisStyle style) {
  GtpEngine& engine = session.engine();
  const int size = engine.game().size();
  auto line_of = [&](const SearchResult& result) {
    return FormatSearchLine(SelectSearchMoves(result, request), result, size, style,
                            Extras(request));
  };
  const std::chrono::milliseconds interval = Interval(request);
  Ticker ticker(interval);
  bool input = false, updated = false;
  session.BeginStream();
  const SearchLimits limits{
      .visits = kAnalysisVisits, .stop_when_decided = false, .restrictions = request.restrictions};
  int steps = 0;
  absl::StatusOr<SearchResult> result = engine.RunSearch(request.color, limits, [&] {
    // The first network call evaluates the root alone; after the second its
    // moves have visits to show.
    if (++steps >= kLeastSteps && session.WaitForInput(std::chrono::milliseconds(0)))
      return input = true;
    if (ticker.Due()) {
      session.StreamLine(line_of(engine.SearchSoFar()));
      updated = true;
    }
    return false;
  });
  if (!result.ok()) return result.status();
  const std::string line = line_of(*result);
  if (input) {
    if (!updated) session.StreamLine(line);
    return std::string();
  }
  // The search is over (its visits or its tree's node budget are spent).
  session.StreamLine(line);
  if (interval.count() > 0) {
    while (!session.WaitForInput(interval)) session.StreamLine(line);
  } else {
    while (!session.WaitForInput(std::chrono::hours(1))) {
    }
  }
  return std::string();
}

GtpHandler Analyze(AnalysisStyle style) {
  return [style](GtpSession& session, const GtpArgs& args) -> GtpResult {
    GtpEngine& engine = session.engine();
    absl::StatusOr<AnalyzeRequest> request = ParseAnalyzeRequest(args, engine.game());
    if (!request.ok()) return request.status();
    if (engine.searching()) return StreamSearch(session, *request, style);
    absl::StatusOr<Evaluation> evaluation = engine.Evaluate(request->color);
    if (!evaluation.ok()) return evaluation.status();
    const GameState position = engine.PositionFor(request->color);
    const std::string line =
        FormatAnalysisLine(SelectCandidates(position, *evaluation, *request), *evaluation,
                           position.size(), style, Extras(*request));
    // The policy does not change while we wait, so every update repeats it;
    // GUIs expect updates, and a new one lets them redraw.
    const std::chrono::milliseconds interval = Interval(*request);
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
    auto search_line = [&](const SearchResult& result) {
      return FormatSearchLine(SelectSearchMoves(result, *request), result, position.size(), style,
                              Extras(*request));
    };
    // The stream begins with the first update, so that an error before it
    // is still a "?" reply.
    bool streaming = false;
    auto stream = [&](const std::string& line) {
      if (!streaming) session.BeginStream();
      streaming = true;
      session.StreamLine(line);
    };
    Ticker ticker(Interval(*request));
    absl::StatusOr<GenMoveResult> result = engine.GenMove(request->color, GenMoveKind::kPlay, [&] {
      if (ticker.Due()) stream(search_line(engine.SearchSoFar()));
    });
    if (!result.ok()) return result.status();
    stream(result->search
               ? search_line(*result->search)
               : FormatAnalysisLine(SelectCandidates(position, result->evaluation, *request),
                                    result->evaluation, position.size(), style, Extras(*request)));
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
      {"lz-genmove_analyze", GenMoveAnalyze(AnalysisStyle::kLeela), /*plays_move=*/true},
      {"kata-genmove_analyze", GenMoveAnalyze(AnalysisStyle::kKata), /*plays_move=*/true},
      {"genmove_analyze", GenMoveAnalyze(AnalysisStyle::kLeela), /*plays_move=*/true},
  };
}

}  // namespace tengen
