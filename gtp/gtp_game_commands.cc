// boardsize, clear_board, komi, play, genmove, reg_genmove,
// kgs-genmove_cleanup, undo, showboard, kgs-game_over.
#include <fmt/format.h>

#include <algorithm>

#include "engine/coordinates.h"
#include "gtp/gtp_commands.h"

namespace tengen {
namespace {

GtpResult BoardSize(GtpSession& session, const GtpArgs& args) {
  if (args.size() != 1) return GtpSyntaxError();
  absl::StatusOr<int> size = args.IntAt(0);
  if (!size.ok()) return size.status();
  if (absl::Status status = session.engine().SetBoardSize(*size); !status.ok()) return status;
  return std::string();
}

GtpResult ClearBoard(GtpSession& session, const GtpArgs& args) {
  if (!args.empty()) return GtpSyntaxError();
  session.engine().ClearBoard();
  return std::string();
}

GtpResult Komi(GtpSession& session, const GtpArgs& args) {
  if (args.size() != 1) return GtpSyntaxError();
  absl::StatusOr<double> komi = args.NumberAt(0);
  if (!komi.ok()) return komi.status();
  session.engine().SetKomi(*komi);
  return std::string();
}

GtpResult Play(GtpSession& session, const GtpArgs& args) {
  if (args.size() != 2) return GtpSyntaxError();
  absl::StatusOr<Color> color = args.ColorAt(0);
  if (!color.ok()) return color.status();
  // Well-formed vertex text off this board is an illegal move, not a
  // syntax error: it names a point, just not one of this game.
  absl::StatusOr<Point> point = ParseGtpVertex(args[1], session.engine().game().size());
  if (!point.ok())
    return absl::IsOutOfRange(point.status()) ? GtpError("illegal move") : GtpSyntaxError();
  if (absl::Status status = session.engine().Play(*color, *point); !status.ok()) return status;
  return std::string();
}

GtpHandler GenMove(GenMoveKind kind) {
  return [kind](GtpSession& session, const GtpArgs& args) -> GtpResult {
    if (args.size() != 1) return GtpSyntaxError();
    absl::StatusOr<Color> color = args.ColorAt(0);
    if (!color.ok()) return color.status();
    absl::StatusOr<GenMoveResult> result = session.engine().GenMove(*color, kind);
    if (!result.ok()) return result.status();
    if (result->decision.resign) return std::string("resign");
    return GtpVertex(result->decision.point, session.engine().game().size());
  };
}

// "undo" or "undo n": n >= 1 takes back n moves, and 0 one, as GNU Go
// (which ignores the count) and qgo (which sends "undo 0" for one) expect.
GtpResult Undo(GtpSession& session, const GtpArgs& args) {
  if (args.size() > 1) return GtpSyntaxError();
  int count = 1;
  if (args.size() == 1) {
    absl::StatusOr<int> n = args.IntAt(0);
    if (!n.ok()) return n.status();
    if (*n < 0) return GtpSyntaxError();
    count = std::max(*n, 1);
  }
  if (absl::Status status = session.engine().Undo(count); !status.ok()) return status;
  return std::string();
}

// The board with coordinates, GNU Go style, then who is to move.
std::string BoardText(const GameState& game) {
  const int size = game.size();
  std::string letters = "  ";
  for (int x = 0; x < size; ++x)
    letters += fmt::format(" {}", GtpVertex(game.board().PointAt(x, 0), size).front());
  std::string text = "\n" + letters + "\n";
  for (int y = 0; y < size; ++y) {
    const int row = size - y;
    text += fmt::format("{:>2}", row);
    for (int x = 0; x < size; ++x) {
      const Color c = game.board().At(game.board().PointAt(x, y));
      text += c == Color::kBlack ? " X" : c == Color::kWhite ? " O" : " .";
    }
    text += fmt::format(" {}\n", row);
  }
  text += letters + "\n";
  const size_t moves = game.moves().size();
  text += fmt::format("{} to move, komi {}, {} move{}", ColorName(game.to_move()),
                      game.rules().komi, moves, moves == 1 ? "" : "s");
  if (moves > 0) {
    const PlayedMove& last = game.moves().back();
    text += fmt::format(", last {} {}", GtpColorLetter(last.color), GtpVertex(last.point, size));
  }
  if (game.resigned()) text += fmt::format(", {} resigned", ColorName(*game.resigned()));
  return text;
}

GtpResult ShowBoard(GtpSession& session, const GtpArgs& args) {
  if (!args.empty()) return GtpSyntaxError();
  return BoardText(session.engine().game());
}

GtpResult GameOver(GtpSession& session, const GtpArgs&) {
  // KGS announces the end of a game; there is nothing to clean up.
  session.engine().Log("kgs-game_over: the game has ended");
  return std::string();
}

}  // namespace

std::vector<GtpCommandSpec> GameCommands() {
  return {
      {"boardsize", BoardSize},
      {"clear_board", ClearBoard},
      {"komi", Komi},
      {"play", Play},
      {"genmove", GenMove(GenMoveKind::kPlay), /*plays_move=*/true},
      {"reg_genmove", GenMove(GenMoveKind::kRegression)},
      {"kgs-genmove_cleanup", GenMove(GenMoveKind::kCleanup), /*plays_move=*/true},
      {"undo", Undo},
      {"showboard", ShowBoard},
      {"kgs-game_over", GameOver},
  };
}

}  // namespace tengen
