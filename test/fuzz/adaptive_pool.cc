// libFuzzer target over gs::adaptive_avg_pool (3D/4D/5D): random rank,
// dtype, shapes (negative and huge claims), strides, capacities, out
// aliasing the input, SIMD target and thread count.
// Oracle: no sanitizer report; errors start with "adaptiveAvgPool: "; a
// successful call on finite input gives finite output.
#include "../../native/adaptive_pool/adaptive_pool.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  FuzzedDataProvider p(bytes, size);
  fz::pick_runtime(p);
  const bool consistent = p.ConsumeIntegralInRange<int>(0, 7) != 0;
  const gs::DType dtype = fz::pick_dtype(p);
  const int rank = fz::pick_rank(p, 3, 5, consistent);

  fz::Owned input, out;
  fz::shape(p, input, dtype, rank);
  fz::shape(p, out, consistent ? dtype : fz::pick_dtype(p), consistent ? rank : fz::pick_rank(p, 3, 5, false));
  if (consistent) {
    out.view.shape[0] = input.view.shape[0];
    out.view.shape[1] = input.view.shape[1];
  }
  fz::finish(p, input, false);
  fz::finish(p, out, false);
  if (!fz::affordable({&input, &out})) return 0;
  const bool finite_in = fz::all_finite(input);
  if (fz::alias_out(p, input, out)) {
    gs::adaptive_avg_pool(input.view, out.view);
    return 0;
  }
  fz::check(gs::adaptive_avg_pool(input.view, out.view), "adaptiveAvgPool", finite_in, out);
  return 0;
}
