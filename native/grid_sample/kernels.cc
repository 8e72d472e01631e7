// NOTE [ grid_sample kernels ]
//
// This file is compiled once per SIMD target (baseline, AVX2+FMA, AVX-512),
// each time inside its own namespace (GS_ISA_NS); grid_sample.cc picks one at
// run time. It has three parts, after ATen's GridSamplerKernel.cpp:
//
// 1. `Axis<T, Dims, Padding, AlignCorners>` maps a grid value to a source
//    coordinate on one input axis: NaN read as -1, unnormalize, padding. 2D
//    and 3D use the rounding of PyTorch's vectorized resp. scalar kernel.
//
// 2. `Locator<..., Mode>` turns one block of up to kBlock output positions
//    (part of one output row) into a tap table: for every tap an offset into
//    an input plane (negative = outside, reads 0) and its weights. This is the
//    only per-position work; it is done once and reused for every channel.
//
// 3. `Sampler` runs the channel loop: for each channel, masked gathers of the
//    taps of the whole block and the weighted sum, in PyTorch's order of
//    operations. Channels outer, positions inner: one input plane is hot in
//    cache at a time, instead of C planes per position. Prefetches (values
//    unchanged) hide memory latency: of the next channel's plane when planes
//    are small, of the taps some positions ahead when a plane is larger than
//    the cache.
//
// Work items are (n, output row, block) and are spread over the thread pool,
// so a single image uses every thread; items never share output, so results
// do not depend on the thread count.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "../common/parallel.h"
#include "../common/simd.h"
#include "coords.h"
#include "problem.h"

namespace gs::GS_ISA_NS::grid {

using gs::grid::Problem;

#if defined(__GNUC__)
#define GS_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define GS_ALWAYS_INLINE inline
#endif

constexpr int kBlock = 128;  // output positions per tap table (multiple of 16)

template <class T>
constexpr T min_of(T a, T b) { return b < a ? b : a; }

// Offsets of valid taps are >= 0 and below 2^29 (int32) / 2^60 (int64); a
// tap outside the input gets kOutside on that axis, so any sum over axes that
// includes one is negative.
template <class Index>
constexpr Index kOutside = -(Index(1) << (sizeof(Index) == 4 ? 29 : 60));

template <class T, int Dims, Padding P, bool AC>
struct Axis {
  using Un = std::conditional_t<Dims == 2, Unnormalize2d<T, AC>, Unnormalize3d<T, AC>>;
  using Re = std::conditional_t<Dims == 2, Reflect2d<T, AC>, Reflect3d<T, AC>>;
  Un un;
  Re re;
  int64_t n, stride;
  T max_val, lo, hi;

  Axis() : Axis(1, 0) {}
  Axis(int64_t size, int64_t stride_)
      : un(size), re(size), n(size), stride(stride_), max_val(static_cast<T>(size - 1)),
        lo(T(-8)), hi(static_cast<T>(size) + T(8)) {}

  // PyTorch documents "NaN values in grid are interpreted as -1": we do so on
  // every path (its CPU kernels disagree with each other there).
  T unnormalize(T g) const { return un(g == g ? g : T(-1)); }

  // Far outside coordinates are pinned to a point outside the taps' reach, so
  // the integer conversion below is always defined; the result is unchanged.
  T guard(T c) const {
    c = c > lo ? c : lo;
    return c < hi ? c : hi;
  }

  // Padding of an unnormalized coordinate (bilinear, nearest, and every
  // bicubic tap). Zeros keeps the coordinate; border clips; reflection
  // reflects then clips. A reflected infinity is NaN and clips to 0.
  T pad(T c) const {
    if constexpr (P == Padding::Border) return clip(c, max_val);
    else if constexpr (P == Padding::Reflection) return clip(re(c), max_val);
    else return guard(c);
  }

