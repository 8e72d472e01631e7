// The checked, normalized form of one antialiased resize, handed from the
// dispatcher (antialias.cc) to a per-target kernel build (kernels.cc). Plain
// data and raw pointers only: it is shared across targets, so no std
// container may be instantiated in the per-target code through it.
#pragma once

#include <cstdint>

#include "../common/dispatch.h"
#include "../common/tensor.h"

namespace gs::aa {

// The taps of one axis: output i reads inputs [start[i], start[i] + count[i])
// with weights w[i*K .. i*K + count[i]) (normalized to sum 1; entries up to K
// are zero). `w` is float for float32/uint8 and double for float64.
struct AxisTaps {
  int64_t in_size = 0, out_size = 0;
  int K = 0;
  const int64_t* start = nullptr;
  const int32_t* count = nullptr;
  const void* w = nullptr;
};

struct Problem {
  DType dtype = DType::Float32;  // input and output dtype
  int64_t N = 0, C = 0;
  const void* in = nullptr;
  int64_t in_sN = 0, in_sC = 0, in_sH = 0, in_sW = 0;  // element strides
  void* out = nullptr;
  int64_t out_sN = 0, out_sC = 0, out_sH = 0, out_sW = 0;
  AxisTaps h, w;  // vertical (H) and horizontal (W) taps
  bool wide_index = false;  // a row offset needs 64 bits: baseline build only
};

}  // namespace gs::aa

// One build per SIMD target; the entry point picks one (dispatch.h).
GS_DECLARE_KERNELS(aa, void run(const gs::aa::Problem& pb));
