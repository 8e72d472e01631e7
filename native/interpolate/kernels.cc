// NOTE [ interpolate kernels ]
//
// Compiled once per SIMD target (baseline, AVX2+FMA, AVX-512), each time in
// its own namespace (GS_ISA_NS); interpolate.cc picks one at run time and has
// already computed, once per call, every axis's taps and weights in PyTorch's
// arithmetic (coords.h). What is left here is memory traffic and the weighted
// sums, separable like OpenCV's resize and in ATen's order of operations:
//
//   ATen (UpSampleKernel.cpp, Interpolate<n, ..., interp_size>) evaluates an
//   output point as  sum_z ( sum_y ( sum_x in[z][y][x] * wx ) * wy ) * wz,
//   each sum left to right ((t0*w0 + t1*w1) + t2*w2) + t3*w3, unfused. The
//   innermost sum over x of one input row is the same for every output row
//   that reads that input row, so we compute it once per input row ("hpass",
//   vectorised along the output row) and keep it in a small row cache; an
//   output row is then a weighted sum of cached rows ("vpass", plain vector
//   arithmetic). Same operations, same roundings, fewer of them.
//
// Memory, which decides the speed of a resize:
//   * hpass reads its taps with "window reads" (a few vector loads of the
//     input row and permutes), not gathers, which are slow here;
//   * the input rows the next output rows will need are prefetched (when
//     downsampling no two output rows share an input row);
//   * outputs over 16 MB are written with streaming stores (no read of the
//     destination lines first).
//
// A "row" is W output elements of one (n, c) plane, or, when the output is
// channels-last, the W*C interleaved elements of one n: the row tables then
// hold offsets x*sW + c*sC, so channels-last input and output are read and
// written in place with the same loops (vectorised over the flattened row;
// with at least a vector of contiguous channels, pixel by pixel and
// vectorised over C instead).
//
// Rounding: ATen's x86 build fuses multiply-adds (t0*w0 + t1*w1 becomes
// fma(t0, w0, t1*w1), see weighted_sum); we fuse the same ones explicitly on
// every target, so every target and thread count gives torch 1.13.1's bits.
// uint8 is computed in float32 and rounded half to even by the last pass.
//
// Work items are (plane, run of output rows) so one image uses every thread;
// an item's results do not depend on which thread runs it or on the cache's
// state (a cached row equals a recomputed one), so results are independent
// of the thread count.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "../common/parallel.h"
#include "../common/simd.h"
#include "problem.h"

namespace gs::GS_ISA_NS::interp {

using gs::interp::Problem;

// Plain new[]: no std container is instantiated per target (an inline
// template merged across targets at link time could run AVX-512 code on a
// CPU without it).
template <class T>
class Array {
 public:
  Array() = default;
  explicit Array(int64_t n) : p_(n > 0 ? new T[n] : nullptr) {}
  ~Array() { delete[] p_; }
  Array(const Array&) = delete;
  Array& operator=(const Array&) = delete;
  void reset(int64_t n) {
    delete[] p_;
    p_ = n > 0 ? new T[n] : nullptr;
  }
  T* get() const { return p_; }
  T& operator[](int64_t i) const { return p_[i]; }

 private:
  T* p_ = nullptr;
};

// Converts a computed value to the output type: uint8 rounds half to even and
// clamps (NaN -> 0), like the rest of the package.
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

// The W-axis taps of one output row, expanded to every element of the row:
// for element q and tap j, off[j*len + q] is the offset of the source element
// in the input row, w[j*len + q] its weight. Built once per call. With
// window reads, block b (lanes [b*W, b*W + W)) also gets the window start
// base[b] and per-lane window indices loc[j*len + q] = off - base[b], or
// ok[b] = 0 when its taps do not fit in K vectors (the scalar form runs).
template <class T, class Index, int Taps>
struct RowTable {
  int64_t len = 0;
  Array<Index> off;
  Array<T> w;
  int K = 0;  // window vectors, 0: no window reads
  Array<int64_t> base;
  Array<uint8_t> ok;
  Array<int32_t> loc;
  int64_t min_off = 0, max_off = 0;  // the part of an input row the taps read
  // Channels-last rows whose pixels hold C >= one vector of contiguous
  // channels: loop over pixels and load the channels of each tap directly
  // (vectorised over C). `C` elements per pixel, 1 when not by pixel.
  int64_t by_pixel = 0;

