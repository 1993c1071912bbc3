// A small but complete set of study results, every part present and every
// optional member filled, for the results' JSON tests and the report's
// tests. Its text holds markup to escape.
#ifndef TENGEN_TESTS_EVAL_REPORT_STUDY_RESULTS_SAMPLE_H_
#define TENGEN_TESTS_EVAL_REPORT_STUDY_RESULTS_SAMPLE_H_

#include <string>
#include <vector>

#include "eval/report/study_results.h"

namespace tengen::eval_test {

inline StudyMatchResult SampleMatch(std::string player, std::string opponent, int wins, int draws,
                                    int losses) {
  return StudyMatchResult{
      .player = std::move(player),
      .opponent = std::move(opponent),
      .score = WinRateResult::Of({.wins = wins, .draws = draws, .losses = losses}),
      .distinct_games = wins + draws + losses,
      .failures = 0};
}

inline CollapseResult SampleCollapse() {
  CollapseResult c{.board_size = 9,
                   .opening = {.x = 2, .y = 3, .vertex = "C6"},
                   .centre = {.x = 4, .y = 4, .vertex = "E5"},
                   .network = "3 conv3x3 layers",
                   .optimizer = "adam",
                   .steps = 10,
                   .batch = 4,
                   .learning_rate = 0.003};
  c.symmetric_set = {{.point = {.x = 2, .y = 3, .vertex = "C6"}, .probability = 0.125},
                     {.point = {.x = 6, .y = 5, .vertex = "G4"}, .probability = 0.125}};
  // Member by member: gcc 12 warns (wrongly) of an uninitialised optional
  // when a braced temporary holding one is assigned here.
  c.regressor.x = 4.02;
  c.regressor.y = 3.97;
  c.regressor.nearest = c.centre;
  c.regressor.distance_to_centre = 0.04;
  c.regressor.distance_to_nearest_target = 2.2;
  c.regressor.final_loss = 5.1;
  c.regressor.loss_floor = 5;
  c.softmax.mass_on_set = 0.97;
  c.softmax.max_probability_off_set = 0.001;
  c.softmax.argmax = c.opening;
  c.softmax.entropy_bits = 3;
  c.softmax.final_loss = 2.09;
  c.softmax.loss_floor = 2.079;
  c.softmax.probabilities = std::vector<double>(81, 1.0 / 81);
  c.curves = {.step = {5, 10},
              .regressor_loss = {20, 5.1},
              .softmax_loss = {4, 2.09},
              .regressor_path_x = {0, 2, 4.02},
              .regressor_path_y = {0, 2, 3.97}};
  return c;
}

inline DiversityResult SampleDiversity() {
  DiversityResult d{.games_per_mode = 4,
                    .symmetry = "none",
                    .opening_moves = 4,
                    .checkpoints = {10, 20},
                    .empty_board_policy = std::vector<double>(82, 1.0 / 82),
                    .empty_board_value = 0.1};
  for (double t : {0.0, 1.0}) {
    const bool argmax = t == 0;
    d.modes.push_back(
        {.name = argmax ? "argmax" : "sample T=1",
         .temperature = t,
         .games = 4,
         .distinct_games = argmax ? 1 : 4,
         .mean_length = 80.5,
         .black_wins = 2,
         .first_move_entropy_bits = argmax ? 0 : 1.5,
         .first_move_entropy_bits_exact = argmax ? 0 : 5.9,
         .opening_entropy_bits = argmax ? 0.0 : 2.0,
         .max_entropy_bits = 2,
         .positions =
             {{.move = 10, .games_reaching = 4, .distinct = 1, .distinct_up_to_symmetry = 1},
              {.move = 20, .games_reaching = 3, .distinct = 1, .distinct_up_to_symmetry = 1}},
         .first_moves = {{.vertex = "E5", .games = 3}, {.vertex = "pass", .games = 1}}});
  }
  return d;
}

inline StrengthResult SampleStrength() {
  StrengthResult s{.players = {{.name = "argmax", .temperature = 0, .symmetry = "none"},
                               {.name = "sample T=1", .temperature = 1, .symmetry = "none"}},
                   .gnugo = GnuGoOpponent{.name = "GNU Go level 1", .command = "gnugo --level 1"}};
  s.pairings.push_back({.match = SampleMatch("argmax", "random", 10, 0, 0),
                        .kind = PairingKind::kRandom});  // a clean sweep: infinite Elo
  StudyMatchResult gnugo = SampleMatch("argmax", "GNU Go level 1", 0, 1, 3);
  gnugo.distinct_games = 2;
  gnugo.failures = 1;
  gnugo.failure_reasons = {"GNU Go failed: it <crashed>"};
  s.pairings.push_back({.match = gnugo, .kind = PairingKind::kGnuGo});
  s.pairings.push_back(
      {.match = SampleMatch("argmax", "sample T=1", 3, 1, 4), .kind = PairingKind::kHeadToHead});
  return s;
}

inline LearningResult SampleLearning() {
  LearningResult l{.generations = 2,
                   .games_per_generation = 24,
                   .train_steps_per_generation = 12,
                   .evaluation = {.games_vs_random = 8, .games_vs_first = 8, .temperature = 1},
                   .generation_0_vs_random = SampleMatch("gen-0000", "random", 4, 0, 4)};
  for (double t : {0.0, 1.0}) {
    LearningRun run{.name = t == 0 ? "self-play by argmax" : "self-play by sample T=1",
                    .temperature = t,
                    .dir = "/tmp/learning/run"};
    for (int g = 1; g <= 2; ++g)
      run.generations.push_back(
          {.generation = g,
           .vs_random = WinRateResult::Of({.wins = 5 + g, .losses = 3 - g}),
           .vs_first = WinRateResult::Of({.wins = 4, .draws = 1, .losses = 3}),
           .policy_loss = 4.2,
           .policy_entropy = 3.9,
           .selfplay_games = 24,
           .distinct_selfplay_games = t == 0 ? 1 : 24,
           .selfplay_first_move_entropy_bits = t == 0 ? 0 : 3.1});
    run.pooled_vs_random = WinRateResult::Of({.wins = 13, .losses = 3});
    run.pooled_vs_first = WinRateResult::Of({.wins = 8, .draws = 2, .losses = 6});
    l.runs.push_back(std::move(run));
  }
  return l;
}

inline SyntheticResult SampleSynthetic() {
  SyntheticResult s{.code_bits = 4,
                    .label_noise = 0.5,
                    .labels = 77,
                    .train_examples = 64,
                    .steps = 24,
                    .batch = 16,
                    .network = "4x32 for 9x9",
                    .label_entropy_bits = 3.9,
                    .conditional_entropy_bits = 3.4,
                    .information_bits = 0.5};
  for (double rate : {0.0, 0.3})
    s.runs.push_back({.name = rate > 0 ? "dropout 0.3" : "no dropout",
                      .dropout = rate,
                      .fit_bits = rate > 0 ? 0.6 : 0.9,
                      .generalised_bits = rate > 0 ? 0.35 : 0.25,
                      .memorised_bits = rate > 0 ? 0.25 : 0.65,
                      .answer_accuracy = rate > 0 ? 0.75 : 0.625,
                      .step = {0, 12, 24},
                      .fit_curve = {-1.2, 0.3, rate > 0 ? 0.6 : 0.9},
                      .generalised_curve = {-1.2, 0.2, rate > 0 ? 0.35 : 0.25}});
  return s;
}

inline DropoutResult SampleDropout() {
  DropoutResult d{.rates = {0, 0.2},
                  .large_batch = 16,
                  .games = 20,
                  .held_out_games = 4,
                  .train_positions = 800,
                  .held_out_positions = 200,
                  .steps = 24,
                  .batch = 8,
                  .learning_rate = 0.01,
                  .objective = "supervised",
                  .network = "4x32",
                  .synthetic = SampleSynthetic()};
  for (const char* name : {"no dropout", "dropout 0.2", "batch 16"}) {
    const std::string_view n = name;
    d.runs.push_back({.name = name,
                      .dropout = n == "dropout 0.2" ? 0.2 : 0,
                      .batch = n == "batch 16" ? 16 : 8,
                      .steps = n == "batch 16" ? 12 : 24,
                      .curve = {.step = {0, 8, 16, 24},
                                .train_loss = {4.4, 3.6, 3.2, 3.0},
                                .held_out_loss = {4.4, 3.8, 3.6, 3.5},
                                .held_out_top1 = {0.01, 0.05, 0.08, 0.1}},
                      .final_train_loss = 3.0,
                      .final_held_out_loss = 3.5,
                      .final_held_out_top1 = 0.1,
                      .vs_random = SampleMatch(name, "random", 6, 0, 2),
                      .vs_reference = SampleMatch(name, "studied model", 3, 0, 5)});
  }
  return d;
}

inline SearchEraResult SampleSearchEra() {
  SearchEraResult r{.search = {.root_policy = "gumbel",
                               .visits = 32,
                               .considered = 8,
                               .root_noise = false,
                               .description = "gumbel, 32 visits, 8 considered",
                               .temperature = 1}};
  r.diversity = {.games_per_mode = 4,
                 .symmetry = "none",
                 .opening_moves = 4,
                 .checkpoints = {10, 20},
                 .empty_board_target = std::vector<double>(82, 1.0 / 82),
                 .empty_board_best = "E5",
                 .empty_board_target_entropy_bits = 2.75};
  for (double t : {0.0, 1.0}) {
    const bool argmax = t == 0;
    r.diversity.modes.push_back(
        {.name = argmax ? "search argmax" : "search sample T=1",
         .temperature = t,
         .deterministic = argmax,
         .games = 4,
         .distinct_games = argmax ? 1 : 3,
         .mean_length = 71.25,
         .black_wins = argmax ? 4 : 1,
         .first_move_entropy_bits = argmax ? 0 : 1.5,
         .opening_entropy_bits = argmax ? 0.0 : 1.92,
         .max_entropy_bits = 2,
         .positions =
             {{.move = 10,
               .games_reaching = 4,
               .distinct = argmax ? 1 : 3,
               .distinct_up_to_symmetry = 1},
              {.move = 20, .games_reaching = 3, .distinct = 2, .distinct_up_to_symmetry = 2}},
         .first_moves = {{.vertex = "E5", .games = 3}, {.vertex = "D4", .games = 1}}});
  }
  r.strength = {.players = {"search argmax", "search sample T=1"},
                .gnugo = GnuGoOpponent{.name = "GNU Go <level 0>", .command = "gnugo --level 0"},
                .policy_player = "policy sample T=1"};
  StudyMatchResult gnugo = eval_test::SampleMatch("search argmax", "GNU Go <level 0>", 1, 0, 3);
  gnugo.failures = 1;
  gnugo.failure_reasons = {"GNU Go failed: it <crashed>"};
  r.strength.pairings = {
      {.match = gnugo, .kind = SearchPairingKind::kGnuGo},
      {.match = eval_test::SampleMatch("search argmax", "search sample T=1", 5, 1, 2),
       .kind = SearchPairingKind::kHeadToHead},
      {.match = eval_test::SampleMatch("search sample T=1", "policy sample T=1", 7, 0, 0),
       .kind = SearchPairingKind::kPolicy}};  // a clean sweep: infinite Elo
  r.learning.selfplay_search = "gumbel, 16 visits, 8 considered";
  r.learning.variants = {
      {.name = "sampled opening (8 moves)",
       .opening_moves = 8,
       .opening_temperature = 1,
       .randomness = "the first 8 moves drawn <at> T = 1"},
      {.name = "deterministic opening", .randomness = "Gumbel noise at every root"}};
  r.learning.runs = eval_test::SampleLearning();
  r.learning.runs.runs[0].name = r.learning.variants[0].name;
  r.learning.runs.runs[1].name = r.learning.variants[1].name;
  return r;
}

inline StudyResults SampleStudyResults() {
  StudyResults r{.created = "2026-01-01T00:00:00Z",
                 .settings = {.seed = 7,
                              .quick = true,
                              .model = "",
                              .gnugo_command = "gnugo --level 1",
                              .rules = "Chinese",
                              .komi = 7.5},
                 .model = {.path = "/tmp/m.tgm",
                           .name = "gen <script>alert(1)</script>",
                           .network = "4x32 for 9x9",
                           .board_size = 9,
                           .training_step = 100,
                           .made_by_study = true,
                           .chosen_as = "generation 3 of 4, the best against <random>: 98.4%"},
                 .collapse = SampleCollapse(),
                 .diversity = SampleDiversity(),
                 .strength = SampleStrength(),
                 .learning = SampleLearning(),
                 .dropout = SampleDropout(),
                 .search = SampleSearchEra(),
                 .timing = {.model_run_seconds = 12.5,
                            .collapse_seconds = 1.5,
                            .diversity_seconds = 2,
                            .strength_seconds = 3,
                            .learning_seconds = 4,
                            .dropout_seconds = 5,
                            .search_seconds = 6,
                            .total_seconds = 28.5}};
  r.settings.plan.Set("collapse", JsonValue::Object());
  return r;
}

}  // namespace tengen::eval_test

#endif  // TENGEN_TESTS_EVAL_REPORT_STUDY_RESULTS_SAMPLE_H_
