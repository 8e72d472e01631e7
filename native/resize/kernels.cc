// NOTE [ uint8 image resize kernels ]
//
// Pillow's ImagingResample and ATen's separable uint8 resize compute the same
// shape of thing: a horizontal pass (only when the width changes) into an
// 8-bit intermediate, then a vertical pass (only when the height changes),
// each output value `clamp((2^(p-1) + sum(px_k * w_k)) >> p, 0, 255)` with
// integer weights w_k of p fractional bits (taps.cc). All of it is integer
// arithmetic, so every SIMD target, layout and thread count gives the same
// bits by construction; the vector code only has to add the same products.
//
// * Horizontal pass: one output pixel at a time, its `pix` channels side by
//   side; per tap, one pixel's values times one weight.
// * Vertical pass: a row is `Wo * pix` contiguous values; the taps' rows are
//   summed into 32-bit accumulators over a chunk of the row (a loop the
//   compiler vectorises: widen, multiply, add).
// Only the intermediate rows some output reads are computed (Pillow's
// ybox_first .. ybox_last); every row is the same function of the input,
// whoever computes it.
//
// Compiled once per SIMD target inside GS_ISA_NS; resize.cc picks one.
#include <algorithm>
#include <cstring>
#include <memory>

#include "../common/parallel.h"
#include "problem.h"

namespace gs::GS_ISA_NS::imgresize {

using gs::imgresize::Axis;
using gs::imgresize::Images;
using gs::imgresize::Problem;

inline uint8_t clamp8(int32_t v) { return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v); }

inline uint8_t* row_of(const Images& im, const Problem& pb, int64_t i, int64_t y) {
  return im.base + (i / pb.inner) * im.s_outer + (i % pb.inner) * im.s_inner + y * im.s_row;
}

// One row of the horizontal pass: Wo pixels of PIX values (PIX = 0: pix at run time).
template <int PIX>
void hrow(const uint8_t* src, uint8_t* dst, int64_t Wo, int pix_rt, const Axis& ax) {
  const int pix = PIX > 0 ? PIX : pix_rt;
  const int32_t init = int32_t(1) << (ax.precision - 1);
  const int shift = ax.precision;
  for (int64_t x = 0; x < Wo; ++x) {
    const int32_t* w = ax.w + x * ax.K;
    const uint8_t* s = src + static_cast<int64_t>(ax.start[x]) * pix;
    const int n = ax.count[x];
    if (PIX > 0) {
      int32_t acc[PIX > 0 ? PIX : 1];
      for (int c = 0; c < PIX; ++c) acc[c] = init;
      for (int k = 0; k < n; ++k)
        for (int c = 0; c < PIX; ++c) acc[c] += static_cast<int32_t>(s[k * PIX + c]) * w[k];
      for (int c = 0; c < PIX; ++c) dst[x * PIX + c] = clamp8(acc[c] >> shift);
    } else {
      for (int c = 0; c < pix; ++c) {
        int32_t acc = init;
        for (int k = 0; k < n; ++k) acc += static_cast<int32_t>(s[k * pix + c]) * w[k];
        dst[x * pix + c] = clamp8(acc >> shift);
      }
    }
  }
}

void hrow_any(const uint8_t* src, uint8_t* dst, int64_t Wo, int pix, const Axis& ax) {
  switch (pix) {
    case 1: return hrow<1>(src, dst, Wo, 1, ax);
    case 2: return hrow<2>(src, dst, Wo, 2, ax);
    case 3: return hrow<3>(src, dst, Wo, 3, ax);
    case 4: return hrow<4>(src, dst, Wo, 4, ax);
    default: return hrow<0>(src, dst, Wo, pix, ax);
  }
}

// One output row of the vertical pass over `len` values: the rows
// src + (start + k - row0) * s_row, k < count (`src` holds rows from row0 on).
void vrow(const uint8_t* src, int64_t row0, int64_t s_row, uint8_t* dst, int64_t len, const Axis& ax, int64_t y) {
  constexpr int64_t kChunk = 1024;
  alignas(64) int32_t acc[kChunk];
  const int32_t* w = ax.w + y * ax.K;
  const int n = ax.count[y];
  const uint8_t* first = src + (static_cast<int64_t>(ax.start[y]) - row0) * s_row;
  const int32_t init = int32_t(1) << (ax.precision - 1);
  const int shift = ax.precision;
  for (int64_t j0 = 0; j0 < len; j0 += kChunk) {
    const int64_t m = std::min(kChunk, len - j0);
    for (int64_t j = 0; j < m; ++j) acc[j] = init;
    for (int k = 0; k < n; ++k) {
      const uint8_t* s = first + k * s_row + j0;
      const int32_t wk = w[k];
      for (int64_t j = 0; j < m; ++j) acc[j] += static_cast<int32_t>(s[j]) * wk;
    }
    for (int64_t j = 0; j < m; ++j) dst[j0 + j] = clamp8(acc[j] >> shift);
  }
}

void run_impl(const Problem& pb) {
  const int64_t in_len = pb.W * pb.pix, out_len = pb.Wo * pb.pix;
  if (!pb.need_h && !pb.need_v) {
    parallel_for(0, pb.images * pb.Ho, 64, [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r)
        std::memcpy(row_of(pb.out, pb, r / pb.Ho, r % pb.Ho), row_of(pb.in, pb, r / pb.Ho, r % pb.Ho), static_cast<size_t>(out_len));
    });
    return;
  }
  if (!pb.need_v) {
    parallel_for(0, pb.images * pb.Ho, 8, [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r)
        hrow_any(row_of(pb.in, pb, r / pb.Ho, r % pb.Ho), row_of(pb.out, pb, r / pb.Ho, r % pb.Ho), pb.Wo, pb.pix, pb.horiz);
    });
    return;
  }
  if (!pb.need_h) {
    parallel_for(0, pb.images * pb.Ho, 8, [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r) {
        const int64_t i = r / pb.Ho, y = r % pb.Ho;
        vrow(row_of(pb.in, pb, i, 0), 0, pb.in.s_row, row_of(pb.out, pb, i, y), in_len, pb.vert, y);
      }
    });
    return;
  }
  // Both passes: the intermediate rows [first, last) the vertical taps read.
  const int64_t first = pb.vert.start[0];
  const int64_t last = static_cast<int64_t>(pb.vert.start[pb.Ho - 1]) + pb.vert.count[pb.Ho - 1];
  const int64_t rows = std::max<int64_t>(last - first, 1);
  std::unique_ptr<uint8_t[]> tmp(new uint8_t[static_cast<size_t>(pb.images * rows * out_len)]);
  parallel_for(0, pb.images * rows, 8, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t i = r / rows, y = r % rows;
      hrow_any(row_of(pb.in, pb, i, first + y), tmp.get() + r * out_len, pb.Wo, pb.pix, pb.horiz);
    }
  });
  parallel_for(0, pb.images * pb.Ho, 8, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t i = r / pb.Ho, y = r % pb.Ho;
      vrow(tmp.get() + i * rows * out_len, first, out_len, row_of(pb.out, pb, i, y), out_len, pb.vert, y);
    }
  });
}

// The entry functions dispatch.h exports (declared in problem.h).
void run(const Problem& pb) { run_impl(pb); }

}  // namespace gs::GS_ISA_NS::imgresize
