// The checked, normalized form of one adaptive average pooling call, handed
// from the dispatcher (adaptive_pool.cc) to a per-target kernel build
// (kernels.cc). 1D and 2D calls are 3D calls with D (and H) of size 1. Plain
// data and raw pointers only: it is shared across targets.
#pragma once

#include <cstdint>

#include "../common/dispatch.h"
#include "../common/tensor.h"

namespace gs::pool {

// Output o of an axis averages inputs [start[o], end[o]).
struct AxisWindows {
  int64_t in_size = 1, out_size = 1;
  int64_t max_len = 1;  // largest end - start
  const int64_t* start = nullptr;
  const int64_t* end = nullptr;
};

// How sums are accumulated (chosen per call, so never by thread count):
enum class Acc : int {
  Same = 0,    // in the compute type: float32 for float32 and for uint8 (whose
               // sums are then exact integers below 2^24), float64 for float64
  Double = 1,  // in float64: float32 input with large windows, or uint8 sums
               // that could pass 2^24
};

struct Problem {
  DType dtype = DType::Float32;
  Acc acc = Acc::Same;
  int64_t N = 0, C = 0;
  const void* in = nullptr;
  int64_t in_sN = 0, in_sC = 0, in_s[3] = {0, 0, 0};     // D, H, W strides
  void* out = nullptr;
  int64_t out_sN = 0, out_sC = 0, out_s[3] = {0, 0, 0};
  AxisWindows axis[3];  // D, H, W
  bool gather_ok = true;  // a row of W*C values fits 32-bit gather offsets
};

}  // namespace gs::pool

// One build per SIMD target; the entry point picks one (dispatch.h).
GS_DECLARE_KERNELS(pool, void run(const gs::pool::Problem& pb));
