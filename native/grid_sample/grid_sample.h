// grid_sample: PyTorch's F.grid_sample (1.13) for 4D and 5D input.
#pragma once

#include "../common/tensor.h"

namespace gs {

enum class Interp : int { Bilinear = 0, Nearest = 1, Bicubic = 2 };
enum class Padding : int { Zeros = 0, Border = 1, Reflection = 2 };

struct GridSampleOptions {
  Interp mode = Interp::Bilinear;
  Padding padding = Padding::Zeros;
  bool align_corners = false;
};

// input (N,C,H,W) or (N,C,D,H,W), any non-negative strides; grid (N,Ho,Wo,2)
// or (N,Do,Ho,Wo,3) of the compute dtype (float32 for uint8 input); out
// contiguous (N,C,Ho,Wo) / (N,C,Do,Ho,Wo) of the input dtype. Re-checks every
// shape and bound, so a caller that skipped the TypeScript checks still cannot
// read or write outside the buffers.
//
// `fill` (optional, C values): torchvision's fill blend for its geometric
// transforms. The input is sampled as if it had an extra channel of ones (the
// mask m, zeros padding); then per channel out = (v - fill) * m + fill, or
// for nearest, m < 0.5 ? fill : v, in the compute type, before uint8 rounding.
Status grid_sample(const TensorView& input, const TensorView& grid, const TensorView& out,
                   const GridSampleOptions& options, const double* fill = nullptr);

}  // namespace gs
