// NOTE [ ndimage kernels ]
//
// SciPy 1.10's B-spline machinery (ni_splines.c, ni_interpolation.c), compiled
// once per SIMD target (baseline, AVX2+FMA, AVX-512) inside GS_ISA_NS;
// ndimage.cc re-checks every call and picks a build. Three kernels:
//
// 1. `prefilter`: the recursive B-spline filter along one axis of a float64
//    array (gain, then per pole a causal and an anticausal pass with
//    boundary-dependent initial values, whose sums stop at |z|^i < 1e-30).
//    Lines are independent, so it runs on panels of up to kPanel lines side
//    by side with the line index contiguous in memory: every step of the recursion is one vector operation across the
//    panel. Lines along a non-last axis already lie side by side; lines along
//    the last axis are transposed into a buffer in blocks of 8 first. The
//    reflect initial value accumulates into a separate sum (SciPy 1.18's fix of
//    scipy#24550; 1.10 overwrites c[0] and reads it back on short lines).
//
// 2. `zoom_pass`: one axis of a separable zoom. The dispatcher precomputes for
//    every output index of the axis its taps (already folded by the boundary
//    mode, -1 for cval) and weights, once per axis. Along a non-last axis an
//    output row is a weighted sum of whole input rows (vectorised AXPYs);
//    along the last axis each output element sums its Taps neighbours.
//
// 3. `map_points`: map_coordinates in batches of points. A branch-free pass
//    over the batch finds each point's knot, weights and footprint offset per
//    axis; points inside the input with every tap inside (most of them) sum
//    their footprint row by row as short vectors, prefetched a few points
//    ahead. The others take the general path: per axis the coordinate is
//    folded and its taps found (`locate`, templated on order and mode), then
//    the (order+1)^rank taps are summed in SciPy's order.
//
// Work is split with gs::parallel_for over panels / output rows / point
// chunks that never share output, so results do not depend on the thread
// count; -ffp-contract=off and the fixed operation order make every target
// give identical bits.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "../common/parallel.h"
#include "problem.h"
#include "spline.h"

