// NOTE [ antialias kernels ]
//
// PyTorch 1.13's antialiased bilinear / bicubic resize (UpSampleKernel.cpp,
// `_ti_separable_upsample_generic_Nd_kernel_impl`): separable, the
// horizontal (W) pass first into an intermediate of the compute type, then
// the vertical (H) pass into the output. Each output is a weighted sum over a
// run of inputs whose start, length and weights come from one tap table per
// axis (problem.h, computed once per call in antialias.cc), accumulated in
// PyTorch's order `t0*w0 + t1*w1 + ...`. Both passes always run, even when an
// axis keeps its size (ATen 1.13 does too; its identity weights 1, 0 still
// turn a neighbouring Inf into NaN).
//
// Compiled once per SIMD target inside GS_ISA_NS; antialias.cc picks one.
//
// Layout paths, chosen per call:
// * planar: a work item is (n, c, band of output rows). The horizontal pass
//   takes V input rows at a time (V = vector width) and transposes them with
//   8x8 / 4x4 register transposes into column-major order, so each output
//   column is a few contiguous vector loads times broadcast weights for V
//   rows at once; the results are transposed back. Rows with a W stride
//   other than 1 and the baseline build use masked gathers over output
//   columns instead. The vertical pass is vectorised over W (contiguous
//   loads, broadcast weights).
// * channels-last (input and out NHWC-dense): a work item is (n, band); a row
//   is W*C contiguous values, so the vertical pass is the same contiguous
//   loop over Wo*C, and the horizontal pass is vectorised along C. RGB /
//   RGBA rows (C = 3 / 4, an image straight from a decoder) put one pixel's
//   channels in a 4-lane group: float rows one group per tap, four outputs
//   interleaved; uint8 rows (always finite) 2 or 4 pixels per vector with a
//   fixed tap count (WidePixels).
// Every path computes each output as the same sequence of float operations,
// so layouts, SIMD targets and thread counts all give identical bits.
//
// A band is a run of output rows; its thread computes the intermediate rows
// those outputs read into a private buffer (a few rows are recomputed by two
// neighbouring bands). Every intermediate row is the same function of the
// input whoever computes it, so results do not depend on the thread count.
//
// uint8 is computed exactly like float32 and rounded half to even, clamped
// to [0, 255] (NaN -> 0) on the way out.

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "../common/parallel.h"
#include "../common/simd.h"
#include "problem.h"

namespace gs::GS_ISA_NS::aa {

using gs::aa::AxisTaps;
using gs::aa::Problem;

template <class T>
inline T min_of(T a, T b) { return b < a ? b : a; }
template <class T>
inline T max_of(T a, T b) { return a < b ? b : a; }

// Writes a computed row: uint8 is clamped to [0, 255] (NaN -> 0) and rounded
// half to even like PyTorch's float32 result rounded by the caller.
template <class Out, class T>
inline void store_row(const T* y, int64_t n, Out* out, int64_t stride) {
  if constexpr (std::is_same_v<Out, uint8_t>) {
    const float big = 12582912.f;
    for (int64_t i = 0; i < n; ++i) {
      float v = y[i];
      v = v > 0.f ? v : 0.f;
      v = v < 255.f ? v : 255.f;
      // Round half to even: adding 1.5 * 2^23 leaves no fraction bits. The
      // build never reassociates (no -ffast-math), so this is not folded.
      out[i * stride] = static_cast<uint8_t>(static_cast<int>((v + big) - big));
    }
  } else {
    for (int64_t i = 0; i < n; ++i) out[i * stride] = static_cast<Out>(y[i]);
  }
}

// ---- horizontal pass, planar: tap-major table for gathers ------------------
// For tap j: off(j)[q] is the offset of the j-th input of output q within the
// row (negative: no such tap, reads 0), w(j)[q] its weight (0 there).
template <class T, class Index>
class GatherTable {
 public:
  GatherTable(const AxisTaps& t, int64_t elem_stride)
      : K_(t.K < 1 ? 1 : t.K), stride_((t.out_size + 15) / 16 * 16),
        off_(new Index[stride_ * K_]), w_(new T[stride_ * K_]) {
    const T* wt = static_cast<const T*>(t.w);
    for (int j = 0; j < K_; ++j) {
      for (int64_t q = 0; q < stride_; ++q) {
        const bool tap = q < t.out_size && j < t.count[q];
        off_[j * stride_ + q] = tap ? static_cast<Index>((t.start[q] + j) * elem_stride) : Index(-1);
        w_[j * stride_ + q] = tap ? wt[q * t.K + j] : T(0);
      }
    }
  }
  ~GatherTable() {
    delete[] off_;
    delete[] w_;
  }
  GatherTable(const GatherTable&) = delete;
  GatherTable& operator=(const GatherTable&) = delete;