  // Bicubic works on the unpadded coordinate: keep it as PyTorch does (its
  // taps are padded one by one, so far coordinates are harmless) except an
  // infinity, which has no fractional part: reflection pins it to 0 like the
  // other modes, zeros and border to a point beyond the taps' reach.
  T cubic_source(T c) const {
    if (std::fabs(c) <= std::numeric_limits<T>::max()) return c;
    if constexpr (P == Padding::Reflection) return T(0);
    else return guard(c);
  }

  template <class Index>
  Index offset(Index i) const {
    // In Index arithmetic, without a short circuit, so the locate loops
    // vectorize: int32 only runs when every in-plane offset is below 2^29
    // (grid_sample.cc), so neither n, stride nor i * stride overflow it.
    const Index n_ = static_cast<Index>(n), stride_ = static_cast<Index>(stride);
    const bool inside = (i >= 0) & (i < n_);
    return inside ? i * stride_ : kOutside<Index>;
  }
};

// The tap table of one work item: for tap t, off(t)[q] is the offset of that
// tap of position q in an input plane (negative: outside, reads 0); w(r)[q]
// are the weights. Rows are padded to whole vectors; padding lanes read
// nothing. Plain new[]: no std container is instantiated per target.
template <class T, class Index, int Taps, int WeightRows>
class Table {
 public:
  static constexpr int kTaps = Taps;
  static constexpr int kWeightRows = WeightRows;
  static constexpr int64_t kBytesPerPosition = Taps * sizeof(Index) + WeightRows * sizeof(T);

  explicit Table(int64_t capacity)
      : stride_((capacity + 15) / 16 * 16),
        off_(new Index[stride_ * Taps]),
        w_(new T[stride_ * (WeightRows > 0 ? WeightRows : 1)]) {}
  ~Table() {
    delete[] off_;
    delete[] w_;
  }
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  Index* off(int t) { return off_ + t * stride_; }
  const Index* off(int t) const { return off_ + t * stride_; }
  T* w(int r) { return w_ + r * stride_; }
  const T* w(int r) const { return w_ + r * stride_; }

  // Positions [len, padded end) read nothing and weigh nothing.
  void pad_from(int64_t len) {
    for (int t = 0; t < Taps; ++t)
      for (int64_t q = len; q < stride_; ++q) off(t)[q] = -1;
    for (int r = 0; r < WeightRows; ++r)
      for (int64_t q = len; q < stride_; ++q) w(r)[q] = T(0);
  }

 private:
  int64_t stride_;
  Index* off_;
  T* w_;
};

// Each locate() fills table positions [base, base + len) from the grid values
// g[a][0..len) of axis a (z, y, x order), len <= kBlock.
template <class T, class Index, int Dims, Padding P, bool AC, Interp M>
struct Locator;

// ---- nearest: one tap. 2D rounds half to even (ATen's vectorized round);
// 3D rounds half away from zero (std::round in ATen 1.13's scalar kernel).
template <class T, class Index, int Dims, Padding P, bool AC>
struct Locator<T, Index, Dims, P, AC, Interp::Nearest> {
  using Tab = Table<T, Index, 1, 0>;

  static void locate(const Axis<T, Dims, P, AC> (&axes)[Dims], const T (&g)[Dims][kBlock],
                     int len, Tab& tab, int64_t base) {
    Index* off = tab.off(0) + base;
    for (int p = 0; p < len; ++p) off[p] = 0;
    for (int a = 0; a < Dims; ++a) {
      const auto& ax = axes[a];
      for (int p = 0; p < len; ++p) {
        T c = ax.pad(ax.unnormalize(g[a][p]));
        Index i = static_cast<Index>(Dims == 2 ? std::nearbyint(c) : std::round(c));
        off[p] += ax.offset(i);
      }
    }
  }
};

// ---- bilinear / trilinear: 2^Dims taps, z-major then y then x, as ATen
// (nw, ne, sw, se; tnw, tne, tsw, tse, bnw, ...). 2D keeps only the two
// fractions (rows 0: y, 1: x); the sampler forms the four products per
// channel, the same single multiplications, from half the table's bytes.
// 3D keeps the eight products.
template <class T, class Index, int Dims, Padding P, bool AC>
struct Locator<T, Index, Dims, P, AC, Interp::Bilinear> {
  static constexpr int kTaps = 1 << Dims;
  using Tab = Table<T, Index, kTaps, Dims == 2 ? 2 : kTaps>;

