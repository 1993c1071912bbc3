#include "selfplay/match.h"

#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "engine/coordinates.h"
#include "engine/dead_stones.h"
#include "engine/fmt_absl.h"
#include "engine/interrupt.h"
#include "engine/progress.h"

namespace tengen {
namespace {

struct LiveGame {
  LiveGame(int index, const MatchOptions& options)
      : index(index), first_is_black(index % 2 == 0), state(options.board_size, options.rules) {}
  int index;
  bool first_is_black;
  GameState state;
  bool over = false;
  Color winner = Color::kEmpty;
  std::string reason;
  double margin = 0;
};

MatchGame Record(const LiveGame& game, const std::string& first_name, const std::string& second_name) {
  MatchGame result{.index = game.index,
                   .first_is_black = game.first_is_black,
                   .winner = game.winner,
                   .margin = game.margin,
                   .moves = static_cast<int>(game.state.moves().size()),
                   .reason = game.reason,
                   .record = RecordFromGame(game.state)};
  result.record.black_player = game.first_is_black ? first_name : second_name;
  result.record.white_player = game.first_is_black ? second_name : first_name;
  result.record.application = "Tengen";
  result.record.game_name = fmt::format("game {}", game.index);
  if (game.reason == "score" || game.reason == "move limit") {
    result.record.result = FormatResult(game.margin);
  } else {
    const char w = game.winner == Color::kBlack ? 'B' : 'W';
    result.record.result = game.reason == "resignation" ? fmt::format("{}+R", w) : fmt::format("{}+F", w);
  }
  if (!game.reason.empty() && game.reason != "score" && !result.record.nodes.empty())
    result.record.nodes.back().comment = game.reason;
  return result;
}

void EndByScore(LiveGame& game, const std::string& reason) {
  const AreaScore score = ScoreWithDeadStonesRemoved(game.state.board(), game.state.to_move(),
                                                     game.state.rules().komi, {.playouts = 64});
  game.margin = score.Margin();
  game.winner = game.margin > 0 ? Color::kBlack : game.margin < 0 ? Color::kWhite : Color::kEmpty;
  game.reason = reason;
  game.over = true;
}

void EndByDefault(LiveGame& game, Color loser, const std::string& reason) {
  game.winner = Opponent(loser);
  game.reason = reason;
  game.over = true;
}

// Applies one player's answer in one game.
void ApplyMove(LiveGame& game, const PlayerMove& move, const std::string& player_name, MatchPlayer& opponent,
               int max_moves) {
  const Color mover = game.state.to_move();
  if (!move.failure.empty()) return EndByDefault(game, mover, fmt::format("{} failed: {}", player_name, move.failure));
  if (move.resign) return EndByDefault(game, mover, "resignation");
  if (absl::Status status = game.state.Play(move.point, mover); !status.ok()) {
    return EndByDefault(game, mover,
                        fmt::format("{} played the illegal move {} ({})", player_name,
                                    GtpVertex(move.point, game.state.size()), status.message()));
  }
  opponent.OpponentMoved(game.index, mover, move.point);
  if (game.state.IsOver()) return EndByScore(game, "score");
  if (static_cast<int>(game.state.moves().size()) >= max_moves) EndByScore(game, "move limit");
}

}  // namespace

absl::StatusOr<MatchResult> PlayMatch(MatchPlayer& first, MatchPlayer& second, const MatchOptions& options) {
  MatchResult result{.first_name = first.name(), .second_name = second.name()};
  const int max_moves = options.max_moves > 0 ? options.max_moves : 3 * options.board_size * options.board_size;
  if (!options.sgf_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(options.sgf_dir, error);
    if (error) return absl::UnavailableError(fmt::format("cannot create {}: {}", options.sgf_dir, error.message()));
  }
  std::unique_ptr<ProgressBar> progress;
  if (options.show_progress) progress = std::make_unique<ProgressBar>(options.label, options.games, "games");
  std::vector<std::unique_ptr<LiveGame>> live;
  int next = 0;
  auto start_games = [&]() -> absl::Status {
    while (static_cast<int>(live.size()) < options.parallel && next < options.games && !result.stopped_early) {
      auto game = std::make_unique<LiveGame>(next++, options);
      for (MatchPlayer* player : {&first, &second})
        if (absl::Status status = player->StartGame(game->index, game->state); !status.ok()) return status;
      live.push_back(std::move(game));
    }
    return absl::OkStatus();
  };
  if (absl::Status status = start_games(); !status.ok()) return status;
  while (!live.empty()) {
    if (StopRequested()) return absl::CancelledError("match stopped by request");
    // Each player moves in every game where it is to move, in one call.
    for (bool first_moves : {true, false}) {
      MatchPlayer& player = first_moves ? first : second;
      MatchPlayer& opponent = first_moves ? second : first;
      std::vector<LiveGame*> mine;
      std::vector<int> ids;
      std::vector<const GameState*> states;
      for (auto& game : live) {
        const bool first_to_move = (game->state.to_move() == Color::kBlack) == game->first_is_black;
        if (!game->over && first_to_move == first_moves) {
          mine.push_back(game.get());
          ids.push_back(game->index);
          states.push_back(&game->state);
        }
      }
      if (mine.empty()) continue;
      absl::StatusOr<std::vector<PlayerMove>> moves = player.ChooseMoves(ids, states);
      if (!moves.ok()) return moves.status();
      for (size_t i = 0; i < mine.size(); ++i) ApplyMove(*mine[i], (*moves)[i], player.name(), opponent, max_moves);
    }
    std::vector<std::unique_ptr<LiveGame>> running;
    for (auto& game : live) {
      if (!game->over) {
        running.push_back(std::move(game));
        continue;
      }
      first.EndGame(game->index);
      second.EndGame(game->index);
      MatchGame record = Record(*game, result.first_name, result.second_name);
      if (!options.sgf_dir.empty()) {
        const std::string path = (std::filesystem::path(options.sgf_dir) / fmt::format("game-{:05}.sgf", game->index)).string();
        if (absl::Status status = WriteSgfFile(path, std::span<const GameRecord>(&record.record, 1)); !status.ok())
          return status;
      }
      const Color first_color = game->first_is_black ? Color::kBlack : Color::kWhite;
      if (game->winner == Color::kEmpty) ++result.first.draws;
      else if (game->winner == first_color) ++result.first.wins;
      else ++result.first.losses;
      result.games.push_back(std::move(record));
      if (progress) progress->Update(static_cast<int64_t>(result.games.size()));
      if (options.stop_early && options.stop_early(result.first)) result.stopped_early = true;
    }
    live = std::move(running);
    if (absl::Status status = start_games(); !status.ok()) return status;
  }
  if (progress) progress->Finish();
  return result;
}

}  // namespace tengen
