// A check for fuzz targets: on failure it prints what failed and aborts, which
// libFuzzer and replay_main.cc both report as a crash with the input saved.
#ifndef TENGEN_TESTS_FUZZ_FUZZ_CHECK_H_
#define TENGEN_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)

#endif  // TENGEN_TESTS_FUZZ_FUZZ_CHECK_H_
