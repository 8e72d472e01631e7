// Helpers shared by the fuzz targets of the ops added after gridSample
// (interpolate, interpolate_antialias, adaptive_avg_pool, affine_grid, the
// ndimage entry points): a prologue that picks the SIMD target and thread
// count, a tensor builder on top of fuzz_input.h, hostile scalars (scale
// factors, cval), and the common oracle.
#pragma once

#include <initializer_list>

#include <string>

#include "../../native/common/cpu.h"
#include "../../native/common/parallel.h"
#include "fuzz_input.h"

namespace fz {

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

// Sometimes points `out` into `in`'s buffer (the native layer must refuse
// when the ranges meet and never write outside either buffer). True if done.
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
