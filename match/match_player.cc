#include "match/match_player.h"

#include <map>

#include "base/random.h"
#include "policy/playable_moves.h"

namespace tengen {
namespace {

class NetworkPlayer : public MatchPlayer {
 public:
  NetworkPlayer(std::string name, std::shared_ptr<Evaluator> evaluator,
                const MoveChoiceOptions& choice, uint64_t seed)
      : name_(std::move(name)), evaluator_(std::move(evaluator)), choice_(choice), seed_(seed) {}

  std::string name() const override { return name_; }

  absl::Status StartGame(int game, const GameState&) override {
    choosers_.erase(game);
    choosers_.emplace(game, MoveChooser(choice_, ChooserSeed(game)));
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<PlayerMove>> ChooseMoves(
      std::span<const int> games, std::span<const GameState* const> states) override {
    absl::StatusOr<std::vector<Evaluation>> evaluations = evaluator_->EvaluateBatch(states);
    if (!evaluations.ok()) return evaluations.status();
    std::vector<PlayerMove> moves;
    for (size_t i = 0; i < states.size(); ++i) {
      const GameState& state = *states[i];
      const std::vector<uint8_t> mask = PlayableMoveMask(state);
      const std::vector<float> policy = RestrictPolicy((*evaluations)[i].policy, mask);
      auto chooser = choosers_.find(games[i]);
      if (chooser == choosers_.end())
        chooser = choosers_.emplace(games[i], MoveChooser(choice_, ChooserSeed(games[i]))).first;
      const int move = chooser->second.Choose(policy, static_cast<int>(state.moves().size()));
      moves.push_back({MoveIndexToPoint(move, state.size())});
    }
    return moves;
  }

  void EndGame(int game) override { choosers_.erase(game); }

 private:
  // Each game's moves come from its own stream, whether or not StartGame
  // was called for it.
  uint64_t ChooserSeed(int game) const {
    return DeriveSeed(seed_, "match-game", static_cast<uint64_t>(game));
  }

  std::string name_;
  std::shared_ptr<Evaluator> evaluator_;
  MoveChoiceOptions choice_;
  uint64_t seed_;
  std::map<int, MoveChooser> choosers_;
};

class RandomPlayer : public MatchPlayer {
 public:
  explicit RandomPlayer(uint64_t seed) : rng_(seed) {}
  std::string name() const override { return "random"; }
  absl::StatusOr<std::vector<PlayerMove>> ChooseMoves(
      std::span<const int>, std::span<const GameState* const> states) override {
    std::vector<PlayerMove> moves;
    for (const GameState* state : states) {
      const std::vector<uint8_t> mask = PlayableMoveMask(*state);
      std::vector<int> allowed;
      for (int i = 0; i < static_cast<int>(mask.size()); ++i)
        if (mask[i]) allowed.push_back(i);
      const int move = allowed[rng_.Below(static_cast<uint32_t>(allowed.size()))];
      moves.push_back({MoveIndexToPoint(move, state->size())});
    }
    return moves;
  }

 private:
  Rng rng_;
};

}  // namespace

std::unique_ptr<MatchPlayer> CreateNetworkPlayer(std::string name,
                                                 std::shared_ptr<Evaluator> evaluator,
                                                 const MoveChoiceOptions& choice, uint64_t seed) {
  return std::make_unique<NetworkPlayer>(std::move(name), std::move(evaluator), choice, seed);
}

std::unique_ptr<MatchPlayer> CreateRandomPlayer(uint64_t seed) {
  return std::make_unique<RandomPlayer>(seed);
}

}  // namespace tengen