  static void locate(const Axis<T, Dims, P, AC> (&axes)[Dims], const T (&g)[Dims][kBlock],
                     int len, Tab& tab, int64_t base) {
    alignas(64) Index o[Dims][2][kBlock];
    alignas(64) T w[Dims][2][kBlock];
    for (int a = 0; a < Dims; ++a) {
      const auto& ax = axes[a];
      T* frac_row = Dims == 2 ? tab.w(a) + base : w[a][1];
      for (int p = 0; p < len; ++p) {
        T c = ax.pad(ax.unnormalize(g[a][p]));
        T f = std::floor(c);
        Index i0 = static_cast<Index>(f);
        T frac = c - f;
        // 2D (vectorized ATen): e = 1 - w, formed by the sampler.
        // 3D (scalar ATen): (x0 + 1) - x.
        if constexpr (Dims == 3) w[a][0][p] = (f + T(1)) - c;
        frac_row[p] = frac;
        o[a][0][p] = ax.offset(i0);
        o[a][1][p] = ax.offset(static_cast<Index>(i0 + 1));
      }
    }
    for (int t = 0; t < kTaps; ++t) {
      Index* off = tab.off(t) + base;
      // bit a of t (from the top) selects the far tap on axis a
      for (int p = 0; p < len; ++p) {
        Index sum = 0;
        for (int a = 0; a < Dims; ++a) sum += o[a][(t >> (Dims - 1 - a)) & 1][p];
        off[p] = sum;
      }
      if constexpr (Dims == 3) {
        // ATen 3D: tnw = (x-weight * y-weight) * z-weight
        T* wt = tab.w(t) + base;
        const T* wz = w[0][(t >> 2) & 1];
        const T* wy = w[1][(t >> 1) & 1];
        const T* wx = w[2][t & 1];
        for (int p = 0; p < len; ++p) wt[p] = (wx[p] * wy[p]) * wz[p];
      }
    }
  }
};

// ---- bicubic: 4^Dims taps; weights stay separable (4 per axis, row 4a+k)
// so the sum is formed like ATen's: along x per row, then along y (then z).
template <class T, class Index, int Dims, Padding P, bool AC>
struct Locator<T, Index, Dims, P, AC, Interp::Bicubic> {
  static constexpr int kTaps = Dims == 2 ? 16 : 64;
  using Tab = Table<T, Index, kTaps, 4 * Dims>;

  static void locate(const Axis<T, Dims, P, AC> (&axes)[Dims], const T (&g)[Dims][kBlock],
                     int len, Tab& tab, int64_t base) {
    alignas(64) Index o[Dims][4][kBlock];
    for (int a = 0; a < Dims; ++a) {
      const auto& ax = axes[a];
      T* wa[4] = {tab.w(4 * a) + base, tab.w(4 * a + 1) + base, tab.w(4 * a + 2) + base,
                  tab.w(4 * a + 3) + base};
      for (int p = 0; p < len; ++p) {
        T x = ax.cubic_source(ax.unnormalize(g[a][p]));
        T x0 = std::floor(x);
        T c[4];
        cubic_coefficients<T, Dims == 2>(x - x0, c);
        for (int k = 0; k < 4; ++k) {
          wa[k][p] = c[k];
          // ATen: padding per tap on the float tap coordinate, then truncate
          T tap = ax.pad(x0 + T(k - 1));
          o[a][k][p] = ax.offset(static_cast<Index>(tap));
        }
      }
    }
    for (int t = 0; t < kTaps; ++t) {
      Index* off = tab.off(t) + base;
      for (int p = 0; p < len; ++p) {
        Index sum = 0;
        for (int a = 0; a < Dims; ++a) sum += o[a][(t >> (2 * (Dims - 1 - a))) & 3][p];
        off[p] = sum;
      }
    }
  }
};

inline void prefetch_line(const void* p) {
#if defined(__GNUC__)
  __builtin_prefetch(p, 0, 2);
#else
  (void)p;
#endif
}

// Brings the next channel's input plane into the cache (L2) a few lines per
// step of the current channel's loop, so the next channel's random gathers
// find it there instead of in memory: on a random grid those first touches,
// not the arithmetic, bound the sampling loop. Prefetches never fault and
// change no value.
class PlanePrefetch {
 public:
  PlanePrefetch() = default;
  PlanePrefetch(const void* begin, int64_t bytes, int64_t steps)
      : p_(static_cast<const char*>(begin)), end_(p_ + bytes),
        per_step_(steps > 0 ? (bytes / 64 + steps) / steps : 0) {}
  void step() {
    for (int64_t k = 0; k < per_step_ && p_ < end_; ++k, p_ += 64) prefetch_line(p_);
  }

