// SciPy 1.10's scipy.ndimage.zoom, map_coordinates and spline_filter (with
// the reflect prefilter fixed as in SciPy 1.18), Node-free.
#pragma once

#include "../common/tensor.h"

namespace gs {

// Boundary modes, in the order of the TypeScript API's list.
enum class NdMode : int {
  Constant = 0,
  Nearest = 1,
  Reflect = 2,
  Mirror = 3,
  Wrap = 4,
  GridConstant = 5,
  GridMirror = 6,  // SciPy's alias of Reflect
  GridWrap = 7,
};

struct SplineOptions {
  int order = 3;                  // 0..5
  NdMode mode = NdMode::Constant;
  double cval = 0.0;
  bool prefilter = true;
};

// input: any rank 1..8, any non-negative strides, float32/float64/uint8.
// out: contiguous, same rank, any of the three dtypes; its shape sets the
// mapping (SciPy: the zoom factors only choose the output shape).
Status nd_zoom(const TensorView& input, const TensorView& out, const SplineOptions& opt,
               bool grid_mode);

// coordinates: (rank, ...outShape) of any dtype, read as double; out:
// contiguous outShape.
Status nd_map_coordinates(const TensorView& input, const TensorView& coordinates,
                          const TensorView& out, const SplineOptions& opt);

// out: contiguous, the input's shape, float32 or float64; order 2..5.
Status nd_spline_filter(const TensorView& input, const TensorView& out, int order, NdMode mode);

}  // namespace gs
