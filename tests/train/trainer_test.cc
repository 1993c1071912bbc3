// The trainer on a tiny network: supervised training lowers the losses it
// reports and the losses measured independently, REINFORCE raises the
// probability of a move that always wins, and checkpoints resume a run to
// exactly the weights of an uninterrupted one.
#include "train/trainer.h"

#include <torch/torch.h>

#include <atomic>
#include <cmath>
#include <thread>

#include "base/fmt_absl.h"
#include "base/stop_token.h"
#include "gtest/gtest.h"
#include "policy/model_internal.h"
#include "tests/selfplay/selfplay_test_util.h"
#include "tests/support/files.h"
#include "tests/support/status_text.h"
#include "tests/support/temp_dir.h"
#include "train/checkpoint.h"

namespace tengen {
namespace {

Model TinyModel(int size = 5, uint64_t seed = 1, bool aux_heads = true) {
  absl::StatusOr<Model> model = Model::CreateRandom(
      {.board_size = size, .blocks = 1, .channels = 8, .aux_heads = aux_heads}, seed);
  EXPECT_TRUE(model.ok()) << model.status();
  return *model;
}

// Positions of real self-play games with targets a small network can learn:
// the move is the first allowed point (top-left first) and the outcome is +1
// when black is to move, -1 for white.
TrainingChunk LearnableData(int size, int games, uint64_t seed) {
  TrainingChunk data;
  data.board_size = size;
  for (const FinishedGame& game : PlayUniformGames(size, games, seed)) data.Append(game.data);
  const int moves = size * size + 1, area = size * size;
  for (int64_t i = 0; i < data.positions(); ++i) {
    int first = 0;
    while (!data.mask[i * moves + first]) ++first;
    data.move[i] = static_cast<int16_t>(first);
    std::fill(data.policy.begin() + i * moves, data.policy.begin() + (i + 1) * moves, 0.0f);
    data.policy[i * moves + first] = 1;
    const bool black =
        data.planes[i * data.plane_values_per_position() + kPlaneBlackToMove * area] != 0;
    data.outcome[i] = black ? 1 : -1;
  }
  EXPECT_TRUE(data.Validate().ok()) << data.Validate();
  return data;
}

struct MeasuredLosses {
  double policy = 0;  // mean cross-entropy to the move played, over the allowed moves
  double value = 0;   // mean squared error of the value head
  // Over the positions with has_final 1, for networks with aux heads: the
  // mean binary cross-entropy per point of the ownership and the Huber loss
  // of the score error over N.
  double ownership = 0, score = 0;
};

// The losses of a model on every position of the data, untransformed,
// computed here from the network's raw outputs.
MeasuredLosses Measure(const Model& model, const TrainingChunk& data) {
  torch::NoGradGuard no_grad;
  PolicyValueNet& network = NetworkOf(model);
  network->eval();
  const int64_t p = data.positions(), n = data.board_size, moves = n * n + 1;
  const torch::Tensor planes = torch::from_blob(const_cast<uint8_t*>(data.planes.data()),
                                                {p, kNumFeaturePlanes, n, n}, torch::kUInt8)
                                   .to(torch::kFloat32);
  const torch::Tensor mask =
      torch::from_blob(const_cast<uint8_t*>(data.mask.data()), {p, moves}, torch::kUInt8)
          .to(torch::kBool);
  const PolicyValueOutput out = network->forward(planes);
  const torch::Tensor log_p =
      torch::log_softmax(out.policy_logits.masked_fill(mask.logical_not(), -1e9), 1);
  MeasuredLosses losses;
  int64_t known = 0;
  const int64_t area = n * n;
  for (int64_t i = 0; i < p; ++i) {
    losses.policy -= log_p[i][data.move[i]].item<double>();
    const double v = out.value[i].item<double>();
    losses.value += (v - data.outcome[i]) * (v - data.outcome[i]);
    if (!out.ownership.defined() || !data.has_final[i]) continue;
    ++known;
    for (int64_t point = 0; point < area; ++point) {
      const double q = std::clamp((1 + out.ownership[i][point].item<double>()) / 2, 1e-6, 1 - 1e-6);
      const double t = (1 + data.ownership[i * area + point]) / 2.0;
      losses.ownership -= (t * std::log(q) + (1 - t) * std::log(1 - q)) / area;
    }
    const double error = std::abs(out.score[i].item<double>() - data.score[i]) / n;
    losses.score += error < 1 ? 0.5 * error * error : error - 0.5;
  }
  losses.policy /= p;
  losses.value /= p;
  if (known > 0) {
    losses.ownership /= known;
    losses.score /= known;
  }
  return losses;
}

// The largest difference between the weights (and batch-norm statistics)
// of two models of the same shape.
double MaxWeightDifference(const Model& a, const Model& b) {
  torch::NoGradGuard no_grad;
  double most = 0;
  auto compare = [&](const auto& x, const auto& y) {
    EXPECT_EQ(x.size(), y.size());
    for (const auto& item : x) {
      const torch::Tensor* other = y.find(item.key());
      EXPECT_NE(other, nullptr) << item.key();
      if (other == nullptr) continue;
      most = std::max(most, (item.value() - *other).abs().max().template item<double>());
    }
  };
  compare(NetworkOf(a)->named_parameters(), NetworkOf(b)->named_parameters());
  compare(NetworkOf(a)->named_buffers(), NetworkOf(b)->named_buffers());
  return most;
}

TrainerOptions QuietOptions() {
  TrainerOptions options;
  options.threads = 1;
  return options;
}

TEST(TrainerTest, SupervisedTrainingLowersTheLossesItReportsAndTheLossesMeasured) {
  const TrainingChunk data = LearnableData(5, 6, 3);
  Model model = TinyModel();
  const MeasuredLosses before = Measure(model, data);
  TrainerOptions options = QuietOptions();
  options.objective = TrainingObjective::kSupervised;
  options.optimizer = OptimizerKind::kAdam;
  options.learning_rate = 0.01;
  options.steps = 80;
  options.batch_size = 32;
  options.augment = false;  // "top-left first" is a target of the board's own orientation
  absl::StatusOr<TrainingReport> report = TrainModel(model, data, options);
  ASSERT_TRUE(report.ok()) << report.status();
  const MeasuredLosses after = Measure(model, data);
  EXPECT_EQ(report->start_step, 0);
  EXPECT_EQ(report->end_step, 80);
  EXPECT_EQ(model.metadata().training_step, 80);
  EXPECT_EQ(report->samples, 80 * 32);
  EXPECT_FALSE(report->resumed);
  EXPECT_FALSE(report->stopped_early);
  RecordProperty(
      "losses",
      fmt::format("reported policy {:.3f} -> {:.3f}, value {:.3f} -> {:.3f}; measured policy "
                  "{:.3f} -> {:.3f}, value {:.3f} -> {:.3f}",
                  report->first_policy_loss, report->last_policy_loss, report->first_value_loss,
                  report->last_value_loss, before.policy, after.policy, before.value, after.value));
  EXPECT_LT(report->last_policy_loss, 0.7 * report->first_policy_loss)
      << report->first_policy_loss << " -> " << report->last_policy_loss;
  EXPECT_LT(report->last_value_loss, 0.7 * report->first_value_loss)
      << report->first_value_loss << " -> " << report->last_value_loss;
  EXPECT_LT(after.policy, 0.7 * before.policy) << before.policy << " -> " << after.policy;
  EXPECT_LT(after.value, 0.5 * before.value) << before.value << " -> " << after.value;
  // The report's first losses are those of the untrained network on
  // (turned) samples of the same data, so they are close to the measured ones.
  EXPECT_NEAR(report->first_policy_loss, before.policy, 0.5 * before.policy);
  EXPECT_GT(report->last_entropy, 0);
}

TEST(TrainerTest, ReinforceRaisesTheProbabilityOfAMoveThatAlwaysWins) {
  // The empty 5x5 board, a uniformly random first move, and a result that
  // is a win exactly when the move was C4 (x = 2, y = 1).
  const int n = 5, moves = n * n + 1, target = 1 * n + 2;
  const GameState empty(n);
  const std::vector<uint8_t> planes = PlanesOf(empty);
  const std::vector<uint8_t> mask = PlayableMoveMask(empty);
  TrainingChunk data;
  data.board_size = n;
  Rng rng(9);
  for (int i = 0; i < 400; ++i) {
    const int move = static_cast<int>(rng.Below(n * n));
    data.planes.insert(data.planes.end(), planes.begin(), planes.end());
    data.mask.insert(data.mask.end(), mask.begin(), mask.end());
    for (int m = 0; m < moves; ++m) data.policy.push_back(mask[m] ? 1.0f / (n * n) : 0.0f);
    data.move.push_back(static_cast<int16_t>(move));
    data.outcome.push_back(move == target ? 1 : -1);
    data.value.push_back(0);
    data.ownership.insert(data.ownership.end(), n * n, 0);
    data.score.push_back(0);
    data.has_final.push_back(0);
  }
  ASSERT_TRUE(data.Validate().ok()) << data.Validate();
  auto target_probability = [&](const Model& model) {
    torch::NoGradGuard no_grad;
    NetworkOf(model)->eval();
    const torch::Tensor input = torch::from_blob(const_cast<uint8_t*>(planes.data()),
                                                 {1, kNumFeaturePlanes, n, n}, torch::kUInt8)
                                    .to(torch::kFloat32);
    const torch::Tensor p =
        torch::softmax(NetworkOf(model)->forward(input).policy_logits.slice(1, 0, n * n), 1);
    return std::pair(p[0][target].item<double>(), p[0].argmax().item<int64_t>());
  };
  Model model = TinyModel(n, 4);
  const auto [before, argmax_before] = target_probability(model);
  TrainerOptions options = QuietOptions();
  options.objective = TrainingObjective::kPolicyGradient;
  options.augment = false;  // the winning point is not symmetric
  options.steps = 40;
  options.batch_size = 64;
  options.learning_rate = 0.05;
  ASSERT_TRUE(TrainModel(model, data, options).ok());
  const auto [after, argmax_after] = target_probability(model);
  EXPECT_GT(after, 2 * before) << before << " -> " << after;
  EXPECT_EQ(argmax_after, target);
}

// The last `per_game` positions of each of `games` self-play games: late
// positions, whose final ownership the stones mostly show.
TrainingChunk LatePositions(int size, int games, int per_game, uint64_t seed) {
  TrainingChunk data;
  data.board_size = size;
  for (const FinishedGame& game : PlayUniformGames(size, games, seed)) {
    const int64_t p = game.data.positions();
    for (int64_t i = std::max<int64_t>(0, p - per_game); i < p; ++i)
      data.AppendPosition(game.data, i);
    ++data.games;
  }
  EXPECT_TRUE(data.Validate().ok()) << data.Validate();
  return data;
}

TrainerOptions AuxOptions() {
  TrainerOptions options = QuietOptions();
  options.objective = TrainingObjective::kSupervised;
  options.optimizer = OptimizerKind::kAdam;
  options.learning_rate = 0.01;
  options.weight_decay = 0;
  options.steps = 200;
  options.batch_size = 16;
  return options;
}

TEST(TrainerTest, TrainingLowersTheOwnershipAndScoreLosses) {
  const TrainingChunk data = LatePositions(5, 4, 3, 12);
  ASSERT_EQ(data.positions(), 12);
  ASSERT_EQ(std::count(data.has_final.begin(), data.has_final.end(), 1), 12);
  Model model = TinyModel();
  ASSERT_TRUE(model.metadata().config.aux_heads);
  const MeasuredLosses before = Measure(model, data);
  absl::StatusOr<TrainingReport> report = TrainModel(model, data, AuxOptions());
  ASSERT_TRUE(report.ok()) << report.status();
  const MeasuredLosses after = Measure(model, data);
  RecordProperty("losses",
                 fmt::format("reported ownership {:.3f} -> {:.3f}, score {:.3f} -> "
                             "{:.3f}; measured ownership {:.3f} -> {:.3f}, score {:.3f} "
                             "-> {:.3f}",
                             report->first_ownership_loss, report->last_ownership_loss,
                             report->first_score_loss, report->last_score_loss, before.ownership,
                             after.ownership, before.score, after.score));
  EXPECT_GT(report->first_ownership_loss, 0.3);  // about log 2 for an untrained head
  EXPECT_LT(report->last_ownership_loss, 0.6 * report->first_ownership_loss)
      << report->first_ownership_loss << " -> " << report->last_ownership_loss;
  EXPECT_GT(report->first_score_loss, 0.1);
  EXPECT_LT(report->last_score_loss, 0.5 * report->first_score_loss)
      << report->first_score_loss << " -> " << report->last_score_loss;
  EXPECT_LT(after.ownership, 0.6 * before.ownership)
      << before.ownership << " -> " << after.ownership;
  EXPECT_LT(after.score, 0.5 * before.score) << before.score << " -> " << after.score;
}

TEST(TrainerTest, OnlyPositionsWithAKnownFinalPositionTrainTheAuxiliaryHeads) {
  TrainingChunk unknown = LatePositions(5, 2, 4, 13);
  std::fill(unknown.ownership.begin(), unknown.ownership.end(), 0);
  std::fill(unknown.score.begin(), unknown.score.end(), 0.0f);
  std::fill(unknown.has_final.begin(), unknown.has_final.end(), 0);
  Model model = TinyModel();
  const Model start = model.Clone();
  TrainerOptions options = AuxOptions();
  options.steps = 20;
  absl::StatusOr<TrainingReport> report = TrainModel(model, unknown, options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->first_ownership_loss, 0);
  EXPECT_EQ(report->last_score_loss, 0);
  EXPECT_GT(report->first_policy_loss, 0);
  // The heads' own layers had no gradient (Adam, no weight decay): unchanged.
  const PolicyValueNet& trained = NetworkOf(model);
  const PolicyValueNet& untrained = NetworkOf(start);
  EXPECT_TRUE(torch::equal(trained->ownership_out->weight, untrained->ownership_out->weight));
  EXPECT_TRUE(torch::equal(trained->score_fc->weight, untrained->score_fc->weight));
  EXPECT_FALSE(torch::equal(trained->value_fc2->weight, untrained->value_fc2->weight));

  // With known positions but both weights 0, the heads stay put as well,
  // and with the weights on they move.
  const TrainingChunk known = LatePositions(5, 2, 4, 13);
  Model zero = TinyModel();
  options.ownership_loss_weight = 0;
  options.score_loss_weight = 0;
  report = TrainModel(zero, known, options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_GT(report->first_ownership_loss, 0);  // reported, though not trained
  EXPECT_TRUE(
      torch::equal(NetworkOf(zero)->ownership_out->weight, untrained->ownership_out->weight));
  EXPECT_TRUE(torch::equal(NetworkOf(zero)->score_fc->weight, untrained->score_fc->weight));
  Model weighted = TinyModel();
  ASSERT_TRUE(TrainModel(weighted, known, AuxOptions()).ok());
  EXPECT_FALSE(
      torch::equal(NetworkOf(weighted)->ownership_out->weight, untrained->ownership_out->weight));
  EXPECT_FALSE(torch::equal(NetworkOf(weighted)->score_fc->weight, untrained->score_fc->weight));
}

TEST(TrainerTest, AModelWithoutAuxiliaryHeadsTrainsAsBeforeWhateverTheTargets) {
  const TrainingChunk data = LearnableData(5, 6, 3);
  Model model = TinyModel(5, 1, /*aux_heads=*/false);
  ASSERT_FALSE(model.metadata().config.aux_heads);
  const MeasuredLosses before = Measure(model, data);
  TrainerOptions options = AuxOptions();
  options.steps = 80;
  options.batch_size = 32;
  options.augment = false;
  absl::StatusOr<TrainingReport> report = TrainModel(model, data, options);
  ASSERT_TRUE(report.ok()) << report.status();
  const MeasuredLosses after = Measure(model, data);
  EXPECT_LT(after.policy, 0.7 * before.policy) << before.policy << " -> " << after.policy;
  EXPECT_LT(after.value, 0.5 * before.value) << before.value << " -> " << after.value;
  EXPECT_EQ(report->first_ownership_loss, 0);
  EXPECT_EQ(report->last_score_loss, 0);
  // The ownership and score targets (and their weights) change nothing.
  TrainingChunk blank = data;
  std::fill(blank.ownership.begin(), blank.ownership.end(), 0);
  std::fill(blank.score.begin(), blank.score.end(), 0.0f);
  std::fill(blank.has_final.begin(), blank.has_final.end(), 0);
  Model other = TinyModel(5, 1, false);
  TrainerOptions weighted = options;
  weighted.ownership_loss_weight = 3;
  weighted.score_loss_weight = 2;
  ASSERT_TRUE(TrainModel(other, blank, weighted).ok());
  EXPECT_EQ(MaxWeightDifference(model, other), 0);
}

TEST(TrainerTest, OptionsSchedulesAndBadInputs) {
  EXPECT_EQ(*TrainingObjectiveFromName("reinforce"), TrainingObjective::kPolicyGradient);
  EXPECT_EQ(*TrainingObjectiveFromName("Supervised"), TrainingObjective::kSupervised);
  EXPECT_FALSE(TrainingObjectiveFromName("magic").ok());
  EXPECT_EQ(*OptimizerKindFromName("adam"), OptimizerKind::kAdam);
  EXPECT_FALSE(OptimizerKindFromName("lbfgs").ok());
  EXPECT_EQ(*ScheduleFromName("cosine"), LearningRateSchedule::kCosine);
  EXPECT_FALSE(ScheduleFromName("linear").ok());

  TrainerOptions o;
  o.steps = 100;
  o.learning_rate = 0.2;
  EXPECT_DOUBLE_EQ(o.LearningRateAt(0), 0.2);
  EXPECT_DOUBLE_EQ(o.LearningRateAt(99), 0.2);
  o.schedule = LearningRateSchedule::kCosine;
  EXPECT_DOUBLE_EQ(o.LearningRateAt(0), 0.2);
  EXPECT_NEAR(o.LearningRateAt(50), 0.1, 1e-12);
  EXPECT_NEAR(o.LearningRateAt(100), 0.0, 1e-12);
  o.schedule = LearningRateSchedule::kStep;
  EXPECT_DOUBLE_EQ(o.LearningRateAt(49), 0.2);
  EXPECT_NEAR(o.LearningRateAt(50), 0.02, 1e-12);
  EXPECT_NEAR(o.LearningRateAt(75), 0.002, 1e-12);

  for (auto change : std::vector<std::function<void(TrainerOptions&)>>{
           [](TrainerOptions& x) { x.steps = -1; }, [](TrainerOptions& x) { x.batch_size = 0; },
           [](TrainerOptions& x) { x.learning_rate = 0; },
           [](TrainerOptions& x) { x.momentum = -1; },
           [](TrainerOptions& x) { x.weight_decay = std::nan(""); },
           [](TrainerOptions& x) { x.threads = 0; },
           [](TrainerOptions& x) { x.ownership_loss_weight = -1; },
           [](TrainerOptions& x) { x.score_loss_weight = std::nan(""); },
           [](TrainerOptions& x) { x.checkpoint_every = 0; }}) {
    TrainerOptions bad = QuietOptions();
    change(bad);
    EXPECT_FALSE(bad.Validate().ok());
  }
  Model model = TinyModel(5);
  const TrainingChunk seven = PlayUniformGames(7, 1, 1)[0].data;
  absl::StatusOr<TrainingReport> report = TrainModel(model, seven, QuietOptions());
  EXPECT_TRUE(absl::IsInvalidArgument(report.status())) << report.status();
  TrainingChunk empty;
  empty.board_size = 5;
  EXPECT_TRUE(absl::IsInvalidArgument(TrainModel(model, empty, QuietOptions()).status()));
  // Inconsistent data (here: no ownership arrays) is refused, not read past.
  TrainingChunk short_of_targets = PlayUniformGames(5, 1, 1)[0].data;
  short_of_targets.ownership.clear();
  report = TrainModel(model, short_of_targets, QuietOptions());
  EXPECT_TRUE(absl::IsInvalidArgument(report.status())) << report.status();
  EXPECT_TRUE(MessageHas(report.status(), "array sizes")) << report.status();
  EXPECT_EQ(model.metadata().training_step, 0);
}

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = LearnableData(5, 2, 7);
    options_ = QuietOptions();
    options_.objective = TrainingObjective::kSupervised;
    options_.steps = 12;
    options_.batch_size = 16;
    options_.learning_rate = 0.02;
    options_.seed = 5;
    uninterrupted_ = TinyModel();
    absl::StatusOr<TrainingReport> report = TrainModel(uninterrupted_, data_, options_);
    ASSERT_TRUE(report.ok()) << report.status();
    options_.checkpoint_dir = dir_.Path("checkpoints");
    options_.checkpoint_every = 1;
    options_.keep_checkpoints = 100;
  }
  std::string CheckpointPath(int step) const {
    return fmt::format("{}/checkpoint-{:012}.ckpt", options_.checkpoint_dir, step);
  }
  // Leaves the checkpoint folder as a crash after `step` steps would.
  void KeepCheckpointsUpTo(int step) {
    for (const std::string& path : FilesEndingIn(options_.checkpoint_dir, ".ckpt"))
      if (path > CheckpointPath(step)) test_fs::remove(path);
  }
  // Resumes with a fresh copy of the starting model and checks the result
  // equals the uninterrupted run.
  void ResumeAndCompare(int64_t expected_start) {
    Model model = TinyModel();
    absl::StatusOr<TrainingReport> report = TrainModel(model, data_, options_);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->resumed);
    EXPECT_EQ(report->end_step, 12);
    // The report covers the whole run, as an uninterrupted one's does.
    EXPECT_EQ(report->samples, 12 * 16);
    EXPECT_GE(report->end_step - expected_start, 0);
    EXPECT_EQ(model.metadata().training_step, 12);
    const double difference = MaxWeightDifference(model, uninterrupted_);
    EXPECT_LE(difference, 1e-6);
    RecordProperty("max_weight_difference", fmt::format("{}", difference));
  }

