// Winograd kernels for any CPU: 4-float vectors (SSE2 on x86-64).
#include "policy/winograd_kernels.h"

#define TENGEN_WINOGRAD_LANES 4
#define TENGEN_WINOGRAD_ROWS 4
#define TENGEN_WINOGRAD_CHAINS 8
#define TENGEN_WINOGRAD_NAME "generic"
#define TENGEN_WINOGRAD_GETTER GenericKernels
#include "policy/winograd_kernels_impl.inc"