  RowTable(const Problem& pb, bool windows)
      : len(pb.out_size[2] * (pb.channels_last ? pb.C : 1)), off(Taps * len), w(Taps * len) {
    const int64_t C = pb.channels_last ? pb.C : 1;
    if (pb.channels_last && pb.in_sC == 1 && C >= simd::Lanes<T>::kWidth && simd::Lanes<T>::kWidth > 1) {
      by_pixel = C;
      windows = false;
    }
    const auto& ax = pb.axis[2];
    const T* wx = static_cast<const T*>(ax.weight);
    for (int64_t q = 0; q < len; ++q) {
      const int64_t ox = q / C, c = q % C;
      for (int j = 0; j < Taps; ++j) {
        off[j * len + q] = static_cast<Index>(ax.index[ox * Taps + j] * pb.in_stride[2] + c * pb.in_sC);
        w[j * len + q] = Taps > 1 ? wx[ox * Taps + j] : T(1);
      }
    }
    min_off = max_off = len > 0 ? off[0] : 0;
    for (int64_t i = 0; i < Taps * len; ++i) {
      min_off = off[i] < min_off ? off[i] : min_off;
      max_off = off[i] > max_off ? off[i] : max_off;
    }
    if constexpr (simd::Window::W > 0) {
      if (windows) plan(pb.in_size[2] - 1, pb.in_stride[2], pb.channels_last ? (pb.C - 1) * pb.in_sC : 0);
    }
  }

