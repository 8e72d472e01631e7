// The checked, normalized form of one interpolate call, handed from the
// dispatcher (interpolate.cc) to a per-target kernel build (kernels.cc).
// Spatial axes are always (D, H, W): lower ranks use size 1 with one tap of
// index 0 on the missing axes. Plain data only: it is shared across targets.
#pragma once

#include <cstdint>

#include "../common/dispatch.h"
#include "../common/tensor.h"
#include "interpolate.h"

namespace gs::interp {

// Source taps of one output axis, computed once per call by the dispatcher in
// PyTorch's arithmetic (coords.h): for output index o, taps
// index[o*taps + j] (input index on this axis) with weights
// weight[o*taps + j] (float for float32/uint8, double for float64; absent
// for the nearest modes, which have one tap and no weight).
struct AxisTaps {
  int taps = 1;
  const int64_t* index = nullptr;
  const void* weight = nullptr;
};

struct Problem {
  ResizeMode mode = ResizeMode::Nearest;
  DType dtype = DType::Float32;
  int dims = 2;
  int64_t N = 0, C = 0;
  int64_t in_size[3] = {1, 1, 1}, out_size[3] = {1, 1, 1};
  int64_t in_stride[3] = {0, 0, 0}, out_stride[3] = {0, 0, 0};
  int64_t in_sN = 0, in_sC = 0, out_sN = 0, out_sC = 0;
  const void* in = nullptr;
  void* out = nullptr;
  AxisTaps axis[3];
  // Rows are (W, C) interleaved: out is channels-last, so one output row of
  // W*C elements is produced at a time (vectorised over the flattened row).
  bool channels_last = false;
  bool wide_index = false;  // in-row offsets need 64 bits (baseline only)
};

}  // namespace gs::interp

// One build per SIMD target; the entry point picks one (dispatch.h).
GS_DECLARE_KERNELS(interp, void run(const gs::interp::Problem& pb));