  TempDir dir_{"checkpoints"};
  TrainingChunk data_;
  TrainerOptions options_;
  Model uninterrupted_ = TinyModel();
};

TEST_F(CheckpointTest, ResumingFromAnyCheckpointGivesTheUninterruptedWeights) {
  Model model = TinyModel();
  absl::StatusOr<TrainingReport> report = TrainModel(model, data_, options_);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->resumed);
  // Checkpointing does not change the trajectory.
  EXPECT_LE(MaxWeightDifference(model, uninterrupted_), 1e-6);
  EXPECT_EQ(FilesEndingIn(options_.checkpoint_dir, ".ckpt").size(), 12u);
  for (int crash_after : {7, 3}) {
    SCOPED_TRACE(crash_after);
    KeepCheckpointsUpTo(crash_after);
    absl::StatusOr<std::optional<LoadedCheckpoint>> latest =
        LoadLatestCheckpoint(options_.checkpoint_dir);
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ((*latest)->header.step, crash_after);
    EXPECT_EQ((*latest)->header.target_step, 12);
    EXPECT_TRUE((*latest)->warnings.empty());
    ResumeAndCompare(crash_after);
    KeepCheckpointsUpTo(crash_after);
  }
}

TEST_F(CheckpointTest, KeepsOnlyTheNewestCheckpoints) {
  options_.keep_checkpoints = 2;
  Model model = TinyModel();
  ASSERT_TRUE(TrainModel(model, data_, options_).ok());
  EXPECT_EQ(FilesEndingIn(options_.checkpoint_dir, ".ckpt"),
            (std::vector<std::string>{CheckpointPath(11), CheckpointPath(12)}));
  EXPECT_TRUE(FilesContaining(options_.checkpoint_dir, ".tmp.").empty());
}

