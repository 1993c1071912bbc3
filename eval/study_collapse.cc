#include "eval/study_collapse.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "base/random.h"
#include "engine/coordinates.h"
#include "engine/symmetry.h"
#include "policy/features.h"
#include "policy/playable_moves.h"
#include "policy/torch_errors.h"
#include "train/learning_rate_schedule.h"
#include "train/training_batch.h"

namespace tengen {
namespace {

// A plain conv trunk and two heads of the same form (conv1x1 to two
// planes, then a dense layer, as AlphaGo Zero's policy head but without its
// batch norm and ReLU, which here only risk a dead head): one dense layer
// gives the coordinates, the other the move logits.
struct CollapseNetImpl : torch::nn::Module {
  CollapseNetImpl(int size, int layers, int channels) : size(size) {
    int in = kNumFeaturePlanes;
    for (int i = 0; i < layers; ++i) {
      trunk->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, channels, 3).padding(1)));
      trunk->push_back(torch::nn::ReLU());
      in = channels;
    }
    register_module("trunk", trunk);
    regressor_conv = register_module("regressor_conv",
                                     torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 2, 1)));
    regressor_fc = register_module("regressor_fc", torch::nn::Linear(2 * size * size, 2));
    policy_conv =
        register_module("policy_conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 2, 1)));
    policy_fc = register_module("policy_fc", torch::nn::Linear(2 * size * size, size * size));
  }
  // Returns {coordinates [B, 2] as (x, y) in points, logits [B, N*N]}. The
  // dense layer gives coordinates as fractions of the board's width, so
  // the answer starts near the top-left corner, (0, 0), and has to move.
  std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& planes) {
    const torch::Tensor x = trunk->forward(planes);
    return {regressor_fc(regressor_conv(x).flatten(1)) * (size - 1),
            policy_fc(policy_conv(x).flatten(1))};
  }
  int size;
  torch::nn::Sequential trunk;
  torch::nn::Conv2d regressor_conv{nullptr}, policy_conv{nullptr};
  torch::nn::Linear regressor_fc{nullptr}, policy_fc{nullptr};
};
TORCH_MODULE(CollapseNet);

// The empty board with the recorded opening move, as one training position.
TrainingChunk EmptyBoardChunk(const CollapseOptions& o) {
  const int n = o.board_size;
  const GameState state(n);
  RecordedPosition position;
  std::vector<float> planes(NumFeatureValues(n));
  EncodeFeatures(state, 0, planes);
  position.planes.assign(planes.begin(), planes.end());
  position.mask = PlayableMoveMask(state);
  position.move = o.opening_y * n + o.opening_x;
  position.policy.assign(n * n + 1, 0.0f);
  position.policy[position.move] = 1.0f;
  position.mover = Color::kBlack;
  TrainingChunk chunk =
      ChunkOfGame(n, std::span<const RecordedPosition>(&position, 1), FinalPosition{});
  chunk.source = "study";
  return chunk;
}

CollapsePoint PointAt(double x, double y, int n) {
  CollapsePoint point{.x = x, .y = y};
  const int ix = static_cast<int>(std::lround(x)), iy = static_cast<int>(std::lround(y));
  if (ix == x && iy == y && ix >= 0 && ix < n && iy >= 0 && iy < n)
    point.vertex = GtpVertex(MakePoint(ix, iy, n), n);
  return point;
}

// Means of consecutive windows, so a long curve becomes `points` points.
void Downsample(const std::vector<double>& values, int points, std::vector<int>& steps,
                std::vector<double>& out, bool fill_steps) {
  const int total = static_cast<int>(values.size());
  const int window = std::max(1, (total + points - 1) / std::max(1, points));
  for (int start = 0; start < total; start += window) {
    const int end = std::min(total, start + window);
    double sum = 0;
    for (int i = start; i < end; ++i) sum += values[i];
    out.push_back(sum / (end - start));
    if (fill_steps) steps.push_back(end);
  }
}

}  // namespace

