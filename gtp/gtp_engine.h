// The engine behind the GTP server: the game, the evaluator, the tree
// search, move choice, settings and the clock, as plain methods that return
// statuses. It knows
// nothing about text; its error messages are the GTP error texts, so the
// server can pass them on. A failed call never changes anything.
#ifndef TENGEN_GTP_GTP_ENGINE_H_
#define TENGEN_GTP_GTP_ENGINE_H_

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/game_state.h"
#include "engine/rules.h"
#include "gtp/final_status.h"
#include "gtp/move_decision.h"
#include "gtp/time_control.h"
#include "policy/evaluator.h"
#include "policy/move_chooser.h"
#include "policy/symmetric_evaluator.h"
#include "search/search.h"
#include "search/search_options.h"

namespace tengen {

inline constexpr std::string_view kEngineName = "Tengen";
// Lizzie accepts engines whose version is "x.y" with y >= 15.
inline constexpr std::string_view kEngineVersion = "0.15";

// The most visits a move may be given (tengen-visits, --visits).
inline constexpr int kMaxVisits = 10'000'000;
// New visits an analysis searches at most before it only repeats its last
// update (the tree's node budget, SearchOptions::max_nodes, may end it
// sooner).
inline constexpr int kAnalysisVisits = 1'000'000;

struct GtpEngineOptions {
  int board_size = 19;
  Rules rules = Rules::Chinese();  // komi included
  // Argmax by default: at the board the strongest single move is wanted;
  // "sample" with a temperature gives variety.
  MoveChoiceOptions choice = {.mode = ChoiceMode::kArgmax};
  // The average of the 8 symmetries by default: exactly symmetric answers
  // for 8 evaluations, which a move can nearly always afford (time control
  // falls back to one random symmetry when it cannot).
  SymmetryMode symmetry = SymmetryMode::kAverage;
  uint64_t seed = 1;
  DecisionOptions decision;
  // The board size the network was trained on, if known: a change to any
  // other size (boardsize, loadsgf) is logged once, as a warning.
  std::optional<int> model_board_size;
  // Tree search (search/search.h) before each move and for analysis:
  // `visits` new visits a move (a time budget may stop it sooner), from the
  // tree kept since the last move. 0: no search at all, every move and every
  // analysis straight from the policy. 200 suits a small network on 2 CPU
  // cores.
  int visits = 200;
  // Root policy, batch size, memory bounds; Validate()d. Its seed is
  // derived from `seed`.
  SearchOptions search;
  // Pondering: after genmove (and its analysis forms) the server goes on
  // searching the position, the opponent to move, until the next command
  // arrives; when the opponent then plays a move of that tree, its subtree
  // is kept for the next genmove. Off by default: it keeps a core busy on
  // the opponent's time. Needs search on (visits > 0).
  bool ponder = false;
  // Receives one line per diagnostic (why a move was illegal, SGF replay
  // warnings, symmetry degraded for time, resignations). May be empty.
  std::function<void(std::string_view)> log;
};

enum class GenMoveKind {
  kPlay,        // genmove: choose and play
  kRegression,  // reg_genmove: choose only
  kCleanup,     // kgs-genmove_cleanup: choose and play, capturing dead stones first
};

struct GenMoveResult {
  MoveDecision decision;
  // Of the position with the mover to move; when the move came from a
  // search, only its value is set (the search's root value).
  Evaluation evaluation;
  std::optional<SearchResult> search;  // when the move came from a search
};

// Time measured for one evaluation of each kind, to decide what a move's
// time budget affords. Starts from cautious guesses until measured.
struct EvaluationCosts {
  double single_seconds = 0.05;   // kNone or kRandom: one position
  double average_seconds = 0.25;  // kAverage: 8 positions
  // Folds in a measurement: half the old estimate plus half the new.
  void Record(SymmetryMode mode, double seconds);
};

// The mode to use for a move with `budget` seconds (nullopt: no limit):
// `wanted` if it fits, else one random symmetry (same cost as none, and
// still breaks ties between symmetric moves at random). kNone and kRandom
// are kept as they are; nothing is cheaper than one evaluation.
SymmetryMode AffordableSymmetry(SymmetryMode wanted, std::optional<double> budget,
                                const EvaluationCosts& costs);

class GtpEngine {
 public:
  // The engine evaluates through a SymmetricEvaluator over `evaluator`
  // (policy/symmetric_evaluator.h) in options.symmetry, seeded with
  // options.seed, so it can change the mode during a game; `evaluator`
  // must evaluate positions as they are, or be a SymmetricEvaluator (whose
  // own mode is then replaced, not stacked).
  GtpEngine(std::unique_ptr<Evaluator> evaluator, GtpEngineOptions options);

