// libFuzzer target over gs::affine_grid: theta [N, 2, 3] / [N, 3, 4] with
// hostile values (NaN, +-Inf, 1e30, denormals), random dtype, shapes,
// strides, capacities, out aliasing theta, SIMD target and thread count.
// Oracle: no sanitizer report; errors start with "affineGrid: "; a
// successful call on finite theta gives... not necessarily finite values
// (1e300 * 1e300 overflows), so only the error rule is checked.
#include "../../native/affine_grid/affine_grid.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  FuzzedDataProvider p(bytes, size);
  fz::pick_runtime(p);
  const bool align = p.ConsumeBool();
  const bool consistent = p.ConsumeIntegralInRange<int>(0, 7) != 0;
  const gs::DType dtype = consistent ? (p.ConsumeBool() ? gs::DType::Float32 : gs::DType::Float64) : fz::pick_dtype(p);
  const int rank = fz::pick_rank(p, 4, 5, consistent);  // of the output

  fz::Owned theta, out;
  fz::shape(p, theta, dtype, consistent ? 3 : fz::pick_rank(p, 3, 3, false));
  fz::shape(p, out, consistent ? dtype : fz::pick_dtype(p), rank);
  if (consistent) {
    theta.view.shape[1] = rank - 2;
    theta.view.shape[2] = rank - 1;
    out.view.shape[0] = theta.view.shape[0];
    out.view.shape[rank - 1] = rank - 2;
  }
  fz::finish(p, theta, true);
  fz::finish(p, out, false);
  if (!fz::affordable({&theta, &out})) return 0;
  if (fz::alias_out(p, theta, out)) {
    gs::affine_grid(theta.view, out.view, align);
    return 0;
  }
  fz::check(gs::affine_grid(theta.view, out.view, align), "affineGrid", false, out);
  return 0;
}