TEST_F(CheckpointTest, AStopRequestLeavesACheckpointThatResumes) {
  options_.steps = 60;  // long enough for the stop to land mid-run
  Model reference = TinyModel();
  TrainerOptions plain = options_;
  plain.checkpoint_dir.clear();
  ASSERT_TRUE(TrainModel(reference, data_, plain).ok());
  uninterrupted_ = reference;

  std::atomic<bool> done{false};
  StopSource stop;
  std::thread stopper([&] {
    while (!done && !test_fs::exists(CheckpointPath(3)))
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    stop.RequestStop();
  });
  Model model = TinyModel();
  TrainerOptions stoppable = options_;
  stoppable.hooks.stop = stop.token();
  absl::StatusOr<TrainingReport> report = TrainModel(model, data_, stoppable);
  done = true;
  stopper.join();
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_TRUE(report->stopped_early) << "the run finished before the stop arrived";
  EXPECT_GE(report->end_step, 3);
  EXPECT_LT(report->end_step, 60);
  EXPECT_EQ(model.metadata().training_step, report->end_step);
  absl::StatusOr<std::optional<LoadedCheckpoint>> latest =
      LoadLatestCheckpoint(options_.checkpoint_dir);
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->header.step, report->end_step);

  Model resumed = TinyModel();
  report = TrainModel(resumed, data_, options_);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->resumed);
  EXPECT_EQ(report->end_step, 60);
  EXPECT_LE(MaxWeightDifference(resumed, reference), 1e-6);
}

