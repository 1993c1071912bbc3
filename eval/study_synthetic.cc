#include "eval/study_synthetic.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>

#include "base/random.h"
#include "engine/game_state.h"
#include "policy/evaluator.h"
#include "policy/features.h"
#include "policy/model.h"
#include "train/trainer.h"
#include "train/training_data.h"

namespace tengen {
namespace {

double Log2OrZero(double p) { return p > 0 ? p * std::log2(p) : 0; }

// The synthetic task: the inputs of every code, the answers and the
// training set drawn from them.
struct SyntheticData {
  int labels = 0;
  std::vector<GameState> inputs;                 // one per code
  std::vector<uint8_t> label_mask;               // N*N + 1: the label points (empty ones)
  std::vector<int> label_points;                 // move indices of the label points
  std::vector<int> answer;                       // per code, a move index
  std::vector<int> example_code, example_label;  // the training set
  TrainingChunk train;
};

// The points a code's stones stand on: even rows and columns (no two touch,
// so every stone keeps its liberties and every empty point two of its
// neighbours), chosen by `rng`.
std::vector<Point> CodePoints(int n, int bits, Rng& rng) {
  std::vector<Point> lattice;
  for (int y = 0; y < n; y += 2)
    for (int x = 0; x < n; x += 2) lattice.push_back(MakePoint(x, y, n));
  for (size_t i = lattice.size(); i > 1; --i)
    std::swap(lattice[i - 1], lattice[rng.Below(static_cast<uint32_t>(i))]);
  lattice.resize(bits);
  return lattice;
}

int LatticePoints(int n) { return ((n + 1) / 2) * ((n + 1) / 2); }

SyntheticData MakeData(const SyntheticOptions& o, int n, uint64_t seed) {
  Rng rng(DeriveSeed(seed, "synthetic-data"));
  SyntheticData data;
  const std::vector<Point> stones = CodePoints(n, o.code_bits, rng);
  const int moves = n * n + 1;
  data.label_mask.assign(moves, 0);
  for (int index = 0; index < n * n; ++index)
    if (std::find(stones.begin(), stones.end(), MoveIndexToPoint(index, n)) == stones.end()) {
      data.label_mask[index] = 1;
      data.label_points.push_back(index);
    }
  data.labels = static_cast<int>(data.label_points.size());
  const int codes = 1 << o.code_bits;
  for (int code = 0; code < codes; ++code) {
    GameState state(n);
    std::vector<SetupStone> setup;
    for (int bit = 0; bit < o.code_bits; ++bit)
      setup.push_back(
          {.point = stones[bit], .color = (code >> bit) & 1 ? Color::kBlack : Color::kWhite});
    state.Setup(setup);
    data.inputs.push_back(std::move(state));
    data.answer.push_back(data.label_points[rng.Below(static_cast<uint32_t>(data.labels))]);
  }
  std::vector<RecordedPosition> positions;
  std::vector<float> planes(NumFeatureValues(n));
  for (int code = 0; code < codes; ++code) {
    EncodeFeatures(data.inputs[code], 0, planes);
    for (int e = 0; e < o.examples_per_code; ++e) {
      const int label = rng.Uniform() < o.label_noise
                            ? data.label_points[rng.Below(static_cast<uint32_t>(data.labels))]
                            : data.answer[code];
      data.example_code.push_back(code);
      data.example_label.push_back(label);
      RecordedPosition position;
      position.planes.assign(planes.begin(), planes.end());
      position.mask = data.label_mask;
      position.policy.assign(moves, 0.0f);
      position.policy[label] = 1.0f;
      position.move = label;
      position.mover = Color::kBlack;
      positions.push_back(std::move(position));
    }
  }
  // No final position: outcome 0 (the value head learns 0) and no
  // ownership or score targets.
  data.train = ChunkOfGame(n, positions, FinalPosition{});
  data.train.source = "synthetic";
  return data;
}

struct Figures {
  double train_ce_bits = 0, true_ce_bits = 0, answer_accuracy = 0;
};

// The network's cross-entropies in bits, from its probabilities over the
// label points of every code (dropout off: an evaluator freezes the network
// in evaluation mode).
absl::StatusOr<Figures> Measure(const Model& model, const SyntheticData& data,
                                const SyntheticOptions& o, int threads) {
  absl::StatusOr<std::unique_ptr<Evaluator>> evaluator = CreateNetworkEvaluator(
      model,
      {.symmetry = SymmetryMode::kNone, .threads = threads, .precision = Precision::kFloat32});
  if (!evaluator.ok()) return evaluator.status();
  const int codes = static_cast<int>(data.inputs.size());
  std::vector<std::vector<float>> q(codes);
  constexpr int kChunk = 512;
  for (int start = 0; start < codes; start += kChunk) {
    std::vector<const GameState*> states;
    for (int c = start; c < std::min(codes, start + kChunk); ++c) states.push_back(&data.inputs[c]);
    absl::StatusOr<std::vector<Evaluation>> evaluations = (*evaluator)->EvaluateBatch(states);
    if (!evaluations.ok()) return evaluations.status();
    for (size_t i = 0; i < states.size(); ++i)
      q[start + i] = MaskedSoftmax((*evaluations)[i].logits, data.label_mask);
  }
  auto bits = [](float p) { return -std::log2(std::max(static_cast<double>(p), 1e-12)); };
  Figures f;
  const double noise = o.label_noise, uniform = noise / data.labels;
  int correct = 0;
  for (int c = 0; c < codes; ++c) {
    double expected = 0;
    for (int y : data.label_points) {
      const double p = uniform + (y == data.answer[c] ? 1 - noise : 0);
      expected += p * bits(q[c][y]);
    }
    f.true_ce_bits += expected / codes;
    const auto best = std::max_element(q[c].begin(), q[c].end());
    correct += static_cast<int>(best - q[c].begin()) == data.answer[c];
  }
  for (size_t e = 0; e < data.example_code.size(); ++e)
    f.train_ce_bits += bits(q[data.example_code[e]][data.example_label[e]]);
  f.train_ce_bits /= static_cast<double>(data.example_code.size());
  f.answer_accuracy = static_cast<double>(correct) / codes;
  return f;
}

}  // namespace

JsonValue SyntheticOptions::ToJson() const {
  JsonValue rates = JsonValue::Array();
  for (double r : dropout_rates) rates.Append(r);
  JsonValue json = JsonValue::Object();
  json.Set("code_bits", code_bits)
      .Set("label_noise", label_noise)
      .Set("examples_per_code", examples_per_code)
      .Set("dropout_rates", std::move(rates))
      .Set("steps", steps)
      .Set("segments", segments)
      .Set("batch", batch)
      .Set("learning_rate", learning_rate);
  return json;
}

absl::Status SyntheticOptions::Validate() const {
  if (code_bits < 1 || code_bits > 16)
    return absl::InvalidArgumentError(
        fmt::format("synthetic experiment: code_bits {} is not in 1..16", code_bits));
  if (!(label_noise >= 0 && label_noise < 1))
    return absl::InvalidArgumentError(
        fmt::format("synthetic experiment: label_noise {} is not in [0, 1)", label_noise));
  if (examples_per_code < 1 || steps < 1 || segments < 1 || segments > steps || batch < 1 ||
      !(learning_rate > 0))
    return absl::InvalidArgumentError(
        "synthetic experiment: examples_per_code, steps, batch and learning_rate must be "
        "positive, and segments in 1..steps");
  if (dropout_rates.empty())
    return absl::InvalidArgumentError("synthetic experiment: no dropout rates to compare");
  for (double r : dropout_rates)
    if (!(r >= 0 && r < 1))
      return absl::InvalidArgumentError(
          fmt::format("synthetic experiment: dropout rate {} is not in [0, 1)", r));
  return absl::OkStatus();
}

LabelEntropies SyntheticLabelEntropies(int labels, double label_noise,
                                       const std::vector<int>& answer_counts) {
  LabelEntropies h;
  if (labels < 1) return h;
  const double uniform = label_noise / labels;
  h.conditional_bits =
      -(Log2OrZero(1 - label_noise + uniform) + (labels - 1) * Log2OrZero(uniform));
  int codes = 0;
  for (int count : answer_counts) codes += count;
  for (int y = 0; y < labels; ++y) {
    const int count = y < static_cast<int>(answer_counts.size()) ? answer_counts[y] : 0;
    h.label_bits -= Log2OrZero(uniform + (codes > 0 ? (1 - label_noise) * count / codes : 0));
  }
  h.information_bits = h.label_bits - h.conditional_bits;
  return h;
}

absl::StatusOr<SyntheticResult> RunSyntheticStudy(const SyntheticOptions& o,
                                                  const NetworkConfig& network, uint64_t seed,
                                                  int threads, const JobHooks& hooks) {
  if (absl::Status s = o.Validate(); !s.ok()) return s;
  const int n = network.board_size;
  if (o.code_bits > LatticePoints(n))
    return absl::InvalidArgumentError(
        fmt::format("synthetic experiment: a {}x{} board has room for {} code bits, not {}", n, n,
                    LatticePoints(n), o.code_bits));
  const SyntheticData data = MakeData(o, n, seed);
  std::vector<int> answer_counts(data.labels, 0);
  for (int a : data.answer)
    answer_counts[std::find(data.label_points.begin(), data.label_points.end(), a) -
                  data.label_points.begin()]++;
  const LabelEntropies h = SyntheticLabelEntropies(data.labels, o.label_noise, answer_counts);
  SyntheticResult result{.code_bits = o.code_bits,
                         .label_noise = o.label_noise,
                         .labels = data.labels,
                         .train_examples = static_cast<int>(data.train.positions()),
                         .steps = o.steps,
                         .batch = o.batch,
                         .network = network.Describe(),
                         .label_entropy_bits = h.label_bits,
                         .conditional_entropy_bits = h.conditional_bits,
                         .information_bits = h.information_bits};
  for (const double rate : o.dropout_rates) {
    SyntheticRun run{.name = rate > 0 ? fmt::format("dropout {:g}", rate) : "no dropout",
                     .dropout = rate};
    NetworkConfig config = network;
    config.dropout = rate;
    absl::StatusOr<Model> model = Model::CreateRandom(config, DeriveSeed(seed, "synthetic-init"));
    if (!model.ok()) return model.status();
    auto measure = [&](int64_t step) -> absl::Status {
      absl::StatusOr<Figures> f = Measure(*model, data, o, threads);
      if (!f.ok()) return f.status();
      run.step.push_back(static_cast<double>(step));
      run.fit_curve.push_back(h.label_bits - f->train_ce_bits);
      run.generalised_curve.push_back(h.label_bits - f->true_ce_bits);
      run.answer_accuracy = f->answer_accuracy;
      return absl::OkStatus();
    };
    if (absl::Status s = measure(0); !s.ok()) return s;
    ProgressReporter progress(hooks.on_progress, fmt::format("synthetic, {}", run.name), o.steps,
                              "steps");
    int64_t done = 0;
    for (int segment = 0; segment < o.segments; ++segment) {
      const int64_t target = static_cast<int64_t>(o.steps) * (segment + 1) / o.segments;
      TrainerOptions trainer;
      trainer.objective = TrainingObjective::kSupervised;
      trainer.steps = target - done;
      trainer.batch_size = o.batch;
      trainer.learning_rate = o.learning_rate;
      trainer.augment = false;  // the answers are not symmetric
      trainer.seed = DeriveSeed(seed, "synthetic-train");
      trainer.threads = threads;
      trainer.hooks.stop = hooks.stop;
      absl::StatusOr<TrainingReport> report = TrainModel(*model, data.train, trainer);
      if (!report.ok()) return report.status();
      if (report->stopped_early || hooks.stop_requested())
        return absl::CancelledError("stopped during the synthetic experiment");
      done = target;
      progress.Update(done);
      if (absl::Status s = measure(done); !s.ok()) return s;
    }
    progress.Finish();
    run.fit_bits = run.fit_curve.back();
    run.generalised_bits = run.generalised_curve.back();
    run.memorised_bits = run.fit_bits - run.generalised_bits;
    result.runs.push_back(std::move(run));
  }
  return result;
}

}  // namespace tengen