namespace gs::GS_ISA_NS::nd {

using gs::nd::FilterJob;
using gs::nd::MapJob;
using gs::nd::PassJob;

constexpr int64_t kPanel = 64;     // lines filtered side by side
constexpr int64_t kChunk = 512;    // row elements accumulated at a time
constexpr int64_t kPoints = 256;   // map_coordinates points per batch

inline int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
inline int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

// ---- 1. prefilter -----------------------------------------------------------

// Filters m <= kPanel lines of length n > 1 stored as c[i*ld + j] (sample i of
// line j). Each step is SciPy's per-line arithmetic, in its order.
// Terms of the initial-value sums with |z|^i below 1e-30 are far below the
// rounding noise SciPy's own recursion adds (~1e-16 of the neighbours), so
// the sums stop there (SciPy < 1.6 cut them at 1e-15): ~50-80 terms instead
// of a whole line.
inline int64_t horizon(double z) {
  return static_cast<int64_t>(std::ceil(std::log(1e-30) / std::log(std::fabs(z)))) + 1;
}

template <Init I>
void filter_panel(double* c, int64_t n, int64_t ld, int64_t m, const double* poles, int npoles,
                  double gain) {
  double s[kPanel], c0[kPanel];
  for (int64_t i = 0; i < n; ++i) {
    double* r = c + i * ld;
    for (int64_t j = 0; j < m; ++j) r[j] *= gain;
  }
  double* first = c;
  double* last = c + (n - 1) * ld;
  for (int p = 0; p < npoles; ++p) {
    const double z = poles[p];
    const int64_t h = horizon(z);
    // causal initial value c[0]
    if constexpr (I == Init::Mirror) {
      // whole-sample symmetric extension, period 2n-2
      const double zn1 = std::pow(z, static_cast<double>(n - 1));
      for (int64_t j = 0; j < m; ++j) s[j] = first[j] + zn1 * last[j];
      double zi = z;
      for (int64_t i = 1, e = min64(n - 1, h); i < e; ++i) {
        const double* a = c + i * ld;
        const double* b = c + (n - 1 - i) * ld;
        for (int64_t j = 0; j < m; ++j) s[j] += zi * (a[j] + zn1 * b[j]);
        zi *= z;
      }
      const double den = 1 - zn1 * zn1;
      for (int64_t j = 0; j < m; ++j) first[j] = s[j] / den;
    } else if constexpr (I == Init::Wrap) {
      // periodic extension, period n
      for (int64_t j = 0; j < m; ++j) s[j] = first[j];
      double zi = z;
      const int64_t e = min64(n, h);
      for (int64_t i = 1; i < e; ++i) {
        const double* a = c + (n - i) * ld;
        for (int64_t j = 0; j < m; ++j) s[j] += zi * a[j];
        zi *= z;
      }
      const double den = 1 - (e == n ? zi : std::pow(z, static_cast<double>(n)));
      for (int64_t j = 0; j < m; ++j) first[j] = s[j] / den;
    } else {
      // half-sample symmetric extension, period 2n; the sum reads the
      // original c[0] throughout (the scipy#24550 fix)
      const double zn = std::pow(z, static_cast<double>(n));
      for (int64_t j = 0; j < m; ++j) {
        c0[j] = first[j];
        s[j] = first[j] + zn * last[j];
      }
      double zi = z;
      for (int64_t i = 1, e = min64(n, h); i < e; ++i) {
        const double* a = c + i * ld;
        const double* b = c + (n - 1 - i) * ld;
        for (int64_t j = 0; j < m; ++j) s[j] += zi * (a[j] + zn * b[j]);
        zi *= z;
      }
      const double f = z / (1 - zn * zn);
      for (int64_t j = 0; j < m; ++j) first[j] = s[j] * f + c0[j];
    }
    // causal recursion
    for (int64_t i = 1; i < n; ++i) {
      double* r = c + i * ld;
      const double* q = r - ld;
      for (int64_t j = 0; j < m; ++j) r[j] += z * q[j];
    }
    // anticausal initial value c[n-1]
    if constexpr (I == Init::Mirror) {
      const double* q = last - ld;
      const double den = z * z - 1;
      for (int64_t j = 0; j < m; ++j) last[j] = (z * q[j] + last[j]) * z / den;
    } else if constexpr (I == Init::Wrap) {
      for (int64_t j = 0; j < m; ++j) s[j] = last[j];
      double zi = z;
      const int64_t e = min64(n - 1, h);
      for (int64_t i = 0; i < e; ++i) {
        const double* a = c + i * ld;
        for (int64_t j = 0; j < m; ++j) s[j] += zi * a[j];
        zi *= z;
      }
      const double f = z / ((e == n - 1 ? zi : std::pow(z, static_cast<double>(n))) - 1);
      for (int64_t j = 0; j < m; ++j) last[j] = s[j] * f;
    } else {
      const double f = z / (z - 1);
      for (int64_t j = 0; j < m; ++j) last[j] *= f;
    }
    // anticausal recursion
    for (int64_t i = n - 2; i >= 0; --i) {
      double* r = c + i * ld;
      const double* q = r + ld;
      for (int64_t j = 0; j < m; ++j) r[j] = z * (q[j] - r[j]);
    }
  }
}

template <Init I>
void prefilter_axis(const FilterJob& job, const double* poles, int npoles, double gain) {
  const int64_t n = job.n, inner = job.inner, outer = job.outer;
  double* data = job.data;
  if (inner == 1) {
    // Lines are contiguous: transpose kLines of them into a panel buffer
    // (one cache line per sample row), filter, transpose back.
    constexpr int64_t kLines = 8;
    const int64_t blocks = (outer + kLines - 1) / kLines;
    parallel_for(0, blocks, 1, [&](int64_t b0, int64_t b1) {
      double* buf = new double[n * kLines];
      for (int64_t b = b0; b < b1; ++b) {
        const int64_t l0 = b * kLines, m = min64(kLines, outer - l0);
        const double* src = data + l0 * n;
        for (int64_t i = 0; i < n; ++i)
          for (int64_t j = 0; j < m; ++j) buf[i * kLines + j] = src[j * n + i];
        filter_panel<I>(buf, n, kLines, m, poles, npoles, gain);
        double* dst = data + l0 * n;
        for (int64_t i = 0; i < n; ++i)
          for (int64_t j = 0; j < m; ++j) dst[j * n + i] = buf[i * kLines + j];
      }
      delete[] buf;
    });
  } else {
    const int64_t chunks = (inner + kPanel - 1) / kPanel;
    parallel_for(0, outer * chunks, 1, [&](int64_t i0, int64_t i1) {
      for (int64_t it = i0; it < i1; ++it) {
        const int64_t o = it / chunks, j0 = (it % chunks) * kPanel;
        filter_panel<I>(data + o * n * inner + j0, n, inner, min64(kPanel, inner - j0), poles,
                        npoles, gain);
      }
    });
  }
}

// ---- 2. separable zoom pass ------------------------------------------------

template <int Taps, class OutT>
void pass_rows(const PassJob& jb) {
  const int64_t inner = jb.inner, n_out = jb.n_out;
  const int64_t rows = jb.outer * n_out;
  const int64_t grain = max64(1, 4096 / inner);
  parallel_for(0, rows, grain, [&](int64_t r0, int64_t r1) {
    double acc[kChunk];
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t o = r / n_out, k = r % n_out;
      OutT* dst = static_cast<OutT*>(jb.dst) + r * inner;
      if (jb.zero && jb.zero[k]) {
        const OutT v = store_as<OutT>(jb.cval);
        for (int64_t i = 0; i < inner; ++i) dst[i] = v;
        continue;
      }
      const int64_t* id = jb.idx + k * Taps;
      const double* w = jb.w + k * Taps;
      const double* row[Taps];
      for (int t = 0; t < Taps; ++t) row[t] = id[t] >= 0 ? jb.src + (o * jb.n_in + id[t]) * inner : nullptr;
      for (int64_t i0 = 0; i0 < inner; i0 += kChunk) {
        const int64_t len = min64(kChunk, inner - i0);
        double* a = std::is_same_v<OutT, double> ? reinterpret_cast<double*>(dst) + i0 : acc;
        {
          const double wt = w[0];
          if (row[0]) {
            const double* s = row[0] + i0;
            for (int64_t i = 0; i < len; ++i) a[i] = wt * s[i];
          } else {
            const double v = wt * jb.cval;
            for (int64_t i = 0; i < len; ++i) a[i] = v;
          }
        }
        for (int t = 1; t < Taps; ++t) {
          const double wt = w[t];
          if (row[t]) {
            const double* s = row[t] + i0;
            for (int64_t i = 0; i < len; ++i) a[i] += wt * s[i];
          } else {
            const double v = wt * jb.cval;
            for (int64_t i = 0; i < len; ++i) a[i] += v;
          }
        }
        if constexpr (!std::is_same_v<OutT, double>) {
          OutT* d = dst + i0;
          for (int64_t i = 0; i < len; ++i) d[i] = store_as<OutT>(a[i]);
        }
      }
    }
  });
}

