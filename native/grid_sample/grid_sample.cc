// Entry point of grid_sample: re-checks the call (never trusts the caller),
// normalizes it into a Problem and hands it to the kernel build of the active
// SIMD target.
#include "grid_sample.h"

#include <string>

#include "problem.h"

namespace gs {

namespace {
constexpr auto kRun = GS_KERNEL_TABLE(grid, run);
}  // namespace

Status grid_sample(const TensorView& input, const TensorView& grid, const TensorView& out,
                   const GridSampleOptions& opt, const double* fill) {
  const char* fn = "gridSample: ";
  // Bounds first: every later check may then multiply sizes and strides
  // without overflow (view_fits proves the extents fit in int64).
  if (Status st = check_views(fn, {{"input", &input}, {"grid", &grid}}, out); !st.is_ok()) return st;
  if (input.ndim != 4 && input.ndim != 5)
    return Status::range(std::string(fn) + "input must be 4D or 5D, got shape " + shape_str(input));
  const int dims = input.ndim - 2;
  if (grid.ndim != input.ndim || grid.shape[0] != input.shape[0] || grid.shape[grid.ndim - 1] != dims)
    return Status::range(std::string(fn) + "grid shape " + shape_str(grid) +
                         " does not fit input shape " + shape_str(input));
  for (int i = 2; i < input.ndim; ++i) {
    if (input.shape[i] <= 0)
      return Status::range(std::string(fn) + "input has an empty spatial dimension: " + shape_str(input));
    if (input.shape[i] > kMaxCoordSize)
      return Status::range(std::string(fn) + "input spatial sizes must be below 2^53: " + shape_str(input));
  }
  const DType grid_dtype = input.dtype == DType::Float64 ? DType::Float64 : DType::Float32;
  if (grid.dtype != grid_dtype) return Status::invalid(std::string(fn) + "grid dtype does not fit input dtype");
  if (out.dtype != input.dtype) return Status::invalid(std::string(fn) + "out dtype differs from input dtype");
  if (out.ndim != input.ndim || out.shape[0] != input.shape[0] || out.shape[1] != input.shape[1])
    return Status::range(std::string(fn) + "out shape " + shape_str(out) + " is wrong");
  for (int i = 0; i < dims; ++i)
    if (out.shape[2 + i] != grid.shape[1 + i])
      return Status::range(std::string(fn) + "out shape " + shape_str(out) + " is wrong");
  if (!out.is_contiguous()) return Status::invalid(std::string(fn) + "out must be contiguous");
  if (static_cast<int>(opt.mode) < 0 || static_cast<int>(opt.mode) > 2 ||
      static_cast<int>(opt.padding) < 0 || static_cast<int>(opt.padding) > 2)
    return Status::invalid(std::string(fn) + "unknown mode or padding");
  if (out.numel() == 0) return Status::ok();

  grid::Problem pb;
  pb.dims = dims;
  pb.N = input.shape[0];
  pb.C = input.shape[1];
  pb.in_sN = input.strides[0];
  pb.in_sC = input.strides[1];
  int64_t extent = 0;
  bool huge_axis = false;
  for (int i = 0; i < dims; ++i) {
    const int k = 3 - dims + i;  // into (D, H, W)
    pb.in_size[k] = input.shape[2 + i];
    pb.in_stride[k] = input.strides[2 + i];
    pb.out_size[k] = grid.shape[1 + i];
    pb.g_stride[k] = grid.strides[1 + i];
    extent += (pb.in_size[k] - 1) * pb.in_stride[k];
    huge_axis |= pb.in_size[k] >= (int64_t(1) << 28);
  }
  pb.g_sN = grid.strides[0];
  pb.g_sCoord = grid.strides[grid.ndim - 1];
  pb.in = input.data;
  pb.grid = grid.data;
  pb.out = out.data;
  pb.dtype = input.dtype;
  pb.opt = opt;
  pb.fill = fill;
  // 32-bit gather offsets need every in-plane offset below 2^29 (kernels.cc)
  pb.wide_index = huge_axis || extent >= (int64_t(1) << 29);

  GS_ASSERT(pb.N > 0 && pb.C > 0 && pb.out != nullptr && pb.in != nullptr && pb.grid != nullptr);
  // Wide problems run on the baseline build only (kernels.cc).
  kRun.at(pb.wide_index ? Isa::Baseline : active_isa())(pb);
  return Status::ok();
}

}  // namespace gs