TEST_F(CheckpointTest, CheckpointsOfADifferentRunAreRefused) {
  Model model = TinyModel();
  ASSERT_TRUE(TrainModel(model, data_, options_).ok());
  KeepCheckpointsUpTo(4);
  const std::vector<std::function<void(TrainerOptions&)>> changes = {
      [](TrainerOptions& o) { o.learning_rate = 0.03; },
      [](TrainerOptions& o) { o.steps = 13; },
      [](TrainerOptions& o) { o.seed = 6; },
      [](TrainerOptions& o) { o.batch_size = 8; },
      [](TrainerOptions& o) { o.objective = TrainingObjective::kPolicyGradient; },
      [](TrainerOptions& o) { o.ownership_loss_weight = 2; },
      [](TrainerOptions& o) { o.score_loss_weight = 0.25; },
  };
  for (const auto& change : changes) {
    TrainerOptions other = options_;
    change(other);
    Model fresh = TinyModel();
    absl::StatusOr<TrainingReport> report = TrainModel(fresh, data_, other);
    EXPECT_TRUE(absl::IsFailedPrecondition(report.status())) << report.status();
    EXPECT_TRUE(MessageHas(report.status(), options_.checkpoint_dir)) << report.status();
    EXPECT_EQ(fresh.metadata().training_step, 0);
  }
  // A model that has trained before starts a different run too.
  Model trained = TinyModel();
  trained.set_training_step(100);
  EXPECT_TRUE(absl::IsFailedPrecondition(TrainModel(trained, data_, options_).status()));
  // Other data (another number of positions) as well.
  TrainingChunk more = data_;
  more.Append(LearnableData(5, 1, 8));
  Model fresh = TinyModel();
  EXPECT_TRUE(absl::IsFailedPrecondition(TrainModel(fresh, more, options_).status()));
}

