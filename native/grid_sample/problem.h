// The checked, normalized form of one grid_sample call, handed from the
// dispatcher (grid_sample.cc) to a per-target kernel build (kernels.cc).
// 2D calls use D = Do = 1. Plain data only: it is shared across targets.
#pragma once

#include <cstdint>

#include "../common/dispatch.h"
#include "../common/tensor.h"
#include "grid_sample.h"

namespace gs::grid {

struct Problem {
  int dims = 2;  // spatial rank, 2 or 3
  int64_t N = 0, C = 0;
  int64_t in_size[3] = {1, 1, 1};    // D, H, W
  int64_t in_stride[3] = {0, 0, 0};  // sD, sH, sW (elements)
  int64_t in_sN = 0, in_sC = 0;
  const void* in = nullptr;
  DType dtype = DType::Float32;      // input and output dtype
  int64_t out_size[3] = {1, 1, 1};   // Do, Ho, Wo
  const void* grid = nullptr;        // float64 for float64 input, else float32
  int64_t g_sN = 0, g_stride[3] = {0, 0, 0}, g_sCoord = 0;  // sDo, sHo, sWo
  void* out = nullptr;               // contiguous (N, C, Do, Ho, Wo)
  GridSampleOptions opt;
  const double* fill = nullptr;      // C fill values (torchvision's blend) or none
  bool wide_index = false;           // plane offsets need 64 bits
};

}  // namespace gs::grid

// One build per SIMD target; the entry point picks one (dispatch.h).
GS_DECLARE_KERNELS(grid, void run(const gs::grid::Problem& pb));
