// Winograd kernels for AVX2 with FMA (compiled with -mavx2 -mfma): 8-float
// vectors, a 6 x 16 register block (12 accumulators of the 16 registers).
#include "policy/winograd_kernels.h"

#define TENGEN_WINOGRAD_LANES 8
#define TENGEN_WINOGRAD_ROWS 6
#define TENGEN_WINOGRAD_CHAINS 12
#define TENGEN_WINOGRAD_NAME "avx2"
#define TENGEN_WINOGRAD_GETTER Avx2Kernels
#include "policy/winograd_kernels_impl.inc"