 private:
  // extent: elements of the input row the taps may address.
  void plan(int64_t last_x, int64_t sW, int64_t c_extent) {
    constexpr int W = simd::Window::W > 0 ? simd::Window::W : 1;
    const int64_t extent = last_x * sW + c_extent + 1;
    const int64_t blocks = len / W;
    if (blocks == 0) return;
    Array<int64_t> lo(blocks), need(blocks), hist(5);
    for (int k = 0; k < 5; ++k) hist[k] = 0;
    for (int64_t b = 0; b < blocks; ++b) {
      int64_t mn = off[b * W], mx = off[b * W];
      for (int j = 0; j < Taps; ++j)
        for (int i = 0; i < W; ++i) {
          const int64_t o = off[j * len + b * W + i];
          mn = o < mn ? o : mn;
          mx = o > mx ? o : mx;
        }
      lo[b] = mn;
      need[b] = (mx - mn) / W + 1;
      ++hist[need[b] <= 1 ? 1 : need[b] <= 2 ? 2 : need[b] <= 4 ? 4 : 0];
    }
    // the K most blocks fit in (wider windows cost loads and blends)
    int64_t fit = 0;
    for (int k : {1, 2, 4}) {
      fit += hist[k];
      if (fit * 2 >= blocks) {
        K = k;
        break;
      }
    }
    if (K == 0 || extent < K * W) {
      K = 0;
      return;
    }
    base.reset(blocks);
    ok.reset(blocks);
    loc.reset(Taps * len);
    for (int64_t b = 0; b < blocks; ++b) {
      ok[b] = need[b] <= K;
      base[b] = lo[b] < extent - K * W ? lo[b] : extent - K * W;
      for (int j = 0; j < Taps; ++j)
        for (int i = 0; i < W; ++i) {
          const int64_t q = j * len + b * W + i;
          loc[q] = ok[b] ? static_cast<int32_t>(off[q] - base[b]) : 0;
        }
    }
  }
};

// Lane type of the loops over a row: SIMD for float/double read through
// 32-bit offsets, the scalar form otherwise (uint8 source, 64-bit offsets).
template <class T, class Src, class Index>
using LanesFor = std::conditional_t<std::is_same_v<Src, T> && std::is_same_v<Index, int32_t>, simd::Lanes<T>,
                                    simd::ScalarLanes<T>>;

// hpass: dst[q] = sum_j row[off_j[q]] * w_j[q], left to right.
// ATen's sum of N weighted taps, t0*w0 + t1*w1 (+ t2*w2 + t3*w3), as its
// x86 build (-mfma, contraction on) evaluates it: measured on torch 1.13.1,
// fma(t3, w3, fma(t2, w2, fma(t0, w0, t1 * w1))). We fuse explicitly, on
// every target, so every target gives these bits.
template <int N, class V, class W, class Fma>
inline V weighted_sum(const V* t, const W* w, Fma fma) {
  V acc = fma(t[0], w[0], t[1] * w[1]);
  for (int j = 2; j < N; ++j) acc = fma(t[j], w[j], acc);
  return acc;
}

template <class T, class Src, class Index, int Taps>
inline void hpass_scalar(const Src* row, const RowTable<T, Index, Taps>& tab, int64_t q0, int64_t q1, T* dst) {
  const int64_t len = tab.len;
  const Index* off = tab.off.get();
  const T* w = tab.w.get();
  for (int64_t q = q0; q < q1; ++q) {
    T t[Taps], wt[Taps];
    for (int j = 0; j < Taps; ++j) t[j] = static_cast<T>(row[off[j * len + q]]), wt[j] = w[j * len + q];
    dst[q] = weighted_sum<Taps>(t, wt, [](T a, T b, T c) { return std::fma(a, b, c); });
  }
}

template <int K, class Src, int Taps, class Index>
void hpass_window(const Src* row, const RowTable<float, Index, Taps>& tab, float* dst) {
#if GS_SIMD_WINDOWS
  constexpr int W = simd::Window::W;
  // locals: the stores to dst could alias the table as far as the compiler knows
  const int64_t len = tab.len, blocks = len / W;
  const int64_t* base = tab.base.get();
  const uint8_t* ok = tab.ok.get();
  const int32_t* loc = tab.loc.get();
  const float* w = tab.w.get();
  for (int64_t b = 0; b < blocks; ++b) {
    const int64_t q = b * W;
    if (!ok[b]) {
      hpass_scalar(row, tab, q, q + W, dst);
      continue;
    }
    typename simd::Window::V r[K];
    for (int k = 0; k < K; ++k) r[k] = simd::Window::load(row + base[b] + k * W);
    typename simd::Window::V t[Taps], wt[Taps];
    for (int j = 0; j < Taps; ++j)
      t[j] = simd::Window::template pick<K>(r, simd::Window::index(loc + j * len + q)), wt[j] = simd::Window::wload(w + j * len + q);
    simd::Window::store(dst + q, weighted_sum<Taps>(t, wt, [](auto a, auto b, auto c) { return simd::Window::fma(a, b, c); }));
  }
  hpass_scalar(row, tab, blocks * W, len, dst);
#else
  (void)row, (void)tab, (void)dst;
#endif
}

// hpass of a channels-last row by pixel: channels c of output pixel ox are
// sum_j row[off_j(ox) + c] * w_j(ox), plain vector loads along C.
template <class T, class Src, class Index, int Taps>
void hpass_by_pixel(const Src* row, const RowTable<T, Index, Taps>& tab, T* dst) {
  using L = LanesFor<T, Src, Index>;
  const int64_t len = tab.len, C = tab.by_pixel;
  const Index* off = tab.off.get();
  const T* w = tab.w.get();
  auto fma_v = [](auto a, auto b, auto c) { return L::fma(a, b, c); };
  auto fma_s = [](T a, T b, T c) { return std::fma(a, b, c); };
  for (int64_t q0 = 0; q0 < len; q0 += C) {
    const Src* src[Taps];
    typename L::V wv[Taps];
    T ws[Taps];
    for (int j = 0; j < Taps; ++j) {
      src[j] = row + off[j * len + q0];
      ws[j] = w[j * len + q0];
      wv[j] = L::set1(ws[j]);
    }
    int64_t c = 0;
    if constexpr (L::kWidth > 1 && std::is_same_v<Src, T>) {
      for (; c + L::kWidth <= C; c += L::kWidth) {
        typename L::V t[Taps];
        for (int j = 0; j < Taps; ++j) t[j] = L::load(src[j] + c);
        L::store(dst + q0 + c, weighted_sum<Taps>(t, wv, fma_v));
      }
    }
    for (; c < C; ++c) {
      T t[Taps];
      for (int j = 0; j < Taps; ++j) t[j] = static_cast<T>(src[j][c]);
      dst[q0 + c] = weighted_sum<Taps>(t, ws, fma_s);
    }
  }
}

template <class T, class Src, class Index, int Taps>
void hpass(const Src* row, const RowTable<T, Index, Taps>& tab, T* dst) {
  if (tab.by_pixel) return hpass_by_pixel(row, tab, dst);
  if constexpr (std::is_same_v<T, float> && simd::Window::W > 0) {
    switch (tab.K) {
      case 1: return hpass_window<1, Src>(row, tab, dst);
      case 2: return hpass_window<2, Src>(row, tab, dst);
      case 4: return hpass_window<4, Src>(row, tab, dst);
      default: break;
    }
  }
  using L = LanesFor<T, Src, Index>;
  const int64_t len = tab.len;
  const Index* off = tab.off.get();
  const T* w = tab.w.get();
  int64_t q = 0;
  if constexpr (L::kWidth > 1) {
    constexpr int W = L::kWidth;
    for (; q + W <= len; q += W) {
      typename L::V t[Taps], wt[Taps];
      for (int j = 0; j < Taps; ++j) t[j] = L::gather(row, off + j * len + q), wt[j] = L::load(w + j * len + q);
      L::store(dst + q, weighted_sum<Taps>(t, wt, [](auto a, auto b, auto c) { return L::fma(a, b, c); }));
    }
  }
  hpass_scalar(row, tab, q, len, dst);
}

// Output rows of lead: enough to cover DRAM latency at a short row.
constexpr int64_t kPrefetchRows = 2;
constexpr int64_t kStreamBytes = int64_t(16) << 20;

// vpass: dst = sum_z (sum_y rows[z][y] * wy[y]) * wz[z]  (Dims == 3)
//        dst = sum_y rows[y] * wy[y]                      (Dims == 2)
// `Out` uint8 (from float rows): rounded half to even and clamped on the way
// out, like to_output, vector by vector.
template <class T, int Dims, int TZ, int TY, class Out = T>
void vpass(const T* const* rows_in, const T* wz, const T* wy, int64_t len, Out* dst, bool stream) {
  using L = simd::Lanes<T>;
  using V = typename L::V;
  constexpr int W = L::kWidth;
  // Local copies: dst may alias nothing here, but the compiler cannot know.
  const T* rows[TZ * TY];
  for (int t = 0; t < TZ * TY; ++t) rows[t] = rows_in[t];
  T wys[TY], wzs[TZ];
  V wyv[TY], wzv[TZ];
  for (int y = 0; y < TY; ++y) wys[y] = wy[y], wyv[y] = L::set1(wy[y]);
  for (int z = 0; z < TZ; ++z) wzs[z] = Dims == 3 ? wz[z] : T(0), wzv[z] = L::set1(wzs[z]);
  // sum_y then sum_z, each left to right: ATen's Interpolate<n, ..., 2|4>
  auto eval = [&](auto load, auto fma, const auto* wyk, const auto* wzk, int64_t at) {
    auto sum_y = [&](int z) {
      decltype(load(rows[0])) t[TY];
      for (int y = 0; y < TY; ++y) t[y] = load(rows[z * TY + y] + at);
      return weighted_sum<TY>(t, wyk, fma);
    };
    if constexpr (Dims == 2) {
      return sum_y(0);
    } else {
      static_assert(TZ == 2, "3D is linear only");
      return fma(sum_y(0), wzk[0], sum_y(1) * wzk[1]);
    }
  };
  auto sfma = [](T a, T b, T c) { return std::fma(a, b, c); };
  auto scalar = [&](int64_t at) { dst[at] = to_output<Out>(eval([](const T* p) { return *p; }, sfma, wys, wzs, at)); };
  int64_t q = 0;
  if constexpr (!std::is_same_v<Out, T>) {
#if GS_SIMD_WINDOWS
    if constexpr (std::is_same_v<T, float> && std::is_same_v<Out, uint8_t>) {
      const V zero = L::zero(), top = L::set1(255.0f);
      for (; q + W <= len; q += W) {
        V v = eval([](const T* p) { return L::load(p); }, [](V a, V b, V c) { return L::fma(a, b, c); }, wyv, wzv, q);
        // max(v, 0) first: NaN -> 0 like to_output; the conversion rounds
        // half to even (the default rounding mode, as nearbyint uses)
        v = simd::Window::clamp(v, zero, top);
        simd::Window::store_rounded(dst + q, v);
      }
    }
#endif
    for (; q < len; ++q) scalar(q);
    (void)stream;
    return;
  } else if constexpr (W > 1) {
    auto vec = [&](int64_t at) {
      return eval([](const T* p) { return L::load(p); }, [](V a, V b, V c) { return L::fma(a, b, c); }, wyv, wzv, at);
    };
#if GS_SIMD_STREAM
    if (stream) {
      // Scalar stores for the partial lines at both ends (a vector store,
      // masked or not, would share a line with streamed stores); the caller
      // prefetches those lines for writing a row ahead.
      for (; q < len && reinterpret_cast<uintptr_t>(dst + q) % (W * sizeof(T)) != 0; ++q) scalar(q);
      for (; q + W <= len; q += W) simd::stream_store(dst + q, vec(q));
    }
#endif
    for (; q + W <= len; q += W) L::store(dst + q, vec(q));
  }
  (void)stream;
  for (; q < len; ++q) scalar(q);
}

// Copies a row (nearest's repeated rows), streaming like vpass when asked.
template <class Src>
void copy_row(const Src* src, Src* dst, int64_t len, bool stream) {
  const size_t bytes = static_cast<size_t>(len) * sizeof(Src);
  if (stream) simd::stream_copy(dst, src, bytes);
  else std::memcpy(dst, src, bytes);
}

// Where one output row goes: dense rows are written in place; others (an
// `out` with unusual strides) through a scratch row.
template <class Src>
struct OutRow {
  int64_t len, C, sW, sC;
  bool dense;

