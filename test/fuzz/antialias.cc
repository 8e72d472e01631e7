// libFuzzer target over gs::interpolate_antialias (bilinear / bicubic
// antialiased resize of 4D tensors): random dtype, shapes, strides,
// capacities, out aliasing the input, out-of-range filters, hostile scale
// factors, SIMD target and thread count.
// Oracle: no sanitizer report; errors start with "interpolateAntialias: ";
// a successful call on finite input gives finite output.
#include "../../native/antialias/antialias.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  FuzzedDataProvider p(bytes, size);
  fz::pick_runtime(p);
  gs::AntialiasOptions opt;
  int filter = p.ConsumeIntegralInRange<int>(0, 2);
  if (filter == 2) filter = p.ConsumeBool() ? -1 : 5;
  opt.filter = static_cast<gs::AntialiasFilter>(filter);
  opt.align_corners = p.ConsumeBool();
  if (!p.ConsumeBool()) {
    opt.scales[0] = fz::pick_scalar(p);
    opt.scales[1] = fz::pick_scalar(p);
  }
  const bool consistent = p.ConsumeIntegralInRange<int>(0, 7) != 0;
  const gs::DType dtype = fz::pick_dtype(p);
  const int rank = fz::pick_rank(p, 4, 4, consistent);

  fz::Owned input, out;
  fz::shape(p, input, dtype, rank);
  fz::shape(p, out, consistent ? dtype : fz::pick_dtype(p), consistent ? 4 : fz::pick_rank(p, 4, 4, false));
  if (consistent) {
    out.view.shape[0] = input.view.shape[0];
    out.view.shape[1] = input.view.shape[1];
  }
  fz::finish(p, input, false);
  fz::finish(p, out, false);
  if (!fz::affordable({&input, &out})) return 0;
  const bool finite_in = fz::all_finite(input);
  if (fz::alias_out(p, input, out)) {
    gs::interpolate_antialias(input.view, out.view, opt);
    return 0;
  }
  fz::check(gs::interpolate_antialias(input.view, out.view, opt), "interpolateAntialias", finite_in, out);
  return 0;
}