TEST_F(CheckpointTest, DamagedNewerCheckpointsAreSkippedWithAWarning) {
  Model model = TinyModel();
  ASSERT_TRUE(TrainModel(model, data_, options_).ok());
  KeepCheckpointsUpTo(6);
  // The newest is damaged in the middle, a newer one is cut short, a still
  // newer one is garbage, and a writer's temporary file is lying around.
  std::string six = ReadBytes(CheckpointPath(6));
  six[six.size() / 2] ^= 0x10;
  WriteBytes(CheckpointPath(6), six);
  const std::string five = ReadBytes(CheckpointPath(5));
  WriteBytes(CheckpointPath(8), five.substr(0, five.size() - 100));
  WriteBytes(CheckpointPath(9), "tengen-checkpoint 1\n{\"start_step\":0}\n");
  WriteBytes(CheckpointPath(10) + ".tmp.123.abcdef01", five.substr(0, 50));

  absl::StatusOr<std::optional<LoadedCheckpoint>> latest =
      LoadLatestCheckpoint(options_.checkpoint_dir);
  ASSERT_TRUE(latest.ok() && latest->has_value()) << latest.status();
  EXPECT_EQ((*latest)->header.step, 5);
  ASSERT_EQ((*latest)->warnings.size(), 3u);
  EXPECT_NE((*latest)->warnings[0].find("checkpoint-000000000009.ckpt"), std::string::npos);
  EXPECT_NE((*latest)->warnings[1].find("checkpoint-000000000008.ckpt: truncated"),
            std::string::npos)
      << (*latest)->warnings[1];
  EXPECT_NE(
      (*latest)->warnings[2].find("checkpoint-000000000006.ckpt: corrupted: the checksum of the"),
      std::string::npos)
      << (*latest)->warnings[2];

  // The trainer prints nothing itself: the warnings go to the callback.
  std::vector<std::string> warned;
  options_.on_warning = [&](std::string_view w) { warned.emplace_back(w); };
  testing::internal::CaptureStderr();
  ResumeAndCompare(5);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  const std::string printed = fmt::format("{}", fmt::join(warned, "\n"));
  EXPECT_NE(printed.find("skipping damaged checkpoint"), std::string::npos) << printed;
  EXPECT_NE(printed.find("checkpoint-000000000006.ckpt"), std::string::npos) << printed;
  EXPECT_NE(printed.find("resuming from the older intact checkpoint at step 5"), std::string::npos)
      << printed;
  // Set aside, so they can neither shadow nor evict newer checkpoints.
  EXPECT_TRUE(test_fs::exists(CheckpointPath(6) + ".damaged"));
  EXPECT_TRUE(test_fs::exists(CheckpointPath(9) + ".damaged"));
}

