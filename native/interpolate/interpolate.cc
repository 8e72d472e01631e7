// Entry point of interpolate: re-checks the call (never trusts the caller),
// computes the per-axis tap tables once in PyTorch's arithmetic (coords.h),
// and hands a Problem to the kernel build of the active SIMD target.
#include "interpolate.h"

#include "../common/scale.h"

#include <cmath>
#include <string>
#include <vector>

#include "../common/scale.h"
#include "coords.h"
#include "problem.h"

namespace gs {

namespace {

constexpr auto kRun = GS_KERNEL_TABLE(interp, run);

// The tables of one axis, owned here for the duration of the call.
struct AxisTables {
  std::vector<int64_t> index;
  std::vector<float> wf;
  std::vector<double> wd;
};

template <class T>
void fill_axis(ResizeMode mode, bool ac, bool nearest_special, bool opmath, double user_scale, int64_t in, int64_t out,
               AxisTables& t, std::vector<T>& w, interp::AxisTaps& taps) {
  using namespace interp;
  switch (mode) {
    case ResizeMode::Nearest:
    case ResizeMode::NearestExact: {
      taps.taps = 1;
      t.index.resize(out);
      for (int64_t o = 0; o < out; ++o)
        t.index[o] = mode == ResizeMode::Nearest ? nearest_index(o, in, out, user_scale, nearest_special)
                                                 : nearest_exact_index(o, in, out, user_scale);
      break;
    }
    case ResizeMode::Linear: {
      taps.taps = 2;
      t.index.resize(2 * out);
      w.resize(2 * out);
      const T scale = area_scale<T>(user_scale, in, out, ac);
      for (int64_t o = 0; o < out; ++o) linear_taps<T>(scale, o, in, out, ac, &t.index[2 * o], &w[2 * o], opmath);
      taps.weight = w.data();
      break;
    }
    case ResizeMode::Cubic: {
      taps.taps = 4;
      t.index.resize(4 * out);
      w.resize(4 * out);
      const T scale = area_scale<T>(user_scale, in, out, ac);
      for (int64_t o = 0; o < out; ++o) cubic_taps<T>(scale, o, in, ac, &t.index[4 * o], &w[4 * o], opmath);
      taps.weight = w.data();
      break;
    }
  }
  taps.index = t.index.data();
}

// PyTorch's is_contiguous(ChannelsLast / ChannelsLast3d): strides of an
// N(D)HWC buffer, size-1 dims ignored (so a contiguous C == 1 tensor counts).
bool channels_last_contiguous(const TensorView& v) {
  if (v.ndim != 4 && v.ndim != 5) return false;
  int order[5] = {1};
  int k = 1;
  for (int d = v.ndim - 1; d >= 2; --d) order[k++] = d;
  order[k++] = 0;
  int64_t expect = 1;
  for (int i = 0; i < v.ndim; ++i) {
    const int d = order[i];
    if (v.shape[d] == 1) continue;
    if (v.strides[d] != expect) return false;
    expect *= v.shape[d];
  }
  return true;
}

}  // namespace

Status interpolate(const TensorView& input, const TensorView& out, ResizeMode mode, bool align_corners,
                   const double* scales, int num_scales, SourceIndex index) {
  const std::string fn = "interpolate: ";
  if (input.ndim < 3 || input.ndim > 5)
    return Status::range(fn + "input must be 3D, 4D or 5D, got shape " + shape_str(input));
  const int dims = input.ndim - 2;
  const int m = static_cast<int>(mode);
  if (m < 0 || m > 3) return Status::invalid(fn + "unknown mode");
  if (mode == ResizeMode::Cubic && dims != 2)
    return Status::range(fn + "bicubic needs a 4D input, got shape " + shape_str(input));
  if (out.dtype != input.dtype) return Status::invalid(fn + "out dtype differs from input dtype");
  if (out.ndim != input.ndim || out.shape[0] != input.shape[0] || out.shape[1] != input.shape[1])
    return Status::range(fn + "out shape " + shape_str(out) + " does not fit input shape " + shape_str(input));
  if (num_scales != dims) return Status::range(fn + "expected one scale per spatial dimension");
  for (int i = 0; i < dims; ++i)
    if (!user_scale_ok(input.shape[2 + i], out.shape[2 + i], scales[i]))
      return Status::range(fn + "scales must be finite, non-negative (0: derive from the sizes) and fit the sizes");
  if (Status st = check_input_output(fn, input, out); !st.is_ok()) return st;
  if (out.numel() == 0) return Status::ok();
  for (int i = 2; i < input.ndim; ++i)
    if (input.shape[i] <= 0)
      return Status::range(fn + "input has an empty spatial dimension: " + shape_str(input));

  interp::Problem pb;
  pb.mode = mode;
  pb.dtype = input.dtype;
  pb.dims = dims;
  pb.N = input.shape[0];
  pb.C = input.shape[1];
  pb.in_sN = input.strides[0];
  pb.in_sC = input.strides[1];
  pb.out_sN = out.strides[0];
  pb.out_sC = out.strides[1];
  pb.in = input.data;
  pb.out = out.data;

  // nearest: torch 1.13 picks its kernel by the input's layout (coords.h)
  const bool nearest_special = channels_last_contiguous(input);
  AxisTables tables[3];
  static const int64_t kZero = 0;
  int64_t row_extent = (pb.C - 1) * pb.in_sC;
  for (int a = 0; a < 3; ++a) {
    const int i = a - (3 - dims);  // spatial dim of the user's tensor, < 0 if absent
    if (i < 0) {
      pb.axis[a].index = &kZero;  // one tap at index 0, weight never read
      continue;
    }
    pb.in_size[a] = input.shape[2 + i];
    pb.out_size[a] = out.shape[2 + i];
    pb.in_stride[a] = input.strides[2 + i];
    pb.out_stride[a] = out.strides[2 + i];
    if (input.dtype == DType::Float64)
      fill_axis<double>(mode, align_corners, nearest_special, index == SourceIndex::Opmath, scales[i], pb.in_size[a], pb.out_size[a], tables[a], tables[a].wd, pb.axis[a]);
    else
      fill_axis<float>(mode, align_corners, nearest_special, index == SourceIndex::Opmath, scales[i], pb.in_size[a], pb.out_size[a], tables[a], tables[a].wf, pb.axis[a]);
  }
  // Without a W axis tap (1D problems have one) the row is W of the input.
  row_extent += (pb.in_size[2] - 1) * pb.in_stride[2];
  // The kernels walk output rows of W (planar) or W*C (channels-last) elements.
  pb.channels_last = pb.C > 1 && pb.out_sC == 1 && pb.out_stride[2] == pb.C && pb.out_size[2] * pb.C > 1;
  // 32-bit gather offsets need every in-row offset below 2^31 (kernels.cc).
  pb.wide_index = row_extent >= (int64_t(1) << 31) - 1 || pb.out_size[2] * pb.C >= (int64_t(1) << 31) - 1;

  // Wide problems run on the baseline build only (kernels.cc).
  kRun.at(pb.wide_index ? Isa::Baseline : active_isa())(pb);
  return Status::ok();
}

}  // namespace gs