 private:
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  int64_t per_step_ = 0;
};

// Converts a computed value to the output type: uint8 rounds half to even and
// clamps (NaN -> 0).
template <class Out, class T>
inline Out to_output(T v) {
  if constexpr (std::is_same_v<Out, uint8_t>) {
    v = v > T(0) ? v : T(0);
    v = v < T(255) ? v : T(255);
    return static_cast<uint8_t>(std::nearbyint(v));
  } else {
    return static_cast<Out>(v);
  }
}

// The lanes of torchvision's mask channel (a channel of ones sampled with
// zeros padding): a tap reads 1 inside the input and 0 outside, and the
// weighted sum is formed exactly as for an image channel. Scalar: std::fma
// rounds as the vector FMA does, so the mask is the same on every target.
template <class T>
struct MaskLanes : simd::ScalarLanes<T> {
  template <class Src, class Index>
  static T gather(const Src*, const Index* off) { return *off >= 0 ? T(1) : T(0); }
};

// uint8 input read by the float lanes (gather_u8); pairs are a float trick.
template <class T>
struct ByteLanes : simd::Lanes<T> {
  static constexpr bool kPairs = false;
  template <class Index>
  static typename simd::Lanes<T>::V gather(const uint8_t* base, const Index* off) {
    return simd::Lanes<T>::gather_u8(base, off);
  }
};

// An array of n values for one work item (plain new[], as Table).
template <class T>
class Scratch {
 public:
  explicit Scratch(int64_t n) : p_(n > 0 ? new T[n] : nullptr) {}
  ~Scratch() { delete[] p_; }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  T* get() const { return p_; }

 private:
  T* p_;
};

// The channel loop over one tap table. `L` is the lane type: SIMD gathers for
// float/double with 32-bit offsets, the scalar form otherwise (or `Lanes`
// when given: the mask channel).
template <class T, class Src, class Index, int Dims, Interp M, class Lanes = void>
struct Sampler {
  // uint8 input is gathered by the float lanes too (values as the scalar
  // path reads them, so the same bits), written unrounded to T.
  static constexpr bool kBytes = std::is_same_v<Src, uint8_t> && std::is_same_v<T, float>;
  static constexpr bool kVector =
      std::is_void_v<Lanes> && (std::is_same_v<Src, T> || kBytes) && std::is_same_v<Index, int32_t>;
  using L = std::conditional_t<
      !std::is_void_v<Lanes>, Lanes,
      std::conditional_t<kVector, std::conditional_t<kBytes, ByteLanes<T>, simd::Lanes<T>>, simd::ScalarLanes<T>>>;
  using V = typename L::V;
  static constexpr int W = L::kWidth;

  // Taps t and t+1 are x-neighbours (x varies fastest in the tap order); where
  // they are adjacent in memory for every lane, one 64-bit gather element
  // fetches both (see Lanes::gather_pair). Same arithmetic either way.
  template <class Tab>
  static void taps2(const Src* plane, const Tab& tab, int t, int64_t p, bool pairs, V& a, V& b) {
    if constexpr (L::kPairs) {
      if (pairs) return L::gather_pair(plane, tab.off(t) + p, a, b);
    }
    a = L::gather(plane, tab.off(t) + p);
    b = L::gather(plane, tab.off(t + 1) + p);
  }

