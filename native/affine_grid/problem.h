// The checked, normalized form of one affine_grid call, handed from the
// dispatcher (affine_grid.cc) to a per-target kernel build (kernels.cc).
// 2D calls use D = 1. Plain data only: it is shared across targets.
#pragma once

#include <cstdint>

#include "../common/dispatch.h"
#include "../common/tensor.h"

namespace gs::affine {

struct Problem {
  int dims = 2;                    // spatial rank, 2 or 3
  DType dtype = DType::Float32;    // theta's and the output's
  int64_t N = 0, D = 1, H = 1, W = 1;
  const void* theta = nullptr;     // (N, dims, dims + 1), strides th_s
  int64_t th_s[3] = {0, 0, 0};
  const void* base[3] = {};        // base coordinates of the z, y, x axes (D, H, W points)
  void* out = nullptr;             // contiguous (N, [D,] H, W, dims)
  bool blas = false;               // bmm's summation order: OpenBLAS (fused) or ATen's loop
};

}  // namespace gs::affine

// One build per SIMD target; the entry point picks one (dispatch.h).
GS_DECLARE_KERNELS(affine, void run(const gs::affine::Problem& pb));
