// The checked, normalized work items handed from the dispatcher (ndimage.cc)
// to a per-target kernel build (kernels.cc). Plain data only: shared across
// targets.
#pragma once

#include <cstdint>

#include "../common/dispatch.h"
#include "../common/tensor.h"
#include "ndimage.h"

namespace gs::nd {

// Prefilter a contiguous float64 array in place along one axis, the array
// seen as (outer, n, inner). `init`: 0 mirror, 1 periodic, 2 half-sample
// symmetric (see spline.h Init).
struct FilterJob {
  double* data = nullptr;
  int64_t outer = 1, n = 1, inner = 1;
  int order = 3;
  int init = 0;
};

// One separable zoom pass along one axis: src (outer, n_in, inner) float64
// contiguous -> dst (outer, n_out, inner) contiguous of `dst_dtype`. Output
// index k reads taps idx[k*taps + t] (-1: cval) with weights w[k*taps + t];
// zero[k] != 0 makes the whole row cval ('constant' mode outside the input).
struct PassJob {
  const double* src = nullptr;
  void* dst = nullptr;
  DType dst_dtype = DType::Float64;
  int64_t outer = 1, n_in = 1, n_out = 1, inner = 1;
  int taps = 1;
  const int64_t* idx = nullptr;
  const double* w = nullptr;
  const uint8_t* zero = nullptr;
  double cval = 0.0;
};

// Elements of slack after the end of a coefficient array: map_points reads
// rows of taps as vectors of up to 8 lanes.
constexpr int64_t kSlack = 8;

// map_coordinates over prefiltered float64 coefficients (contiguous, shape
// `size`, followed by kSlack readable elements). Point p of the output (contiguous, out_numel points) reads
// coordinate a at coords + a*c_axis_stride + offset(p), offset(p) from the
// multi-index of p over out_shape with strides c_strides.
struct MapJob {
  const double* coef = nullptr;
  int rank = 1;
  int64_t size[kMaxDims] = {};
  int64_t stride[kMaxDims] = {};
  const void* coords = nullptr;
  DType coords_dtype = DType::Float64;
  int64_t c_axis_stride = 0;
  int out_rank = 1;
  int64_t out_shape[kMaxDims] = {};
  int64_t c_strides[kMaxDims] = {};
  bool coords_dense = false;  // offset(p) == p
  void* out = nullptr;
  DType out_dtype = DType::Float64;
  int64_t out_numel = 0;
  int order = 3;
  NdMode mode = NdMode::Constant;
  double cval = 0.0;
  double npad = 0.0;
};

}  // namespace gs::nd

// One build per SIMD target; the entry points pick one (dispatch.h).
GS_DECLARE_KERNELS(nd, void prefilter(const gs::nd::FilterJob& job); void zoom_pass(const gs::nd::PassJob& job);
                   void map_points(const gs::nd::MapJob& job));