  // Inlined (as run() is into the channel loop): a call per vector costs
  // bicubic about 20%, an outlined run() costs bilinear about 4%.
  template <class Tab>
  GS_ALWAYS_INLINE static V eval(const Src* plane, const Tab& tab, int64_t p) {
    if constexpr (M == Interp::Nearest) {
      return L::gather(plane, tab.off(0) + p);
    } else if constexpr (M == Interp::Bilinear) {
      bool pairs = false;
      if constexpr (L::kPairs) pairs = L::adjacent(tab.off(0) + p, tab.off(1) + p);
      // 2D: ATen's AVX2 build fuses all but the first product,
      //   fma(v11, se, fma(v10, sw, fma(v01, ne, v00 * nw)));
      // 3D: ATen's scalar kernel adds the eight products unfused.
      auto add = [](V acc, V v, V w) {
        if constexpr (Dims == 2) return L::fma(v, w, acc);
        else return acc + v * w;
      };
      V v0, v1;
      if constexpr (Dims == 2) {
        // ATen: nw = s * e, ne = s * w, sw = n * e, se = n * w, where w, n
        // are the x, y fractions and e = 1 - w, s = 1 - n.
        const V fy = L::load(tab.w(0) + p), fx = L::load(tab.w(1) + p);
        const V one = L::set1(T(1));
        const V ey = one - fy, ex = one - fx;
        taps2(plane, tab, 0, p, pairs, v0, v1);
        V acc = add(v0 * (ey * ex), v1, ey * fx);
        taps2(plane, tab, 2, p, pairs, v0, v1);
        acc = add(acc, v0, fy * ex);
        return add(acc, v1, fy * fx);
      } else {
        taps2(plane, tab, 0, p, pairs, v0, v1);
        V acc = add(v0 * L::load(tab.w(0) + p), v1, L::load(tab.w(1) + p));
        for (int t = 2; t < (1 << Dims); t += 2) {
          taps2(plane, tab, t, p, pairs, v0, v1);
          acc = add(acc, v0, L::load(tab.w(t) + p));
          acc = add(acc, v1, L::load(tab.w(t + 1) + p));
        }
        return acc;
      }
    } else {
      bool pairs = false;
      if constexpr (L::kPairs)
        pairs = L::adjacent(tab.off(0) + p, tab.off(1) + p) && L::adjacent(tab.off(2) + p, tab.off(3) + p);
      const int wx = 4 * (Dims - 1);
      const V cx0 = L::load(tab.w(wx) + p), cx1 = L::load(tab.w(wx + 1) + p);
      const V cx2 = L::load(tab.w(wx + 2) + p), cx3 = L::load(tab.w(wx + 3) + p);
      // 2D rounds like ATen's AVX2 build: rows (fma(c0, v0, c1*v1) + c2*v2) + c3*v3,
      // then fma(c3, r3, fma(c2, r2, fma(c1, r1, c0*r0))). 3D (our extension)
      // is unfused throughout.
      auto row = [&](int base) {  // 4 taps along x
        V v0, v1, v2, v3;
        taps2(plane, tab, base, p, pairs, v0, v1);
        taps2(plane, tab, base + 2, p, pairs, v2, v3);
        if constexpr (Dims == 2) return (L::fma(cx0, v0, cx1 * v1) + cx2 * v2) + cx3 * v3;
        else return cx0 * v0 + cx1 * v1 + cx2 * v2 + cx3 * v3;
      };
      auto plane_yx = [&](int base) {  // 4 rows along y
        const int wy = 4 * (Dims - 2);
        const V c0 = L::load(tab.w(wy) + p), c1 = L::load(tab.w(wy + 1) + p);
        const V c2 = L::load(tab.w(wy + 2) + p), c3 = L::load(tab.w(wy + 3) + p);
        if constexpr (Dims == 2)
          return L::fma(c3, row(base + 12), L::fma(c2, row(base + 8), L::fma(c1, row(base + 4), c0 * row(base))));
        else return c0 * row(base) + c1 * row(base + 4) + c2 * row(base + 8) + c3 * row(base + 12);
      };
      if constexpr (Dims == 2) {
        return plane_yx(0);
      } else {
        return L::load(tab.w(0) + p) * plane_yx(0) + L::load(tab.w(1) + p) * plane_yx(16) +
               L::load(tab.w(2) + p) * plane_yx(32) + L::load(tab.w(3) + p) * plane_yx(48);
      }
    }
  }

