#include "eval/study_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <numeric>
#include <set>

#include "base/fmt_absl.h"
#include "match/gtp_player.h"
#include "policy/model.h"

namespace tengen {

std::vector<Point> MovesOfRecord(const GameRecord& record) {
  std::vector<Point> moves;
  for (const GameRecordNode& node : record.nodes)
    if (node.move.has_value()) moves.push_back(node.move->point);
  return moves;
}

int DistinctGames(const std::vector<MatchGame>& games) {
  std::set<std::vector<Point>> distinct;
  for (const MatchGame& game : games) distinct.insert(MovesOfRecord(game.record));
  return static_cast<int>(distinct.size());
}

absl::StatusOr<std::shared_ptr<Evaluator>> LoadStudyEvaluator(const std::string& model_path,
                                                              SymmetryMode symmetry,
                                                              uint64_t seed) {
  absl::StatusOr<Model> model = Model::Load(model_path);
  if (!model.ok()) return model.status();
  absl::StatusOr<std::unique_ptr<Evaluator>> evaluator =
      CreateNetworkEvaluator(*model, {.symmetry = symmetry, .threads = 1, .seed = seed});
  if (!evaluator.ok()) return evaluator.status();
  return std::shared_ptr<Evaluator>(std::move(*evaluator));
}

MoveChoiceOptions ChoiceAt(double temperature) {
  if (temperature <= 0) return MoveChoiceOptions{.mode = ChoiceMode::kArgmax, .temperature = 0};
  return MoveChoiceOptions{.mode = ChoiceMode::kSample, .temperature = temperature};
}

std::string ChoiceLabel(double temperature) {
  return temperature <= 0 ? "argmax" : fmt::format("sample T={:g}", temperature);
}

absl::StatusOr<StudyMatchResult> PlayStudyMatch(MatchPlayer& first, MatchPlayer& second,
                                                const StudyContext& context, int games,
                                                int parallel, const std::string& label,
                                                const std::string& sgf_dir) {
  const MatchOptions options{.games = games,
                             .parallel = std::max(1, parallel),
                             .board_size = context.board_size,
                             .rules = context.rules,
                             .sgf_dir = sgf_dir,
                             .label = label,
                             .hooks = context.hooks};
  absl::StatusOr<MatchResult> result = PlayMatch(first, second, options);
  if (!result.ok()) return result.status();
  StudyMatchResult match{.player = first.name(),
                         .opponent = second.name(),
                         .score = WinRateResult::Of(result->first),
                         .distinct_games = DistinctGames(result->games)};
  std::set<std::string> reasons;
  for (const MatchGame& game : result->games)
    if (game.end == GameEnd::kFailure) {
      ++match.failures;
      if (reasons.size() < 3) reasons.insert(game.failure);
    }
  match.failure_reasons.assign(reasons.begin(), reasons.end());
  return match;
}

std::string FileSlug(std::string_view text) {
  std::string slug;
  for (char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep)
      slug += c;
    else if (!slug.empty() && slug.back() != '-')
      slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "x" : slug;
}

absl::StatusOr<CollectedGames> PlayAndCollectGames(Evaluator& evaluator,
                                                   const SelfPlayOptions& play, int games,
                                                   const StudyContext& context,
                                                   const std::string& task, std::string_view part) {
  std::vector<int> indices(games);
  std::iota(indices.begin(), indices.end(), 0);
  CollectedGames collected;
  ProgressReporter progress(context.hooks.on_progress, task, games, "games");
  absl::Status status = PlaySelfPlayGames(
      evaluator, play, indices,
      [&](FinishedGame game) {
        collected.moves.push_back(MovesOfRecord(game.record));
        collected.black_wins += game.margin > 0;
        progress.Update(static_cast<int64_t>(collected.moves.size()));
        return absl::OkStatus();
      },
      [&] { return context.hooks.stop_requested(); });
  if (!status.ok()) return status;
  progress.Finish();
  if (context.hooks.stop_requested())
    return absl::CancelledError(fmt::format("stopped during the {}", part));
  std::sort(collected.moves.begin(), collected.moves.end());
  return collected;
}

absl::StatusOr<StudyMatchResult> PlayStudyPairing(MatchPlayer& first, MatchPlayer& second,
                                                  const StudyContext& context, int games,
                                                  int parallel, const std::string& sgf_root,
                                                  std::string_view part) {
  if (context.hooks.stop_requested())
    return absl::CancelledError(fmt::format("stopped during the {}", part));
  const std::string label = fmt::format("{} vs {}", first.name(), second.name());
  const std::string dir = (std::filesystem::path(sgf_root) / FileSlug(label)).string();
  return PlayStudyMatch(first, second, context, games, parallel, label, dir);
}

absl::StatusOr<std::unique_ptr<MatchPlayer>> CreateStudyGnuGo(const StudyContext& context,
                                                              int move_timeout_s) {
  absl::StatusOr<std::unique_ptr<MatchPlayer>> engine = CreateGtpPlayer(
      context.gnugo_command, {.name = context.gnugo_name,
                              .move_timeout = std::chrono::milliseconds(move_timeout_s * 1000)});
  if (!engine.ok())
    return absl::FailedPreconditionError(fmt::format("GNU Go: {}", engine.status()));
  return engine;
}

}  // namespace tengen