// Along the last axis. Only 'grid-constant' has cval taps (index -1); the
// other modes' taps are all inside, so their loop has no select.
template <int Taps, class OutT, bool HasCval>
void pass_points(const PassJob& jb) {
  const int64_t n_in = jb.n_in, n_out = jb.n_out;
  const int64_t grain = max64(1, 16384 / max64(1, n_out * Taps));
  parallel_for(0, jb.outer, grain, [&](int64_t o0, int64_t o1) {
    for (int64_t o = o0; o < o1; ++o) {
      const double* s = jb.src + o * n_in;
      OutT* d = static_cast<OutT*>(jb.dst) + o * n_out;
      for (int64_t k = 0; k < n_out; ++k) {
        if (jb.zero && jb.zero[k]) {
          d[k] = store_as<OutT>(jb.cval);
          continue;
        }
        const int64_t* id = jb.idx + k * Taps;
        const double* w = jb.w + k * Taps;
        double t = 0.0;
        if constexpr (HasCval) {
          for (int q = 0; q < Taps; ++q) t += w[q] * (id[q] >= 0 ? s[id[q]] : jb.cval);
        } else {
          for (int q = 0; q < Taps; ++q) t += w[q] * s[id[q]];
        }
        d[k] = store_as<OutT>(t);
      }
    }
  });
}

template <int Taps>
void zoom_pass_taps(const PassJob& jb) {
  auto go = [&](auto out) {
    using OutT = decltype(out);
    if (jb.inner == 1) {
      bool has_cval = false;
      for (int64_t i = 0; i < jb.n_out * Taps; ++i) has_cval |= jb.idx[i] < 0;
      if (has_cval) pass_points<Taps, OutT, true>(jb);
      else pass_points<Taps, OutT, false>(jb);
    }
    else pass_rows<Taps, OutT>(jb);
  };
  switch (jb.dst_dtype) {
    case DType::Float64: return go(double{});
    case DType::Float32: return go(float{});
    case DType::Uint8: return go(uint8_t{});
  }
}