  // Software prefetch of the taps some positions ahead, for input planes
  // larger than the cache: a gather stalls on its slowest lane, and a long
  // gather occupies enough of the out-of-order window that few misses are in
  // flight at once; single prefetch instructions keep many more. One prefetch
  // per tap row (a run of 1, 2 or 4 x-neighbours, nearly always within one
  // cache line: its first line), about 256 rows ahead, at most 128 positions
  // (measured on the 1024² and 3D bench workloads: 1.2-2x faster).
  static constexpr int kRowTaps = M == Interp::Nearest ? 1 : M == Interp::Bilinear ? 2 : 4;
  template <class Tab>
  static constexpr int64_t kAhead = min_of<int64_t>(128, 256 / (Tab::kTaps / kRowTaps));

  template <class Tab>
  static void prefetch_taps(const Src* plane, const Tab& tab, int64_t p, int64_t n) {
    for (int t = 0; t < Tab::kTaps; t += kRowTaps) {
      const Index* off = tab.off(t) + p;
      for (int64_t k = 0; k < n; ++k) prefetch_line(plane + (off[k] > 0 ? off[k] : 0));
    }
  }

  // Steps of run() over len positions, for PlanePrefetch.
  static int64_t steps(int64_t len) { return kVector ? len / W : len / 16; }

