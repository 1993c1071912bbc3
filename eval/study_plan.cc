#include "eval/study_plan.h"

#include "base/random.h"

namespace tengen {
namespace {

// The loop settings the learning runs (pure policy, part d, and with
// search, part f) start from.
RunConfig BaseRunConfig(bool quick, uint64_t seed) {
  RunConfig config;
  config.seed = seed;
  config.train.threads = 2;
  config.evaluate.games = 0;  // no gating match: every generation is promoted
  config.evaluate.games_vs_first = 0;
  config.evaluate.games_vs_gnugo = 0;  // the strength part plays GNU Go
  // The study measures sampling from the raw policy: pure-policy self-play
  // trained by REINFORCE (objective auto), not the search the loop now
  // uses by default.
  config.selfplay.visits = 0;
  // Every generation's matches (against random and generation 0) with the
  // raw policy too, as generation 0 itself is measured (study_learning.h):
  // the loop's default evaluates with a 16-visit search, which measured
  // the search and took six times as long as the run's self-play.
  config.evaluate.visits = 0;
  if (quick) {
    config.generations = 1;
    config.selfplay.games = 24;
    config.selfplay.parallel = 12;
    config.train.steps = 12;
    config.train.batch = 64;
    config.train.checkpoint_every = 6;
    config.evaluate.games_vs_random = 8;
  } else {
    // Pinned here rather than taken from RunConfig's defaults, so the
    // study's size does not move when those are tuned.
    config.generations = 8;
    config.selfplay.games = 384;
    config.train.steps = 100;
    config.train.batch = 256;
    config.train.lr = 0.005;
    config.evaluate.games_vs_random = 64;
  }
  return config;
}

}  // namespace

StudyPlan MakeStudyPlan(bool quick, uint64_t seed) {
  StudyPlan plan;

  plan.collapse.seed = seed;
  plan.collapse.steps = quick ? 300 : 600;
  plan.collapse.batch = quick ? 32 : 64;

  plan.diversity.games_per_mode = quick ? 8 : 256;

  plan.strength.temperatures = quick ? std::vector<double>{0, 1} : std::vector<double>{0, 0.5, 1};
  plan.strength.games_vs_random = quick ? 8 : 128;
  plan.strength.games_vs_gnugo = quick ? 4 : 32;
  plan.strength.games_head_to_head = quick ? 8 : 128;
  plan.strength.gnugo_parallel = quick ? 2 : 4;

  plan.learning.config = BaseRunConfig(quick, DeriveSeed(seed, "study-learning-run"));
  plan.learning.config.generations = quick ? 2 : 8;
  plan.learning.config.evaluate.games_vs_first = quick ? 8 : 64;

  // Few games and many steps, so that a network can memorise its data.
  plan.dropout.games = quick ? 20 : 24;
  plan.dropout.steps = quick ? 24 : 400;  // about 25 passes over the training positions
  plan.dropout.segments = quick ? 3 : 5;
  plan.dropout.batch = quick ? 32 : 128;
  plan.dropout.games_vs_random = quick ? 8 : 32;
  plan.dropout.games_vs_reference = quick ? 8 : 32;
  plan.dropout.rates = quick ? std::vector<double>{0, 0.3} : std::vector<double>{0, 0.1, 0.3};
  plan.dropout.large_batch = quick ? 64 : 1024;  // equal samples: 1/2 and 1/8 of the steps
  SyntheticOptions synthetic;
  if (quick) {
    synthetic.code_bits = 4;
    synthetic.steps = 24;
    synthetic.segments = 2;
    synthetic.batch = 16;
  }
  plan.dropout.synthetic = synthetic;

  // Part f. PUCT at the root for the diversity and strength players: its
  // argmax (the most visited move, no root noise) is deterministic, so the
  // contrast with sampling from the visits is clean; Gumbel's argmax is
  // itself a Gumbel-max sample. The learning runs search as the loop's
  // self-play does by default (Gumbel).
  SearchEraOptions& f = plan.search;
  f.root_policy = "puct";
  f.visits = quick ? 8 : 32;
  f.games_per_mode = quick ? 4 : 16;
  f.games_vs_gnugo = quick ? 2 : 16;
  f.games_head_to_head = quick ? 4 : 24;
  f.games_vs_policy = quick ? 2 : 16;
  f.gnugo_parallel = quick ? 2 : 4;
  f.learning = BaseRunConfig(quick, DeriveSeed(seed, "study-search-learning-run"));
  f.learning.generations = quick ? 1 : 3;
  f.learning.selfplay.games = quick ? 8 : 24;
  f.learning.selfplay.visits = quick ? 4 : 16;
  f.learning.train.steps = quick ? 4 : 20;
  f.learning.train.batch = quick ? 32 : 128;
  f.learning.evaluate.games_vs_random = quick ? 4 : 24;
  f.learning.evaluate.games_vs_first = quick ? 4 : 24;
  if (quick) f.learning.train.checkpoint_every = 2;
  return plan;
}

JsonValue StudyPlan::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("collapse", collapse.ToJson())
      .Set("diversity", diversity.ToJson())
      .Set("strength", strength.ToJson())
      .Set("learning", learning.ToJson())
      .Set("dropout", dropout.ToJson())
      .Set("search", search.ToJson());
  return json;
}

}  // namespace tengen