// ---- 3. map_coordinates ------------------------------------------------------

// Offsets of taps outside the input (grid-constant): any sum over <= 8 axes
// that includes one is negative; valid sums stay below 2^53.
constexpr int64_t kOutside = -(int64_t(1) << 59);

// Sums the Taps^rank taps of one point in SciPy's order: last axis fastest,
// each tap's value times the axis weights in axis order.
template <int Taps, int Rank>
double accumulate(int rank, const double* coef, const int64_t (*off)[Taps], const double (*w)[Taps],
                  double cval) {
  if constexpr (Rank == 1) {
    double t = 0.0;
    for (int a = 0; a < Taps; ++a) {
      const int64_t o = off[0][a];
      t += (o >= 0 ? coef[o] : cval) * w[0][a];
    }
    return t;
  } else if constexpr (Rank == 2) {
    double t = 0.0;
    for (int a = 0; a < Taps; ++a)
      for (int b = 0; b < Taps; ++b) {
        const int64_t o = off[0][a] + off[1][b];
        t += (o >= 0 ? coef[o] : cval) * w[0][a] * w[1][b];
      }
    return t;
  } else if constexpr (Rank == 3) {
    double t = 0.0;
    for (int a = 0; a < Taps; ++a)
      for (int b = 0; b < Taps; ++b)
        for (int c = 0; c < Taps; ++c) {
          const int64_t o = off[0][a] + off[1][b] + off[2][c];
          t += (o >= 0 ? coef[o] : cval) * w[0][a] * w[1][b] * w[2][c];
        }
    return t;
  } else {
    int ti[kMaxDims] = {};
    double t = 0.0;
    for (;;) {
      int64_t o = 0;
      for (int a = 0; a < rank; ++a) o += off[a][ti[a]];
      double v = o >= 0 ? coef[o] : cval;
      for (int a = 0; a < rank; ++a) v *= w[a][ti[a]];
      t += v;
      int a = rank - 1;
      while (a >= 0 && ++ti[a] == Taps) ti[a--] = 0;
      if (a < 0) return t;
    }
  }
}

// The general path of one point: fold, taps, and SciPy's tensor-product sum.
template <int Order, M Mode>
double map_point(const MapJob& jb, const double* xs, int64_t q) {
  constexpr int Taps = Order + 1;
  const int rank = jb.rank;
  int64_t off[kMaxDims][Taps];
  double w[kMaxDims][Taps];
  for (int a = 0; a < rank; ++a) {
    int64_t tap[Taps];
    if (!locate<Order, Mode>(xs[a * kPoints + q] + jb.npad, jb.size[a], tap, w[a])) return jb.cval;
    for (int t = 0; t < Taps; ++t) off[a][t] = tap[t] >= 0 ? tap[t] * jb.stride[a] : kOutside;
  }
  switch (rank) {
    case 1: return accumulate<Taps, 1>(rank, jb.coef, off, w, jb.cval);
    case 2: return accumulate<Taps, 2>(rank, jb.coef, off, w, jb.cval);
    case 3: return accumulate<Taps, 3>(rank, jb.coef, off, w, jb.cval);
    default: return accumulate<Taps, 0>(rank, jb.coef, off, w, jb.cval);
  }
}

// A row of Taps adjacent coefficients as one GCC vector (2, 4 or 8 lanes).
template <int Taps>
struct RowVec {
  static constexpr int kLanes = Taps <= 2 ? 2 : (Taps <= 4 ? 4 : 8);
  typedef double V __attribute__((vector_size(kLanes * sizeof(double))));
};

template <class V>
inline void load_row(V& v, const double* p) {
  __builtin_memcpy(&v, p, sizeof(V));
}