  // Writes len values to out: Src (uint8 rounded), or T (unrounded).
  template <bool TapsAhead, class Tab, class Out>
  GS_ALWAYS_INLINE static void run(const Src* plane, const Tab& tab, int64_t len, Out* out, PlanePrefetch pf) {
    int64_t p = 0;
    constexpr int64_t ahead = kAhead<Tab>;
    if constexpr (TapsAhead) prefetch_taps(plane, tab, 0, min_of(len, ahead));
    if constexpr (kVector) {
      for (; p + W <= len; p += W) {
        pf.step();
        if (TapsAhead && p + ahead + W <= len) prefetch_taps(plane, tab, p + ahead, W);
        L::store(out + p, eval(plane, tab, p));
      }
      if (p < len) {
        alignas(64) T tail[W];
        L::store(tail, eval(plane, tab, p));
        std::memcpy(out + p, tail, sizeof(T) * (len - p));
      }
    } else {
      for (; p < len; ++p) {
        if ((p & 15) == 0) pf.step();
        if (TapsAhead && p + ahead < len) prefetch_taps(plane, tab, p + ahead, 1);
        out[p] = to_output<Out>(eval(plane, tab, p));
      }
    }
  }
};

// torchvision's fill blend (_apply_grid_transform) of one channel's values v
// with the mask m, in T and in its order of operations, then the conversion
// to the output type (uint8: round half to even). No mask: the conversion.
template <Interp M, class T, class Out>
void finish(const T* v, const T* m, T fill, int64_t len, Out* out) {
  if (m == nullptr) {
    for (int64_t p = 0; p < len; ++p) out[p] = to_output<Out>(v[p]);
  } else if constexpr (M == Interp::Nearest) {
    for (int64_t p = 0; p < len; ++p) out[p] = to_output<Out>(m[p] < T(0.5) ? fill : v[p]);
  } else {
    for (int64_t p = 0; p < len; ++p) out[p] = to_output<Out>((v[p] - fill) * m[p] + fill);
  }
}

template <class T, class Src, class Index, int Dims, Interp M, Padding P, bool AC>
void run_typed(const Problem& pb) {
  using Loc = Locator<T, Index, Dims, P, AC, M>;
  using Tab = typename Loc::Tab;
  using Ax = Axis<T, Dims, P, AC>;

  Ax axes[Dims];  // z, y, x order; axis a reads grid component Dims-1-a
  for (int a = 0; a < Dims; ++a) axes[a] = Ax(pb.in_size[3 - Dims + a], pb.in_stride[3 - Dims + a]);

  const int64_t Do = pb.out_size[0], Ho = pb.out_size[1], Wo = pb.out_size[2];
  const int64_t C = pb.C;
  const int64_t plane = Do * Ho * Wo;  // output positions per batch entry
  // A work item is a run of output positions of one batch entry whose table
  // stays cache-resident (about 256 KiB) while every channel streams over it;
  // smaller runs when that would leave threads idle.
  int64_t span = min_of<int64_t>(plane, (int64_t(256) << 10) / Tab::kBytesPerPosition);
  const int64_t want_items = int64_t(get_num_threads()) * 4;
  if (pb.N * ((plane + span - 1) / span) < want_items)
    span = (plane * pb.N + want_items - 1) / want_items;
  span = span < kBlock ? kBlock : (span + kBlock - 1) / kBlock * kBlock;
  const int64_t items_per_n = (plane + span - 1) / span;

  const T* grid = static_cast<const T*>(pb.grid);
  const Src* in = static_cast<const Src*>(pb.in);
  Src* out = static_cast<Src*>(pb.out);

  // Prefetch the next channel's plane when planes are separate (not
  // interleaved, as channels-last ones are) and two fit in a 512 KiB L2.
  int64_t plane_extent = 1;  // elements from a plane's first to its last
  for (int a = 0; a < 3; ++a) plane_extent += (pb.in_size[a] - 1) * pb.in_stride[a];
  const int64_t plane_bytes = plane_extent * int64_t(sizeof(Src));
  const bool prefetch = pb.C > 1 && pb.in_sC >= plane_extent && plane_bytes <= (int64_t(256) << 10);
  const bool taps_ahead = plane_bytes > (int64_t(256) << 10);

  const bool blend = pb.fill != nullptr;
  constexpr bool kDirect = std::is_same_v<Src, T>;  // else values pass through T scratch

  parallel_for(0, pb.N * items_per_n, 1, [&](int64_t begin, int64_t end) {
    Tab tab(span);
    Scratch<T> mask(blend ? span : 0);
    Scratch<T> values(kDirect ? 0 : span);
    alignas(64) T g[Dims][kBlock];
    for (int64_t it = begin; it < end; ++it) {
      const int64_t n = it / items_per_n;
      const int64_t q0 = (it % items_per_n) * span;
      const int64_t q1 = min_of(plane, q0 + span);
      // Locate in pieces that stay within one output row (and meanwhile
      // prefetch the first channel's plane).
      PlanePrefetch pf0;
      if (prefetch) pf0 = PlanePrefetch(in + n * pb.in_sN, plane_bytes, (q1 - q0 + kBlock - 1) / kBlock);
      for (int64_t q = q0; q < q1;) {
        pf0.step();
        const int64_t ow = q % Wo, oh = (q / Wo) % Ho, od = q / (Wo * Ho);
        const int len = static_cast<int>(min_of<int64_t>(min_of<int64_t>(kBlock, Wo - ow), q1 - q));
        const T* gp = grid + n * pb.g_sN + od * pb.g_stride[0] + oh * pb.g_stride[1] + ow * pb.g_stride[2];
        for (int a = 0; a < Dims; ++a) {
          const T* gc = gp + (Dims - 1 - a) * pb.g_sCoord;
          for (int p = 0; p < len; ++p) g[a][p] = gc[p * pb.g_stride[2]];
        }
        Loc::locate(axes, g, len, tab, q - q0);
        q += len;
      }
      tab.pad_from(q1 - q0);

      const Src* in_n = in + n * pb.in_sN;
      Src* out_n = out + n * C * plane + q0;
      using S = Sampler<T, Src, Index, Dims, M>;
      // The byte gathers read a 4-byte word from each tap's plane: they need
      // 6 bytes from a plane's first element (always there when its extent
      // is 6), smaller planes go scalar.
      using Small = Sampler<T, Src, Index, Dims, M, simd::ScalarLanes<T>>;
      const int64_t len = q1 - q0;
      if (blend)
        Sampler<T, Src, Index, Dims, M, MaskLanes<T>>::template run<false>(in_n, tab, len, mask.get(), PlanePrefetch());
      for (int64_t c = 0; c < C; ++c) {
        PlanePrefetch pf;
        if (prefetch && c + 1 < C) pf = PlanePrefetch(in_n + (c + 1) * pb.in_sC, plane_bytes, S::steps(len));
        Src* o = out_n + c * plane;
        const T fill = blend ? static_cast<T>(pb.fill[c]) : T(0);
        if constexpr (kDirect) {
          if (taps_ahead) S::template run<true>(in_n + c * pb.in_sC, tab, len, o, pf);
          else S::template run<false>(in_n + c * pb.in_sC, tab, len, o, pf);
          if (blend) finish<M>(o, mask.get(), fill, len, o);
        } else {
          if (plane_extent < 6) Small::template run<false>(in_n + c * pb.in_sC, tab, len, values.get(), pf);
          else if (taps_ahead) S::template run<true>(in_n + c * pb.in_sC, tab, len, values.get(), pf);
          else S::template run<false>(in_n + c * pb.in_sC, tab, len, values.get(), pf);
          finish<M>(values.get(), blend ? mask.get() : nullptr, fill, len, o);
        }
      }
    }
  });
}

// ---- dispatch on the run-time options to the compile-time policies
template <class T, class Src, class Index, int Dims, Interp M, Padding P>
void by_align(const Problem& pb) {
  if (pb.opt.align_corners) run_typed<T, Src, Index, Dims, M, P, true>(pb);
  else run_typed<T, Src, Index, Dims, M, P, false>(pb);
}

template <class T, class Src, class Index, int Dims, Interp M>
void by_padding(const Problem& pb) {
  switch (pb.opt.padding) {
    case Padding::Zeros: return by_align<T, Src, Index, Dims, M, Padding::Zeros>(pb);
    case Padding::Border: return by_align<T, Src, Index, Dims, M, Padding::Border>(pb);
    case Padding::Reflection: return by_align<T, Src, Index, Dims, M, Padding::Reflection>(pb);
  }
}

template <class T, class Src, class Index, int Dims>
void by_mode(const Problem& pb) {
  switch (pb.opt.mode) {
    case Interp::Bilinear: return by_padding<T, Src, Index, Dims, Interp::Bilinear>(pb);
    case Interp::Nearest: return by_padding<T, Src, Index, Dims, Interp::Nearest>(pb);
    case Interp::Bicubic: return by_padding<T, Src, Index, Dims, Interp::Bicubic>(pb);
  }
}

template <class Index>
void by_dtype(const Problem& pb) {
  auto dims = [&](auto t, auto src) {
    using T = decltype(t);
    using Src = decltype(src);
    if (pb.dims == 2) by_mode<T, Src, Index, 2>(pb);
    else by_mode<T, Src, Index, 3>(pb);
  };
  switch (pb.dtype) {
    case DType::Float32: return dims(float{}, float{});
    case DType::Float64: return dims(double{}, double{});
    case DType::Uint8: return dims(float{}, uint8_t{});  // computed in float32
  }
}

// The entry functions dispatch.h exports (declared in problem.h).
void run(const Problem& pb) {
#if defined(GS_ISA_BASELINE)
  if (pb.wide_index) return by_dtype<int64_t>(pb);
#endif
  // The dispatcher sends wide problems to the baseline build only.
  by_dtype<int32_t>(pb);
}

}  // namespace gs::GS_ISA_NS::grid