  const GameState& game() const { return game_; }
  const GtpEngineOptions& options() const { return options_; }
  TimeControl& time_control() { return time_; }

  // --- Game setup -----------------------------------------------------
  // "unacceptable size" outside 1..25. Clears the board. Changing to a size
  // other than the model's logs a warning (once per change).
  absl::Status SetBoardSize(int size);
  // An empty board of the current size; the clocks start again.
  void ClearBoard();
  // Any finite komi.
  void SetKomi(double komi);

  // "illegal move" unless c may play p (a point or kPass) now.
  absl::Status Play(Color c, Point p);
  // Takes back the last `count` (>= 1) moves, a resignation counting as
  // one; "cannot undo", changing nothing, when there are fewer to take back
  // (handicap stones and loaded setups are not undoable).
  absl::Status Undo(int count = 1);

  // Handicap for black on an empty board ("board not empty" otherwise);
  // white moves next. Fixed: FixedHandicapPoints, "invalid number of
  // stones" when there is no layout for n. Free: n in [2, N*N - 1]; the
  // fixed layout where one exists, else the points black's policy likes best
  // (playable, no own eyes), one at a time; may place fewer if no playable
  // point is left. Set: the given distinct points ("bad vertex list" for
  // passes and repeats, "invalid number of stones" outside [2, N*N - 1]).
  absl::StatusOr<std::vector<Point>> FixedHandicap(int n);
  absl::StatusOr<std::vector<Point>> PlaceFreeHandicap(int n);
  absl::Status SetFreeHandicap(std::span<const Point> points);

  // Replaces the game by the main line of the first game in an SGF file,
  // with its size and komi and this engine's ko and suicide rules: all its
  // moves, or with move_number k >= 1 the moves before move k, with the
  // player of move k to move. "cannot load file" (the reason goes to the
  // log) for files that cannot be opened (missing, unreadable), are not
  // regular files, are larger than kMaxSgfFileBytes (4 MiB), are malformed,
  // or cannot be replayed (over kMaxReplayMoves = 10,000 moves).
  absl::Status LoadSgf(const std::string& path, std::optional<int> move_number);
  // The game as an SGF record (engine/sgf.h), RE set when the game is over
  // (FinalScore).
  std::string GameAsSgf();

  // --- Moves and evaluation ------------------------------------------
  // Chooses a move for c (gtp/move_decision.h) under the time budget and
  // plays it (or records the resignation) unless kind is kRegression.
  // With search on (options().visits > 0) the move comes from a search of
  // options().visits new visits, stopped sooner by the time budget
  // (SearchLimits::seconds) or once the best move is decided
  // (SearchLimits::stop_when_decided, PUCT), and DecideSearchMove; on_step
  // (may be empty) is called after each of its network calls, for progress
  // reports (SearchSoFar). kgs-genmove_cleanup, and a search that could not
  // evaluate even the root in its time, decide from the policy (DecideMove).
  absl::StatusOr<GenMoveResult> GenMove(Color c, GenMoveKind kind,
                                        const std::function<void()>& on_step = {});
  // The evaluation of the current position with c to move, in the
  // configured symmetry mode (no time limit: analysis).
  absl::StatusOr<Evaluation> Evaluate(Color c);
  // The current position with c to move (what Evaluate and GenMove see),
  // with only the recent history (GameState::WithRecentHistory), so its
  // cost does not grow with the length of the game.
  GameState PositionFor(Color c) const;

