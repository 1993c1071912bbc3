#include "gtp/gtp_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "base/check.h"
#include "base/fmt_absl.h"
#include "engine/coordinates.h"
#include "engine/dead_stones.h"
#include "engine/scoring.h"
#include "gtp/gtp_protocol.h"

namespace tengen {
namespace {

// Moves of history a position for evaluation keeps (GameState::
// WithRecentHistory): the network sees the last 4; symmetric images that
// are built as games (for evaluators that cannot apply a symmetry
// themselves) replay these, so their superko history reaches this far back
// (the position itself answers legality exactly).
constexpr int kEvaluationHistoryMoves = 16;

// The least time limit a genmove search gets (a clock with nothing left
// gives a budget of 0, and SearchLimits::seconds 0 means no limit).
constexpr double kLeastSearchSeconds = 0.001;

}  // namespace

void EvaluationCosts::Record(SymmetryMode mode, double seconds) {
  double& estimate = mode == SymmetryMode::kAverage ? average_seconds : single_seconds;
  estimate = 0.5 * estimate + 0.5 * seconds;
}

SymmetryMode AffordableSymmetry(SymmetryMode wanted, std::optional<double> budget,
                                const EvaluationCosts& costs) {
  if (wanted != SymmetryMode::kAverage || !budget || *budget >= costs.average_seconds)
    return wanted;
  return SymmetryMode::kRandom;
}

GtpEngine::GtpEngine(std::unique_ptr<Evaluator> evaluator, GtpEngineOptions options)
    : evaluator_(std::move(evaluator), options.symmetry, options.seed),
      options_(std::move(options)),
      game_(options_.board_size, options_.rules),
      chooser_(options_.choice, options_.seed) {
  TENGEN_CHECK(options_.choice.Validate().ok());
  TENGEN_CHECK(options_.search.Validate().ok());
  TENGEN_CHECK(options_.visits >= 0 && options_.visits <= kMaxVisits);
}

void GtpEngine::Log(std::string_view line) const {
  if (options_.log) options_.log(line);
}

absl::Status GtpEngine::SetBoardSize(int size) {
  if (size < kMinBoardSize || size > kMaxBoardSize) return GtpError("unacceptable size");
  ChangeBoardSize(size);
  ClearBoard();
  return absl::OkStatus();
}

void GtpEngine::ChangeBoardSize(int size) {
  if (size == options_.board_size) return;
  options_.board_size = size;
  const std::optional<int> model = options_.model_board_size;
  if (model && *model != size)
    Log(fmt::format(
        "warning: the model was trained on {}x{} boards; on {}x{} its moves may be poor", *model,
        *model, size, size));
}

void GtpEngine::ClearBoard() {
  game_ = GameState(options_.board_size, options_.rules);
  time_.ResetClocks();
}

void GtpEngine::SetKomi(double komi) {
  options_.rules.komi = komi;
  game_.set_komi(komi);
  ResetSearch();  // the tree's finished games were scored with the old komi
}

absl::Status GtpEngine::Play(Color c, Point p) {
  if (absl::Status status = game_.Play(p, c); !status.ok()) {
    Log(fmt::format("play {} {}: {}", ColorName(c), GtpVertex(p, game_.size()), status));
    return GtpError("illegal move");
  }
  return absl::OkStatus();
}

absl::Status GtpEngine::Undo(int count) {
  TENGEN_CHECK(count >= 1);
  const int undoable =
      static_cast<int>(game_.moves().size()) + (game_.resigned().has_value() ? 1 : 0);
  if (count > undoable) return GtpError("cannot undo");
  for (int i = 0; i < count; ++i) TENGEN_CHECK(game_.Undo());
  return absl::OkStatus();
}

GameState GtpEngine::PositionFor(Color c) const {
  GameState state = game_.WithRecentHistory(kEvaluationHistoryMoves);
  if (state.to_move() != c) state.set_to_move(c);
  return state;
}

absl::StatusOr<Evaluation> GtpEngine::EvaluateOne(const GameState& state, SymmetryMode mode) {
  const GameState* batch[] = {&state};
  absl::StatusOr<std::vector<Evaluation>> evaluations = evaluator_.EvaluateBatch(batch, mode);
  if (!evaluations.ok()) return evaluations.status();
  TENGEN_CHECK(evaluations->size() == 1);
  has_ownership_ = (*evaluations)[0].has_aux();
  return std::move((*evaluations)[0]);
}

absl::StatusOr<Evaluation> GtpEngine::TimedEvaluate(const GameState& state, SymmetryMode mode) {
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<Evaluation> evaluation = EvaluateOne(state, mode);
  costs_.Record(mode,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return evaluation;
}

absl::StatusOr<Evaluation> GtpEngine::Evaluate(Color c) {
  return TimedEvaluate(PositionFor(c), options_.symmetry);
}

absl::StatusOr<GenMoveResult> GtpEngine::PolicyMove(const GameState& state, SymmetryMode mode,
                                                    const DecisionOptions& decision_options) {
  absl::StatusOr<Evaluation> evaluation = TimedEvaluate(state, mode);
  if (!evaluation.ok()) return evaluation.status();
  return GenMoveResult{.decision = DecideMove(state, *evaluation, chooser_, decision_options),
                       .evaluation = std::move(*evaluation)};
}

absl::StatusOr<GenMoveResult> GtpEngine::GenMove(Color c, GenMoveKind kind,
                                                 const std::function<void()>& on_step) {
  const auto start = std::chrono::steady_clock::now();
  const GameState state = PositionFor(c);
  const int points = state.size() * state.size();
  const std::optional<double> budget = time_.MoveBudget(c, points, game_.move_number());
  const SymmetryMode mode = AffordableSymmetry(options_.symmetry, budget, costs_);
  if (mode != options_.symmetry) {
    Log(fmt::format("time: {:.3f} s for this move affords symmetry {}, not {}", *budget,
                    SymmetryModeName(mode), SymmetryModeName(options_.symmetry)));
  }
  DecisionOptions decision_options = options_.decision;
  decision_options.cleanup = kind == GenMoveKind::kCleanup;
  std::optional<GenMoveResult> chosen;
  if (searching() && kind != GenMoveKind::kCleanup) {
    // A zero budget still searches a moment; seconds 0 would mean no limit.
    const SearchLimits limits{.visits = options_.visits,
                              .seconds = budget ? std::max(*budget, kLeastSearchSeconds) : 0,
                              .stop_when_decided = true};
    absl::StatusOr<SearchResult> searched = RunSearch(c, limits, mode, [&] {
      if (on_step) on_step();
      return false;
    });
    if (!searched.ok()) return searched.status();
    if (!searched->moves.empty()) {
      chosen =
          GenMoveResult{.decision = DecideSearchMove(state, *searched, chooser_, decision_options),
                        .evaluation = {.value = static_cast<float>(searched->value)},
                        .search = std::move(*searched)};
    }
  }
  if (!chosen) {
    absl::StatusOr<GenMoveResult> policy = PolicyMove(state, mode, decision_options);
    if (!policy.ok()) return policy.status();
    chosen = std::move(*policy);
  }
  GenMoveResult& result = *chosen;
  const MoveDecision& decision = result.decision;
  if (!decision.reason.empty())
    Log(fmt::format("genmove {}: {}{}", ColorName(c),
                    decision.resign ? "resign" : GtpVertex(decision.point, state.size()),
                    ", because " + decision.reason));
  if (kind == GenMoveKind::kRegression) return std::move(result);
  if (decision.resign) {
    game_.Resign(c);
  } else {
    // Legal for c in `state` means legal for c in game_: they differ only in
    // the player to move of the current position.
    TENGEN_CHECK(game_.Play(decision.point, c).ok());
  }
  time_.Charge(c, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return std::move(result);
}

std::vector<float> GtpEngine::ScoringOwnership() {
  if (has_ownership_ == false) return {};
  absl::StatusOr<Evaluation> evaluation = Evaluate(game_.to_move());
  if (!evaluation.ok()) {
    Log(fmt::format("scoring without the ownership head: {}", evaluation.status()));
    return {};
  }
  return std::move(evaluation->ownership);
}

std::string GtpEngine::FinalScore() {
  return FormatResult(
      ScoreWithStatuses(game_.board(), FinalStatuses(), game_.rules().komi).Margin());
}

std::vector<StoneStatus> GtpEngine::FinalStatuses() {
  const std::vector<float> ownership = ScoringOwnership();
  return tengen::FinalStatuses(game_.board(), game_.to_move(), options_.decision.dead_stones,
                               ownership);
}

absl::Status GtpEngine::SetChoiceOptions(const MoveChoiceOptions& choice) {
  if (absl::Status status = choice.Validate(); !status.ok()) return status;
  options_.choice = choice;
  chooser_.set_options(choice);
  return absl::OkStatus();
}

void GtpEngine::SetSymmetryMode(SymmetryMode mode) {
  options_.symmetry = mode;
  evaluator_.set_mode(mode);
}

void GtpEngine::Reseed(uint64_t seed) {
  options_.seed = seed;
  chooser_.Reseed(seed);
  evaluator_.set_seed(seed);
  ResetSearch();
}

std::string GtpEngine::DescribeSettings() const {
  const MoveChoiceOptions& choice = options_.choice;
  // Without search the lines are those of the policy engine, unchanged.
  const std::string search =
      searching() ? fmt::format("\nsearch {}\nvisits {}\nbatch {}\nponder {}",
                                RootPolicyName(options_.search.root_policy), options_.visits,
                                options_.search.batch_size, options_.ponder ? "on" : "off")
                  : std::string();
  return fmt::format(
      "policy {}\ntemperature {}\nopening_moves {}\nopening_temperature {}\nsymmetry {}\n"
      "seed {}\nresign_below {}\nrules {}\ntime {}\nevaluator {}{}",
      ChoiceModeName(choice.mode), choice.temperature, choice.opening_moves,
      choice.opening_temperature, SymmetryModeName(options_.symmetry), options_.seed,
      options_.decision.resign_below, DescribeRules(game_.rules()), time_.Describe(),
      evaluator_.inner().Describe(), search);
}

}  // namespace tengen
