// Shared helpers of the libFuzzer targets: turns fuzz bytes into strided
// tensors whose claimed shapes, strides and buffer sizes are as hostile as the
// binding would let through (any int64 shape/stride; capacity = the real
// allocation, as the binding reads it from the typed array).
//
// Adding a fuzz target for a new op: copy grid_sample.cc to test/fuzz/<op>.cc,
// build its arguments with these helpers, call the native entry point, and
// add a few seed files to test/fuzz/corpus/<op>/ (tools/fuzz.sh picks both up;
// CMake builds every test/fuzz/*.cc as fuzz_<name> when GS_FUZZ=ON).
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "../../native/common/tensor.h"

namespace fz {

// At most this many elements are ever allocated for one tensor.
constexpr int64_t kMaxAlloc = int64_t(1) << 16;

inline int64_t pick_size(FuzzedDataProvider& p) {
  static const int64_t special[] = {0, 1, 2, 3, -1, int64_t(1) << 31, (int64_t(1) << 53) - 1,
                                    std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(),
                                    int64_t(1) << 28, int64_t(1) << 40};
  const uint8_t k = p.ConsumeIntegral<uint8_t>();
  if (k < 232) return k % 7;  // mostly small: real work happens
  return special[k % (sizeof(special) / sizeof(special[0]))];
}

inline int64_t pick_stride(FuzzedDataProvider& p) {
  static const int64_t special[] = {0, -1, -7, int64_t(1) << 31, (int64_t(1) << 53) - 1,
                                    std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(),
                                    int64_t(1) << 62};
  const uint8_t k = p.ConsumeIntegral<uint8_t>();
  if (k < 240) return k % 9;
  return special[k % (sizeof(special) / sizeof(special[0]))];
}

// A tensor and the buffer it lives in.
struct Owned {
  gs::TensorView view;
  std::vector<uint8_t> mem;
};

// Layout: 0 contiguous, 1 channels-last, 2 random strides, 3 reversed order.
inline void fill_strides(FuzzedDataProvider& p, gs::TensorView& v) {
  const int layout = p.ConsumeIntegralInRange<int>(0, 3);
  if (layout == 2) {
    for (int i = 0; i < v.ndim; ++i) v.strides[i] = pick_stride(p);
    return;
  }
  int64_t acc = 1;
  auto put = [&](int i) {
    v.strides[i] = acc;
    // wrap-free: saturate so later multiplications stay defined
    const int64_t s = v.shape[i] > 0 ? v.shape[i] : 1;
    acc = (acc > std::numeric_limits<int64_t>::max() / s) ? std::numeric_limits<int64_t>::max() : acc * s;
  };
  if (layout == 1 && v.ndim >= 3) {
    put(1);
    for (int i = v.ndim - 1; i >= 2; --i) put(i);
    put(0);
  } else if (layout == 3) {
    for (int i = 0; i < v.ndim; ++i) put(i);
  } else {
    for (int i = v.ndim - 1; i >= 0; --i) put(i);
  }
}

// Elements a view needs (its last addressed index + 1), capped; -1 if it
// cannot be computed without overflow or a shape is negative.
inline int64_t needed(const gs::TensorView& v) {
  int64_t last = 0;
  for (int i = 0; i < v.ndim; ++i) {
    if (v.shape[i] < 0) return -1;
    if (v.shape[i] == 0) return 0;
  }
  for (int i = 0; i < v.ndim; ++i) {
    if (v.shape[i] <= 1) continue;
    if (v.strides[i] < 0) return -1;
    if (v.strides[i] > 0 && (v.shape[i] - 1) > (kMaxAlloc * 4) / v.strides[i]) return -1;
    last += (v.shape[i] - 1) * v.strides[i];
    if (last > kMaxAlloc * 4) return -1;
  }
  return last + 1;
}

// Capacity: exactly what the view needs, a little less or more, or random.
inline void allocate(FuzzedDataProvider& p, Owned& t) {
  int64_t want = needed(t.view);
  const int how = p.ConsumeIntegralInRange<int>(0, 7);
  if (want < 0 || how == 7) want = p.ConsumeIntegralInRange<int64_t>(0, 64);
  else if (how == 6) want = want > 0 ? want - 1 : 0;
  else if (how == 5) want += p.ConsumeIntegralInRange<int64_t>(1, 8);
  if (want > kMaxAlloc) want = kMaxAlloc;
  // Exactly the claimed bytes, so ASan flags a single byte read past them.
  t.mem.assign(static_cast<size_t>(want) * gs::dtype_size(t.view.dtype), 0);
  t.view.data = t.mem.empty() ? nullptr : t.mem.data();
  t.view.capacity = want;
}

// A coordinate: ordinary values in [-1.5, 1.5] or the extremes users send.
inline double pick_coord(FuzzedDataProvider& p) {
  static const double special[] = {std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   1e30, -1e30, 3.4e38, -3.4e38, 1e300, -1e300,
                                   std::numeric_limits<float>::denorm_min(),
                                   -std::numeric_limits<double>::denorm_min(),
                                   -0.0, 1.0, -1.0, 0.9999999, -1.0000001, 2147483648.0,
                                   9.3e18, -9.3e18};
  const uint8_t k = p.ConsumeIntegral<uint8_t>();
  if (k < 200) return -1.5 + 3.0 * (p.ConsumeIntegral<uint16_t>() / 65535.0);
  return special[k % (sizeof(special) / sizeof(special[0]))];
}

// Fills a buffer: coordinates for grids, small finite values otherwise.
inline void fill(FuzzedDataProvider& p, Owned& t, bool coords) {
  const int64_t n = t.view.capacity;
  for (int64_t i = 0; i < n; ++i) {
    const double v = coords ? pick_coord(p) : (p.ConsumeIntegral<uint8_t>() - 100) / 8.0;
    switch (t.view.dtype) {
      case gs::DType::Float32: reinterpret_cast<float*>(t.mem.data())[i] = static_cast<float>(v); break;
      case gs::DType::Float64: reinterpret_cast<double*>(t.mem.data())[i] = v; break;
      case gs::DType::Uint8: t.mem[i] = static_cast<uint8_t>(p.ConsumeIntegral<uint8_t>()); break;
    }
    if (p.remaining_bytes() == 0) break;
  }
}

inline bool all_finite(const Owned& t) {
  for (int64_t i = 0; i < t.view.capacity; ++i) {
    double v = 0;
    switch (t.view.dtype) {
      case gs::DType::Float32: v = reinterpret_cast<const float*>(t.mem.data())[i]; break;
      case gs::DType::Float64: v = reinterpret_cast<const double*>(t.mem.data())[i]; break;
      case gs::DType::Uint8: v = 0; break;
    }
    if (!std::isfinite(v)) return false;
  }
  return true;
}

}  // namespace fz
