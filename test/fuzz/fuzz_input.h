// The one helper header of the libFuzzer targets: turns fuzz bytes into
// strided tensors whose claimed shapes, strides and buffer sizes are as
// hostile as the binding would let through (any int64 shape/stride; capacity
// = the real allocation, as the binding reads it from the typed array), picks
// the SIMD target and thread count, hostile scalars, and the common oracle.
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
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include "../../native/common/cpu.h"
#include "../../native/common/parallel.h"
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

// ---- For the op targets: the runtime, tensors, scalars, the oracle ----------

inline void pick_runtime(FuzzedDataProvider& p) {
  const uint8_t ctl = p.ConsumeIntegral<uint8_t>();
  gs::set_isa(static_cast<gs::Isa>(ctl % 3));  // false (no change) if the CPU lacks it
  gs::set_num_threads(1 + (ctl >> 2) % 2);
}

// Shape entries: `fixed[i] >= 0` keeps a size the call must agree on
// (mostly), anything else is a fuzzed size.
inline void shape(FuzzedDataProvider& p, Owned& t, gs::DType dtype, int ndim) {
  t.view.dtype = dtype;
  t.view.ndim = ndim;
  for (int i = 0; i < ndim; ++i) t.view.shape[i] = pick_size(p);
}

// Strides, then a buffer of the (fuzzed) capacity, then values.
inline void finish(FuzzedDataProvider& p, Owned& t, bool coords) {
  fill_strides(p, t.view);
  allocate(p, t);
  fill(p, t, coords);
}

inline gs::DType pick_dtype(FuzzedDataProvider& p) {
  return static_cast<gs::DType>(p.ConsumeIntegralInRange<int>(0, 2));
}

// A rank: mostly in [lo, hi], sometimes anything up to kMaxDims.
inline int pick_rank(FuzzedDataProvider& p, int lo, int hi, bool consistent) {
  return consistent ? p.ConsumeIntegralInRange<int>(lo, hi) : p.ConsumeIntegralInRange<int>(0, gs::kMaxDims);
}

// A scale factor / cval: ordinary values, 0 (derive), or the extremes.
inline double pick_scalar(FuzzedDataProvider& p) {
  static const double special[] = {0.0, -0.0, -1.0, 1.0, 0.5, 2.0, 1e-300, 5e-324, 1e-40, 1e30, -1e30, 1e300,
                                   std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(), 3.4e38, 2147483648.0, 1e-7};
  const uint8_t k = p.ConsumeIntegral<uint8_t>();
  if (k < 180) return 0.25 + 4.0 * (p.ConsumeIntegral<uint16_t>() / 65535.0);
  return special[k % (sizeof(special) / sizeof(special[0]))];
}

// A call whose views fit and claim more than 2^22 elements is valid but slow:
// its work grows with the claimed (possibly broadcast) size. Skipped, so the
// fuzzer's time goes to the checks and the index arithmetic rather than to
// long, correct computations that trip its timeout. Views that do not fit are
// still passed on: their quick rejection is what is being tested.
inline bool affordable(std::initializer_list<const Owned*> views) {
  constexpr int64_t kBudget = int64_t(1) << 22;
  for (const Owned* t : views)
    if (gs::view_fits(t->view, nullptr) && t->view.numel() > kBudget) return false;
  return true;
}

// Sometimes points `out` into `in`'s buffer (the native layer must refuse
// when the ranges meet and never write outside either buffer). True if done.
inline bool alias_out(FuzzedDataProvider& p, Owned& in, Owned& out) {
  if (p.ConsumeIntegralInRange<int>(0, 15) != 0 || in.view.capacity == 0 || out.view.dtype != in.view.dtype) return false;
  const int64_t off = p.ConsumeIntegralInRange<int64_t>(0, in.view.capacity - 1);
  out.view.data = in.mem.data() + off * gs::dtype_size(in.view.dtype);
  out.view.capacity = in.view.capacity - off;
  return true;
}

// Oracle shared by every target: a failing call names its function first;
// a successful call on finite values gives finite values (when `finite`).
inline void check(const gs::Status& st, const char* fn, bool finite_in, const Owned& out) {
  if (!st.is_ok() && st.message.rfind(std::string(fn) + ": ", 0) != 0) __builtin_trap();
  if (st.is_ok() && finite_in && !all_finite(out)) __builtin_trap();
}

}  // namespace fz
