#include "match/match_job.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "base/atomic_file.h"
#include "base/fmt_absl.h"
#include "base/random.h"

namespace tengen {
namespace {

std::string_view DecisionName(SprtDecision decision) {
  switch (decision) {
    case SprtDecision::kContinue:
      return "continue";
    case SprtDecision::kAcceptH0:
      return "H0";
    case SprtDecision::kAcceptH1:
      return "H1";
  }
  return "?";
}

// A CSV field, quoted when it holds a comma, quote or newline.
std::string Csv(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string ResultsCsv(const MatchResult& result) {
  std::string csv = "game,black,white,winner,margin,moves,reason\n";
  for (const MatchGame& game : result.games) {
    const std::string& black = game.first_is_black ? result.first_name : result.second_name;
    const std::string& white = game.first_is_black ? result.second_name : result.first_name;
    const std::string winner = game.winner == Color::kEmpty   ? "draw"
                               : game.winner == Color::kBlack ? "black"
                                                              : "white";
    csv += fmt::format("{},{},{},{},{},{},{}\n", game.index, Csv(black), Csv(white), winner,
                       game.margin, game.moves, Csv(game.Reason()));
  }
  return csv;
}

JsonValue Number(double value) { return std::isfinite(value) ? JsonValue(value) : JsonValue(); }

}  // namespace

absl::StatusOr<MatchJobResult> RunMatchJob(const MatchJobOptions& options) {
  PlayerContext first_context = options.context, second_context = options.context;
  first_context.seed = DeriveSeed(options.context.seed, "match-player", 0);
  second_context.seed = DeriveSeed(options.context.seed, "match-player", 1);
  absl::StatusOr<std::unique_ptr<MatchPlayer>> first = CreatePlayer(options.first, first_context);
  if (!first.ok())
    return absl::InvalidArgumentError(fmt::format("first player: {}", first.status()));
  absl::StatusOr<std::unique_ptr<MatchPlayer>> second =
      CreatePlayer(options.second, second_context);
  if (!second.ok())
    return absl::InvalidArgumentError(fmt::format("second player: {}", second.status()));
  MatchOptions match = options.match;
  if (!options.out_dir.empty())
    match.sgf_dir = (std::filesystem::path(options.out_dir) / "games").string();
  if (options.sprt.has_value()) {
    const SprtOptions sprt = *options.sprt;
    match.stop_early = [sprt](const WinRate& rate) {
      return EvaluateSprt(rate, sprt).decision != SprtDecision::kContinue;
    };
  }
  // Games already in the output folder (from an interrupted run of this
  // match) are kept, not replayed.
  absl::StatusOr<MatchResult> played =
      PlayMatch(**first, **second, match, FinishedGamesIn(match.sgf_dir, match.games));
  if (!played.ok()) return played.status();
  MatchJobResult result{.match = std::move(*played)};
  result.elo = EstimateElo(result.match.first);
  const Interval interval = result.match.first.Interval95();
  JsonValue summary = JsonValue::Object();
  summary.Set("first", result.match.first_name)
      .Set("second", result.match.second_name)
      .Set("games", result.match.first.games())
      .Set("wins", result.match.first.wins)
      .Set("draws", result.match.first.draws)
      .Set("losses", result.match.first.losses)
      .Set("score_rate", result.match.first.rate())
      .Set("score_rate_low", interval.low)
      .Set("score_rate_high", interval.high)
      .Set("elo", Number(result.elo.elo))
      .Set("elo_low", Number(result.elo.interval.low))
      .Set("elo_high", Number(result.elo.interval.high))
      .Set("board_size", match.board_size)
      .Set("komi", match.rules.komi)
      .Set("rules", DescribeRules(match.rules))
      .Set("stopped_early", result.match.stopped_early);
  if (options.sprt.has_value()) {
    result.sprt = EvaluateSprt(result.match.first, *options.sprt);
    JsonValue sprt = JsonValue::Object();
    sprt.Set("elo0", options.sprt->elo0)
        .Set("elo1", options.sprt->elo1)
        .Set("alpha", options.sprt->alpha)
        .Set("beta", options.sprt->beta)
        .Set("llr", result.sprt->llr)
        .Set("lower", result.sprt->lower)
        .Set("upper", result.sprt->upper)
        .Set("decision", DecisionName(result.sprt->decision));
    summary.Set("sprt", std::move(sprt));
  }
  int failures = 0;
  for (const MatchGame& game : result.match.games) failures += game.end == GameEnd::kFailure;
  summary.Set("games_lost_to_failures", failures);
  result.summary = summary;
  if (!options.out_dir.empty()) {
    const std::filesystem::path out(options.out_dir);
    if (absl::Status status =
            WriteFileAtomically((out / "results.csv").string(), ResultsCsv(result.match));
        !status.ok())
      return status;
    if (absl::Status status =
            WriteFileAtomically((out / "summary.json").string(), SerializeJson(summary) + "\n");
        !status.ok())
      return status;
  }
  return result;
}

std::string DescribeMatchJob(const MatchJobResult& result) {
  std::string text = fmt::format("{} vs {}\n", result.match.first_name, result.match.second_name);
  text += fmt::format("score rate of the first: {}\n", DescribeWinRate(result.match.first));
  text += fmt::format("Elo difference:          {}\n", DescribeElo(result.elo));
  if (result.sprt.has_value())
    text +=
        fmt::format("SPRT: LLR {:.2f} in [{:.2f}, {:.2f}]: {}\n", result.sprt->llr,
                    result.sprt->lower, result.sprt->upper, DecisionName(result.sprt->decision));
  return text;
}

}  // namespace tengen
