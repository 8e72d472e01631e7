// interpolate: PyTorch 1.13's F.interpolate for the modes nearest,
// nearest-exact, linear / bilinear / trilinear and bicubic (no antialias),
// 1, 2 or 3 spatial dims.
#pragma once

#include "../common/tensor.h"

namespace gs {

enum class ResizeMode : int { Nearest = 0, NearestExact = 1, Linear = 2, Cubic = 3 };

// Where the linear and cubic source index `scale * (o + 0.5) - 0.5` is
// evaluated: in double (PyTorch 1.13's kernels: F.interpolate's semantics
// here) or in the kernel's opmath type, float for float32 (PyTorch >= 2,
// e.g. 2.14: torchvision's resize of a float tensor; it also clamps the
// cubic fraction to [0, 1]). They differ where the index is large (a 1031-row
// float32 image: up to 3e-5).
enum class SourceIndex : int { Double = 0, Opmath = 1 };

// input (N, C, *in_spatial) and out (N, C, *out_spatial), rank 3..5 (cubic:
// 4), same dtype, any non-negative strides, not overlapping. `scales` holds
// one entry per spatial dim (innermost last): the user's scale factor as
// PyTorch hands it to its kernel, or 0 to derive the scale from the sizes.
// Re-checks everything: a caller that skipped the TypeScript checks cannot
// read or write outside the buffers.
Status interpolate(const TensorView& input, const TensorView& out, ResizeMode mode, bool align_corners,
                   const double* scales, int num_scales, SourceIndex index = SourceIndex::Double);

}  // namespace gs
