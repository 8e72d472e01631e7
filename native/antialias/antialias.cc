// Entry point of interpolate_antialias: re-checks the call, computes the tap
// table of each axis once (PyTorch 1.13's _compute_indices_weights_aa, in its
// exact mix of float and double arithmetic) and hands both tables to the
// kernel build of the active SIMD target.
#include "antialias.h"

#include <cmath>
#include <string>
#include <vector>

#include "../common/scale.h"
#include "problem.h"

namespace gs {

namespace {

constexpr auto kRun = GS_KERNEL_TABLE(aa, run);

// area_pixel_compute_scale<scalar_t> (ATen UpSample.h):
//   align_corners: (in-1)/(out-1) in scalar_t if out > 1, else 0
//   otherwise:     scalar_t(1/scale) for a user scale > 0, else scalar_t(in)/out
template <class T>
T compute_scale(int64_t in, int64_t out, bool align_corners, double user_scale) {
  if (align_corners) return out > 1 ? static_cast<T>(in - 1) / static_cast<T>(out - 1) : T(0);
  if (user_scale > 0) return static_cast<T>(1.0 / user_scale);
  return static_cast<T>(in) / static_cast<T>(out);
}

// HelperInterpLinear::aa_filter: the triangle max(0, 1-|x|), in double.
template <class T>
T triangle(T x) {
  double d = std::fabs(static_cast<double>(x));
  return d < 1.0 ? static_cast<T>(1.0 - d) : T(0);
}

// HelperInterpCubic::aa_filter: Keys' cubic with a = -0.5 (Pillow's), in
// double whatever scalar_t is (its constants are double literals).
template <class T>
T keys_cubic(T x) {
  constexpr double a = -0.5;
  double d = std::fabs(static_cast<double>(x));
  if (d < 1.0) return static_cast<T>(((a + 2.0) * d - (a + 3.0)) * d * d + 1);
  if (d < 2.0) return static_cast<T>((((d - 5) * d + 8) * d - 4) * a);
  return T(0);
}

// HelperInterpLanczos::aa_filter (PyTorch >= 2.x, torchvision's LANCZOS):
// sinc(x) * sinc(x / 3) for |x| < 3, in double.
template <class T>
T lanczos3(T x) {
  constexpr double pi = 3.14159265358979323846;
  const double d = std::fabs(static_cast<double>(x));
  if (d >= 3.0) return T(0);
  auto sinc = [&](double v) { return v == 0.0 ? 1.0 : std::sin(v * pi) / (v * pi); };
  return static_cast<T>(sinc(d) * sinc(d / 3.0));
}

// int64_t(v) for v >= 0 as C++ truncates, pinned to [0, hi] (NaN -> 0), so a
// nonsense scale can never make an index outside the input.
int64_t trunc_index(double v, int64_t hi) {
  if (!(v > 0)) return 0;
  if (v >= static_cast<double>(hi)) return hi;
  return static_cast<int64_t>(v);
}

template <class T>
struct TapTable {
  std::vector<int64_t> start;
  std::vector<int32_t> count;
  std::vector<T> w;
  int K = 0;