JsonValue CollapseOptions::ToJson() const {
  JsonValue json = JsonValue::Object();
  json.Set("board_size", board_size)
      .Set("opening_x", opening_x)
      .Set("opening_y", opening_y)
      .Set("layers", layers)
      .Set("channels", channels)
      .Set("steps", steps)
      .Set("batch", batch)
      .Set("learning_rate", learning_rate)
      .Set("seed", static_cast<double>(seed));
  return json;
}

absl::StatusOr<CollapseResult> RunCollapseStudy(const CollapseOptions& o) {
  const int n = o.board_size;
  if (n < 2 || n > 25 || o.opening_x < 0 || o.opening_x >= n || o.opening_y < 0 ||
      o.opening_y >= n || o.steps < 1 || o.batch < 1 || o.layers < 1 || o.channels < 1)
    return absl::InvalidArgumentError(
        "collapse study: bad board size, opening point, steps, batch or network shape");
  return CatchTorchErrors("collapse study", [&]() -> absl::StatusOr<CollapseResult> {
    at::set_num_threads(1);  // a small network: one thread, and the same numbers every time
    torch::manual_seed(o.seed);
    CollapseNet net(n, o.layers, o.channels);
    torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(o.learning_rate));
    const TrainingChunk chunk = EmptyBoardChunk(o);
    Rng rng(DeriveSeed(o.seed, "collapse-batches"));
    std::vector<double> regressor_curve, softmax_curve;
    // The regressor's answer on the empty board as training goes.
    std::vector<float> empty_planes(chunk.planes.begin(), chunk.planes.end());
    const torch::Tensor empty = torch::from_blob(empty_planes.data(), {1, kNumFeaturePlanes, n, n});
    const int path_every = std::max(1, o.steps / std::max(1, o.curve_points));
    CollapseResult result;
    auto record_path = [&] {
      torch::NoGradGuard no_grad;
      const torch::Tensor xy = net->forward(empty).first;
      result.curves.regressor_path_x.push_back(xy[0][0].item<double>());
      result.curves.regressor_path_y.push_back(xy[0][1].item<double>());
    };
    record_path();
    ProgressReporter progress(o.hooks.on_progress, "collapse", o.steps, "steps");
    for (int step = 0; step < o.steps; ++step) {
      if (o.hooks.stop_requested())
        return absl::CancelledError("stopped during the collapse study");
      // Cosine decay, so the answers settle instead of following each batch.
      for (auto& group : optimizer.param_groups())
        static_cast<torch::optim::AdamOptions&>(group.options())
            .lr(ScheduledLearningRate(LearningRateSchedule::kCosine, o.learning_rate, step,
                                      o.steps));
      const TrainingBatch batch = SampleBatch(chunk, o.batch, rng, /*augment=*/true);
      std::vector<float> xy;
      for (int64_t move : batch.move) {
        xy.push_back(static_cast<float>(move % n));
        xy.push_back(static_cast<float>(move / n));
      }
      const torch::Tensor planes = torch::from_blob(const_cast<float*>(batch.planes.data()),
                                                    {o.batch, kNumFeaturePlanes, n, n})
                                       .clone();
      const torch::Tensor target_xy = torch::from_blob(xy.data(), {o.batch, 2}).clone();
      const torch::Tensor target_move =
          torch::from_blob(const_cast<int64_t*>(batch.move.data()), {o.batch}, torch::kInt64)
              .clone();
      auto [coordinates, logits] = net->forward(planes);
      const torch::Tensor regressor_loss = (coordinates - target_xy).pow(2).sum(1).mean();
      const torch::Tensor softmax_loss =
          torch::nll_loss(torch::log_softmax(logits, 1), target_move);
      optimizer.zero_grad();
      (regressor_loss + softmax_loss).backward();
      optimizer.step();
      regressor_curve.push_back(regressor_loss.item<double>());
      softmax_curve.push_back(softmax_loss.item<double>());
      if ((step + 1) % path_every == 0 || step + 1 == o.steps) record_path();
      progress.Update(step + 1);
    }
    progress.Finish();

    // The trained heads on the empty board as it is (no symmetry applied).
    torch::NoGradGuard no_grad;
    auto [coordinates, logits] = net->forward(empty);
    const double rx = coordinates[0][0].item<double>(), ry = coordinates[0][1].item<double>();
    const torch::Tensor p = torch::softmax(logits[0], 0).contiguous();
    const std::vector<double> probabilities(p.data_ptr<float>(), p.data_ptr<float>() + n * n);

    std::set<int> image_set;
    for (int s = 0; s < kNumSymmetries; ++s)
      image_set.insert(ApplySymmetryToMoveIndex(s, o.opening_y * n + o.opening_x, n));
    const double centre = (n - 1) / 2.0;
    double mean_x = 0, mean_y = 0, floor_mse = 0, mass = 0, nearest_target = 1e9;
    for (int m : image_set) {
      mean_x += static_cast<double>(m % n) / image_set.size();
      mean_y += static_cast<double>(m / n) / image_set.size();
    }
    for (int m : image_set) {
      const int x = m % n, y = m / n;
      floor_mse += ((x - mean_x) * (x - mean_x) + (y - mean_y) * (y - mean_y)) / image_set.size();
      mass += probabilities[m];
      nearest_target = std::min(nearest_target, std::hypot(rx - x, ry - y));
      result.symmetric_set.push_back({.point = PointAt(x, y, n), .probability = probabilities[m]});
    }
    double max_off_set = 0, entropy = 0;
    for (int m = 0; m < n * n; ++m) {
      if (!image_set.count(m)) max_off_set = std::max(max_off_set, probabilities[m]);
      if (probabilities[m] > 0) entropy -= probabilities[m] * std::log2(probabilities[m]);
    }
    const int argmax = static_cast<int>(
        std::max_element(probabilities.begin(), probabilities.end()) - probabilities.begin());
    const int nx = std::clamp(static_cast<int>(std::lround(rx)), 0, n - 1);
    const int ny = std::clamp(static_cast<int>(std::lround(ry)), 0, n - 1);
    const int tail = std::max(1, o.steps / 10);
    auto tail_mean = [&](const std::vector<double>& curve) {
      double sum = 0;
      for (int i = o.steps - tail; i < o.steps; ++i) sum += curve[i];
      return sum / tail;
    };

    result.board_size = n;
    result.opening = PointAt(o.opening_x, o.opening_y, n);
    result.centre = PointAt(centre, centre, n);
    result.network = fmt::format(
        "{} conv3x3 layers of {} channels with ReLU; each head a conv1x1 to 2 planes and a dense "
        "layer: to (x, y) for the regressor, to {} logits for the softmax",
        o.layers, o.channels, n * n);
    result.optimizer = "adam";
    result.steps = o.steps;
    result.batch = o.batch;
    result.learning_rate = o.learning_rate;
    result.regressor = {.x = rx,
                        .y = ry,
                        .nearest = PointAt(nx, ny, n),
                        .distance_to_centre = std::hypot(rx - centre, ry - centre),
                        .distance_to_nearest_target = nearest_target,
                        .final_loss = tail_mean(regressor_curve),
                        .loss_floor = floor_mse};
    result.softmax = {.mass_on_set = mass,
                      .max_probability_off_set = max_off_set,
                      .argmax = PointAt(argmax % n, argmax / n, n),
                      .entropy_bits = entropy,
                      .final_loss = tail_mean(softmax_curve),
                      .loss_floor = std::log(static_cast<double>(image_set.size())),
                      .probabilities = probabilities};
    Downsample(regressor_curve, o.curve_points, result.curves.step, result.curves.regressor_loss,
               true);
    Downsample(softmax_curve, o.curve_points, result.curves.step, result.curves.softmax_loss,
               false);
    return result;
  });
}

}  // namespace tengen