  int K() const { return K_; }
  const Index* off(int j) const { return off_ + j * stride_; }
  const T* w(int j) const { return w_ + j * stride_; }

 private:
  int K_;
  int64_t stride_;
  Index* off_;
  T* w_;
};

// y[q] = sum_j x[off(j)[q]] * w(j)[q], q < len: gathers over output columns.
// Padding taps read 0 with weight 0, which leaves a sum unchanged.
template <class T, class Index>
void horizontal_planar(const T* x, const GatherTable<T, Index>& tab, int64_t len, T* y) {
  using L = simd::Lanes<T>;
  constexpr int V = L::kWidth;
  const int K = tab.K();
  int64_t q = 0;
  auto eval = [&](int64_t p) {
    auto acc = L::gather(x, tab.off(0) + p) * L::load(tab.w(0) + p);
    for (int j = 1; j < K; ++j) acc = acc + L::gather(x, tab.off(j) + p) * L::load(tab.w(j) + p);
    return acc;
  };
  for (; q + V <= len; q += V) L::store(y + q, eval(q));
  if (q < len) {
    alignas(64) T tail[V];
    L::store(tail, eval(q));
    std::memcpy(y + q, tail, sizeof(T) * (len - q));
  }
}

// ---- horizontal pass, planar, V rows at a time (AVX2 / AVX-512) -----------
// Gathers are slow, so a block of V rows (V = vector width) is transposed
// into column-major order xt[w*V + r], which turns the horizontal pass into
// the channels-last loop with V "channels": contiguous loads and broadcast
// weights, the same `t0*w0 + t1*w1 + ...` per output as every other path.
// The result yt[q*V + r] is transposed back into V intermediate rows.
#if GS_SIMD_TILES
constexpr bool kBlockRows = true;

// Intermediate rows mid[r*Wo ..] for the V input rows `rows` (contiguous,
// W elements each); xt and yt hold W*V and Wo*V values.
template <class T, class Src>
void horizontal_rows_block(const Src* const* rows, int64_t W, const AxisTaps& t, T* xt, T* yt, T* mid) {
  using L = simd::Lanes<T>;
  constexpr int V = L::kWidth;
  using Tile = simd::Tile<T>;
  constexpr int S = Tile::n;
  const int64_t Wo = t.out_size;
  int64_t w = 0;
  for (; w + S <= W; w += S)
    for (int h = 0; h < V / S; ++h) Tile::transpose([&](int i) { return rows[h * S + i] + w; }, xt + w * V + h * S, V);
  for (; w < W; ++w)
    for (int r = 0; r < V; ++r) xt[w * V + r] = static_cast<T>(rows[r][w]);
  const T* wt = static_cast<const T*>(t.w);
  for (int64_t q = 0; q < Wo; ++q) {
    const T* src = xt + t.start[q] * V;
    const T* wq = wt + q * t.K;
    const int n = t.count[q];
    auto acc = L::zero();
    if (n > 0) {
      acc = L::load(src) * L::set1(wq[0]);
      for (int j = 1; j < n; ++j) acc = acc + L::load(src + j * V) * L::set1(wq[j]);
    }
    L::store(yt + q * V, acc);
  }
  int64_t q = 0;
  for (; q + S <= Wo; q += S)
    for (int h = 0; h < V / S; ++h) Tile::transpose([&](int i) { return yt + (q + i) * V + h * S; }, mid + h * S * Wo + q, Wo);
  for (; q < Wo; ++q)
    for (int r = 0; r < V; ++r) mid[r * Wo + q] = yt[q * V + r];
}
#else
constexpr bool kBlockRows = false;
template <class T, class Src>
void horizontal_rows_block(const Src* const*, int64_t, const AxisTaps&, T*, T*, T*) {}
#endif

// ---- horizontal pass, channels-last: x is one W*C row ----------------------
template <class T, int CC>
void horizontal_cl_fixed(const T* x, const AxisTaps& t, T* y) {
  const T* wt = static_cast<const T*>(t.w);
  for (int64_t q = 0; q < t.out_size; ++q) {
    const T* src = x + t.start[q] * CC;
    const T* w = wt + q * t.K;
    const int n = t.count[q];
    T acc[CC];
    if (n == 0) {
      for (int c = 0; c < CC; ++c) acc[c] = T(0);
    } else {
      for (int c = 0; c < CC; ++c) acc[c] = src[c] * w[0];
      for (int j = 1; j < n; ++j)
        for (int c = 0; c < CC; ++c) acc[c] = acc[c] + src[j * CC + c] * w[j];
    }
    for (int c = 0; c < CC; ++c) y[q * CC + c] = acc[c];
  }
}

#if GS_SIMD_QUADS
// Float RGB / RGBA rows: the C values of one tap are one 4-lane vector (for
// C = 3 its 4th lane is the next pixel's first value: computed, then
// overwritten by the next output or dropped), so one tap is one load, one
// multiply and one add for every channel, in the scalar loop's order. An
// output whose taps reach the last column of a C = 3 row would load past the
// row: it takes the scalar loop.
template <int CC>
void horizontal_cl_quads(const float* x, int64_t W, const AxisTaps& t, float* y) {
  using Q = simd::Quad;
  const float* wt = static_cast<const float*>(t.w);
  const int64_t Wo = t.out_size;
  // Output q may use the vector loop: it has taps, none of its loads passes
  // the row end, and (C = 3) its spilled 4th lane lands on output q+1.
  auto vector_ok = [&](int64_t q) {
    const int n = t.count[q];
    return n > 0 && (CC == 4 || (t.start[q] + n < W && q + 1 < Wo));
  };
  auto scalar = [&](int64_t q) {
    const int n = t.count[q];
    const float* src = x + t.start[q] * CC;
    const float* w = wt + q * t.K;
    for (int c = 0; c < CC; ++c) {
      float acc = n ? src[c] * w[0] : 0.f;
      for (int j = 1; j < n; ++j) acc = acc + src[j * CC + c] * w[j];
      y[q * CC + c] = acc;
    }
  };
  int64_t q = 0;
  // Four outputs at a time: four independent dependency chains.
  for (; q + 4 <= Wo; q += 4) {
    if (!(vector_ok(q) && vector_ok(q + 1) && vector_ok(q + 2) && vector_ok(q + 3))) {
      for (int i = 0; i < 4; ++i) scalar(q + i);
      continue;
    }
    const float* src[4];
    const float* w[4];
    int n[4];
    Q::V acc[4];
    int nmin = t.count[q];
    for (int i = 0; i < 4; ++i) {
      src[i] = x + t.start[q + i] * CC;
      w[i] = wt + (q + i) * t.K;
      n[i] = t.count[q + i];
      nmin = n[i] < nmin ? n[i] : nmin;
      acc[i] = Q::load(src[i]) * Q::set1(w[i][0]);
    }
    for (int j = 1; j < nmin; ++j)
      for (int i = 0; i < 4; ++i)
        acc[i] = acc[i] + Q::load(src[i] + j * CC) * Q::set1(w[i][j]);
    for (int i = 0; i < 4; ++i) {
      for (int j = nmin; j < n[i]; ++j)
        acc[i] = acc[i] + Q::load(src[i] + j * CC) * Q::set1(w[i][j]);
      Q::store(y + (q + i) * CC, acc[i]);  // C = 3: lane 3 is overwritten by output q+i+1
    }
  }
  for (; q < Wo; ++q) {
    if (!vector_ok(q)) {
      scalar(q);
      continue;
    }
    const float* src = x + t.start[q] * CC;
    const float* w = wt + q * t.K;
    Q::V acc = Q::load(src) * Q::set1(w[0]);
    for (int j = 1; j < t.count[q]; ++j) acc = acc + Q::load(src + j * CC) * Q::set1(w[j]);
    Q::store(y + q * CC, acc);
  }
}
#endif

template <class T>
void horizontal_cl(const T* x, int64_t W, int64_t C, const AxisTaps& t, T* y) {
#if GS_SIMD_QUADS
  if constexpr (std::is_same_v<T, float>) {
    if (C == 3) return horizontal_cl_quads<3>(x, W, t, y);
    if (C == 4) return horizontal_cl_quads<4>(x, W, t, y);
  }
#endif
  if (C == 3) return horizontal_cl_fixed<T, 3>(x, t, y);
  if (C == 4) return horizontal_cl_fixed<T, 4>(x, t, y);
  using L = simd::Lanes<T>;
  constexpr int V = L::kWidth;
  const T* wt = static_cast<const T*>(t.w);
  for (int64_t q = 0; q < t.out_size; ++q) {
    const T* src = x + t.start[q] * C;
    const T* w = wt + q * t.K;
    const int n = t.count[q];
    T* dst = y + q * C;
    if (n == 0) {
      for (int64_t c = 0; c < C; ++c) dst[c] = T(0);
      continue;
    }
    int64_t c = 0;
    for (; c + V <= C; c += V) {
      auto acc = L::load(src + c) * L::set1(w[0]);
      for (int j = 1; j < n; ++j) acc = acc + L::load(src + j * C + c) * L::set1(w[j]);
      L::store(dst + c, acc);
    }
    for (; c < C; ++c) {
      T acc = src[c] * w[0];
      for (int j = 1; j < n; ++j) acc = acc + src[j * C + c] * w[j];
      dst[c] = acc;
    }
  }
}

#if GS_SIMD_GROUPS
// uint8 RGB / RGBA rows (their values are finite): P = V/4 output pixels per
// vector, each in its own 4-lane group, all with the call's largest tap count
// K. Taps past a pixel's own count have weight 0 and add 0 * x = 0, which
// changes no sum of finite values, so each lane still computes exactly the
// scalar loop's `t0*w0 + t1*w1 + ...`. The expanded weights (each pixel's
// weight repeated over its 4 lanes) are laid out once per call. A group runs
// the scalar loop when a load would pass the row end or its last pixel's
// spilled 4th lane (C = 3) would not be overwritten by a later output.
template <int CC>
class WidePixels {
 public:
  using L = simd::Lanes<float>;
  using G = simd::PixelGroups;
  static constexpr int V = L::kWidth;
  static constexpr int P = G::P;

