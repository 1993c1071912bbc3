// The Winograd tower against a direct 3x3 convolution written out here, for
// every kernel set this CPU runs, on board sizes that do and do not divide
// into 3x3 tiles and channel counts that do and do not fill a vector.
#include "policy/winograd.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <string_view>

namespace tengen {
namespace {

ConvWeights RandomConv(int in, int out, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 1.0f / std::sqrt(9.0f * in));
  ConvWeights conv{in, out, std::vector<float>(static_cast<size_t>(out) * in * 9),
                   std::vector<float>(out)};
  for (float& w : conv.weight) w = normal(rng);
  for (float& b : conv.bias) b = normal(rng);
  return conv;
}

std::vector<float> RandomPlanes(int positions, int board, int channels, std::mt19937& rng) {
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> planes(static_cast<size_t>(positions) * board * board * channels);
  for (float& x : planes) x = uniform(rng);
  return planes;
}

// Direct convolution in double, NHWC with exact strides.
std::vector<float> DirectConv(const std::vector<float>& input, int positions, int board,
                              const ConvWeights& conv, const std::vector<float>* residual,
                              bool relu) {
  const int in = conv.in_channels, out = conv.out_channels;
  std::vector<float> output(static_cast<size_t>(positions) * board * board * out);
  for (int p = 0; p < positions; ++p) {
    for (int y = 0; y < board; ++y) {
      for (int x = 0; x < board; ++x) {
        for (int o = 0; o < out; ++o) {
          double sum = conv.bias[o];
          for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
              const int yy = y + dy, xx = x + dx;
              if (yy < 0 || yy >= board || xx < 0 || xx >= board) continue;
              for (int c = 0; c < in; ++c)
                sum += static_cast<double>(
                           input[((static_cast<size_t>(p) * board + yy) * board + xx) * in + c]) *
                       conv.weight[((static_cast<size_t>(o) * in + c) * 3 + dy + 1) * 3 + dx + 1];
            }
          }
          const size_t at = ((static_cast<size_t>(p) * board + y) * board + x) * out + o;
          if (residual != nullptr) sum += (*residual)[at];
          if (relu) sum = std::max(sum, 0.0);
          output[at] = static_cast<float>(sum);
        }
      }
    }
  }
  return output;
}

void ExpectNear(const std::vector<float>& actual, const std::vector<float>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  double worst = 0;
  for (size_t i = 0; i < actual.size(); ++i)
    worst = std::max(worst, std::abs(static_cast<double>(actual[i]) - expected[i]));
  EXPECT_LT(worst, 2e-4) << "largest difference from the direct convolution";
}

class WinogradKernelTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    bool runnable = false;
    for (std::string_view name : RunnableWinogradKernels()) runnable |= name == GetParam();
    if (!runnable) GTEST_SKIP() << "this CPU cannot run the " << GetParam() << " kernels";
    previous_ = std::string(WinogradKernelName());
    ASSERT_TRUE(SelectWinogradKernels(GetParam()));
  }
  void TearDown() override {
    if (!previous_.empty()) SelectWinogradKernels(previous_);
  }
  std::string previous_;
};

TEST_P(WinogradKernelTest, TowerMatchesDirectConvolution) {
  struct Case {
    int board, positions, input_planes, channels, blocks;
  };
  // 9 splits into 3x3 tiles exactly, 7 and 19 leave partial tiles; 18 input
  // planes and 24 or 40 channels are not whole vectors; 64 positions of 9x9
  // span many passes of the tile loop with a remainder.
  for (const Case& c : {Case{9, 3, 18, 64, 2}, Case{7, 2, 5, 24, 1}, Case{19, 1, 18, 40, 1},
                        Case{9, 64, 18, 32, 1}, Case{2, 2, 3, 16, 1}}) {
    SCOPED_TRACE(testing::Message() << "board " << c.board << ", " << c.positions << " positions, "
                                    << c.channels << " channels");
    std::mt19937 rng(c.board * 1000 + c.channels);
    const ConvWeights input = RandomConv(c.input_planes, c.channels, rng);
    std::vector<ConvWeights> first, second;
    for (int b = 0; b < c.blocks; ++b) {
      first.push_back(RandomConv(c.channels, c.channels, rng));
      second.push_back(RandomConv(c.channels, c.channels, rng));
    }
    const std::vector<float> planes = RandomPlanes(c.positions, c.board, c.input_planes, rng);
    std::vector<float> x = DirectConv(planes, c.positions, c.board, input, nullptr, true);
    for (int b = 0; b < c.blocks; ++b) {
      const std::vector<float> h = DirectConv(x, c.positions, c.board, first[b], nullptr, true);
      x = DirectConv(h, c.positions, c.board, second[b], &x, true);
    }
    WinogradTower tower(input, first, second);
    const float* out = tower.Run(planes.data(), c.positions, c.board);
    ExpectNear(std::vector<float>(out, out + x.size()), x);
    // A second run on the same tower reuses its buffers and gives the same.
    const float* again = tower.Run(planes.data(), c.positions, c.board);
    ExpectNear(std::vector<float>(again, again + x.size()), x);
  }
}

TEST_P(WinogradKernelTest, SingleConvolutionWithoutReluOrResidual) {
  std::mt19937 rng(7);
  const ConvWeights conv = RandomConv(16, 48, rng);
  const std::vector<float> input = RandomPlanes(5, 9, 16, rng);
  WinogradConv winograd(conv);
  ASSERT_EQ(winograd.padded_in(), 16);
  ASSERT_EQ(winograd.padded_out(), 48);
  std::vector<float> output(static_cast<size_t>(5) * 81 * 48, 123.0f), scratch;
  winograd.Run(input.data(), 5, 9, nullptr, false, output.data(), scratch);
  ExpectNear(output, DirectConv(input, 5, 9, conv, nullptr, false));
}

INSTANTIATE_TEST_SUITE_P(Kernels, WinogradKernelTest, testing::Values("avx512", "avx2", "generic"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(WinogradTest, UnknownKernelNameIsRefused) {
  const std::string before(WinogradKernelName());
  EXPECT_FALSE(SelectWinogradKernels("sse9"));
  EXPECT_EQ(WinogradKernelName(), before);
  ASSERT_FALSE(RunnableWinogradKernels().empty());
  EXPECT_EQ(RunnableWinogradKernels().back(), "generic");
  EXPECT_EQ(RunnableWinogradKernels().front(), before);
}

TEST(WinogradTest, FmaPeakIsPositiveAndFinite) {
  const double peak = MeasureFmaPeakGflops(0.05);
  EXPECT_GT(peak, 0.5);  // even plain 4-float vectors on a slow core exceed this
  EXPECT_LT(peak, 1e5);
}

}  // namespace
}  // namespace tengen
