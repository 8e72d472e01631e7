// Scalar helpers of interpolate: PyTorch 1.13's source-index and weight
// formulas (aten/src/ATen/native/UpSample.h, cpu/UpSampleKernel.cpp), in the
// precision PyTorch evaluates them. `T` is the kernel's opmath type: float
// for float32 (and this package's uint8), double for float64. Used once per
// call and axis by the dispatcher; never inside a per-pixel loop.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace gs::interp {

// static_cast<int64_t>(x) for the values PyTorch meets (x in [-4, in]);
// anything else (a caller-supplied absurd scale, NaN) is pinned into that
// range first, so the conversion is always defined. Never changes a result:
// every index is clamped to [0, in-1] afterwards.
template <class T>
inline int64_t to_index(T x, int64_t in) {
  if (!(x >= T(-4))) return -4;  // NaN too
  if (!(x <= static_cast<T>(in))) return in;
  return static_cast<int64_t>(x);
}

// compute_scales_value: the user's factor inverted (in double, then rounded
// to T) when one was handed to the kernel, else in / out evaluated in T.
template <class T>
inline T scale_value(double user_scale, int64_t in, int64_t out) {
  return user_scale > 0 ? static_cast<T>(1.0 / user_scale) : static_cast<T>(in) / static_cast<T>(out);
}

// area_pixel_compute_scale:
//   align_corners:  (in-1)/(out-1)   (0 when out == 1), the user's factor ignored
//   otherwise:      scale_value
template <class T>
inline T area_scale(double user_scale, int64_t in, int64_t out, bool align_corners) {
  if (align_corners) return out > 1 ? static_cast<T>(in - 1) / static_cast<T>(out - 1) : T(0);
  return scale_value<T>(user_scale, in, out);
}

// area_pixel_compute_source_index:
//   align_corners:  scale * o                         (in T)
//   otherwise:      scale * (o + 0.5) - 0.5           (o + 0.5 is a double in
//                   ATen, so this is evaluated in double, then rounded to T)
//                   clamped at 0 except for cubic.
template <class T>
inline T source_index(T scale, int64_t o, bool align_corners, bool cubic) {
  if (align_corners) return scale * static_cast<T>(o);
  const T r = static_cast<T>(static_cast<double>(scale) * (static_cast<double>(o) + 0.5) - 0.5);
  return (!cubic && r < T(0)) ? T(0) : r;
}

// nearest_idx: floor(o * s) in float32 (OpenCV's INTER_NEAREST), s a
// float32 scale. torch 1.13's channels-last nearest kernel (which also runs
// for any 4D/5D input whose strides are channels-last, e.g. C == 1) first
// special-cases an axis with out == in (copy) and out == 2*in (o >> 1), so
// scale_factor 2.0000001 halves exactly there; its generic kernel (contiguous
// input, and every 3D input) does not. Measured on torch 1.13.1: 7 -> 14 with
// 2.0000001 gives 0,0,0,1,1,... with C = 3 contiguous, 0,0,1,1,... with
// C = 1 or channels-last.
inline int64_t nearest_index(int64_t o, int64_t in, int64_t out, double user_scale, bool special_cases) {
  if (special_cases && out == in) return o;
  if (special_cases && out == 2 * in) return o >> 1;
  const float s = scale_value<float>(user_scale, in, out);
  return std::clamp<int64_t>(to_index(std::floor(static_cast<float>(o) * s), in), 0, in - 1);
}

// nearest_exact_idx: floorf((o + 0.5) * s): the product is a double that
// floorf's float parameter rounds to float32 before the floor.
inline int64_t nearest_exact_index(int64_t o, int64_t in, int64_t out, double user_scale) {
  const float s = scale_value<float>(user_scale, in, out);
  const float x = static_cast<float>((static_cast<double>(o) + 0.5) * static_cast<double>(s));
  return std::clamp<int64_t>(to_index(std::floor(x), in), 0, in - 1);
}