  OutRow(const Problem& pb)
      : len(pb.out_size[2] * (pb.channels_last ? pb.C : 1)), C(pb.channels_last ? pb.C : 1),
        sW(pb.out_stride[2]), sC(pb.out_sC),
        dense(pb.channels_last ? (pb.out_sC == 1 && pb.out_stride[2] == pb.C) : pb.out_stride[2] == 1) {}

  template <class T>
  void store(const T* row, Src* out) const {
    if (dense && std::is_same_v<T, Src>) return;  // computed in place
    if (dense) {
      for (int64_t q = 0; q < len; ++q) out[q] = to_output<Src>(row[q]);
      return;
    }
    for (int64_t q = 0; q < len; ++q) out[(q / C) * sW + (q % C) * sC] = to_output<Src>(row[q]);
  }
};

// Splits planes x output rows into work items and runs `body(plane, r0, r1)`.
template <class Body>
void for_each_rows(const Problem& pb, int64_t planes, int64_t rows, int64_t row_len, const Body& body) {
  const int64_t threads = get_num_threads();
  int64_t chunks = (4 * threads + planes - 1) / planes;
  chunks = chunks < 1 ? 1 : (chunks > rows ? rows : chunks);
  const int64_t items = planes * chunks;
  const int64_t per_item = (rows + chunks - 1) / chunks * row_len;
  const int64_t grain = per_item >= 32768 ? 1 : (32768 + per_item - 1) / per_item;
  parallel_for(0, items, grain, [&](int64_t begin, int64_t end) {
    for (int64_t it = begin; it < end; ++it) {
      const int64_t p = it / chunks, k = it % chunks;
      body(p, rows * k / chunks, rows * (k + 1) / chunks);
    }
  });
  (void)pb;
}

// ---- nearest and nearest-exact: one tap per axis, a row copy through the
// tap table; an output row whose source row is the previous one's is a copy
// of it. Window reads move bits (uint8 through exact float32 integers).
template <class Src, class Index>
void nearest_row(const Src* row, const RowTable<float, Index, 1>& tab, Src* dst) {
  const int64_t len = tab.len;
  const Index* off = tab.off.get();
  if (tab.by_pixel) {  // channels-last, contiguous channels: copy pixels
    for (int64_t q = 0; q < len; q += tab.by_pixel) std::memcpy(dst + q, row + off[q], tab.by_pixel * sizeof(Src));
    return;
  }
  int64_t q = 0;
#if GS_SIMD_WINDOWS
  if constexpr (std::is_same_v<Src, float> || std::is_same_v<Src, uint8_t>) {
    constexpr int W = simd::Window::W;
    auto blocks = [&](auto k_tag) {
      constexpr int K = decltype(k_tag)::value;
      for (; q + W <= len; q += W) {
        const int64_t b = q / W;
        if (!tab.ok[b]) {
          for (int i = 0; i < W; ++i) dst[q + i] = row[off[q + i]];
          continue;
        }
        typename simd::Window::V r[K];
        for (int k = 0; k < K; ++k) r[k] = simd::Window::load(row + tab.base[b] + k * W);
        simd::Window::store(dst + q, simd::Window::template pick<K>(r, simd::Window::index(tab.loc.get() + q)));
      }
    };
    switch (tab.K) {
      case 1: blocks(std::integral_constant<int, 1>{}); break;
      case 2: blocks(std::integral_constant<int, 2>{}); break;
      case 4: blocks(std::integral_constant<int, 4>{}); break;
      default: break;
    }
  }
#endif
  using L = LanesFor<Src, Src, Index>;
  if constexpr (L::kWidth > 1) {
    if (tab.K == 0)
      for (; q + L::kWidth <= len; q += L::kWidth) L::store(dst + q, L::gather(row, off + q));
  }
  for (; q < len; ++q) dst[q] = row[off[q]];
}

template <class Src, class Index>
void run_nearest(const Problem& pb) {
  const RowTable<float, Index, 1> tab(pb, !std::is_same_v<Src, double>);
  const int64_t len = tab.len;
  const bool cl = pb.channels_last;
  const int64_t C = pb.C;
  const OutRow<Src> orow(pb);
  const Src* in = static_cast<const Src*>(pb.in);
  Src* out = static_cast<Src*>(pb.out);
  const int64_t planes = cl ? pb.N : pb.N * C;
  const int64_t Ho = pb.out_size[1], rows = pb.out_size[0] * Ho;
  // Large dense outputs: rows are built in a cached scratch row and streamed
  // out; otherwise built in place and repeated rows copied.
  const bool stream = orow.dense && planes * rows * len * static_cast<int64_t>(sizeof(Src)) >= kStreamBytes;
  for_each_rows(pb, planes, rows, len, [&](int64_t p, int64_t r0, int64_t r1) {
    const int64_t n = cl ? p : p / C, c = cl ? 0 : p % C;
    const Src* in_p = in + n * pb.in_sN + c * pb.in_sC;
    Src* out_p = out + n * pb.out_sN + c * pb.out_sC;
    Array<Src> scratch(orow.dense && !stream ? 0 : len);
    int64_t prev_src = -1;
    Src* prev_dst = nullptr;
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t od = r / Ho, oh = r % Ho;
      const int64_t src = pb.axis[0].index[od] * pb.in_stride[0] + pb.axis[1].index[oh] * pb.in_stride[1];
      Src* dst_row = out_p + od * pb.out_stride[0] + oh * pb.out_stride[1];
      if (stream) {
        if (r + 1 < r1) {  // partial end lines of the next row: see vpass
          const Src* next = out_p + ((r + 1) / Ho) * pb.out_stride[0] + ((r + 1) % Ho) * pb.out_stride[1];
          __builtin_prefetch(next, 1);
          __builtin_prefetch(next + len - 1, 1);
        }
        if (src != prev_src) nearest_row(in_p + src, tab, scratch.get());
        prev_src = src;
        copy_row(scratch.get(), dst_row, len, true);
        continue;
      }
      Src* dst = orow.dense ? dst_row : scratch.get();
      if (orow.dense && src == prev_src) {
        copy_row(prev_dst, dst, len, false);
        continue;
      }
      nearest_row(in_p + src, tab, dst);
      if (!orow.dense) orow.store(dst, dst_row);
      prev_src = src;
      prev_dst = dst;
    }
    if (stream) simd::stream_fence();
  });
}

