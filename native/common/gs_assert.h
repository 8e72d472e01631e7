// GS_ASSERT(cond): precondition checks inside native/ that cost nothing in
// release builds. They are on in debug builds (no NDEBUG), in sanitized and
// fuzz builds (CMake GS_SANITIZE / GS_FUZZ) and with -DGS_DEBUG_ASSERTS=ON.
// They guard invariants the entry points establish (views fit their buffers,
// ranges are ordered); a failure is a bug in this library, never a user
// error, so it aborts with the location instead of returning a Status.
#pragma once

#if !defined(NDEBUG) || defined(GS_DEBUG_ASSERTS)
#include <cstdio>
#include <cstdlib>
#define GS_ASSERT(cond)                                                                      \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "gridsample: assertion failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)
#else
#define GS_ASSERT(cond) ((void)0)
#endif
