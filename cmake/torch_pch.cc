// Compiles the precompiled LibTorch header that the LibTorch targets reuse
// (see tengen_use_torch_pch in the top-level CMakeLists.txt).
