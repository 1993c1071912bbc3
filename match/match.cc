#include "match/match.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "base/check.h"
#include "base/fmt_absl.h"
#include "base/random.h"
#include "engine/coordinates.h"
#include "engine/dead_stones.h"
#include "policy/playable_moves.h"

namespace tengen {
namespace {

// Plays the random opening of game `index` (MatchOptions::opening_moves)
// on the empty board `state`; stops early if no point is playable.
// Returns the moves played.
int PlayRandomOpening(const MatchOptions& options, int index, GameState& state) {
  Rng rng(DeriveSeed(options.opening_seed, "match-opening", static_cast<uint64_t>(index / 2)));
  std::vector<uint8_t> mask(state.size() * state.size() + 1);
  int move = 0;
  for (; move < options.opening_moves && !state.IsOver(); ++move) {
    if (!WritePlayableMoveMask(state, mask)) return move;  // only pass is left
    std::vector<int> points;
    for (int i = 0; i + 1 < static_cast<int>(mask.size()); ++i)
      if (mask[i]) points.push_back(i);
    const int chosen = points[rng.Below(static_cast<uint32_t>(points.size()))];
    const absl::Status played = state.Play(MoveIndexToPoint(chosen, state.size()));
    TENGEN_CHECK(played.ok());  // the mask allows legal moves only
  }
  return move;
}

struct LiveGame {
  LiveGame(int index, const MatchOptions& options)
      : index(index), first_is_black(index % 2 == 0), state(options.board_size, options.rules) {
    opening_moves = PlayRandomOpening(options, index, state);
  }
  int index;
  int opening_moves = 0;  // random moves the game started with
  bool first_is_black;
  GameState state;
  bool over = false;
  Color winner = Color::kEmpty;
  GameEnd end = GameEnd::kScore;
  std::string failure;  // kFailure only
  double margin = 0;
};

MatchGame Record(const LiveGame& game, const std::string& first_name,
                 const std::string& second_name) {
  MatchGame result{.index = game.index,
                   .first_is_black = game.first_is_black,
                   .winner = game.winner,
                   .margin = game.margin,
                   .moves = static_cast<int>(game.state.moves().size()),
                   .end = game.end,
                   .failure = game.failure,
                   .record = RecordFromGame(game.state)};
  result.record.black_player = game.first_is_black ? first_name : second_name;
  result.record.white_player = game.first_is_black ? second_name : first_name;
  result.record.application = "Tengen";
  result.record.game_name = fmt::format("game {}", game.index);
  for (int move = 1;
       move <= game.opening_moves && move < static_cast<int>(result.record.nodes.size()); ++move)
    result.record.nodes[move].comment = std::string(kRandomOpeningComment);
  if (game.end == GameEnd::kScore || game.end == GameEnd::kMoveLimit) {
    result.record.result = FormatResult(game.margin);
  } else {
    const char w = game.winner == Color::kBlack ? 'B' : 'W';
    result.record.result =
        game.end == GameEnd::kResignation ? fmt::format("{}+R", w) : fmt::format("{}+F", w);
  }
  const std::string reason = result.Reason();
  if (game.end != GameEnd::kScore && !reason.empty() && !result.record.nodes.empty())
    result.record.nodes.back().comment = reason;
  return result;
}

std::string GamePath(const std::string& sgf_dir, int index) {
  return (std::filesystem::path(sgf_dir) / fmt::format("game-{:05}.sgf", index)).string();
}

void EndByScore(LiveGame& game, GameEnd end) {
  const AreaScore score = ScoreWithDeadStonesRemoved(game.state.board(), game.state.to_move(),
                                                     game.state.rules().komi, {.playouts = 64});
  game.margin = score.Margin();
  game.winner = game.margin > 0 ? Color::kBlack : game.margin < 0 ? Color::kWhite : Color::kEmpty;
  game.end = end;
  game.over = true;
}

// The loser resigned (failure empty) or failed.
void EndByDefault(LiveGame& game, Color loser, std::string failure = "") {
  game.winner = Opponent(loser);
  game.end = failure.empty() ? GameEnd::kResignation : GameEnd::kFailure;
  game.failure = std::move(failure);
  game.over = true;
}

// Applies one player's answer in one game.
void ApplyMove(LiveGame& game, const PlayerMove& move, const std::string& player_name,
               MatchPlayer& opponent, int max_moves) {
  const Color mover = game.state.to_move();
  if (!move.failure.empty())
    return EndByDefault(game, mover, fmt::format("{} failed: {}", player_name, move.failure));
  if (move.resign) return EndByDefault(game, mover);
  if (absl::Status status = game.state.Play(move.point, mover); !status.ok()) {
    return EndByDefault(game, mover,
                        fmt::format("{} played the illegal move {} ({})", player_name,
                                    GtpVertex(move.point, game.state.size()), status.message()));
  }
  opponent.OpponentMoved(game.index, mover, move.point);
  if (game.state.IsOver()) return EndByScore(game, GameEnd::kScore);
  if (static_cast<int>(game.state.moves().size()) >= max_moves)
    EndByScore(game, GameEnd::kMoveLimit);
}

}  // namespace

std::string_view GameEndName(GameEnd end) {
  switch (end) {
    case GameEnd::kScore:
      return "score";
    case GameEnd::kResignation:
      return "resignation";
    case GameEnd::kMoveLimit:
      return "move limit";
    case GameEnd::kFailure:
      return "failure";
  }
  return "unknown";
}

std::string MatchGame::Reason() const {
  return end == GameEnd::kFailure ? failure : std::string(GameEndName(end));
}

std::vector<MatchGame> FinishedGamesIn(const std::string& sgf_dir, int games) {
  std::vector<MatchGame> finished;
  if (sgf_dir.empty()) return finished;
  for (int index = 0; index < games; ++index) {
    absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(GamePath(sgf_dir, index));
    if (!records.ok() || records->size() != 1) continue;
    const GameRecord& record = (*records)[0];
    const std::string& re = record.result;
    if (re.size() < 2 || (re != "0" && re[1] != '+')) continue;
    MatchGame game{.index = index, .first_is_black = index % 2 == 0, .record = record};
    game.winner = re == "0" ? Color::kEmpty : re[0] == 'B' ? Color::kBlack : Color::kWhite;
    for (const GameRecordNode& node : record.nodes) game.moves += node.move.has_value();
    const std::string tail = re.size() > 2 ? re.substr(2) : "";
    char* end = nullptr;
    const double margin = std::strtod(tail.c_str(), &end);
    if (!tail.empty() && end == tail.c_str() + tail.size()) {
      game.margin = game.winner == Color::kWhite ? -margin : margin;
      game.end = record.nodes.back().comment.rfind(GameEndName(GameEnd::kMoveLimit), 0) == 0
                     ? GameEnd::kMoveLimit
                     : GameEnd::kScore;
    } else if (tail == "R") {
      game.end = GameEnd::kResignation;
    } else {
      game.end = GameEnd::kFailure;
      game.failure = record.nodes.back().comment;
    }
    finished.push_back(std::move(game));
  }
  return finished;
}

absl::StatusOr<MatchResult> PlayMatch(MatchPlayer& first, MatchPlayer& second,
                                      const MatchOptions& options,
                                      std::vector<MatchGame> finished) {
  if (options.opening_moves < 0 || options.opening_moves > options.board_size * options.board_size)
    return absl::InvalidArgumentError(
        fmt::format("random opening moves must be 0..{} (the board's points), not {}",
                    options.board_size * options.board_size, options.opening_moves));
  MatchResult result{.first_name = first.name(), .second_name = second.name()};
  std::vector<bool> done(options.games, false);
  for (MatchGame& game : finished) {
    if (game.index < 0 || game.index >= options.games || done[game.index]) continue;
    done[game.index] = true;
    const Color first_color = game.first_is_black ? Color::kBlack : Color::kWhite;
    if (game.winner == Color::kEmpty)
      ++result.first.draws;
    else if (game.winner == first_color)
      ++result.first.wins;
    else
      ++result.first.losses;
    result.games.push_back(std::move(game));
  }
  const int max_moves =
      options.max_moves > 0 ? options.max_moves : 3 * options.board_size * options.board_size;
  if (!options.sgf_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(options.sgf_dir, error);
    if (error)
      return absl::UnavailableError(
          fmt::format("cannot create {}: {}", options.sgf_dir, error.message()));
  }
  ProgressReporter progress(options.hooks.on_progress, options.label, options.games, "games",
                            static_cast<int64_t>(result.games.size()));
  if (options.stop_early && !result.games.empty() && options.stop_early(result.first))
    result.stopped_early = true;
  std::vector<std::unique_ptr<LiveGame>> live;
  int next = 0;
  auto start_games = [&]() -> absl::Status {
    while (next < options.games && done[next]) ++next;
    while (static_cast<int>(live.size()) < options.parallel && next < options.games &&
           !result.stopped_early) {
      auto game = std::make_unique<LiveGame>(next++, options);
      while (next < options.games && done[next]) ++next;
      for (MatchPlayer* player : {&first, &second})
        if (absl::Status status = player->StartGame(game->index, game->state); !status.ok())
          return status;
      live.push_back(std::move(game));
    }
    return absl::OkStatus();
  };
  if (absl::Status status = start_games(); !status.ok()) return status;
  while (!live.empty()) {
    if (options.hooks.stop_requested()) return absl::CancelledError("match stopped by request");
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
      if (moves->size() != mine.size())
        return absl::InternalError(fmt::format("player {} answered {} moves for {} games",
                                               player.name(), moves->size(), mine.size()));
      for (size_t i = 0; i < mine.size(); ++i)
        ApplyMove(*mine[i], (*moves)[i], player.name(), opponent, max_moves);
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
        if (absl::Status status = WriteSgfFile(GamePath(options.sgf_dir, game->index),
                                               std::span<const GameRecord>(&record.record, 1));
            !status.ok())
          return status;
      }
      const Color first_color = game->first_is_black ? Color::kBlack : Color::kWhite;
      if (game->winner == Color::kEmpty)
        ++result.first.draws;
      else if (game->winner == first_color)
        ++result.first.wins;
      else
        ++result.first.losses;
      result.games.push_back(std::move(record));
      progress.Update(static_cast<int64_t>(result.games.size()));
      if (options.stop_early && options.stop_early(result.first)) result.stopped_early = true;
    }
    live = std::move(running);
    if (absl::Status status = start_games(); !status.ok()) return status;
  }
  progress.Finish();
  return result;
}

}  // namespace tengen
