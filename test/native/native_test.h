// What the Node-free test drivers in test/native/ share: a CHECK that counts
// failures instead of aborting (so one run reports all of them) and a view
// builder (contiguous strides unless given; products saturate instead of
// overflowing, as the drivers build views claiming absurd sizes on purpose).
#pragma once

#include <cstdint>
#include <cstdio>
#include <vector>

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

}  // namespace native_test

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      ++native_test::failures;                                             \
    }                                                                      \
  } while (0)
