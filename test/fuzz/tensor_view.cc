// libFuzzer target over the view checks every native entry point relies on:
// gs::view_fits (a view addresses only [0, capacity)), TensorView::numel and
// gs::views_overlap. Oracle: brute force over every addressed element when the
// view is small enough to enumerate.
#include <cstdint>
#include <cstdlib>

#include "fuzz_input.h"

namespace {

// Calls fn(index) for every element index the view addresses (small views only).
template <class F>
void each_index(const gs::TensorView& v, F fn) {
  int64_t idx[gs::kMaxDims] = {};
  for (;;) {
    int64_t off = 0;
    for (int i = 0; i < v.ndim; ++i) off += idx[i] * v.strides[i];
    fn(off);
    int d = v.ndim - 1;
    while (d >= 0 && ++idx[d] == v.shape[d]) idx[d--] = 0;
    if (d < 0) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  FuzzedDataProvider p(bytes, size);
  fz::Owned a, b;
  for (fz::Owned* t : {&a, &b}) {
    t->view.dtype = static_cast<gs::DType>(p.ConsumeIntegralInRange<int>(0, 2));
    t->view.ndim = p.ConsumeIntegralInRange<int>(0, gs::kMaxDims);
    for (int i = 0; i < t->view.ndim; ++i) t->view.shape[i] = fz::pick_size(p);
    fz::fill_strides(p, t->view);
    fz::allocate(p, *t);
  }
  // b sometimes lives inside a's buffer
  if (p.ConsumeBool() && a.view.capacity > 0 && a.view.dtype == b.view.dtype) {
    const int64_t off = p.ConsumeIntegralInRange<int64_t>(0, a.view.capacity - 1);
    b.view.data = a.mem.data() + off * gs::dtype_size(a.view.dtype);
    b.view.capacity = a.view.capacity - off;
  }
  std::string why;
  const bool fits_a = gs::view_fits(a.view, &why);
  const bool fits_b = gs::view_fits(b.view, &why);
  const int64_t n = a.view.numel();
  if (n < 0) __builtin_trap();
  if (fits_a && n > 0 && n <= (int64_t(1) << 16)) {
    each_index(a.view, [&](int64_t off) {
      if (off < 0 || off >= a.view.capacity) __builtin_trap();
    });
  }
  if (fits_a && fits_b) {
    const bool ov = gs::views_overlap(a.view, b.view);
    if (ov && (a.view.numel() == 0 || b.view.numel() == 0)) __builtin_trap();
  }
  return 0;
}