// Linear taps of output o: r = the source index evaluated in double (ATen
// 1.13's linear kernels keep it unrounded: measured on torch 1.13.1, their
// weights equal these bit for bit, the float32 scale included), i0 = min(trunc(r), in-1),
// i1 = i0 + (i0 < in-1), l1 = clamp(r - i0, 0, 1) rounded to T once,
// l0 = 1 - l1 in T; out == in is the identity (l0 = 1, l1 = 0).
// source index of PyTorch >= 2's kernels: everything in T (opmath), the
// multiply-add fused as its x86 build does.
template <class T>
inline double opmath_source_index(T scale, int64_t o, bool align_corners) {
  return align_corners ? static_cast<double>(scale * static_cast<T>(o))
                       : static_cast<double>(std::fma(scale, static_cast<T>(o) + T(0.5), T(-0.5)));
}

template <class T>
inline void linear_taps(T scale, int64_t o, int64_t in, int64_t out, bool align_corners, int64_t idx[2], T w[2],
                        bool opmath = false) {
  if (out == in) {
    idx[0] = idx[1] = o;
    w[0] = T(1);
    w[1] = T(0);
    return;
  }
  const double s = static_cast<double>(scale);
  // fused like ATen's x86 build: exact for float32 scales (the product fits
  // a double), and what its float64 kernel computes
  double r = opmath ? opmath_source_index(scale, o, align_corners)
             : align_corners ? s * static_cast<double>(o) : std::fma(s, static_cast<double>(o) + 0.5, -0.5);
  r = r < 0 ? 0 : r;
  const int64_t i0 = std::max(std::min(to_index(r, in), in - 1), int64_t(0));
  idx[0] = i0;
  idx[1] = i0 + (i0 < in - 1 ? 1 : 0);
  const T l1 = static_cast<T>(std::min(std::max(r - static_cast<double>(i0), 0.0), 1.0));
  w[1] = l1;
  w[0] = T(1) - l1;
}

// Keys' cubic convolution with A = -0.75 (ATen's upsample_bicubic2d):
//   k1(x) = ((A+2)x - (A+3))x^2 + 1        for |x| <= 1
//   k2(x) = ((Ax - 5A)x + 8A)x - 4A        for 1 < |x| < 2
// evaluated in T with the multiply-adds ATen's x86 build fuses (measured on
// torch 1.13.1: these give its weights bit for bit).
template <class T>
inline T cubic_k1(T x, T A) {
  return (std::fma(A + T(2), x, -(A + T(3))) * x) * x + T(1);
}
template <class T>
inline T cubic_k2(T x, T A) {
  return std::fma(std::fma(A, x, -(T(5) * A)), x, T(8) * A) * x - T(4) * A;
}

// Cubic taps of output o: r in double without the clamp at 0 (fused like the
// linear index), i = floorf(r) (through float32 for every dtype, as ATen),
// t = r - i unclamped (torch 1.13.1 has no guard: r = 5.99999976 floors
// through float32 to 6 and gives t = -2.4e-7), weights
// [k2(t+1), k1(t), k1(1-t), k2(2-t)] at taps clamp(i-1+j, 0, in-1).
template <class T>
inline void cubic_taps(T scale, int64_t o, int64_t in, bool align_corners, int64_t idx[4], T w[4],
                       bool opmath = false) {
  const double s = static_cast<double>(scale);
  const double r = opmath ? opmath_source_index(scale, o, align_corners)
                   : align_corners ? s * static_cast<double>(o) : std::fma(s, static_cast<double>(o) + 0.5, -0.5);
  const int64_t i = to_index(std::floor(static_cast<float>(r)), in);
  // ATen's t stays within an ulp or so of [0, 1); only a caller-supplied
  // absurd scale (r infinite) leaves [-1, 2], which keeps the weights finite.
  // PyTorch >= 2 clamps it to [0, 1] (guard_index_and_lambda).
  const double tr = opmath ? std::min(std::max(r - static_cast<double>(i), 0.0), 1.0) : r - static_cast<double>(i);
  const T t = static_cast<T>(!(tr >= -1.0) ? -1.0 : tr > 2.0 ? 2.0 : tr);
  const T A = T(-0.75);
  const T x2 = static_cast<T>(1.0 - static_cast<double>(t));
  w[0] = cubic_k2<T>(static_cast<T>(static_cast<double>(t) + 1.0), A);
  w[1] = cubic_k1<T>(t, A);
  w[2] = cubic_k1<T>(x2, A);
  w[3] = cubic_k2<T>(static_cast<T>(static_cast<double>(x2) + 1.0), A);
  for (int j = 0; j < 4; ++j) idx[j] = std::min(std::max(i - 1 + j, int64_t(0)), in - 1);
}

}  // namespace gs::interp