TEST_F(CheckpointTest, AFolderOfRandomBytesSaysSoSetsThemAsideAndKeepsTheNewCheckpoints) {
  Rng rng(3);
  for (int step : {20, 30}) {
    std::string junk(4096, '\0');
    for (char& c : junk) c = static_cast<char>(rng.Next());
    WriteBytes(CheckpointPath(step), junk);
  }
  options_.keep_checkpoints = 2;
  std::vector<std::string> warned;
  options_.on_warning = [&](std::string_view w) { warned.emplace_back(w); };
  Model model = TinyModel();
  absl::StatusOr<TrainingReport> report = TrainModel(model, data_, options_);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->resumed);
  ASSERT_EQ(warned.size(), 3u) << fmt::format("{}", fmt::join(warned, "\n"));
  EXPECT_NE(warned[0].find("checkpoint-000000000030.ckpt: not a Tengen checkpoint"),
            std::string::npos)
      << warned[0];
  EXPECT_NE(warned[2].find("no intact checkpoint in " + options_.checkpoint_dir +
                           " (2 damaged, renamed to *.damaged): training starts again from the "
                           "given model at step 0"),
            std::string::npos)
      << warned[2];
  EXPECT_EQ(report->warnings, warned);
  // The junk's higher step numbers did not make the new checkpoints go.
  EXPECT_EQ(FilesEndingIn(options_.checkpoint_dir, ".ckpt"),
            (std::vector<std::string>{CheckpointPath(11), CheckpointPath(12)}));
  EXPECT_TRUE(test_fs::exists(CheckpointPath(30) + ".damaged"));
}

