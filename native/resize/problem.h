// The normalized form of one uint8 image resize, handed from the entry point
// (resize.cc) to a per-target kernel build (kernels.cc). Plain data only.
//
// The kernels see independent images whose rows are runs of `pix`-value
// pixels: an interleaved (channels-last) image is one image of pix = C, a
// planar one is C images of pix = 1. Image i starts at
// (i / inner) * s_outer + (i % inner) * s_inner (inner = C for planar, 1
// otherwise); row y at + y * s_row; a row's values are contiguous.
#pragma once

#include <cstdint>

#include "../common/dispatch.h"

namespace gs::imgresize {

struct Axis {
  int K = 0, precision = 0;
  const int32_t* start = nullptr;  // [out]
  const int32_t* count = nullptr;  // [out]
  const int32_t* w = nullptr;      // [out * K]
};

struct Images {
  uint8_t* base = nullptr;
  int64_t s_outer = 0, s_inner = 0, s_row = 0;
};

struct Problem {
  int64_t images = 0, inner = 1;
  int pix = 1;
  int64_t H = 0, W = 0, Ho = 0, Wo = 0;
  Images in, out;  // in.base is only read
  bool need_h = false, need_v = false;
  Axis horiz, vert;
};

}  // namespace gs::imgresize

// One build per SIMD target; the entry point picks one (dispatch.h).
GS_DECLARE_KERNELS(imgresize, void run(const gs::imgresize::Problem& pb));
