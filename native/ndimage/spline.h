// Scalar helpers of the ndimage family, one step of SciPy 1.10's math each
// (scipy/ndimage/src/ni_interpolation.c, ni_splines.c): B-spline weights,
// the folding of an out-of-range coordinate per boundary mode, and which
// boundary the spline taps and the prefilter use for each mode. Shared by the
// dispatcher and every ISA build so the paths cannot drift apart.
#pragma once

#include <cmath>
#include <cstdint>

#include "ndimage.h"

#ifndef GS_ISA_NS
#define GS_ISA_NS generic
#endif

// Compiled into every per-target kernel build: see the namespace note in simd.h.
namespace gs::GS_ISA_NS::nd {

// The modes after aliasing: grid-mirror is reflect everywhere in SciPy.
enum class M : int { Constant, Nearest, Reflect, Mirror, Wrap, GridConstant, GridWrap };

inline M canonical(NdMode m) {
  switch (m) {
    case NdMode::Constant: return M::Constant;
    case NdMode::Nearest: return M::Nearest;
    case NdMode::Reflect:
    case NdMode::GridMirror: return M::Reflect;
    case NdMode::Mirror: return M::Mirror;
    case NdMode::Wrap: return M::Wrap;
    case NdMode::GridConstant: return M::GridConstant;
    case NdMode::GridWrap: return M::GridWrap;
  }
  return M::Constant;
}

// The prefilter's boundary (SciPy 1.10 apply_filter): constant, grid-constant,
// mirror and wrap use the mirror initial values; grid-wrap the periodic ones;
// nearest and reflect (= grid-mirror) the half-sample symmetric ones.
enum class Init : int { Mirror = 0, Wrap = 1, Reflect = 2 };

inline Init prefilter_init(M m) {
  switch (m) {
    case M::GridWrap: return Init::Wrap;
    case M::Nearest:
    case M::Reflect: return Init::Reflect;
    default: return Init::Mirror;
  }
}

// SciPy pads the input by 12 samples (edge for nearest, cval for
// grid-constant) before prefiltering in these two modes
// (_interpolation.py _prepad_for_spline_filter).
constexpr int64_t kPrepad = 12;
inline bool prepadded(M m) { return m == M::Nearest || m == M::GridConstant; }

// Where a coordinate outside [0, len-1] lands (ni_interpolation.c
// map_coordinate), in double with the same integer truncations:
//   mirror   period 2len-2, edges not repeated   ...dcb|abcd|cba...
//   reflect  period 2len, edges repeated          ...cba|abcd|dcb...
//   wrap     period len-1 (first and last coincide)
//   grid-wrap period len
//   nearest  clamp;  constant: -1 (the caller then returns cval)
// Callers keep |in| < 2^52 so the integer casts are defined.
inline double fold(double in, int64_t len, M mode) {
  if (in < 0) {
    switch (mode) {
      case M::Mirror: {
        if (len <= 1) return 0;
        const int64_t sz2 = 2 * len - 2;
        in = static_cast<double>(sz2 * static_cast<int64_t>(-in / sz2)) + in;
        return in <= static_cast<double>(1 - len) ? in + static_cast<double>(sz2) : -in;
      }
      case M::Reflect: {
        if (len <= 1) return 0;
        const int64_t sz2 = 2 * len;
        if (in < static_cast<double>(-sz2)) in = static_cast<double>(sz2 * static_cast<int64_t>(-in / sz2)) + in;
        // SciPy's guard keeps -in - 1 from rounding to exactly -1 (which
        // would read as outside): tiny negatives land at 1e-15 - 1.
        return in < static_cast<double>(-len) ? in + static_cast<double>(sz2) : (in > -1e-15 ? 1e-15 : -in) - 1;
      }
      case M::Wrap: {
        if (len <= 1) return 0;
        const int64_t sz = len - 1;
        return in + static_cast<double>(sz * (static_cast<int64_t>(-in / sz) + 1));
      }
      case M::GridWrap: {
        if (len <= 1) return 0;
        return in + static_cast<double>(len * (static_cast<int64_t>((-1 - in) / len) + 1));
      }
      case M::Nearest: return 0;
      case M::Constant: return -1;
      case M::GridConstant: return in;
    }
  } else if (in > static_cast<double>(len - 1)) {
    switch (mode) {
      case M::Mirror: {
        if (len <= 1) return 0;
        const int64_t sz2 = 2 * len - 2;
        in -= static_cast<double>(sz2 * static_cast<int64_t>(in / sz2));
        return in >= static_cast<double>(len) ? static_cast<double>(sz2) - in : in;
      }
      case M::Reflect: {
        if (len <= 1) return 0;
        const int64_t sz2 = 2 * len;
        in -= static_cast<double>(sz2 * static_cast<int64_t>(in / sz2));
        return in >= static_cast<double>(len) ? static_cast<double>(sz2) - in - 1 : in;
      }
      case M::Wrap: {
        if (len <= 1) return 0;
        const int64_t sz = len - 1;
        return in - static_cast<double>(sz * static_cast<int64_t>(in / sz));
      }
      case M::GridWrap: {
        if (len <= 1) return 0;
        return in - static_cast<double>(len * static_cast<int64_t>(in / len));
      }
      case M::Nearest: return static_cast<double>(len - 1);
      case M::Constant: return -1;
      case M::GridConstant: return in;
    }
  }
  return in;
}

// The boundary of the spline taps (SciPy's _get_spline_boundary_mode):
// constant and wrap fold their taps by mirror; the rest by their own rule.
constexpr M tap_mode(M m) { return (m == M::Constant || m == M::Wrap) ? M::Mirror : m; }

// Index of tap `idx` on an axis of `len` samples; -1 means cval
// (grid-constant taps outside the input).
inline int64_t fold_tap(int64_t idx, int64_t len, M mode) {
  if (idx >= 0 && idx < len) return idx;
  const M tm = tap_mode(mode);
  if (tm == M::GridConstant) return -1;
  return static_cast<int64_t>(fold(static_cast<double>(idx), len, tm));
}

// B-spline weights of the Order+1 taps from x, the offset of the coordinate
// from its middle knot (odd orders: x - floor(x), in [0, 1); even orders:
// x - floor(x + 0.5), in [-0.5, 0.5)). SciPy's get_spline_interpolation_
// weights: piecewise polynomials, the last weight 1 minus the others.
// Divisions by constants are multiplications by their reciprocals here (a
// rounding difference of an ulp in the weights; branch-free and vectorisable).
template <int Order>
inline void bspline_weights_at(double x, double* w) {
  constexpr double k6 = 1.0 / 6.0, k12 = 1.0 / 12.0, k24 = 1.0 / 24.0, k120 = 1.0 / 120.0;
  double y = x, z = 1.0 - x, t;
  if constexpr (Order == 0) {
    w[0] = 1.0;
    return;
  } else if constexpr (Order == 1) {
    w[0] = 1.0 - x;
  } else if constexpr (Order == 2) {
    w[1] = 0.75 - x * x;
    y = 0.5 - x;
    w[0] = 0.5 * y * y;
  } else if constexpr (Order == 3) {
    w[1] = (y * y * (y - 2.0) * 3.0 + 4.0) * k6;
    w[2] = (z * z * (z - 2.0) * 3.0 + 4.0) * k6;
    w[0] = z * z * z * k6;
  } else if constexpr (Order == 4) {
    t = x * x;
    w[2] = t * (t * 0.25 - 0.625) + 115.0 / 192.0;
    y = 1.0 + x;
    w[1] = y * (y * (y * (5.0 - y) * k6 - 1.25) + 5.0 / 24.0) + 55.0 / 96.0;
    w[3] = z * (z * (z * (5.0 - z) * k6 - 1.25) + 5.0 / 24.0) + 55.0 / 96.0;
    y = 0.5 - x;
    t = y * y;
    w[0] = t * t * k24;
  } else {
    t = y * y;
    w[2] = t * (t * (0.25 - y * k12) - 0.5) + 0.55;
    t = z * z;
    w[3] = t * (t * (0.25 - z * k12) - 0.5) + 0.55;
    y += 1.0;
    w[1] = y * (y * (y * (y * (y * k24 - 0.375) + 1.25) - 1.75) + 0.625) + 0.425;
    z += 1.0;
    w[4] = z * (z * (z * (z * (z * k24 - 0.375) + 1.25) - 1.75) + 0.625) + 0.425;
    y = 1.0 - x;
    t = y * y;
    w[0] = y * t * t * k120;
  }
  if constexpr (Order > 0) {
    double last = 1.0;
    for (int i = 0; i < Order; ++i) last -= w[i];
    w[Order] = last;
  }
}

// The middle knot of coordinate x: floor(x) for odd orders, floor(x + 0.5)
// for even ones; the first tap is Order/2 before it.
template <int Order>
inline double middle_knot(double x) {
  return std::floor(Order & 1 ? x : x + 0.5);
}

template <int Order>
inline int64_t first_tap(double x) {
  return static_cast<int64_t>(middle_knot<Order>(x)) - Order / 2;
}

template <int Order>
inline void bspline_weights(double x, double* w) {
  bspline_weights_at<Order>(x - middle_knot<Order>(x), w);
}

// Where one coordinate of one axis reads: Order+1 tap indices (-1 = cval)
// and weights. Returns false when the whole output point is cval ('constant'
// mode outside [0, len-1], strictly, as SciPy compares in double; and
// coordinates that are NaN, or beyond +-2^52 in the periodic modes, which
// SciPy leaves undefined). `x` already includes the prepad offset.
template <int Order, M Mode>
inline bool locate(double x, int64_t len, int64_t* tap, double* w) {
  if (!(x == x)) return false;
  double cc = x;
  if constexpr (Mode == M::Nearest || Mode == M::GridConstant) {
    // SciPy maps nothing here; far away every tap clamps to the edge (or is
    // cval), so pinning the coordinate changes nothing but keeps the integer
    // conversion defined.
    const double lo = -static_cast<double>(Order + 2), hi = static_cast<double>(len + Order + 1);
    cc = cc < lo ? lo : (cc > hi ? hi : cc);
  } else {
    if (!(std::fabs(cc) < 4503599627370496.0)) return false;
    cc = fold(cc, len, Mode);
    if (!(cc > -1.0)) return false;
  }
  const int64_t start = first_tap<Order>(cc);
  if (start < 0 || start + Order >= len) {
    for (int t = 0; t <= Order; ++t) tap[t] = fold_tap(start + t, len, Mode);
  } else {
    for (int t = 0; t <= Order; ++t) tap[t] = start + t;
  }
  bspline_weights<Order>(cc, w);
  return true;
}

// Poles of the B-spline prefilter (ni_splines.c get_filter_poles).
inline int filter_poles(int order, double* z) {
  switch (order) {
    case 2: z[0] = -0.171572875253809902396622551580603843; return 1;
    case 3: z[0] = -0.267949192431122706472553658494127633; return 1;
    case 4:
      z[0] = -0.361341225900220177092212841325675255;
      z[1] = -0.013725429297339121360331226939128204;
      return 2;
    case 5:
      z[0] = -0.430575347099973791851434783493520110;
      z[1] = -0.043096288203264653822712376822550182;
      return 2;
    default: return 0;
  }
}

// double -> float rounding to nearest, with values beyond float's range
// going to +-infinity explicitly (a plain cast of those is undefined in C++;
// IEEE rounding sends everything from FLT_MAX + half an ulp on to infinity).
inline float to_float32(double t) {
  constexpr double kHalfwayToInf = 340282356779733661637539395458142568448.0;  // FLT_MAX + 2^103
  if (t >= kHalfwayToInf) return HUGE_VALF;
  if (t <= -kHalfwayToInf) return -HUGE_VALF;
  return static_cast<float>(t);
}

// SciPy's output conversion: floating types by a plain cast; unsigned
// integers round half up, NaN and negatives go to 0, clamp at the maximum.
template <class T>
inline T store_as(double t) {
  if constexpr (sizeof(T) == 1) {
    t = t > 0 ? t + 0.5 : 0;
    t = t > 255.0 ? 255.0 : t;
    return static_cast<T>(t);
  } else if constexpr (sizeof(T) == 4) {
    return to_float32(t);
  } else {
    return t;
  }
}

}  // namespace gs::GS_ISA_NS::nd
