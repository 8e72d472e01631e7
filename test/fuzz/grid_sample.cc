// libFuzzer target over gs::grid_sample, the native entry point the binding
// calls: random rank, dtype, shapes (including negative and huge claims),
// strides (contiguous, channels-last, random, huge, negative), buffer
// capacities (exact, one short, longer, random), output aliasing the input,
// options (including out-of-range enum values), SIMD target, thread count and
// grid values (NaN, +-Inf, 1e30, denormals...).
//
// Oracle: no sanitizer report, and when the call succeeds on finite input
// values every output value is finite (README "Safety": NaN/Inf grid rules).
//
// Extension (a new op): write test/fuzz/<op>.cc like this file and seed
// test/fuzz/corpus/<op>/; nothing else changes.
#include <cstdint>

#include "../../native/common/cpu.h"
#include "../../native/common/parallel.h"
#include "../../native/grid_sample/grid_sample.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  FuzzedDataProvider p(bytes, size);
  const uint8_t ctl = p.ConsumeIntegral<uint8_t>();
  gs::set_isa(static_cast<gs::Isa>(ctl % 3));  // false (no change) if the CPU lacks it
  // Two threads for one input in eight: resizing the pool joins and starts
  // threads, which would otherwise dominate the time per input.
  const int threads = (ctl >> 2) % 8 == 0 ? 2 : 1;
  if (gs::get_num_threads() != threads) gs::set_num_threads(threads);

  gs::GridSampleOptions opt;
  int mode = p.ConsumeIntegralInRange<int>(0, 3);
  int pad = p.ConsumeIntegralInRange<int>(0, 3);
  if (mode == 3) mode = p.ConsumeBool() ? -1 : 7;  // the native layer must reject these
  if (pad == 3) pad = p.ConsumeBool() ? -2 : 3;
  opt.mode = static_cast<gs::Interp>(mode);
  opt.padding = static_cast<gs::Padding>(pad);
  opt.align_corners = p.ConsumeBool();

  const gs::DType dtype = static_cast<gs::DType>(p.ConsumeIntegralInRange<int>(0, 2));
  const int rank = p.ConsumeBool() ? 4 : 5;
  const bool consistent = p.ConsumeIntegralInRange<int>(0, 7) != 0;  // mostly well-formed calls

  fz::Owned input, grid, out;
  input.view.dtype = dtype;
  input.view.ndim = consistent ? rank : p.ConsumeIntegralInRange<int>(0, gs::kMaxDims);
  for (int i = 0; i < input.view.ndim; ++i) input.view.shape[i] = fz::pick_size(p);
  fz::fill_strides(p, input.view);

  grid.view.dtype = consistent ? (dtype == gs::DType::Float64 ? gs::DType::Float64 : gs::DType::Float32)
                               : static_cast<gs::DType>(p.ConsumeIntegralInRange<int>(0, 2));
  grid.view.ndim = consistent ? rank : p.ConsumeIntegralInRange<int>(0, gs::kMaxDims);
  for (int i = 0; i < grid.view.ndim; ++i) grid.view.shape[i] = fz::pick_size(p);
  if (consistent) {
    grid.view.shape[0] = input.view.shape[0];
    grid.view.shape[rank - 1] = rank - 2;
  }
  fz::fill_strides(p, grid.view);

  out.view.dtype = consistent ? dtype : static_cast<gs::DType>(p.ConsumeIntegralInRange<int>(0, 2));
  out.view.ndim = consistent ? rank : p.ConsumeIntegralInRange<int>(0, gs::kMaxDims);
  for (int i = 0; i < out.view.ndim; ++i) out.view.shape[i] = fz::pick_size(p);
  if (consistent) {
    out.view.shape[0] = input.view.shape[0];
    out.view.shape[1] = input.view.shape[1];
    for (int i = 2; i < rank; ++i) out.view.shape[i] = grid.view.shape[i - 1];
  }
  fz::fill_strides(p, out.view);

  fz::allocate(p, input);
  fz::allocate(p, grid);
  fz::allocate(p, out);
  fz::fill(p, grid, true);
  fz::fill(p, input, false);
  const bool finite_in = fz::all_finite(input);

  // Sometimes point the output into the input's buffer (must be refused if
  // the ranges meet, and must never write outside either buffer).
  if (p.ConsumeIntegralInRange<int>(0, 15) == 0 && input.view.capacity > 0 && out.view.dtype == input.view.dtype) {
    const int64_t off = p.ConsumeIntegralInRange<int64_t>(0, input.view.capacity - 1);
    out.view.data = input.mem.data() + off * gs::dtype_size(input.view.dtype);
    out.view.capacity = input.view.capacity - off;
    gs::grid_sample(input.view, grid.view, out.view, opt);
    return 0;
  }

  const gs::Status st = gs::grid_sample(input.view, grid.view, out.view, opt);
  if (st.is_ok() && finite_in && !fz::all_finite(out)) __builtin_trap();
  if (!st.is_ok() && st.message.rfind("gridSample: ", 0) != 0) __builtin_trap();  // every error names the function
  return 0;
}