  explicit WidePixels(const AxisTaps& t)
      : K_(t.K), groups_((t.out_size + P - 1) / P), w_(new float[groups_ * (t.K > 0 ? t.K : 1) * V]) {
    const float* wt = static_cast<const float*>(t.w);
    for (int64_t g = 0; g < groups_; ++g)
      for (int j = 0; j < K_; ++j)
        for (int i = 0; i < P; ++i) {
          const int64_t q = g * P + i;
          const float w = q < t.out_size && j < t.count[q] ? wt[q * t.K + j] : 0.f;
          for (int c = 0; c < 4; ++c) w_[(g * K_ + j) * V + i * 4 + c] = w;
        }
  }
  ~WidePixels() { delete[] w_; }
  WidePixels(const WidePixels&) = delete;
  WidePixels& operator=(const WidePixels&) = delete;

  void run(const float* x, int64_t W, const AxisTaps& t, float* y) const {
    const int64_t Wo = t.out_size;
    for (int64_t g = 0; g < groups_; ++g) {
      const int64_t q0 = g * P;
      bool ok = K_ > 0 && (CC == 4 ? q0 + P <= Wo : q0 + P < Wo);
      for (int i = 0; ok && i < P; ++i)
        ok = t.count[q0 + i] > 0 && t.start[q0 + i] + K_ <= W - (CC == 3 ? 1 : 0);
      if (!ok) {
        for (int64_t q = q0; q < q0 + P && q < Wo; ++q) scalar(x, t, q, y);
        continue;
      }
      const float* src[P];
      for (int i = 0; i < P; ++i) src[i] = x + t.start[q0 + i] * CC;
      const float* w = w_ + g * K_ * V;
      auto acc = G::load(src, 0) * L::load(w);
      for (int j = 1; j < K_; ++j) acc = acc + G::load(src, j * CC) * L::load(w + j * V);
      G::store(acc, y + q0 * CC, CC);  // a C = 3 pixel's spilled 4th lane is overwritten by the next
    }
  }