// ---- linear family and bicubic: Taps per axis (2 or 4), Dims spatial axes.
template <class T, class Src, class Index, int Dims, int Taps>
void run_weighted(const Problem& pb) {
  constexpr int TZ = Dims == 3 ? Taps : 1;
  constexpr int TY = Dims >= 2 ? Taps : 1;
  constexpr int kSlots = TZ * TY;
  const RowTable<T, Index, Taps> tab(pb, true);
  const int64_t len = tab.len;
  const OutRow<Src> orow(pb);
  const bool in_place = orow.dense && std::is_same_v<T, Src>;
  const bool cl = pb.channels_last;
  const int64_t C = pb.C;
  const Src* in = static_cast<const Src*>(pb.in);
  Src* out = static_cast<Src*>(pb.out);
  const int64_t planes = cl ? pb.N : pb.N * C;
  const int64_t Hi = pb.in_size[1], Ho = pb.out_size[1], rows = pb.out_size[0] * Ho;
  // rows of a few KB; a sparse strided row is not worth touching ahead
  const bool prefetch = (tab.max_off - tab.min_off) * static_cast<int64_t>(sizeof(Src)) <= (int64_t(1) << 16);
  const bool stream = in_place && planes * rows * len * static_cast<int64_t>(sizeof(Src)) >= kStreamBytes;
  const T* wz_all = static_cast<const T*>(pb.axis[0].weight);
  const T* wy_all = static_cast<const T*>(pb.axis[1].weight);

  for_each_rows(pb, planes, rows, len * Taps, [&](int64_t p, int64_t r0, int64_t r1) {
    const int64_t n = cl ? p : p / C, c = cl ? 0 : p % C;
    const Src* in_p = in + n * pb.in_sN + c * pb.in_sC;
    Src* out_p = out + n * pb.out_sN + c * pb.out_sC;
    Array<T> scratch(in_place ? 0 : len);
    if constexpr (Dims == 1) {
      Src* dst_row = out_p;
      T* dst = in_place ? reinterpret_cast<T*>(dst_row) : scratch.get();
      hpass<T, Src, Index, Taps>(in_p, tab, dst);
      orow.store(dst, dst_row);
    } else {
      // Row cache: kSlots rows of the x-sums, keyed by input (z, y).
      Array<T> cache(kSlots * len);
      int64_t key[kSlots];
      for (int s = 0; s < kSlots; ++s) key[s] = -1;
      for (int64_t r = r0; r < r1; ++r) {
        const int64_t od = r / Ho, oh = r % Ho;
        int64_t need[kSlots];
        T wz[TZ], wy[TY];
        for (int z = 0; z < TZ; ++z) {
          const int64_t zi = pb.axis[0].index[od * TZ + z];
          if constexpr (Dims == 3) wz[z] = wz_all[od * TZ + z];
          for (int y = 0; y < TY; ++y) need[z * TY + y] = zi * Hi + pb.axis[1].index[oh * TY + y];
        }
        for (int y = 0; y < TY; ++y) wy[y] = wy_all[oh * TY + y];
        const T* rowp[kSlots];
        // hits first, then misses into slots no tap of this row needs
        int slot_of[kSlots];
        bool taken[kSlots] = {};
        for (int t = 0; t < kSlots; ++t) {
          slot_of[t] = -1;
          for (int s = 0; s < kSlots; ++s)
            if (key[s] == need[t]) {
              slot_of[t] = s;
              taken[s] = true;
              break;
            }
        }
        for (int t = 0; t < kSlots; ++t) {
          if (slot_of[t] >= 0) continue;
          for (int u = 0; u < t; ++u)  // a repeated key (clamped edge tap)
            if (need[u] == need[t]) slot_of[t] = slot_of[u];
          if (slot_of[t] >= 0) continue;
          int s = 0;
          while (taken[s]) ++s;
          taken[s] = true;
          slot_of[t] = s;
          key[s] = need[t];
          const int64_t zi = need[t] / Hi, yi = need[t] % Hi;
          hpass<T, Src, Index, Taps>(in_p + zi * pb.in_stride[0] + yi * pb.in_stride[1], tab, cache.get() + s * len);
        }
        for (int t = 0; t < kSlots; ++t) rowp[t] = cache.get() + slot_of[t] * len;
        // Prefetch the input rows the next output row will add to the cache:
        // when downsampling, every output row reads rows no other row reads.
        const int64_t ahead = r + kPrefetchRows;
        if (ahead < r1 && prefetch) {
          const int64_t od1 = ahead / Ho, oh1 = ahead % Ho;
          for (int z = 0; z < TZ; ++z)
            for (int y = 0; y < TY; ++y) {
              const int64_t zi = pb.axis[0].index[od1 * TZ + z], yi = pb.axis[1].index[oh1 * TY + y];
              bool cached = false;
              for (int k = 0; k < kSlots; ++k) cached |= key[k] == zi * Hi + yi;
              if (cached) continue;
              const char* a = reinterpret_cast<const char*>(in_p + zi * pb.in_stride[0] + yi * pb.in_stride[1] + tab.min_off);
              const char* e = reinterpret_cast<const char*>(in_p + zi * pb.in_stride[0] + yi * pb.in_stride[1] + tab.max_off);
              for (; a <= e; a += 64) __builtin_prefetch(a);
            }
        }
        Src* dst_row = out_p + od * pb.out_stride[0] + oh * pb.out_stride[1];
        T* dst = in_place ? reinterpret_cast<T*>(dst_row) : scratch.get();
        if (stream && r + 1 < r1) {
          // the next row's partial end lines take ordinary stores: fetch them now
          const Src* next = out_p + ((r + 1) / Ho) * pb.out_stride[0] + ((r + 1) % Ho) * pb.out_stride[1];
          __builtin_prefetch(next, 1);
          __builtin_prefetch(next + len - 1, 1);
        }
        if constexpr (!std::is_same_v<Src, T>) {
          if (orow.dense) {  // uint8: rounded and stored by vpass
            vpass<T, Dims, TZ, TY, Src>(rowp, wz, wy, len, dst_row, false);
            continue;
          }
        }
        vpass<T, Dims, TZ, TY>(rowp, wz, wy, len, dst, stream);
        orow.store(dst, dst_row);
      }
      if (stream) simd::stream_fence();
    }
  });
}

// ---- dispatch on the run-time options to the compile-time policies
template <class T, class Src, class Index>
void by_mode(const Problem& pb) {
  switch (pb.mode) {
    case ResizeMode::Nearest:
    case ResizeMode::NearestExact: return run_nearest<Src, Index>(pb);
    case ResizeMode::Linear:
      if (pb.dims == 1) return run_weighted<T, Src, Index, 1, 2>(pb);
      if (pb.dims == 2) return run_weighted<T, Src, Index, 2, 2>(pb);
      return run_weighted<T, Src, Index, 3, 2>(pb);
    case ResizeMode::Cubic: return run_weighted<T, Src, Index, 2, 4>(pb);
  }
}

template <class Index>
void by_dtype(const Problem& pb) {
  switch (pb.dtype) {
    case DType::Float32: return by_mode<float, float, Index>(pb);
    case DType::Float64: return by_mode<double, double, Index>(pb);
    case DType::Uint8: return by_mode<float, uint8_t, Index>(pb);  // computed in float32
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

}  // namespace gs::GS_ISA_NS::interp
