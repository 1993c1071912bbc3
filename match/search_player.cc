#include "match/search_player.h"

#include <map>
#include <utility>
#include <vector>

#include "base/random.h"
#include "search/search_driver.h"

namespace tengen {
namespace {

class SearchPlayer : public MatchPlayer {
 public:
  SearchPlayer(std::string name, std::shared_ptr<Evaluator> evaluator, SearchOptions options,
               SearchLimits limits, MoveChoiceOptions choice, uint64_t seed)
      : name_(std::move(name)),
        evaluator_(std::move(evaluator)),
        options_(options),
        limits_(limits),
        choice_(choice),
        seed_(seed) {}

  std::string name() const override { return name_; }

  absl::Status StartGame(int game, const GameState&) override {
    games_.erase(game);
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<PlayerMove>> ChooseMoves(
      std::span<const int> games, std::span<const GameState* const> states) override {
    std::vector<Search*> searches;
    for (size_t i = 0; i < states.size(); ++i) {
      Game& game = GameFor(games[i]);
      game.search->SetPosition(states[i]->WithRecentHistory(kKeptMoves));
      game.search->Begin(limits_);
      searches.push_back(game.search.get());
    }
    if (absl::Status status = RunSearches(*evaluator_, searches); !status.ok()) return status;
    std::vector<PlayerMove> moves;
    for (size_t i = 0; i < states.size(); ++i) {
      Game& game = GameFor(games[i]);
      const SearchResult result = game.search->Result();
      Point move = result.best_move;
      if (choice_.mode == ChoiceMode::kSample && !result.moves.empty()) {
        const int index = game.chooser.Choose(result.policy_target, states[i]->move_number());
        move = MoveIndexToPoint(index, states[i]->size());
      }
      moves.push_back({.point = move});
    }
    return moves;
  }

  void EndGame(int game) override { games_.erase(game); }

 private:
  // Moves of history each search root keeps (superko and the features need
  // only recent ones; copying the whole game per simulation would not do).
  static constexpr int kKeptMoves = 16;

  struct Game {
    std::unique_ptr<Search> search;
    MoveChooser chooser;
  };
  Game& GameFor(int game) {
    auto it = games_.find(game);
    if (it == games_.end()) {
      SearchOptions options = options_;
      options.seed = DeriveSeed(seed_, "search-player-game", static_cast<uint64_t>(game));
      it = games_
               .emplace(game, Game{std::make_unique<Search>(options),
                                   MoveChooser(choice_, DeriveSeed(seed_, "search-player-choice",
                                                                   static_cast<uint64_t>(game)))})
               .first;
    }
    return it->second;
  }

  std::string name_;
  std::shared_ptr<Evaluator> evaluator_;
  SearchOptions options_;
  SearchLimits limits_;
  MoveChoiceOptions choice_;
  uint64_t seed_;
  std::map<int, Game> games_;
};

}  // namespace

std::unique_ptr<MatchPlayer> CreateSearchPlayer(std::string name,
                                                std::shared_ptr<Evaluator> evaluator,
                                                const SearchOptions& options,
                                                const SearchLimits& limits,
                                                const MoveChoiceOptions& choice, uint64_t seed) {
  return std::make_unique<SearchPlayer>(std::move(name), std::move(evaluator), options, limits,
                                        choice, seed);
}

}  // namespace tengen