// The fast path of a batch, ranks 1-3: points whose coordinate lies in
// [0, len-1] on every axis with every tap inside need no folding, no cval
// and no per-tap bounds: a base offset and the weights, then a separable sum
// over a contiguous footprint (rows of Taps adjacent samples). The sum's
// order differs from SciPy's tensor-product order by rounding only. Other
// points take map_point.
template <int Order, M Mode, int Rank>
void map_fast(const MapJob& jb, const double* xs, int64_t len, double* res) {
  constexpr int Taps = Order + 1;
  alignas(64) int64_t base[kPoints];
  alignas(64) double w[Rank][Taps][kPoints];
  uint8_t slow[kPoints];
  for (int64_t q = 0; q < len; ++q) {
    base[q] = 0;
    slow[q] = 0;
  }
  // Branch-free over the batch (vectorised): knot, weights, offset, and
  // whether the point leaves the fast path. Offsets are exact in double.
  alignas(64) double base_d[kPoints];
  for (int64_t q = 0; q < len; ++q) base_d[q] = 0.0;
  for (int a = 0; a < Rank; ++a) {
    const double hi = static_cast<double>(jb.size[a] - 1);
    const double last_start = static_cast<double>(jb.size[a] - 1 - Order);
    const double stride = static_cast<double>(jb.stride[a]);
    const double* x = xs + a * kPoints;
    for (int64_t q = 0; q < len; ++q) {
      const double cc = x[q] + jb.npad;
      const double knot = middle_knot<Order>(cc);
      const double start = knot - static_cast<double>(Order / 2);
      const bool in = cc >= 0.0 && cc <= hi && start >= 0.0 && start <= last_start;
      slow[q] |= static_cast<uint8_t>(!in);
      base_d[q] += (in ? start : 0.0) * stride;
      double wt[Taps];
      bspline_weights_at<Order>(cc - knot, wt);
      for (int t = 0; t < Taps; ++t) w[a][t][q] = wt[t];
    }
  }
  for (int64_t q = 0; q < len; ++q) base[q] = static_cast<int64_t>(base_d[q]);
  // The footprint's rows of Taps samples are read as short vectors (the
  // coefficient array has kSlack elements of slack after its end); lanes past
  // Taps are computed and ignored. Lane-wise products and one fixed-order dot
  // product: the same bits on every target.
  using V = typename RowVec<Taps>::V;
  const double* coef = jb.coef;
  for (int64_t q = 0; q < len; ++q) {
    if (slow[q]) {
      res[q] = map_point<Order, Mode>(jb, xs, q);
      continue;
    }
    if constexpr (Rank >= 2) {
      // Points are scattered over an array that often exceeds L2: ask for the
      // footprint rows of a point a few ahead (prefetches never fault).
      constexpr int64_t kAhead = 12;
      if (q + kAhead < len) {
        const double* f = coef + base[q + kAhead];
        for (int a = 0; a < Taps; ++a) {
          if constexpr (Rank == 2) {
            __builtin_prefetch(f + a * jb.stride[0], 0, 3);
          } else {
            for (int b = 0; b < Taps; ++b) __builtin_prefetch(f + a * jb.stride[0] + b * jb.stride[1], 0, 3);
          }
        }
      }
    }
    const double* p = coef + base[q];
    if constexpr (Rank == 1 || Taps == 1) {
      double t = 0.0;
      if constexpr (Rank == 1) {
        for (int b = 0; b < Taps; ++b) t += p[b] * w[0][b][q];
      } else {
        t = p[0];  // order 0: one tap, weight 1
      }
      res[q] = t;
    } else {
      V acc;
      if constexpr (Rank == 2) {
        const int64_t s0 = jb.stride[0];
        V r;
        load_row(r, p);
        acc = r * w[0][0][q];
        for (int a = 1; a < Taps; ++a) {
          load_row(r, p + a * s0);
          acc += r * w[0][a][q];
        }
      } else {
        const int64_t s0 = jb.stride[0], s1 = jb.stride[1];
        V r;
        load_row(r, p);
        acc = r * (w[0][0][q] * w[1][0][q]);
        for (int a = 0; a < Taps; ++a)
          for (int b = (a == 0 ? 1 : 0); b < Taps; ++b) {
            load_row(r, p + a * s0 + b * s1);
            acc += r * (w[0][a][q] * w[1][b][q]);
          }
      }
      double t = 0.0;
      for (int c = 0; c < Taps; ++c) t += acc[c] * w[Rank - 1][c][q];
      res[q] = t;
    }
  }
}

template <int Order, M Mode>
void map_batch(const MapJob& jb, const double* xs, int64_t len, double* res) {
  switch (jb.rank) {
    case 1: return map_fast<Order, Mode, 1>(jb, xs, len, res);
    case 2: return map_fast<Order, Mode, 2>(jb, xs, len, res);
    case 3: return map_fast<Order, Mode, 3>(jb, xs, len, res);
    default:
      for (int64_t q = 0; q < len; ++q) res[q] = map_point<Order, Mode>(jb, xs, q);
  }
}