TEST_F(CheckpointTest, AResumedRunReportsTheSameFiguresAsAnUninterruptedOne) {
  Model model = TinyModel();
  absl::StatusOr<TrainingReport> whole = TrainModel(model, data_, options_);
  ASSERT_TRUE(whole.ok()) << whole.status();
  ASSERT_GT(whole->seconds, 0);
  // Resumed inside the first tenth would not test the first losses: steps
  // 12 give a window of 1, so resume after step 7 and at the final step.
  for (int crash_after : {7, 12}) {
    SCOPED_TRACE(crash_after);
    KeepCheckpointsUpTo(crash_after);
    Model resumed = TinyModel();
    absl::StatusOr<TrainingReport> report = TrainModel(resumed, data_, options_);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->resumed);
    EXPECT_DOUBLE_EQ(report->first_policy_loss, whole->first_policy_loss);
    EXPECT_DOUBLE_EQ(report->first_value_loss, whole->first_value_loss);
    EXPECT_NEAR(report->last_policy_loss, whole->last_policy_loss, 1e-6);
    EXPECT_NEAR(report->last_value_loss, whole->last_value_loss, 1e-6);
    EXPECT_NEAR(report->last_entropy, whole->last_entropy, 1e-6);
    EXPECT_DOUBLE_EQ(report->first_ownership_loss, whole->first_ownership_loss);
    EXPECT_DOUBLE_EQ(report->first_score_loss, whole->first_score_loss);
    EXPECT_NEAR(report->last_ownership_loss, whole->last_ownership_loss, 1e-6);
    EXPECT_NEAR(report->last_score_loss, whole->last_score_loss, 1e-6);
    EXPECT_GT(report->first_ownership_loss, 0);
    EXPECT_GT(report->first_score_loss, 0);
    EXPECT_EQ(report->samples, whole->samples);
    EXPECT_GT(report->samples_per_s(), 0);
    EXPECT_NE(report->first_policy_loss, 0);
  }
}

