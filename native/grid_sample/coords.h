// Scalar helpers of grid_sample shared by every ISA build and every mode, so
// the paths cannot drift apart. Each mirrors one step of PyTorch 1.13; where
// its 2D (vectorized) and 3D (scalar) CPU kernels round differently we keep
// both forms and the kernel picks the one of its rank, so nearest-mode ties
// land on exactly PyTorch's pixel.
#pragma once

#include <cmath>
#include <cstdint>

#ifndef GS_ISA_NS
#define GS_ISA_NS generic
#endif

// Compiled into every per-target kernel build: see the namespace note in simd.h.
namespace gs::GS_ISA_NS::grid {

// Unnormalize, 2D form (ATen vectorized kernel; the factor is precomputed in T):
//   align_corners:  -1 --> 0,    +1 --> n-1:   (g + 1) * ((n-1)/2)
//   otherwise:      -1 --> -0.5, +1 --> n-0.5: (g + 1) * (n/2) - 0.5
// The multiply-subtract is fused: PyTorch's AVX2 build (GCC contracts it)
// rounds once there, which decides nearest-mode ties.
template <class T, bool AlignCorners>
struct Unnormalize2d {
  T factor;
  explicit Unnormalize2d(int64_t n)
      : factor(AlignCorners ? static_cast<T>(n - 1) / 2 : static_cast<T>(n) / 2) {}
  T operator()(T g) const {
    if constexpr (AlignCorners) return (g + T(1)) * factor;
    else return std::fma(g + T(1), factor, T(-0.5));
  }
};

// Unnormalize, 3D form (ATen scalar kernel, GridSampler.h):
//   align_corners: ((g + 1) / 2) * (n - 1);  otherwise: ((g + 1) * n - 1) / 2
template <class T, bool AlignCorners>
struct Unnormalize3d {
  T n;
  explicit Unnormalize3d(int64_t size) : n(static_cast<T>(size)) {}
  T operator()(T g) const {
    if constexpr (AlignCorners) return ((g + T(1)) / T(2)) * (n - T(1));
    else return ((g + T(1)) * n - T(1)) / T(2);
  }
};

// Border clip into [0, n-1]. NaN --> 0 (the operand order of ATen's vectorized
// clamp); only a reflected infinity can still be NaN here, see README "NaN".
template <class T>
inline T clip(T c, T max_val) {
  c = c > T(0) ? c : T(0);
  return c < max_val ? c : max_val;
}

// Reflection, 2D form (ATen vectorized): reflect |c - low| about the ends of
// a span of length twice_span/2 by truncated division, then the nearer fold.
//   align_corners: low = 0, twice_span = 2(n-1) (n == 1 --> 0)
//   otherwise:     low = -0.5, twice_span = 2n
template <class T, bool AlignCorners>
struct Reflect2d {
  T low, twice_span;
  bool empty;
  explicit Reflect2d(int64_t n)
      : low(AlignCorners ? T(0) : T(-0.5)),
        twice_span(AlignCorners ? static_cast<T>(n - 1) * 2 : static_cast<T>(n) * 2),
        empty(AlignCorners ? n <= 1 : n <= 0) {}
  T operator()(T c) const {
    // Branch-free (a select for `empty`), so the locate loops vectorize.
    T a = std::fabs(c - low);
    T extra = std::fma(-std::trunc(a / twice_span), twice_span, a);  // fused, as in ATen's AVX2 build
    T other = twice_span - extra;
    T r = (extra < other ? extra : other) + low;
    return empty ? T(0) : r;
  }
};

// Reflection, 3D form (ATen scalar, GridSampler.h reflect_coordinates):
// fmod by the span and the parity of the number of flips. The parity is taken
// in floating point so a huge coordinate is not an int overflow.
template <class T, bool AlignCorners>
struct Reflect3d {
  T min, span;
  bool empty;
  explicit Reflect3d(int64_t n)
      : min(AlignCorners ? T(0) : T(-0.5)),
        span(AlignCorners ? static_cast<T>(n - 1) : static_cast<T>(n)),
        empty(AlignCorners ? n <= 1 : n <= 0) {}
  T operator()(T c) const {
    if (empty) return T(0);
    T a = std::fabs(c - min);
    T extra = std::fmod(a, span);
    T flips = std::floor(a / span);
    bool even = std::fmod(flips, T(2)) == T(0);
    return even ? extra + min : span - extra + min;
  }
};

// Keys cubic convolution, A = -0.75 (PyTorch's grid_sample and bicubic
// upsampling): coefficients of the taps x0-1 .. x0+2 for t = x - x0.
//   |x| <= 1:     ((A+2)|x| - (A+3)) x^2 + 1
//   1 < |x| < 2:  ((A|x| - 5A)|x| + 8A)|x| - 4A
// Fused: the roundings of ATen's AVX2 grid_sample build, where GCC contracts
// the |x| <= 1 polynomial into two multiply-adds and leaves the other alone.
template <class T, bool Fused>
inline void cubic_coefficients(T t, T (&c)[4], T A = T(-0.75)) {
  auto far = [A](T x) { return ((A * x - T(5) * A) * x + T(8) * A) * x - T(4) * A; };
  auto near = [A](T x) {
    if constexpr (Fused) return std::fma(std::fma(A + T(2), x, -(A + T(3))) * x, x, T(1));
    else return ((A + T(2)) * x - (A + T(3))) * x * x + T(1);
  };
  c[0] = far(t + T(1));
  c[1] = near(t);
  c[2] = near(T(1) - t);
  c[3] = far(T(2) - t);
}

}  // namespace gs::GS_ISA_NS::grid