 private:
  static void scalar(const float* x, const AxisTaps& t, int64_t q, float* y) {
    const int n = t.count[q];
    const float* src = x + t.start[q] * CC;
    const float* w = static_cast<const float*>(t.w) + q * t.K;
    for (int c = 0; c < CC; ++c) {
      float acc = n ? src[c] * w[0] : 0.f;
      for (int j = 1; j < n; ++j) acc = acc + src[j * CC + c] * w[j];
      y[q * CC + c] = acc;
    }
  }
  int K_;
  int64_t groups_;
  float* w_;
};
constexpr bool kWidePixels = true;
#else
template <int CC>
class WidePixels {
 public:
  explicit WidePixels(const AxisTaps&) {}
  void run(const float*, int64_t, const AxisTaps&, float*) const {}
};
constexpr bool kWidePixels = false;
#endif

// ---- vertical pass: y[l] = sum_j rows[j*L + l] * w[j], contiguous in l -----
template <class T>
void vertical(const T* rows, int64_t L_, const T* w, int n, T* y) {
  using L = simd::Lanes<T>;
  constexpr int V = L::kWidth;
  if (n == 0) {
    for (int64_t l = 0; l < L_; ++l) y[l] = T(0);
    return;
  }
  int64_t l = 0;
  for (; l + V <= L_; l += V) {
    auto acc = L::load(rows + l) * L::set1(w[0]);
    for (int j = 1; j < n; ++j) acc = acc + L::load(rows + j * L_ + l) * L::set1(w[j]);
    L::store(y + l, acc);
  }
  for (; l < L_; ++l) {
    T acc = rows[l] * w[0];
    for (int j = 1; j < n; ++j) acc = acc + rows[j * L_ + l] * w[j];
    y[l] = acc;
  }
}

// Bands of output rows: band b covers [b*B, min(Ho, (b+1)*B)) and reads
// intermediate rows [r0[b], r1[b]).
struct Bands {
  int64_t count = 0, rows = 0, max_in_rows = 0;
  int64_t* r0 = nullptr;
  int64_t* r1 = nullptr;
  Bands(const AxisTaps& h, int64_t planes, int64_t row_bytes) {
    const int64_t Ho = h.out_size;
    const int64_t want_items = int64_t(get_num_threads()) * 4;
    int64_t per_plane = (want_items + planes - 1) / planes;
    // Keep a band's intermediate rows near L2 size.
    const int64_t in_rows_per_out = (h.in_size + Ho - 1) / Ho + 1;
    const int64_t by_cache = (Ho * in_rows_per_out * row_bytes) / (int64_t(512) << 10);
    per_plane = max_of(per_plane, by_cache);
    rows = (Ho + per_plane - 1) / per_plane;
    rows = max_of<int64_t>(rows, min_of<int64_t>(Ho, 4));
    count = (Ho + rows - 1) / rows;
    r0 = new int64_t[count];
    r1 = new int64_t[count];
    for (int64_t b = 0; b < count; ++b) {
      int64_t lo = h.in_size, hi = 0;
      for (int64_t oh = b * rows; oh < min_of(Ho, (b + 1) * rows); ++oh) {
        if (h.count[oh] == 0) continue;
        lo = min_of(lo, h.start[oh]);
        hi = max_of(hi, h.start[oh] + h.count[oh]);
      }
      if (hi < lo) hi = lo = 0;
      r0[b] = lo;
      r1[b] = hi;
      max_in_rows = max_of(max_in_rows, hi - lo);
    }
  }
  ~Bands() {
    delete[] r0;
    delete[] r1;
  }
  Bands(const Bands&) = delete;
  Bands& operator=(const Bands&) = delete;
};

template <class T>
struct Buffer {
  T* p;
  explicit Buffer(int64_t n) : p(new T[n > 0 ? n : 1]) {}
  ~Buffer() { delete[] p; }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
};

// Planar: any strides. Reads the input in place when Src is the compute type
// (offsets scaled by the W stride); uint8 rows are first widened to T.
template <class T, class Src, class Index>
void run_planar(const Problem& pb) {
  const AxisTaps& th = pb.h;
  const AxisTaps& tw = pb.w;
  const int64_t W = tw.in_size, Wo = tw.out_size, Ho = th.out_size;
  constexpr bool direct = std::is_same_v<T, Src>;
  const GatherTable<T, Index> gtab(tw, direct ? pb.in_sW : 1);
  const int64_t planes = pb.N * pb.C;
  const Bands bands(th, planes, Wo * int64_t(sizeof(T)));
  const Src* in = static_cast<const Src*>(pb.in);
  Src* out = static_cast<Src*>(pb.out);
  const T* wv = static_cast<const T*>(th.w);
  const bool out_direct = direct && pb.out_sW == 1;

  constexpr int V = simd::Lanes<T>::kWidth;
  // V rows at a time through a transpose (contiguous rows only, see above).
  const bool blocks = kBlockRows && V > 1 && pb.in_sW == 1;

  parallel_for(0, planes * bands.count, 1, [&](int64_t begin, int64_t end) {
    Buffer<T> mid((bands.max_in_rows + V) * Wo);
    Buffer<T> row(direct ? 1 : W);
    Buffer<T> orow(Wo);
    Buffer<T> xt(blocks ? W * V : 1);
    Buffer<T> yt(blocks ? Wo * V : 1);
    for (int64_t it = begin; it < end; ++it) {
      const int64_t p = it / bands.count, b = it % bands.count;
      const int64_t n = p / pb.C, c = p % pb.C;
      const Src* plane = in + n * pb.in_sN + c * pb.in_sC;
      const int64_t r0 = bands.r0[b], r1 = bands.r1[b];
      int64_t r = r0;
      if (blocks) {
        // The last block repeats row r1-1; its extra rows land in mid's slack.
        for (; r < r1; r += V) {
          const Src* rows[V];
          for (int i = 0; i < V; ++i) rows[i] = plane + min_of<int64_t>(r + i, r1 - 1) * pb.in_sH;
          horizontal_rows_block<T, Src>(rows, W, tw, xt.p, yt.p, mid.p + (r - r0) * Wo);
        }
      }
      for (; r < r1; ++r) {
        const Src* src = plane + r * pb.in_sH;
        const T* x;
        if constexpr (direct) {
          x = src;
        } else {
          for (int64_t i = 0; i < W; ++i) row.p[i] = static_cast<T>(src[i * pb.in_sW]);
          x = row.p;
        }
        horizontal_planar<T, Index>(x, gtab, Wo, mid.p + (r - r0) * Wo);
      }
      Src* dst_plane = out + n * pb.out_sN + c * pb.out_sC;
      for (int64_t oh = b * bands.rows; oh < min_of(Ho, (b + 1) * bands.rows); ++oh) {
        const T* rows = mid.p + (th.count[oh] ? th.start[oh] - r0 : 0) * Wo;
        Src* dst = dst_plane + oh * pb.out_sH;
        if (out_direct) {
          vertical<T>(rows, Wo, wv + oh * th.K, th.count[oh], reinterpret_cast<T*>(dst));
        } else {
          vertical<T>(rows, Wo, wv + oh * th.K, th.count[oh], orow.p);
          store_row<Src, T>(orow.p, Wo, dst, pb.out_sW);
        }
      }
    }
  });
}

// Channels-last: input and out rows are dense W*C runs (sC = 1, sW = C).
template <class T, class Src>
void run_channels_last(const Problem& pb) {
  const AxisTaps& th = pb.h;
  const AxisTaps& tw = pb.w;
  const int64_t C = pb.C, W = tw.in_size, Wo = tw.out_size, Ho = th.out_size;
  constexpr bool direct = std::is_same_v<T, Src>;
  const int64_t L = Wo * C;
  const Bands bands(th, pb.N, L * int64_t(sizeof(T)));
  const Src* in = static_cast<const Src*>(pb.in);
  Src* out = static_cast<Src*>(pb.out);
  const T* wv = static_cast<const T*>(th.w);

  // uint8 RGB / RGBA: several pixels per vector (see WidePixels).
  constexpr bool u8 = std::is_same_v<Src, uint8_t>;
  const bool wide = u8 && kWidePixels && (C == 3 || C == 4);
  const WidePixels<3> wide3(u8 && C == 3 ? tw : AxisTaps());
  const WidePixels<4> wide4(u8 && C == 4 ? tw : AxisTaps());

  parallel_for(0, pb.N * bands.count, 1, [&](int64_t begin, int64_t end) {
    Buffer<T> mid(bands.max_in_rows * L);
    Buffer<T> row(direct ? 1 : W * C);
    Buffer<T> orow(direct ? 1 : L);
    for (int64_t it = begin; it < end; ++it) {
      const int64_t n = it / bands.count, b = it % bands.count;
      const int64_t r0 = bands.r0[b], r1 = bands.r1[b];
      for (int64_t r = r0; r < r1; ++r) {
        const Src* src = in + n * pb.in_sN + r * pb.in_sH;
        const T* x;
        if constexpr (direct) {
          x = src;
        } else {
          for (int64_t i = 0; i < W * C; ++i) row.p[i] = static_cast<T>(src[i]);
          x = row.p;
        }
        if constexpr (u8) {
          if (wide) {
            if (C == 3) wide3.run(x, W, tw, mid.p + (r - r0) * L);
            else wide4.run(x, W, tw, mid.p + (r - r0) * L);
            continue;
          }
        }
        horizontal_cl<T>(x, W, C, tw, mid.p + (r - r0) * L);
      }
      for (int64_t oh = b * bands.rows; oh < min_of(Ho, (b + 1) * bands.rows); ++oh) {
        const T* rows = mid.p + (th.count[oh] ? th.start[oh] - r0 : 0) * L;
        Src* dst = out + n * pb.out_sN + oh * pb.out_sH;
        if constexpr (direct) {
          vertical<T>(rows, L, wv + oh * th.K, th.count[oh], dst);
        } else {
          vertical<T>(rows, L, wv + oh * th.K, th.count[oh], orow.p);
          store_row<Src, T>(orow.p, L, dst, 1);
        }
      }
    }
  });
}

template <class T, class Src, class Index>
void run_typed(const Problem& pb) {
  const bool channels_last = pb.C > 1 && pb.in_sC == 1 && pb.in_sW == pb.C && pb.out_sC == 1 &&
                             pb.out_sW == pb.C;
  if (channels_last) run_channels_last<T, Src>(pb);
  else run_planar<T, Src, Index>(pb);
}

template <class Index>
void by_dtype(const Problem& pb) {
  switch (pb.dtype) {
    case DType::Float32: return run_typed<float, float, Index>(pb);
    case DType::Float64: return run_typed<double, double, Index>(pb);
    case DType::Uint8: return run_typed<float, uint8_t, Index>(pb);  // computed in float32
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

}  // namespace gs::GS_ISA_NS::aa
