// What the Node-free test drivers in test/native/ (one per op family, plus
// common_native.cc) share: a CHECK that counts failures instead of aborting
// (so one run reports all of them), a view builder (contiguous strides unless
// given; products saturate instead of overflowing, as the drivers build views
// claiming absurd sizes on purpose), a loop over every SIMD target and thread
// count, and the end of main().
#pragma once

#include <cstdint>
#include <cstdio>
#include <vector>

#include <string>

#include "../../native/common/cpu.h"
#include "../../native/common/parallel.h"
#include "../../native/common/tensor.h"

namespace native_test {

inline int failures = 0;

inline gs::TensorView view(void* data, gs::DType dt, std::vector<int64_t> shape, int64_t capacity,
                           std::vector<int64_t> strides = {}) {
  gs::TensorView v;
  v.data = data;
  v.dtype = dt;
  v.ndim = static_cast<int>(shape.size());
  int64_t acc = 1;
  for (int i = v.ndim - 1; i >= 0; --i) {
    v.shape[i] = shape[i];
    v.strides[i] = strides.empty() ? acc : strides[i];
    if (__builtin_mul_overflow(acc, shape[i] > 0 ? shape[i] : 1, &acc)) acc = INT64_MAX;
  }
  v.capacity = capacity;
  return v;
}

// Runs body() on every SIMD target this CPU has, with 1 and 2 threads; then
// back to the best target.
template <class Body>
void every_target(Body body) {
  for (int isa = 0; isa < gs::kIsaCount; ++isa) {
    if (!gs::set_isa(static_cast<gs::Isa>(isa))) continue;
    for (int threads : {1, 2}) {
      gs::set_num_threads(threads);
      body();
    }
  }
  gs::set_isa(gs::best_isa());
}

// True if the failure message starts with "<fn>: ".
inline bool starts(const gs::Status& st, const char* fn) { return st.message.rfind(std::string(fn) + ": ", 0) == 0; }

// main()'s result: prints "<name>: ok" or the failure count.
inline int finish(const char* name) {
  if (failures) {
    std::fprintf(stderr, "%s: %d failure(s)\n", name, failures);
    return 1;
  }
  std::printf("%s: ok\n", name);
  return 0;
}

}  // namespace native_test

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      ++native_test::failures;                                             \
    }                                                                      \
  } while (0)
