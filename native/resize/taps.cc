// Tap tables of the uint8 image resizes (see taps.h). Every formula keeps
// its reference's order of double operations: the weights must round to the
// same integers.
#include "taps.h"

#include <algorithm>
#include <cmath>

namespace gs::imgresize {

namespace {

constexpr double kPi = 3.14159265358979323846;

// ---- Pillow's filters (Resample.c), support in input pixels at scale 1 ----
double pil_box(double x) { return (x > -0.5 && x <= 0.5) ? 1.0 : 0.0; }
double pil_bilinear(double x) {
  if (x < 0.0) x = -x;
  return x < 1.0 ? 1.0 - x : 0.0;
}
double pil_hamming(double x) {
  if (x < 0.0) x = -x;
  if (x == 0.0) return 1.0;
  if (x >= 1.0) return 0.0;
  x = x * kPi;
  // Pillow writes the constants as float literals.
  return std::sin(x) / x * (static_cast<double>(0.54f) + static_cast<double>(0.46f) * std::cos(x));
}
double pil_bicubic(double x) {
  constexpr double a = -0.5;
  if (x < 0.0) x = -x;
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
}
double sinc(double x) {
  if (x == 0.0) return 1.0;
  x = x * kPi;
  return std::sin(x) / x;
}
double pil_lanczos(double x) { return (-3.0 <= x && x < 3.0) ? sinc(x) * sinc(x / 3) : 0.0; }

struct PilFilter {
  double (*fn)(double);
  double support;
};

PilFilter pil_filter(ImageFilter f) {
  switch (f) {
    case ImageFilter::Box: return {pil_box, 0.5};
    case ImageFilter::Hamming: return {pil_hamming, 1.0};
    case ImageFilter::Bicubic: return {pil_bicubic, 2.0};
    case ImageFilter::Lanczos: return {pil_lanczos, 3.0};
    default: return {pil_bilinear, 1.0};
  }
}

// ---- ATen's filters (UpSampleKernel.cpp HelperInterp*::aa_filter) ----
// cubic_convolution1 / 2 (UpSample.h) as PyTorch's AVX2 build compiles them:
// GCC contracts a * b + c into fused multiply-adds there.
double aten_cubic(double x, double A) {
  x = std::fabs(x);
  if (x < 1.0) return std::fma(std::fma(A + 2, x, -(A + 3)) * x, x, 1.0);
  if (x < 2.0) return std::fma(std::fma(std::fma(A, x, -5 * A), x, 8 * A), x, -4 * A);
  return 0.0;
}
double aten_linear(double x) {
  x = std::fabs(x);
  return x < 1.0 ? 1.0 - x : 0.0;
}
double aten_lanczos(double x) {
  x = std::fabs(x);
  return x < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
}

double aten_filter(ImageFilter f, bool antialias, double x) {
  switch (f) {
    case ImageFilter::Bicubic: return aten_cubic(x, antialias ? -0.5 : -0.75);
    case ImageFilter::Lanczos: return aten_lanczos(x);
    case ImageFilter::Box: return pil_box(x);
    case ImageFilter::Hamming: return pil_hamming(x);
    default: return aten_linear(x);
  }
}

// interp_size of ATen's helpers: twice the filter's support.
int aten_interp_size(ImageFilter f) {
  switch (f) {
    case ImageFilter::Box: return 1;
    case ImageFilter::Bicubic: return 4;
    case ImageFilter::Lanczos: return 6;
    default: return 2;  // bilinear, hamming
  }
}

int64_t to_index(double v) {
  // C++'s truncating conversion, kept inside int64 for absurd sizes.
  if (!(v > -9.0e18)) return INT64_MIN / 2;
  if (v > 9.0e18) return INT64_MAX / 2;
  return static_cast<int64_t>(v);
}

}  // namespace

TapTable pillow_taps(int64_t in, int64_t out, ImageFilter filter) {
  const PilFilter f = pil_filter(filter);
  TapTable t;
  t.in_size = in;
  t.out_size = out;
  t.precision = 22;
  // precompute_coeffs: in0 = 0 and in1 = in are floats (the box).
  const double scale = static_cast<double>(static_cast<float>(in)) / static_cast<double>(out);
  const double filterscale = scale < 1.0 ? 1.0 : scale;
  const double support = f.support * filterscale;
  const int ksize = static_cast<int>(std::ceil(support)) * 2 + 1;
  t.K = ksize;
  t.start.resize(out);
  t.count.resize(out);
  t.w.assign(static_cast<size_t>(out) * ksize, 0);
  std::vector<double> k(ksize);
  for (int64_t xx = 0; xx < out; ++xx) {
    const double center = (static_cast<double>(xx) + 0.5) * scale;
    const double ss = 1.0 / filterscale;
    int64_t xmin = to_index(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    int64_t xmax = to_index(center + support + 0.5);
    if (xmax > in) xmax = in;
    xmax -= xmin;
    if (xmax < 0) xmax = 0;
    if (xmax > ksize) xmax = ksize;
    double ww = 0.0;
    for (int64_t x = 0; x < xmax; ++x) {
      const double w = f.fn((static_cast<double>(x + xmin) - center + 0.5) * ss);
      k[x] = w;
      ww += w;
    }
    for (int64_t x = 0; x < xmax; ++x)
      if (ww != 0.0) k[x] /= ww;
    // normalize_coeffs_8bpc: round half away from zero.
    int32_t* w = t.w.data() + xx * ksize;
    for (int64_t x = 0; x < xmax; ++x) {
      const double v = k[x] * (1 << 22);
      w[x] = v < 0 ? static_cast<int32_t>(-0.5 + v) : static_cast<int32_t>(0.5 + v);
    }
    t.start[xx] = static_cast<int32_t>(xmin);
    t.count[xx] = static_cast<int32_t>(xmax);
  }
  return t;
}

TapTable torch_taps(int64_t in, int64_t out, ImageFilter filter, bool antialias) {
  TapTable t;
  t.in_size = in;
  t.out_size = out;
  const int interp_size = aten_interp_size(filter);
  // area_pixel_compute_scale<double> without a user scale, align_corners false
  const double scale = static_cast<double>(in) / static_cast<double>(out);
  double support;
  int max_size;
  if (antialias) {
    support = scale >= 1.0 ? (interp_size * 0.5) * scale : interp_size * 0.5;
    max_size = static_cast<int>(std::ceil(support)) * 2 + 1;
  } else {
    support = interp_size * 0.5;
    max_size = interp_size;
  }
  t.K = max_size;
  t.start.resize(out);
  t.count.resize(out);
  std::vector<double> wd(static_cast<size_t>(out) * max_size, 0.0);
  double wt_max = 0.0;
  for (int64_t i = 0; i < out; ++i) {
    double* wt = wd.data() + i * max_size;
    int64_t xmin = 0, xsize = 0;
    if (antialias) {
      // _compute_indices_min_size_weights_aa
      const double center = scale * (static_cast<double>(i) + 0.5);
      const double invscale = scale >= 1.0 ? 1.0 / scale : 1.0;
      xmin = std::max(to_index(center - support + 0.5), int64_t(0));
      xsize = std::min(to_index(center + support + 0.5), in) - xmin;
      xsize = std::clamp(xsize, int64_t(0), int64_t(max_size));
      double total = 0.0;
      for (int64_t j = 0; j < xsize; ++j) {
        const double w = aten_filter(filter, true, (static_cast<double>(j + xmin) - center + 0.5) * invscale);
        wt[j] = w;
        total += w;
      }
      if (total != 0.0) {
        for (int64_t j = 0; j < xsize; ++j) {
          wt[j] /= total;
          wt_max = std::max(wt_max, wt[j]);
        }
      }
    } else {
      // _compute_indices_min_size_weights: the source index of
      // area_pixel_compute_source_index (a fused multiply-subtract in the
      // AVX2 build), guard_index_and_lambda (floorf: through float), then
      // max_size taps with those outside the input folded onto the edges.
      const bool cubic = max_size > 2;
      double real = std::fma(scale, static_cast<double>(i) + 0.5, -0.5);
      if (!cubic && real < 0.0) real = 0.0;
      const int64_t input_index = std::min(static_cast<int64_t>(std::floor(static_cast<float>(real))), in - 1);
      const double lambda = std::min(std::max(real - static_cast<double>(input_index), 0.0), 1.0);
      const int64_t sup = static_cast<int64_t>(max_size * 0.5);
      const int64_t unbound_min = input_index - sup + 1;
      const int64_t unbound_max = input_index + sup + 1;
      xmin = std::max(unbound_min, int64_t(0));
      xsize = std::min(unbound_max, in) - xmin;
      xsize = std::clamp(xsize, int64_t(0), int64_t(max_size));
      int64_t w_index = 0;
      for (int64_t j = 0; j < max_size; ++j) {
        wt[j] = 0.0;
        const double w = aten_filter(filter, false, static_cast<double>(j + 1 - sup) - lambda);
        if (unbound_min + j <= 0) w_index = 0;
        else if (unbound_min + j >= in - 1) w_index = xsize - 1;
        if (w_index >= 0 && w_index < max_size) {
          wt[w_index] += w;
          wt_max = std::max(wt_max, wt[w_index]);
        }
        ++w_index;
      }
    }
    t.start[i] = static_cast<int32_t>(xmin);
    t.count[i] = static_cast<int32_t>(xsize);
  }
  int precision = 0;
  for (precision = 0; precision < 22; ++precision) {
    const int next = static_cast<int>(0.5 + wt_max * (1 << (precision + 1)));
    if (next >= (1 << 15)) break;
  }
  t.precision = precision;
  t.w.assign(wd.size(), 0);
  for (size_t j = 0; j < wd.size(); ++j) {
    const double v = wd[j] * (1 << precision);
    t.w[j] = static_cast<int16_t>(v < 0 ? static_cast<int>(-0.5 + v) : static_cast<int>(0.5 + v));
  }
  return t;
}

std::vector<int32_t> pillow_nearest(int64_t in, int64_t out) {
  // ImagingScaleAffine: xo = a0 / 2, then xo += a0 per output (accumulated).
  const double a0 = static_cast<double>(static_cast<float>(in)) / static_cast<double>(out);
  std::vector<int32_t> idx(out);
  double xo = 0.0 + a0 * 0.5;
  for (int64_t x = 0; x < out; ++x) {
    const int64_t xin = xo < 0.0 ? -1 : to_index(xo);
    idx[x] = (xin >= 0 && xin < in) ? static_cast<int32_t>(xin) : -1;
    xo += a0;
  }
  return idx;
}

}  // namespace gs::imgresize
