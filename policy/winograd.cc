#include "policy/winograd.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "base/check.h"
#include "policy/winograd_kernels.h"

namespace tengen {
namespace {

using winograd::kChannelMultiple;
using winograd::kInputTile;
using winograd::kPoints;
using winograd::kTile;

// Tiles per transform-multiply-transform pass: a multiple of every kernel's
// row block (4, 6, 12), small enough that the pass's transformed input and
// output (25 x 48 x 64 floats each at 64 channels) stay in L2.
constexpr int kTilesPerPass = 48;

int Padded(int channels) {
  return (channels + kChannelMultiple - 1) / kChannelMultiple * kChannelMultiple;
}

// The kernel sets this CPU runs, widest first.
std::vector<const winograd::Kernels*> RunnableKernelSets() {
  std::vector<const winograd::Kernels*> sets;
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) sets.push_back(&winograd::Avx512Kernels());
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    sets.push_back(&winograd::Avx2Kernels());
#endif
  sets.push_back(&winograd::GenericKernels());
  return sets;
}

std::atomic<const winograd::Kernels*>& SelectedKernels() {
  static std::atomic<const winograd::Kernels*> selected{RunnableKernelSets().front()};
  return selected;
}

const winograd::Kernels& ChosenKernels() { return *SelectedKernels().load(); }

// G of F(3x3, 3x3): U = G g G^T.
constexpr double kG[kInputTile][3] = {{0.5, 0, 0},
                                      {-0.5, -0.5, -0.5},
                                      {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                                      {1.0 / 6, 1.0 / 3, 2.0 / 3},
                                      {0, 0, 1}};

}  // namespace

std::string_view WinogradKernelName() { return ChosenKernels().name; }

std::vector<std::string_view> RunnableWinogradKernels() {
  std::vector<std::string_view> names;
  for (const winograd::Kernels* set : RunnableKernelSets()) names.push_back(set->name);
  return names;
}

bool SelectWinogradKernels(std::string_view name) {
  for (const winograd::Kernels* set : RunnableKernelSets()) {
    if (set->name == name) {
      SelectedKernels().store(set);
      return true;
    }
  }
  return false;
}

WinogradConv::WinogradConv(const ConvWeights& weights)
    : in_(weights.in_channels),
      out_(weights.out_channels),
      padded_in_(Padded(weights.in_channels)),
      padded_out_(Padded(weights.out_channels)) {
  TENGEN_CHECK(in_ > 0 && out_ > 0);
  TENGEN_CHECK(weights.weight.size() == static_cast<size_t>(out_) * in_ * 9);
  TENGEN_CHECK(weights.bias.size() == static_cast<size_t>(out_));
  transformed_.assign(static_cast<size_t>(kPoints) * padded_in_ * padded_out_, 0.0f);
  bias_.assign(padded_out_, 0.0f);
  std::copy(weights.bias.begin(), weights.bias.end(), bias_.begin());
  for (int o = 0; o < out_; ++o) {
    for (int c = 0; c < in_; ++c) {
      const float* g = weights.weight.data() + (static_cast<size_t>(o) * in_ + c) * 9;
      double gg[kInputTile][3];  // G g
      for (int i = 0; i < kInputTile; ++i)
        for (int v = 0; v < 3; ++v)
          gg[i][v] = kG[i][0] * g[v] + kG[i][1] * g[3 + v] + kG[i][2] * g[6 + v];
      for (int i = 0; i < kInputTile; ++i) {
        for (int j = 0; j < kInputTile; ++j) {
          const double u = gg[i][0] * kG[j][0] + gg[i][1] * kG[j][1] + gg[i][2] * kG[j][2];
          transformed_[(static_cast<size_t>(i * kInputTile + j) * padded_in_ + c) * padded_out_ +
                       o] = static_cast<float>(u);
        }
      }
    }
  }
}

void WinogradConv::Run(const float* input, int positions, int board, const float* residual,
                       bool relu, float* output, std::vector<float>& scratch) const {
  const winograd::Kernels& kernels = ChosenKernels();
  const int tiles_per_side = (board + kTile - 1) / kTile;
  const int64_t tiles = static_cast<int64_t>(positions) * tiles_per_side * tiles_per_side;
  const size_t v_floats = static_cast<size_t>(kPoints) * kTilesPerPass * padded_in_;
  const size_t m_floats = static_cast<size_t>(kPoints) * kTilesPerPass * padded_out_;
  if (scratch.size() < v_floats + m_floats) scratch.resize(v_floats + m_floats);
  float* v = scratch.data();
  float* m = v + v_floats;
  for (int64_t first = 0; first < tiles; first += kTilesPerPass) {
    const winograd::TileRange range{
        board, tiles_per_side, first,
        static_cast<int>(std::min<int64_t>(kTilesPerPass, tiles - first))};
    kernels.input_transform(input, padded_in_, range, v);
    kernels.multiply(v, transformed_.data(), range.count, padded_in_, padded_out_, m);
    kernels.output_transform(m, bias_.data(), residual, relu, padded_out_, range, output);
  }
}

WinogradTower::WinogradTower(const ConvWeights& input, const std::vector<ConvWeights>& first,
                             const std::vector<ConvWeights>& second)
    : input_(input) {
  TENGEN_CHECK(first.size() == second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    TENGEN_CHECK(first[i].in_channels == input.out_channels);
    TENGEN_CHECK(second[i].in_channels == first[i].out_channels);
    TENGEN_CHECK(second[i].out_channels == input.out_channels);
    first_.emplace_back(first[i]);
    second_.emplace_back(second[i]);
  }
}

const float* WinogradTower::Run(const float* planes, int positions, int board) {
  const size_t pixels = static_cast<size_t>(positions) * board * board;
  const int in = input_.in_channels(), padded_in = input_.padded_in();
  const int c = input_.out_channels(), padded = input_.padded_out();
  const float* first_input = planes;
  if (padded_in != in) {
    // Only the first `in` channels of each pixel are ever written, so the
    // padding stays zero from the first resize on.
    padded_planes_.resize(pixels * padded_in, 0.0f);
    for (size_t p = 0; p < pixels; ++p)
      std::memcpy(padded_planes_.data() + p * padded_in, planes + p * in, sizeof(float) * in);
    first_input = padded_planes_.data();
  }
  x_.resize(pixels * padded);
  h_.resize(pixels * padded);
  input_.Run(first_input, positions, board, nullptr, true, x_.data(), scratch_);
  for (size_t i = 0; i < first_.size(); ++i) {
    first_[i].Run(x_.data(), positions, board, nullptr, true, h_.data(), scratch_);
    second_[i].Run(h_.data(), positions, board, x_.data(), true, x_.data(), scratch_);
  }
  if (padded == c) return x_.data();
  out_.resize(pixels * c);
  for (size_t p = 0; p < pixels; ++p)
    std::memcpy(out_.data() + p * c, x_.data() + p * padded, sizeof(float) * c);
  return out_.data();
}

double MeasureFmaPeakGflops(double seconds) {
  const winograd::Kernels& kernels = ChosenKernels();
  float sink = 0;
  int64_t iterations = 1 << 16;
  double best = 0;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(std::max(seconds, 0.01));
  do {
    const auto start = std::chrono::steady_clock::now();
    const double flops = kernels.fma_loop(iterations, &sink);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > 0) best = std::max(best, flops / elapsed / 1e9);
    if (elapsed < 0.02) iterations *= 2;
  } while (std::chrono::steady_clock::now() < deadline);
  return best;
}

}  // namespace tengen