  // --- Search ---------------------------------------------------------
  bool searching() const { return options_.visits > 0; }
  // Searches the current position with c to move (PositionFor), in the
  // configured symmetry mode, until `limits` are met or on_step (called
  // after each network call; may be empty) returns true. The tree of the
  // earlier searches is kept where this position follows from their root
  // by moves in it (play, genmove), so visits spent there count again.
  // Works whatever options().visits says. Errors are the evaluator's.
  absl::StatusOr<SearchResult> RunSearch(Color c, const SearchLimits& limits,
                                         const std::function<bool()>& on_step = {});
  // The latest search so far (from on_step of RunSearch or GenMove, or
  // after them); empty before any search.
  SearchResult SearchSoFar() const;
  // Ponders (GtpEngineOptions::ponder): searches the current position, the
  // player to move next, until `stop` (called after each network call)
  // returns true or kAnalysisVisits new visits are spent. Does nothing
  // when pondering or search is off or the game is over. Logs the visits
  // it spent; an evaluator error is logged too (pondering is never worth
  // failing the next command for).
  void Ponder(const std::function<bool()>& stop);
  void SetPonder(bool ponder) { options_.ponder = ponder; }

  // --- Scoring --------------------------------------------------------
  // Area score after removing the dead stones of FinalStatuses(): "B+3.5",
  // "W+0.5", "0".
  std::string FinalScore();
  // tengen::FinalStatuses of the board with the player to move, the
  // configured dead-stone playouts and, when the network has an ownership
  // head, its ownership of the position (one evaluation, in the configured
  // symmetry mode): chains it gives confidently to one side are decided by
  // it. An evaluation error is logged and scoring goes on without it.
  std::vector<StoneStatus> FinalStatuses();

  // --- Settings -------------------------------------------------------
  absl::Status SetChoiceOptions(const MoveChoiceOptions& choice);  // Validate()d
  void SetSymmetryMode(SymmetryMode mode);
  // Visits a move in [0, kMaxVisits] ("invalid visits" outside); 0 turns
  // the search off.
  absl::Status SetVisits(int visits);
  // The search's root policy; the tree starts afresh.
  void SetRootPolicy(RootPolicy policy);
  // Reseeds move sampling, random symmetries and the search (whose tree
  // starts afresh).
  void Reseed(uint64_t seed);
  // One "key value" line per setting, for tengen-settings (with search on,
  // also search, visits and batch).
  std::string DescribeSettings() const;

  // Passes a diagnostic line to options().log, if set.
  void Log(std::string_view line) const;

 private:
  // Evaluates and records the time taken in costs_.
  absl::StatusOr<Evaluation> TimedEvaluate(const GameState& state, SymmetryMode mode);
  absl::Status CheckBoardEmpty() const;
  // Logs the first few SGF replay warnings and how many more there were.
  void LogReplayWarnings(std::span<const std::string> warnings) const;
  // Sets options_.board_size, logging a warning when it changes to a size
  // other than options_.model_board_size.
  void ChangeBoardSize(int size);
  // Puts black stones on the empty board; white moves next.
  void PlaceHandicap(std::span<const Point> points);

  // The search, made on first use; ResetSearch forgets it (and its tree).
  Search& search();
  void ResetSearch();
  absl::StatusOr<SearchResult> RunSearch(Color c, const SearchLimits& limits, SymmetryMode mode,
                                         const std::function<bool()>& on_step);
  // The move for `state` (c to move) from the policy, in `mode`.
  absl::StatusOr<GenMoveResult> PolicyMove(const GameState& state, SymmetryMode mode,
                                           const DecisionOptions& decision_options);

  // One evaluation of `state` in `mode`; notes whether it had auxiliary
  // heads in has_ownership_.
  absl::StatusOr<Evaluation> EvaluateOne(const GameState& state, SymmetryMode mode);
  // The network's ownership of the current position for the player to move,
  // for scoring; empty without an ownership head (known after the first
  // evaluation, so a network without one is not asked again) or on an
  // evaluation error (logged).
  std::vector<float> ScoringOwnership();

  SymmetricEvaluator evaluator_;
  GtpEngineOptions options_;
  GameState game_;
  MoveChooser chooser_;
  TimeControl time_;
  EvaluationCosts costs_;
  std::unique_ptr<Search> search_;
  std::shared_ptr<EvalCache> cache_;
  // Whether the evaluator's answers carry ownership (unknown before the
  // first evaluation).
  std::optional<bool> has_ownership_;
};

}  // namespace tengen

#endif  // TENGEN_GTP_GTP_ENGINE_H_
