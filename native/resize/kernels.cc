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
#include <type_traits>
#include <vector>

#include "../common/parallel.h"
#include "problem.h"

#include "../common/simd.h"

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


#if GS_SIMD_U8DOT
// ---- Vector horizontal pass (simd::U8Dot) --------------------------------
// Pixels are widened to int16 and multiplied by int16 weights, two taps of a
// channel per pair of products. ATen's weights are int16 already. Pillow's
// are 22-bit: they are split as w = hi * 2^8 + lo (lo in [0, 256)) and the
// two sums combined as (hi_sum << 8) + lo_sum, exact in wrapping 32-bit
// arithmetic because the true sum fits in int32 (it does in Pillow's code).
//
// A group of taps is read with one 16-byte load; a group whose load would
// pass the end of the row is summed by the scalar loop instead (weights past
// `count` are zero, so a full group may read a few valid pixels it ignores).

struct HWeights {
  int groups = 0;                 // per output
  bool split = false;             // Pillow: hi and lo vectors
  std::unique_ptr<int16_t[]> hi;  // [out][groups][16]
  std::unique_ptr<int16_t[]> lo;
};

template <int PIX>
HWeights prepare_hweights(const Axis& ax, int64_t Wo) {
  using D = simd::U8Dot<PIX>;
  constexpr int T = D::kTaps;
  HWeights hw;
  hw.groups = (ax.K + T - 1) / T;
  // ATen's weights are int16 by construction; Pillow's 22-bit ones are not.
  for (int64_t j = 0; j < Wo * ax.K && !hw.split; ++j) hw.split = ax.w[j] < -32768 || ax.w[j] > 32767;
  const size_t n = static_cast<size_t>(Wo) * hw.groups * 16;
  hw.hi.reset(new int16_t[n]());
  if (hw.split) hw.lo.reset(new int16_t[n]());
  for (int64_t x = 0; x < Wo; ++x) {
    for (int k = 0; k < ax.count[x]; ++k) {
      const int32_t w = ax.w[x * ax.K + k];
      const int16_t h = static_cast<int16_t>(hw.split ? (w >> 8) : w);
      const int16_t l = static_cast<int16_t>(w & 255);
      const int g = k / T, t = k % T;
      int16_t* H = hw.hi.get() + (x * hw.groups + g) * 16;
      int16_t* L = hw.split ? hw.lo.get() + (x * hw.groups + g) * 16 : nullptr;
      for (int c = 0; c < (PIX == 1 ? 1 : 4); ++c) {
        H[D::pair_weight_lane(t, c)] = h;
        if (L) L[D::pair_weight_lane(t, c)] = l;
      }
    }
  }
  return hw;
}

// Vector groups of output x whose 16-byte load stays inside the row.
template <int PIX>
std::vector<int32_t> vector_groups(const Axis& ax, int64_t W, int64_t Wo) {
  constexpr int T = simd::U8Dot<PIX>::kTaps;
  std::vector<int32_t> g(Wo);
  for (int64_t x = 0; x < Wo; ++x) {
    int n = 0;
    for (int k = 0; k < ax.count[x] && (ax.start[x] + k) * PIX + 16 <= W * PIX; k += T) ++n;
    g[x] = n;
  }
  return g;
}

// The channel sums of output x for R rows over the taps the vector loads reach.
template <int PIX, int R, bool SPLIT>
inline void accumulate(const uint8_t* const* src, int64_t x, const Axis& ax, const HWeights& hw, int G,
                       typename simd::U8Dot<PIX>::Sums* sums) {
  using D = simd::U8Dot<PIX>;
  constexpr int T = D::kTaps;
  const int64_t off = static_cast<int64_t>(ax.start[x]) * PIX;
  const int16_t* H = hw.hi.get() + x * hw.groups * 16;
  const int16_t* L = SPLIT ? hw.lo.get() + x * hw.groups * 16 : nullptr;
  typename D::Acc acc[R], acc_l[R];
  for (int r = 0; r < R; ++r) acc[r] = acc_l[r] = D::zero();
  for (int g = 0; g < G; ++g) {
    const auto wh = D::weights(H + g * 16);
    const auto wl = SPLIT ? D::weights(L + g * 16) : wh;
    for (int r = 0; r < R; ++r) {
      const auto v = D::group(src[r] + off + g * T * PIX);
      acc[r] = D::madd(acc[r], v, wh);
      if (SPLIT) acc_l[r] = D::madd(acc_l[r], v, wl);
    }
  }
  for (int r = 0; r < R; ++r) sums[r] = D::channel_sums(SPLIT ? D::combine(acc[r], acc_l[r]) : acc[r]);
}