TEST_F(CheckpointTest, ACheckpointFromBeforeProgressWasRecordedStillResumes) {
  Model model = TinyModel();
  ASSERT_TRUE(TrainModel(model, data_, options_).ok());
  KeepCheckpointsUpTo(7);
  // Drop the "progress" member from the header line, as old files lack it.
  std::string bytes = ReadBytes(CheckpointPath(7));
  size_t begin = bytes.find("\"progress\":{");
  ASSERT_NE(begin, std::string::npos);
  size_t end = bytes.find('{', begin);
  for (int depth = 0; end < bytes.size(); ++end) {
    depth += bytes[end] == '{' ? 1 : bytes[end] == '}' ? -1 : 0;
    if (depth == 0) break;
  }
  ++end;  // past the member's closing brace
  if (bytes[end] == ',')
    ++end;
  else if (bytes[begin - 1] == ',')
    --begin;
  bytes.erase(begin, end - begin);
  ASSERT_EQ(bytes.find("progress"), std::string::npos);
  WriteBytes(CheckpointPath(7), bytes);
  absl::StatusOr<std::optional<LoadedCheckpoint>> latest =
      LoadLatestCheckpoint(options_.checkpoint_dir);
  ASSERT_TRUE(latest.ok() && latest->has_value()) << latest.status();
  EXPECT_EQ((*latest)->header.step, 7);
  EXPECT_EQ((*latest)->header.progress, CheckpointProgress{});
  Model resumed = TinyModel();
  absl::StatusOr<TrainingReport> report = TrainModel(resumed, data_, options_);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->samples, 5 * 16);  // only the resumed part, as documented
  EXPECT_LE(MaxWeightDifference(resumed, uninterrupted_), 1e-6);
}

TEST_F(CheckpointTest, AFolderOfOnlyDamagedCheckpointsStartsAfresh) {
  WriteBytes(CheckpointPath(4), "garbage");
  absl::StatusOr<std::optional<LoadedCheckpoint>> latest =
      LoadLatestCheckpoint(options_.checkpoint_dir);
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
  Model model = TinyModel();
  absl::StatusOr<TrainingReport> report = TrainModel(model, data_, options_);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->resumed);
  EXPECT_LE(MaxWeightDifference(model, uninterrupted_), 1e-6);
  // No folder at all is no checkpoint either.
  latest = LoadLatestCheckpoint(dir_.Path("nowhere"));
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
}

}  // namespace
}  // namespace tengen
