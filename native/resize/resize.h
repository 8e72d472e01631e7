// image_resize: the uint8 image resizes of the Python data-loading stacks,
// bit for bit: Pillow's Image.resize (backend 'pil') and torch >= 2.1's
// fixed-point uint8 kernels behind torchvision.transforms.v2.resize
// (backend 'tensor'). Float images and torch's nearest modes go through
// interpolate; this family is the integer arithmetic.
#pragma once

#include "../common/tensor.h"

namespace gs {

enum class ImageFilter : int { Nearest = 0, Box = 1, Bilinear = 2, Hamming = 3, Bicubic = 4, Lanczos = 5 };
enum class ImageReference : int { Pillow = 0, Torch = 1 };

struct ImageResizeOptions {
  ImageFilter filter = ImageFilter::Bilinear;
  ImageReference reference = ImageReference::Torch;
  // Torch only (Pillow always antialiases): false gives torch's
  // antialias=False taps for bilinear and bicubic.
  bool antialias = true;
};

// input (N, C, H, W) uint8 with any non-negative strides; out (N, C, Ho, Wo)
// uint8, any strides, not overlapping the input. Pillow: C in 1..4, and 2 / 4
// channels (LA / RGBA) go through premultiplied alpha as Image.resize does.
// Torch: any C, filters other than Nearest. Re-checks every shape and bound.
Status image_resize(const TensorView& input, const TensorView& out, const ImageResizeOptions& options);

}  // namespace gs
