// A residual tower of 3x3 convolutions computed by Winograd F(3x3, 3x3) on
// the CPU in float32, without LibTorch: each 3x3 output tile costs 25
// multiplies per channel pair instead of 81 (3.24x fewer), and 9x9 boards
// split into 3x3 tiles exactly. The kernels are chosen at run time for the
// widest vectors the CPU has (AVX-512, AVX2 with FMA, or plain C++), so one
// binary runs everywhere. Activations are NHWC with channels padded to a
// multiple of 16 (zero weights in the padding).
#ifndef TENGEN_POLICY_WINOGRAD_H_
#define TENGEN_POLICY_WINOGRAD_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace tengen {

// The kernels in use: "avx512", "avx2" or "generic". By default the widest
// this CPU runs.
std::string_view WinogradKernelName();

// The kernel sets this CPU can run, widest first ("generic" always).
std::vector<std::string_view> RunnableWinogradKernels();

// Uses kernel set `name` from now on, process-wide (for tests and the
// benchmark; not while another thread runs a convolution). False, changing
// nothing, when this CPU cannot run it or the name is unknown.
bool SelectWinogradKernels(std::string_view name);

// A 3x3 convolution's weights as the network holds them.
struct ConvWeights {
  int in_channels = 0;
  int out_channels = 0;
  std::vector<float> weight;  // [out][in][3][3], row-major (LibTorch's layout)
  std::vector<float> bias;    // [out]
};

// One 3x3 convolution, stride 1, zero padding 1, with bias.
class WinogradConv {
 public:
  // Transforms the weights once. Requires weight.size() == out*in*9 and
  // bias.size() == out (checked).
  explicit WinogradConv(const ConvWeights& weights);

  int in_channels() const { return in_; }
  int out_channels() const { return out_; }
  int padded_in() const { return padded_in_; }
  int padded_out() const { return padded_out_; }

  // output = conv(input) + bias (+ residual), then max(0, .) when relu.
  // input: NHWC [positions][board][board][padded_in()]; output and residual:
  // [positions][board][board][padded_out()]. residual may be null or equal
  // to output (each pixel is read before it is written); input must not
  // overlap output. `scratch` is resized as needed and reused across calls.
  void Run(const float* input, int positions, int board, const float* residual, bool relu,
           float* output, std::vector<float>& scratch) const;

 private:
  int in_ = 0, out_ = 0, padded_in_ = 0, padded_out_ = 0;
  std::vector<float> transformed_;  // U = G g G^T: [25][padded_in][padded_out]
  std::vector<float> bias_;         // [padded_out], zero in the padding
};

// The network's trunk: an input convolution with relu, then residual blocks
// x = relu(x + conv2(relu(conv1(x)))). One caller at a time.
class WinogradTower {
 public:
  // first[i] and second[i] are block i's convolutions; all must chain
  // (input.out == first[i].in == second[i].out, checked).
  WinogradTower(const ConvWeights& input, const std::vector<ConvWeights>& first,
                const std::vector<ConvWeights>& second);

  int input_channels() const { return input_.in_channels(); }
  int channels() const { return input_.out_channels(); }

  // planes: NHWC [positions][board][board][input_channels()], exact stride.
  // Returns NHWC [positions][board][board][channels()], exact stride; the
  // pointer stays valid until the next Run.
  const float* Run(const float* planes, int positions, int board);

 private:
  WinogradConv input_;
  std::vector<WinogradConv> first_, second_;
  std::vector<float> padded_planes_, x_, h_, out_, scratch_;
};

// The fused multiply-add peak of one core, in GFLOP/s, with the widest
// vectors this CPU has, measured over about `seconds`.
double MeasureFmaPeakGflops(double seconds);

}  // namespace tengen

#endif  // TENGEN_POLICY_WINOGRAD_H_
