// adaptive_avg_pool: PyTorch's adaptive_avg_pool1d/2d/3d (1.13), also what
// F.interpolate(mode='area') computes.
#pragma once

#include "../common/tensor.h"

namespace gs {

// input (N, C, L), (N, C, H, W) or (N, C, D, H, W) with any non-negative
// strides and non-empty spatial dims; out of the same rank and dtype, N and C
// of the input, any non-negative strides, not overlapping the input; out's
// spatial sizes are the output sizes (0 allowed: nothing to do). uint8 is
// computed like float32, rounded half to even and clamped to [0, 255].
Status adaptive_avg_pool(const TensorView& input, const TensorView& out);

}  // namespace gs
