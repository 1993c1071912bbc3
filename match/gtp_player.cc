#include "match/gtp_player.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <vector>

#include "base/fmt_absl.h"
#include "base/text_util.h"
#include "engine/coordinates.h"
#include "gtp/client/gtp_client.h"

namespace tengen {
namespace {

std::string ColorWord(Color c) { return c == Color::kBlack ? "b" : "w"; }

class GtpPlayer : public MatchPlayer {
 public:
  GtpPlayer(std::string command_line, GtpClientOptions client_options, std::string name,
            std::unique_ptr<GtpClient> first)
      : command_line_(std::move(command_line)),
        client_options_(std::move(client_options)),
        name_(std::move(name)) {
    idle_.push_back(std::move(first));
  }

  ~GtpPlayer() override {
    for (auto& client : idle_) (void)client->Quit();
  }

  std::string name() const override { return name_; }

  absl::Status StartGame(int game, const GameState& state) override {
    Slot& slot = slots_[game];
    slot = Slot{};
    slot.size = state.size();
    if (!idle_.empty()) {
      slot.client = std::move(idle_.back());
      idle_.pop_back();
    } else {
      absl::StatusOr<std::unique_ptr<GtpClient>> client =
          GtpClient::Start(command_line_, client_options_);
      if (!client.ok()) {
        slot.failure = fmt::format("could not start: {}", client.status());
        return absl::OkStatus();
      }
      slot.client = std::move(*client);
    }
    std::vector<std::string> commands = {fmt::format("boardsize {}", state.size()),
                                         std::string("clear_board"),
                                         fmt::format("komi {}", state.rules().komi)};
    // A random opening's moves (MatchOptions::opening_moves).
    for (const PlayedMove& move : state.moves())
      commands.push_back(
          fmt::format("play {} {}", ColorWord(move.color), GtpVertex(move.point, state.size())));
    for (const std::string& command : commands) {
      if (!Run(slot, command)) break;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<PlayerMove>> ChooseMoves(
      std::span<const int> games, std::span<const GameState* const> states) override {
    std::vector<std::future<PlayerMove>> answers;
    for (size_t i = 0; i < games.size(); ++i) {
      Slot* slot = &slots_[games[i]];
      const Color mover = states[i]->to_move();
      answers.push_back(
          std::async(std::launch::async, [this, slot, mover] { return Genmove(*slot, mover); }));
    }
    std::vector<PlayerMove> moves;
    for (auto& answer : answers) moves.push_back(answer.get());
    return moves;
  }

  void OpponentMoved(int game, Color color, Point move) override {
    Slot& slot = slots_[game];
    Run(slot, fmt::format("play {} {}", ColorWord(color), GtpVertex(move, slot.size)));
  }

  void EndGame(int game) override {
    auto it = slots_.find(game);
    if (it == slots_.end()) return;
    if (it->second.client && it->second.client->usable() && it->second.failure.empty())
      idle_.push_back(std::move(it->second.client));
    slots_.erase(it);
  }

 private:
  struct Slot {
    std::unique_ptr<GtpClient> client;
    std::string failure;  // set once the engine failed in this game
    int size = 0;
  };

  // Sends a command unless the game already failed; records a failure.
  bool Run(Slot& slot, const std::string& command) {
    if (!slot.failure.empty() || !slot.client) return false;
    absl::StatusOr<GtpReply> reply = slot.client->Send(command);
    if (!reply.ok()) {
      slot.failure = std::string(reply.status().message());
    } else if (!reply->ok) {
      slot.failure = fmt::format("'{}' refused with '{}'", command, reply->text);
    }
    return slot.failure.empty();
  }

  PlayerMove Genmove(Slot& slot, Color mover) {
    if (!slot.failure.empty() || !slot.client)
      return {.failure = slot.failure.empty() ? "no engine" : slot.failure};
    const std::string command = "genmove " + ColorWord(mover);
    absl::StatusOr<GtpReply> reply = slot.client->Send(command);
    if (!reply.ok())
      slot.failure = std::string(reply.status().message());
    else if (!reply->ok)
      slot.failure = fmt::format("'{}' refused with '{}'", command, reply->text);
    if (!slot.failure.empty()) return {.failure = slot.failure};
    std::string text = reply->text;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    if (EqualsIgnoreCase(text, "resign")) return {.resign = true};
    absl::StatusOr<Point> point = ParseGtpVertex(text, slot.size);
    if (!point.ok()) {
      slot.failure = fmt::format("answered '{}' with '{}', which is not a move", command, text);
      return {.failure = slot.failure};
    }
    return {.point = *point};
  }

  std::string command_line_;
  GtpClientOptions client_options_;
  std::string name_;
  std::vector<std::unique_ptr<GtpClient>> idle_;
  std::map<int, Slot> slots_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<MatchPlayer>> CreateGtpPlayer(const std::string& command_line,
                                                             const GtpPlayerOptions& options) {
  GtpClientOptions client_options;
  client_options.command_timeout = options.move_timeout;
  client_options.startup_timeout = options.startup_timeout;
  absl::StatusOr<std::unique_ptr<GtpClient>> first = GtpClient::Start(command_line, client_options);
  if (!first.ok()) return first.status();
  std::string name = options.name;
  if (name.empty()) {
    absl::StatusOr<std::string> engine_name = (*first)->Command("name");
    name = engine_name.ok() && !engine_name->empty() ? *engine_name : command_line;
    if (absl::StatusOr<std::string> version = (*first)->Command("version");
        version.ok() && !version->empty())
      name += " " + *version;
  }
  return std::unique_ptr<MatchPlayer>(std::make_unique<GtpPlayer>(
      command_line, client_options, std::move(name), std::move(*first)));
}

std::string FindGnuGo(const std::string& requested) {
  if (requested == "none") return "";
  if (!requested.empty()) return requested;
  if (access("/usr/games/gnugo", X_OK) == 0) return "/usr/games/gnugo";
  if (const char* path = std::getenv("PATH"))
    for (std::string_view dir : SplitText(path, ':')) {
      const std::string candidate = (std::filesystem::path(dir) / "gnugo").string();
      if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  return "";
}

}  // namespace tengen