  aa::AxisTaps view(int64_t in, int64_t out) const {
    aa::AxisTaps t;
    t.in_size = in;
    t.out_size = out;
    t.K = K;
    t.start = start.data();
    t.count = count.data();
    t.w = w.data();
    return t;
  }
};

// HelperInterpBase::_compute_weights_aa for every output index, with T =
// scalar_t. Mixed precision as in ATen: `center`, `support` and `invscale`
// are products/quotients rounded to scalar_t; the tap argument
// `(j + xmin - center + 0.5) * invscale` subtracts in scalar_t and finishes
// in double; the weights are summed and normalized in scalar_t.
template <class T>
TapTable<T> compute_taps(int64_t in, int64_t out, bool align_corners, double user_scale, AntialiasFilter filter) {
  const T scale = compute_scale<T>(in, out, align_corners, user_scale);
  const double interp_size = filter == AntialiasFilter::Bicubic ? 4 : filter == AntialiasFilter::Lanczos ? 6 : 2;
  const T support = scale >= T(1) ? static_cast<T>(interp_size * 0.5 * static_cast<double>(scale))
                                  : static_cast<T>(interp_size * 0.5);
  const T invscale = scale >= T(1) ? static_cast<T>(1.0 / static_cast<double>(scale)) : T(1);

  TapTable<T> tab;
  tab.start.resize(out);
  tab.count.resize(out);
  std::vector<int64_t> xmins(out), sizes(out);
  int64_t K = 1;
  for (int64_t i = 0; i < out; ++i) {
    const T center = static_cast<T>(static_cast<double>(scale) * (static_cast<double>(i) + 0.5));
    const int64_t xmin = trunc_index(static_cast<double>(center - support) + 0.5, in);
    const int64_t xmax = trunc_index(static_cast<double>(center + support) + 0.5, in);
    xmins[i] = xmin;
    sizes[i] = xmax > xmin ? xmax - xmin : 0;
    if (sizes[i] > K) K = sizes[i];
  }
  tab.K = static_cast<int>(K);
  tab.w.assign(static_cast<size_t>(out * K), T(0));
  for (int64_t i = 0; i < out; ++i) {
    const T center = static_cast<T>(static_cast<double>(scale) * (static_cast<double>(i) + 0.5));
    T* w = tab.w.data() + i * K;
    T total = 0;
    for (int64_t j = 0; j < sizes[i]; ++j) {
      const T d = static_cast<T>(j + xmins[i]) - center;
      const T x = static_cast<T>((static_cast<double>(d) + 0.5) * static_cast<double>(invscale));
      w[j] = filter == AntialiasFilter::Bicubic ? keys_cubic(x) : filter == AntialiasFilter::Lanczos ? lanczos3(x) : triangle(x);
      total += w[j];
    }
    if (total != T(0))
      for (int64_t j = 0; j < sizes[i]; ++j) w[j] /= total;
    tab.start[i] = xmins[i];
    tab.count[i] = static_cast<int32_t>(sizes[i]);
  }
  return tab;
}

template <class T>
void run_with_tables(aa::Problem& pb, const AntialiasOptions& opt, int64_t H, int64_t W, int64_t Ho, int64_t Wo) {
  const TapTable<T> th = compute_taps<T>(H, Ho, opt.align_corners, opt.scales[0], opt.filter);
  const TapTable<T> tw = compute_taps<T>(W, Wo, opt.align_corners, opt.scales[1], opt.filter);
  pb.h = th.view(H, Ho);
  pb.w = tw.view(W, Wo);
  // Wide problems run on the baseline build only (kernels.cc).
  kRun.at(pb.wide_index ? Isa::Baseline : active_isa())(pb);
}

}  // namespace

Status interpolate_antialias(const TensorView& input, const TensorView& out, const AntialiasOptions& opt) {
  const std::string fn = "interpolateAntialias: ";
  if (input.ndim != 4) return Status::range(fn + "input must be 4D (N, C, H, W), got shape " + shape_str(input));
  if (out.ndim != 4 || out.shape[0] != input.shape[0] || out.shape[1] != input.shape[1])
    return Status::range(fn + "out shape " + shape_str(out) + " does not fit input shape " + shape_str(input));
  if (out.dtype != input.dtype) return Status::invalid(fn + "out dtype differs from input dtype");
  if (static_cast<int>(opt.filter) < 0 || static_cast<int>(opt.filter) > 2) return Status::invalid(fn + "unknown mode");
  for (int i = 2; i < 4; ++i) {
    if (input.shape[i] <= 0)
      return Status::range(fn + "input has an empty spatial dimension: " + shape_str(input));
    if (out.shape[i] <= 0) return Status::range(fn + "output sizes must be positive, got " + shape_str(out));
    if (!user_scale_ok(input.shape[i], out.shape[i], opt.scales[i - 2]))
      return Status::range(fn + "scales must be finite, non-negative (0: derive from the sizes) and fit the sizes");
    // Tap counts are int32 (a stride-0 view can claim any size in a tiny buffer).
    if (input.shape[i] >= (int64_t(1) << 31) || out.shape[i] >= (int64_t(1) << 31))
      return Status::range(fn + "spatial size too large");
  }
  if (Status st = check_input_output(fn, input, out); !st.is_ok()) return st;
  if (out.numel() == 0) return Status::ok();

  aa::Problem pb;
  pb.dtype = input.dtype;
  pb.N = input.shape[0];
  pb.C = input.shape[1];
  pb.in = input.data;
  pb.in_sN = input.strides[0];
  pb.in_sC = input.strides[1];
  pb.in_sH = input.strides[2];
  pb.in_sW = input.strides[3];
  pb.out = out.data;
  pb.out_sN = out.strides[0];
  pb.out_sC = out.strides[1];
  pb.out_sH = out.strides[2];
  pb.out_sW = out.strides[3];
  // Gathers use 32-bit offsets within one input row (kernels.cc).
  const int64_t row_extent = (input.shape[3] - 1) * input.strides[3] + (input.shape[1] - 1) * input.strides[1];
  const int64_t W = input.shape[3], C = input.shape[1];  // W < 2^31 (checked above)
  pb.wide_index = row_extent >= (int64_t(1) << 30) || C >= (int64_t(1) << 30) || W * C >= (int64_t(1) << 30);

  const int64_t H = input.shape[2], Ho = out.shape[2], Wo = out.shape[3];
  if (input.dtype == DType::Float64) run_with_tables<double>(pb, opt, H, W, Ho, Wo);
  else run_with_tables<float>(pb, opt, H, W, Ho, Wo);
  return Status::ok();
}

}  // namespace gs
