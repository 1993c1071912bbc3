// The inner loops of the Winograd convolution, compiled once per instruction
// set (AVX-512, AVX2 with FMA, and plain C++ for anything else) and chosen at
// run time by the CPU's flags. Plain pointers only: the per-ISA files include
// no standard-library templates, so no inline function compiled for AVX-512
// can be picked by the linker for a CPU without it. Internal to policy/.
#ifndef TENGEN_POLICY_WINOGRAD_KERNELS_H_
#define TENGEN_POLICY_WINOGRAD_KERNELS_H_

#include <cstdint>

namespace tengen::winograd {

// F(3x3, 3x3): 3x3 output tiles from 5x5 input tiles, 25 transform points.
inline constexpr int kTile = 3;
inline constexpr int kInputTile = 5;
inline constexpr int kPoints = kInputTile * kInputTile;
// Channel counts are padded to this multiple (a whole number of vectors on
// every instruction set), with zero weights in the padding.
inline constexpr int kChannelMultiple = 16;

// One board-sized tile grid: which tiles of which positions a call covers.
struct TileRange {
  int board = 0;           // N: the board is N x N points
  int tiles_per_side = 0;  // ceil(N / 3)
  int64_t first = 0;       // tile index over (position, tile row, tile column)
  int count = 0;           // tiles in this block
};

struct Kernels {
  const char* name;  // "avx512", "avx2" or "generic"
  // input: NHWC [positions][N][N][channels]. v: [kPoints][range.count][channels].
  void (*input_transform)(const float* input, int channels, const TileRange& range, float* v);
  // m[p] = v[p] x u[p] for every point p: v [kPoints][rows][in], u [kPoints][in][out],
  // m [kPoints][rows][out]. out is a multiple of kChannelMultiple.
  void (*multiply)(const float* v, const float* u, int rows, int in, int out, float* m);
  // output[pixel] = max(0?, A^T m A + bias + residual[pixel]) over the tiles of
  // range, cropped to the board. residual may be null or equal to output.
  void (*output_transform)(const float* m, const float* bias, const float* residual, bool relu,
                           int channels, const TileRange& range, float* output);
  // `iterations` rounds of independent fused multiply-adds on every vector
  // register the instruction set gives; returns the FLOPs done (2 per lane
  // per FMA). `sink` receives a result so the work cannot be optimised away.
  double (*fma_loop)(int64_t iterations, float* sink);
};

const Kernels& GenericKernels();
const Kernels& Avx2Kernels();
const Kernels& Avx512Kernels();

}  // namespace tengen::winograd

#endif  // TENGEN_POLICY_WINOGRAD_KERNELS_H_
