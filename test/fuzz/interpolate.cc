// libFuzzer target over gs::interpolate (nearest, nearest-exact, linear,
// cubic; 3D/4D/5D): random rank, dtype, shapes (negative and huge claims
// too), strides, capacities, out aliasing the input, out-of-range modes,
// scale lists of the wrong length and hostile scale factors (0, NaN, +-Inf,
// denormals, 1e30), SIMD target and thread count.
// Oracle: no sanitizer report; errors start with "interpolate: "; a
// successful call on finite input gives finite output (README "Safety").
#include "../../native/interpolate/interpolate.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  FuzzedDataProvider p(bytes, size);
  fz::pick_runtime(p);
  int mode = p.ConsumeIntegralInRange<int>(0, 4);
  if (mode == 4) mode = p.ConsumeBool() ? -1 : 9;
  const bool align = p.ConsumeBool();
  const bool consistent = p.ConsumeIntegralInRange<int>(0, 7) != 0;
  const gs::DType dtype = fz::pick_dtype(p);
  const int rank = fz::pick_rank(p, 3, 5, consistent);

  fz::Owned input, out;
  fz::shape(p, input, dtype, rank);
  fz::shape(p, out, consistent ? dtype : fz::pick_dtype(p), consistent ? rank : fz::pick_rank(p, 3, 5, false));
  if (consistent && rank >= 2) {
    out.view.shape[0] = input.view.shape[0];
    out.view.shape[1] = input.view.shape[1];
  }
  double scales[3] = {0, 0, 0};
  int n = consistent ? rank - 2 : p.ConsumeIntegralInRange<int>(0, 3);
  if (n < 0 || n > 3) n = 0;
  const bool derive = p.ConsumeBool();
  for (int i = 0; i < n; ++i) scales[i] = derive ? 0.0 : fz::pick_scalar(p);
  fz::finish(p, input, false);
  fz::finish(p, out, false);
  if (!fz::affordable({&input, &out})) return 0;
  const bool finite_in = fz::all_finite(input);
  if (fz::alias_out(p, input, out)) {
    gs::interpolate(input.view, out.view, static_cast<gs::ResizeMode>(mode), align, scales, n);
    return 0;
  }
  const gs::Status st = gs::interpolate(input.view, out.view, static_cast<gs::ResizeMode>(mode), align, scales, n);
  fz::check(st, "interpolate", finite_in, out);
  return 0;
}
