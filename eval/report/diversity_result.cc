#include "eval/report/diversity_result.h"

#include "eval/report/json_fields.h"

namespace tengen {

JsonValue DiversityPositionCount::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("move", move)
      .Set("games_reaching", games_reaching)
      .Set("distinct", distinct)
      .Set("distinct_up_to_symmetry", distinct_up_to_symmetry);
  return json;
}

absl::StatusOr<DiversityPositionCount> DiversityPositionCount::FromJson(const JsonValue& json,
                                                                        std::string_view path) {
  DiversityPositionCount p;
  JsonObjectReader in(json, std::string(path));
  in.Read("move", p.move)
      .Read("games_reaching", p.games_reaching)
      .Read("distinct", p.distinct)
      .Read("distinct_up_to_symmetry", p.distinct_up_to_symmetry);
  return in.Finish(std::move(p));
}

JsonValue FirstMoveCount::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("vertex", vertex).Set("games", games);
  return json;
}

absl::StatusOr<FirstMoveCount> FirstMoveCount::FromJson(const JsonValue& json,
                                                        std::string_view path) {
  FirstMoveCount f;
  JsonObjectReader in(json, std::string(path));
  in.Read("vertex", f.vertex).Read("games", f.games);
  return in.Finish(std::move(f));
}

JsonValue DiversityMode::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("name", name)
      .Set("temperature", temperature)
      .Set("games", games)
      .Set("distinct_games", distinct_games)
      .Set("mean_length", mean_length)
      .Set("black_wins", black_wins)
      .Set("first_move_entropy_bits", first_move_entropy_bits)
      .Set("first_move_entropy_bits_exact", first_move_entropy_bits_exact)
      .Set("opening_entropy_bits", opening_entropy_bits)
      .Set("max_entropy_bits", max_entropy_bits)
      .Set("positions", WriteJson(positions))
      .Set("first_moves", WriteJson(first_moves));
  return json;
}

absl::StatusOr<DiversityMode> DiversityMode::FromJson(const JsonValue& json,
                                                      std::string_view path) {
  DiversityMode m;
  JsonObjectReader in(json, std::string(path));
  in.Read("name", m.name)
      .Read("temperature", m.temperature)
      .Read("games", m.games)
      .Read("distinct_games", m.distinct_games)
      .Read("mean_length", m.mean_length)
      .Read("black_wins", m.black_wins)
      .Read("first_move_entropy_bits", m.first_move_entropy_bits)
      .Read("first_move_entropy_bits_exact", m.first_move_entropy_bits_exact)
      .Read("opening_entropy_bits", m.opening_entropy_bits)
      .Read("max_entropy_bits", m.max_entropy_bits)
      .Read("positions", m.positions)
      .Read("first_moves", m.first_moves);
  return in.Finish(std::move(m));
}

JsonValue DiversityResult::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("games_per_mode", games_per_mode)
      .Set("symmetry", symmetry)
      .Set("opening_moves", opening_moves)
      .Set("checkpoints", WriteJson(checkpoints))
      .Set("empty_board_policy", WriteJson(empty_board_policy))
      .Set("empty_board_value", empty_board_value)
      .Set("modes", WriteJson(modes));
  return json;
}

absl::StatusOr<DiversityResult> DiversityResult::FromJson(const JsonValue& json,
                                                          std::string_view path) {
  DiversityResult d;
  JsonObjectReader in(json, std::string(path));
  in.Read("games_per_mode", d.games_per_mode)
      .Read("symmetry", d.symmetry)
      .Read("opening_moves", d.opening_moves)
      .Read("checkpoints", d.checkpoints)
      .Read("empty_board_policy", d.empty_board_policy)
      .Read("empty_board_value", d.empty_board_value)
      .Read("modes", d.modes);
  return in.Finish(std::move(d));
}

}  // namespace tengen
