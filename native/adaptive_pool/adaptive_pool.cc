// Entry point of adaptive_avg_pool: re-checks the call, computes each axis's
// windows once and hands them to the kernel build of the active SIMD target.
#include "adaptive_pool.h"

#include <algorithm>
#include <string>
#include <vector>

#include "problem.h"

namespace gs {

namespace {

constexpr auto kRun = GS_KERNEL_TABLE(pool, run);

// ATen AdaptivePooling.h, exact integer forms of floor(o*in/out) and
// ceil((o+1)*in/out), written so no product overflows for any size that fits
// in a buffer: start = (o/out)*in + ((o%out)*in)/out, end = 1 + ((o+1)*in - 1)/out.
struct Windows {
  std::vector<int64_t> start, end;
  int64_t max_len = 1;
  Windows(int64_t in, int64_t out) : start(out), end(out) {
    for (int64_t o = 0; o < out; ++o) {
      start[o] = (o / out) * in + ((o % out) * in) / out;
      end[o] = 1 + ((o + 1) * in - 1) / out;
      if (end[o] - start[o] > max_len) max_len = end[o] - start[o];
    }
  }
};

}  // namespace

Status adaptive_avg_pool(const TensorView& input, const TensorView& out) {
  const std::string fn = "adaptiveAvgPool: ";
  if (input.ndim < 3 || input.ndim > 5)
    return Status::range(fn + "input must be 3D, 4D or 5D, got shape " + shape_str(input));
  if (out.ndim != input.ndim || out.shape[0] != input.shape[0] || out.shape[1] != input.shape[1])
    return Status::range(fn + "out shape " + shape_str(out) + " does not fit input shape " + shape_str(input));
  if (out.dtype != input.dtype) return Status::invalid(fn + "out dtype differs from input dtype");
  const int dims = input.ndim - 2;
  for (int i = 2; i < input.ndim; ++i) {
    if (input.shape[i] <= 0) return Status::range(fn + "input has an empty spatial dimension: " + shape_str(input));
    // (o+1)*in must not overflow: sizes this large fit in no buffer anyway.
    if (input.shape[i] > (int64_t(1) << 31) || out.shape[i] > (int64_t(1) << 31))
      return Status::range(fn + "spatial size too large");
  }
  if (Status st = check_input_output(fn, input, out); !st.is_ok()) return st;
  if (out.numel() == 0) return Status::ok();
  // Each thread sums whole input rows into a W x C accumulator: a broadcast
  // input (zero strides) may claim rows far wider than its buffer, and the
  // scratch must not be sized by such a claim (test/fuzz/adaptive_pool.cc
  // found a 2^28-wide row). Real rows fit their buffer; 2^22 values is the
  // floor any broadcast row may claim (32 MB of float64 per thread).
  {
    const int64_t W = input.shape[input.ndim - 1], C = input.shape[1];
    const int64_t limit = std::max<int64_t>(input.capacity, int64_t(1) << 22);
    if (W > limit || C > limit || W * C > limit)
      return Status::range(fn + "input rows of " + std::to_string(W) + " x " + std::to_string(C) +
                           " values are wider than its buffer (a broadcast view claiming more than it holds)");
  }

  pool::Problem pb;
  pb.dtype = input.dtype;
  pb.N = input.shape[0];
  pb.C = input.shape[1];
  pb.in = input.data;
  pb.in_sN = input.strides[0];
  pb.in_sC = input.strides[1];
  pb.out = out.data;
  pb.out_sN = out.strides[0];
  pb.out_sC = out.strides[1];
  std::vector<Windows> windows;
  windows.reserve(3);
  int64_t volume = 1;
  for (int a = 0; a < 3; ++a) {
    const int i = 2 + a - (3 - dims);  // dim of input for axis a (D, H, W)
    const bool present = i >= 2;
    const int64_t in = present ? input.shape[i] : 1, o = present ? out.shape[i] : 1;
    windows.emplace_back(in, o);
    pool::AxisWindows& ax = pb.axis[a];
    ax.in_size = in;
    ax.out_size = o;
    ax.max_len = windows.back().max_len;
    ax.start = windows.back().start.data();
    ax.end = windows.back().end.data();
    pb.in_s[a] = present ? input.strides[i] : 0;
    pb.out_s[a] = present ? out.strides[i] : 0;
    // saturates: only compared with small bounds below
    volume = volume > (int64_t(1) << 40) / ax.max_len ? (int64_t(1) << 40) : volume * ax.max_len;
  }
  // Sums of small windows in the input's own type round like PyTorch's
  // float32 loop; past a few hundred terms a float32 running sum drifts
  // (PyTorch's own 1x1 output goes through mean(), which sums pairwise), so
  // large windows are summed in float64 and rounded once. uint8 sums are
  // exact in float32 while they stay below 2^24 (PyTorch's float32 result on
  // the same values is then exact too).
  if (input.dtype == DType::Float32) pb.acc = volume > 256 ? pool::Acc::Double : pool::Acc::Same;
  else if (input.dtype == DType::Uint8) pb.acc = volume * 255 < (int64_t(1) << 24) ? pool::Acc::Same : pool::Acc::Double;
  else pb.acc = pool::Acc::Same;
  // Gathers address a row accumulator of W*C values with 32-bit offsets.
  const int64_t W = input.shape[input.ndim - 1], C = input.shape[1];
  pb.gather_ok = W < (int64_t(1) << 30) && C < (int64_t(1) << 30) && W * C < (int64_t(1) << 30);

  kRun(pb);
  return Status::ok();
}

}  // namespace gs
