// affine_grid: PyTorch's F.affine_grid (1.13) for 2D and 3D affine maps.
#pragma once

#include "../common/tensor.h"

namespace gs {

// theta (N,2,3) with out (N,H,W,2), or theta (N,3,4) with out (N,D,H,W,3);
// float32 or float64, out of theta's dtype and contiguous; theta may have any
// non-negative strides. Re-checks every shape and bound, so a caller that
// skipped the TypeScript checks still cannot read or write outside the buffers.
Status affine_grid(const TensorView& theta, const TensorView& out, bool align_corners);

}  // namespace gs