// R rows at once (they share the weight loads): src[r] -> dst[r]. Outputs
// go in blocks of 4 (one rounding and store for the block) where no tap
// needs the scalar loop; the rest one at a time.
template <int PIX, int R, bool SPLIT>
void hrows_vec(const uint8_t* const* src, uint8_t* const* dst, int64_t Wo, const Axis& ax, const HWeights& hw,
               const int32_t* ngroups) {
  using D = simd::U8Dot<PIX>;
  constexpr int T = D::kTaps;
  const int32_t init = int32_t(1) << (ax.precision - 1);
  const int shift = ax.precision;
  const int64_t row_bytes = Wo * PIX;
  int64_t x = 0;
  for (; x + 4 <= Wo; x += 4) {
    bool clean = true;
    for (int i = 0; i < 4; ++i) clean &= ngroups[x + i] * T >= ax.count[x + i];
    if (!clean) break;
    typename D::Sums q[R][4];  // rounded channel sums of the block's outputs
    for (int i = 0; i < 4; ++i) {
      typename D::Sums s[R];
      accumulate<PIX, R, SPLIT>(src, x + i, ax, hw, ngroups[x + i], s);
      for (int r = 0; r < R; ++r) q[r][i] = D::round(s[r], init, shift);
    }
    for (int r = 0; r < R; ++r) D::store4(q[r], dst[r] + x * PIX, x * PIX + 16 <= row_bytes);
  }
  for (; x < Wo; ++x) {
    const int G = ngroups[x];
    const int n = ax.count[x];
    typename D::Sums s[R];
    accumulate<PIX, R, SPLIT>(src, x, ax, hw, G, s);
    for (int r = 0; r < R; ++r) {
      typename D::Sums sum = s[r];
      int k = G * T;
      if (k < n) {  // taps the vector loads could not reach (the end of the row)
        int32_t t[4];
        D::to_array(sum, t);
        const uint8_t* p = src[r] + static_cast<int64_t>(ax.start[x]) * PIX;
        const int32_t* w = ax.w + x * ax.K;
        for (; k < n; ++k)
          for (int c = 0; c < PIX; ++c) t[c] += static_cast<int32_t>(p[k * PIX + c]) * w[k];
        sum = D::from_array(t);
      }
      const uint32_t px = D::bytes(D::round(sum, init, shift));
      if ((x + 1) * PIX + (4 - PIX) <= row_bytes) {
        std::memcpy(dst[r] + x * PIX, &px, 4);  // PIX < 4: the next outputs overwrite the spill
      } else {
        for (int c = 0; c < PIX; ++c) dst[r][x * PIX + c] = static_cast<uint8_t>(px >> (8 * c));
      }
    }
  }
}
#endif

// The horizontal pass over `rows` rows: row r reads src(r), writes dst(r).
template <class Src, class Dst>
void hpass(const Problem& pb, int64_t rows, Src src, Dst dst) {
  const Axis& ax = pb.horiz;
#if GS_SIMD_U8DOT
  auto vec = [&](auto pix_tag) {
    constexpr int PIX = decltype(pix_tag)::value;
    const HWeights hw = prepare_hweights<PIX>(ax, pb.Wo);
    const std::vector<int32_t> ng = vector_groups<PIX>(ax, pb.W, pb.Wo);
    // Four rows at a time share each output's tap setup and weight loads.
    parallel_for(0, (rows + 3) / 4, 2, [&](int64_t b, int64_t e) {
      for (int64_t q = b; q < e; ++q) {
        const int64_t r = 4 * q;
        const int n = static_cast<int>(std::min<int64_t>(4, rows - r));
        const uint8_t* s4[4];
        uint8_t* d4[4];
        for (int i = 0; i < n; ++i) {
          s4[i] = src(r + i);
          d4[i] = dst(r + i);
        }
        auto go = [&](auto split_tag) {
          constexpr bool SPLIT = decltype(split_tag)::value;
          switch (n) {
            case 4: return hrows_vec<PIX, 4, SPLIT>(s4, d4, pb.Wo, ax, hw, ng.data());
            case 3: return hrows_vec<PIX, 3, SPLIT>(s4, d4, pb.Wo, ax, hw, ng.data());
            case 2: return hrows_vec<PIX, 2, SPLIT>(s4, d4, pb.Wo, ax, hw, ng.data());
            default: return hrows_vec<PIX, 1, SPLIT>(s4, d4, pb.Wo, ax, hw, ng.data());
          }
        };
        if (hw.split) go(std::true_type{});
        else go(std::false_type{});
      }
    });
  };
  if (pb.pix == 1) return vec(std::integral_constant<int, 1>{});
  if (pb.pix == 3) return vec(std::integral_constant<int, 3>{});
  if (pb.pix == 4) return vec(std::integral_constant<int, 4>{});
#endif
  parallel_for(0, rows, 8, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) hrow_any(src(r), dst(r), pb.Wo, pb.pix, ax);
  });
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
    hpass(pb, pb.images * pb.Ho, [&](int64_t r) { return row_of(pb.in, pb, r / pb.Ho, r % pb.Ho); },
          [&](int64_t r) { return row_of(pb.out, pb, r / pb.Ho, r % pb.Ho); });
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
  uint8_t* t = tmp.get();
  hpass(pb, pb.images * rows, [&](int64_t r) { return row_of(pb.in, pb, r / rows, first + r % rows); },
        [&](int64_t r) { return t + r * out_len; });
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
