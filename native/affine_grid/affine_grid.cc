// NOTE [ affine_grid ]
//
// PyTorch 1.13 builds the grid in two steps (AffineGridGenerator.cpp): a base
// grid of homogeneous coordinates (x, y, 1) / (x, y, z, 1) per output point,
// then `base_grid.view(N, points, k).bmm(theta.transpose(1, 2))`. We produce
// the same numbers, bit for bit, without either temporary:
//
// 1. Base coordinates, one small table per axis. Each axis of size n is
//    `linspace(-1, 1, n)` (n <= 1 gives [0]), times `(n-1)` and then divided by
//    `n` without align_corners (two roundings, as the tensor expression does).
//    The linspace is 1.13's CPU kernel as Debian's AVX2 build runs it: two
//    vectors of 8 floats / 4 doubles at a time, each vector starting from the
//    two-sided scalar formula (`-1 + step*k` below n/2, `1 - step*(n-1-k)`
//    above, contracted by GCC into one fused multiply-add) and its lanes at
//    `base + lane*step` (two roundings); the remainder uses the scalar formula.
//    (Axes longer than 32768 points would be split over torch's threads,
//    which restarts the vectors per thread; we model one thread.)
//
// 2. The matrix product, in the summation order of the path bmm takes for the
//    problem's size: when `k * points * rows < 400` (k = 3 or 4, rows = 2 or
//    3) ATen's own loop adds the products one by one, unfused, from 0:
//    `((x*t0 + y*t1) + z*t2) + t3`; otherwise each batch entry is a BLAS gemm
//    (OpenBLAS here), whose kernels accumulate with fused multiply-adds:
//    `fma(z, t2, fma(y, t1, x*t0)) + t3`. A zero result is +0 on both paths.
//    This part is kernels.cc, compiled per SIMD target.

#include "affine_grid.h"

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>

#include "problem.h"

namespace gs {

namespace {

constexpr auto kRun = GS_KERNEL_TABLE(affine, run);

// The vector width (in elements) of the linspace kernel in torch's AVX2 build.
template <class T>
constexpr int64_t kTorchLanes = 32 / sizeof(T);

// Base coordinates of one axis of `n` points into v[0..n): PyTorch's
// linspace_from_neg_one (see the note, step 1).
template <class T>
void base_axis(int64_t n, bool align_corners, T* v) {
  if (n <= 1) {
    if (n == 1) v[0] = T(0);
    return;
  }
  const T step = T(2) / static_cast<T>(n - 1);
  const int64_t half = n / 2;
  auto two_sided = [&](int64_t k) -> T {
    return k < half ? std::fma(step, static_cast<T>(k), T(-1))
                    : std::fma(-step, static_cast<T>(n - 1 - k), T(1));
  };
  constexpr int64_t L = kTorchLanes<T>;
  int64_t k = 0;
  for (; k + 2 * L <= n; k += 2 * L) {  // pairs of vectors, as ATen's vectorized loop
    for (int64_t vec = k; vec < k + 2 * L; vec += L) {
      const T base = two_sided(vec);
      for (int64_t lane = 0; lane < L; ++lane) v[vec + lane] = base + static_cast<T>(lane) * step;
    }
  }
  for (; k < n; ++k) v[k] = two_sided(k);
  if (!align_corners) {
    // range * (n - 1) / n: pixel centres instead of corner pixels
    const T num = static_cast<T>(n - 1), den = static_cast<T>(n);
    for (k = 0; k < n; ++k) v[k] = (v[k] * num) / den;
  }
}

}  // namespace

Status affine_grid(const TensorView& theta, const TensorView& out, bool align_corners) {
  const std::string fn = "affineGrid: ";
  if (theta.dtype != DType::Float32 && theta.dtype != DType::Float64)
    return Status::invalid(fn + "theta must be float32 or float64");
  if (out.dtype != theta.dtype) return Status::invalid(fn + "out dtype differs from theta dtype");
  if (out.ndim != 4 && out.ndim != 5) return Status::range(fn + "out must be 4D or 5D, got " + shape_str(out));
  const int dims = out.ndim - 2;
  if (theta.ndim != 3 || theta.shape[0] != out.shape[0] || theta.shape[1] != dims ||
      theta.shape[2] != dims + 1 || out.shape[out.ndim - 1] != dims)
    return Status::range(fn + "theta shape " + shape_str(theta) + " does not fit out shape " + shape_str(out));
  if (!out.is_contiguous()) return Status::invalid(fn + "out must be contiguous");
  if (Status st = check_views(fn, {{"theta", &theta}}, out); !st.is_ok()) return st;
  if (out.numel() == 0) return Status::ok();

  affine::Problem pb;
  pb.dims = dims;
  pb.dtype = theta.dtype;
  pb.N = out.shape[0];
  pb.D = dims == 3 ? out.shape[1] : 1;
  pb.H = out.shape[dims == 3 ? 2 : 1];
  pb.W = out.shape[dims == 3 ? 3 : 2];
  pb.theta = theta.data;
  for (int i = 0; i < 3; ++i) pb.th_s[i] = theta.strides[i];
  pb.out = out.data;
  // ATen 1.13 bmm: its own loop below 400 multiply-adds per batch entry, BLAS above.
  const int64_t points = pb.D * pb.H * pb.W;
  pb.blas = !(points < 400 && (dims + 1) * points * dims < 400);

  const size_t elem = dtype_size(theta.dtype);
  std::unique_ptr<unsigned char[]> axes(new unsigned char[(pb.D + pb.H + pb.W) * elem]);
  pb.base[0] = axes.get();
  pb.base[1] = axes.get() + pb.D * elem;
  pb.base[2] = axes.get() + (pb.D + pb.H) * elem;
  const int64_t sizes[3] = {pb.D, pb.H, pb.W};
  for (int a = 0; a < 3; ++a) {
    void* v = const_cast<void*>(pb.base[a]);
    if (theta.dtype == DType::Float32) base_axis<float>(sizes[a], align_corners, static_cast<float*>(v));
    else base_axis<double>(sizes[a], align_corners, static_cast<double*>(v));
  }

  kRun(pb);
  return Status::ok();
}

}  // namespace gs
