// Invariant checks. A failed check is a bug in Tengen, never a user error:
// user errors travel as absl::Status values instead.
#ifndef TENGEN_BASE_CHECK_H_
#define TENGEN_BASE_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define TENGEN_CHECK(condition)                                                          \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)

#ifdef NDEBUG
#define TENGEN_DCHECK(condition) \
  do {                           \
  } while (false && (condition))
#else
#define TENGEN_DCHECK(condition) TENGEN_CHECK(condition)
#endif

#endif  // TENGEN_BASE_CHECK_H_
