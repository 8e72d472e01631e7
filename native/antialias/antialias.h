// interpolate_antialias: PyTorch 1.13's _upsample_bilinear2d_aa and
// _upsample_bicubic2d_aa (F.interpolate(..., antialias=True)) for 4D input.
#pragma once

#include "../common/tensor.h"

namespace gs {

// Lanczos (a = 3): PyTorch >= 2's mode='lanczos' (torchvision's LANCZOS on float tensors).
enum class AntialiasFilter : int { Bilinear = 0, Bicubic = 1, Lanczos = 2 };

struct AntialiasOptions {
  AntialiasFilter filter = AntialiasFilter::Bilinear;
  bool align_corners = false;
  // The user's scale factor per spatial dim (H, W) as PyTorch hands it to its
  // kernel, or 0 (or less) when the scale is to be derived from the sizes.
  double scales[2] = {0, 0};
};

// input (N, C, H, W) with any non-negative strides; out (N, C, Ho, Wo) of the
// same dtype with any non-negative strides, not overlapping the input. uint8
// is computed in float32, then rounded half to even and clamped to [0, 255].
// Re-checks every shape and bound (a caller that skipped the TypeScript
// checks still cannot read or write outside the buffers).
Status interpolate_antialias(const TensorView& input, const TensorView& out, const AntialiasOptions& options);

}  // namespace gs