template <class CT>
void read_coords(const MapJob& jb, int64_t p0, int64_t len, double* xs) {
  const CT* c = static_cast<const CT*>(jb.coords);
  for (int64_t q = 0; q < len; ++q) {
    int64_t off = 0;
    if (jb.coords_dense) {
      off = p0 + q;
    } else {
      int64_t p = p0 + q;
      for (int d = jb.out_rank - 1; d >= 0; --d) {
        off += (p % jb.out_shape[d]) * jb.c_strides[d];
        p /= jb.out_shape[d];
      }
    }
    for (int a = 0; a < jb.rank; ++a) xs[a * kPoints + q] = static_cast<double>(c[a * jb.c_axis_stride + off]);
  }
}

template <class OutT>
void write_out(const MapJob& jb, int64_t p0, int64_t len, const double* res) {
  OutT* o = static_cast<OutT*>(jb.out) + p0;
  for (int64_t q = 0; q < len; ++q) o[q] = store_as<OutT>(res[q]);
}

template <int Order, M Mode>
void map_all(const MapJob& jb) {
  const int64_t batches = (jb.out_numel + kPoints - 1) / kPoints;
  parallel_for(0, batches, 1, [&](int64_t b0, int64_t b1) {
    double xs[kMaxDims * kPoints];
    double res[kPoints];
    for (int64_t b = b0; b < b1; ++b) {
      const int64_t p0 = b * kPoints, len = min64(kPoints, jb.out_numel - p0);
      switch (jb.coords_dtype) {
        case DType::Float64: read_coords<double>(jb, p0, len, xs); break;
        case DType::Float32: read_coords<float>(jb, p0, len, xs); break;
        case DType::Uint8: read_coords<uint8_t>(jb, p0, len, xs); break;
      }
      map_batch<Order, Mode>(jb, xs, len, res);
      switch (jb.out_dtype) {
        case DType::Float64: write_out<double>(jb, p0, len, res); break;
        case DType::Float32: write_out<float>(jb, p0, len, res); break;
        case DType::Uint8: write_out<uint8_t>(jb, p0, len, res); break;
      }
    }
  });
}

template <int Order>
void map_order(const MapJob& jb) {
  switch (canonical(jb.mode)) {
    case M::Constant: return map_all<Order, M::Constant>(jb);
    case M::Nearest: return map_all<Order, M::Nearest>(jb);
    case M::Reflect: return map_all<Order, M::Reflect>(jb);
    case M::Mirror: return map_all<Order, M::Mirror>(jb);
    case M::Wrap: return map_all<Order, M::Wrap>(jb);
    case M::GridConstant: return map_all<Order, M::GridConstant>(jb);
    case M::GridWrap: return map_all<Order, M::GridWrap>(jb);
  }
}

// The entry functions dispatch.h exports (declared in problem.h).
void prefilter(const FilterJob& job) {
  if (job.n <= 1 || job.outer * job.inner == 0) return;  // SciPy leaves lines of 1 as they are
  double poles[2];
  const int npoles = filter_poles(job.order, poles);
  if (npoles == 0) return;
  double gain = 1.0;
  for (int p = 0; p < npoles; ++p) gain *= (1.0 - poles[p]) * (1.0 - 1.0 / poles[p]);
  switch (static_cast<Init>(job.init)) {
    case Init::Mirror: return prefilter_axis<Init::Mirror>(job, poles, npoles, gain);
    case Init::Wrap: return prefilter_axis<Init::Wrap>(job, poles, npoles, gain);
    case Init::Reflect: return prefilter_axis<Init::Reflect>(job, poles, npoles, gain);
  }
}

void zoom_pass(const PassJob& jb) {
  switch (jb.taps) {
    case 1: return zoom_pass_taps<1>(jb);
    case 2: return zoom_pass_taps<2>(jb);
    case 3: return zoom_pass_taps<3>(jb);
    case 4: return zoom_pass_taps<4>(jb);
    case 5: return zoom_pass_taps<5>(jb);
    case 6: return zoom_pass_taps<6>(jb);
    default: return;
  }
}

void map_points(const MapJob& jb) {
  switch (jb.order) {
    case 0: return map_order<0>(jb);
    case 1: return map_order<1>(jb);
    case 2: return map_order<2>(jb);
    case 3: return map_order<3>(jb);
    case 4: return map_order<4>(jb);
    case 5: return map_order<5>(jb);
    default: return;
  }
}

}  // namespace gs::GS_ISA_NS::nd
