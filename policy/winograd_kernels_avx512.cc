// Winograd kernels for AVX-512F (compiled with -mavx512f -mfma): 16-float
// vectors, a 12 x 32 register block (24 accumulators of the 32 registers).
#include "policy/winograd_kernels.h"

#define TENGEN_WINOGRAD_LANES 16
#define TENGEN_WINOGRAD_ROWS 12
#define TENGEN_WINOGRAD_CHAINS 24
#define TENGEN_WINOGRAD_NAME "avx512"
#define TENGEN_WINOGRAD_GETTER Avx512Kernels
#include "policy/winograd_kernels_impl.inc"
