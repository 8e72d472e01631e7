// libFuzzer target over the ndimage entry points gs::nd_zoom,
// gs::nd_map_coordinates and gs::nd_spline_filter (the first byte after the
// runtime picks one): random rank (1-4 mostly), dtypes of input, coordinates
// and output, shapes (negative and huge claims), strides, capacities, out
// aliasing an input, orders and modes in and out of range, hostile cval
// (NaN, +-Inf, 1e300, denormals) and coordinates, SIMD target and threads.
// Oracle: no sanitizer report; errors start with the function's name.
// (Finite output is not required: SciPy's rules pass NaN coordinates and a
// NaN cval through.)
#include "../../native/ndimage/ndimage.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  FuzzedDataProvider p(bytes, size);
  fz::pick_runtime(p);
  const int which = p.ConsumeIntegralInRange<int>(0, 2);
  gs::SplineOptions opt;
  opt.order = p.ConsumeIntegralInRange<int>(0, 6);
  if (opt.order == 6) opt.order = p.ConsumeBool() ? -1 : 6;
  int mode = p.ConsumeIntegralInRange<int>(0, 8);
  if (mode == 8) mode = p.ConsumeBool() ? -1 : 8;
  opt.mode = static_cast<gs::NdMode>(mode);
  opt.cval = p.ConsumeBool() ? 0.0 : fz::pick_scalar(p);
  opt.prefilter = p.ConsumeBool();
  const bool grid_mode = p.ConsumeBool();
  const bool consistent = p.ConsumeIntegralInRange<int>(0, 7) != 0;
  const int rank = fz::pick_rank(p, 1, 4, consistent);

  fz::Owned input, coords, out;
  fz::shape(p, input, fz::pick_dtype(p), rank);
  if (which == 1) {
    // coordinates [rank, ...output shape]
    const int orank = consistent ? p.ConsumeIntegralInRange<int>(1, 3) : fz::pick_rank(p, 1, 3, false);
    fz::shape(p, coords, p.ConsumeBool() ? gs::DType::Float64 : (consistent ? gs::DType::Float32 : fz::pick_dtype(p)),
              consistent ? orank + 1 : fz::pick_rank(p, 1, 4, false));
    if (consistent) coords.view.shape[0] = rank;
    fz::shape(p, out, fz::pick_dtype(p), consistent ? orank : fz::pick_rank(p, 1, 3, false));
    if (consistent)
      for (int i = 0; i < orank; ++i) out.view.shape[i] = coords.view.shape[i + 1];
  } else {
    fz::shape(p, out, fz::pick_dtype(p), consistent ? rank : fz::pick_rank(p, 1, 4, false));
    if (which == 2 && consistent)
      for (int i = 0; i < rank; ++i) out.view.shape[i] = input.view.shape[i];
  }
  fz::finish(p, input, false);
  if (which == 1) fz::finish(p, coords, true);
  fz::finish(p, out, false);
  if (!fz::affordable({&input, &coords, &out})) return 0;
  const bool alias = fz::alias_out(p, which == 1 && p.ConsumeBool() ? coords : input, out);
  gs::Status st;
  const char* fn = "zoom";
  if (which == 0) {
    st = gs::nd_zoom(input.view, out.view, opt, grid_mode);
  } else if (which == 1) {
    fn = "mapCoordinates";
    st = gs::nd_map_coordinates(input.view, coords.view, out.view, opt);
  } else {
    fn = "splineFilter";
    st = gs::nd_spline_filter(input.view, out.view, opt.order, opt.mode);
  }
  if (!alias) fz::check(st, fn, false, out);
  return 0;
}
