// Fixed-point tap tables of one axis, as Pillow (Resample.c precompute_coeffs
// + normalize_coeffs_8bpc) and ATen (UpSampleKernel.cpp
// _compute_index_ranges_int16_weights) build them: weights computed in
// double, normalised to sum 1, then scaled to integers with `precision`
// fractional bits. Output i reads inputs [start[i], start[i] + count[i]).
#pragma once

#include <cstdint>
#include <vector>

#include "resize.h"

namespace gs::imgresize {

struct TapTable {
  int64_t in_size = 0, out_size = 0;
  int K = 0;          // weights per output in `w` (zero beyond count)
  int precision = 0;  // fractional bits: sum = 2^(p-1) + sum(px * w); px = clamp(sum >> p)
  std::vector<int32_t> start, count, w;
};

// Pillow: precision 22 (PRECISION_BITS = 32 - 8 - 2), int32 weights.
TapTable pillow_taps(int64_t in, int64_t out, ImageFilter filter);
// torch: 16-bit weights at the largest precision (< 22 bits) that keeps the
// largest weight of the axis below 2^15. antialias false: torch's fixed
// bilinear / bicubic (a = -0.75) taps with edge weights folded inwards.
TapTable torch_taps(int64_t in, int64_t out, ImageFilter filter, bool antialias);

// Pillow's NEAREST (ImagingScaleAffine): the source index of each output,
// -1 where none (never for a plain resize).
std::vector<int32_t> pillow_nearest(int64_t in, int64_t out);

}  // namespace gs::imgresize
