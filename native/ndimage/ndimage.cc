// Entry points of the ndimage family: re-check every call (never trust the
// caller), build the float64 spline coefficients (SciPy's prepad and
// prefilter), precompute the per-axis zoom tables, and hand the work to the
// kernel build of the active SIMD target.
#include "ndimage.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "../common/parallel.h"
#include "problem.h"
#include "spline.h"

namespace gs {

namespace {

using generic::nd::M;
namespace sp = generic::nd;

constexpr auto run_prefilter = GS_KERNEL_TABLE(nd, prefilter);
constexpr auto run_pass = GS_KERNEL_TABLE(nd, zoom_pass);
constexpr auto run_map = GS_KERNEL_TABLE(nd, map_points);

// A contiguous float64 array (the spline coefficients).
struct Coef {
  struct Buffer {  // uninitialised: every element is written before it is read
    std::unique_ptr<double[]> mem;
    double* data() const { return mem.get(); }
  } data;
  int rank = 0;
  int64_t shape[kMaxDims] = {};
  int64_t npad = 0;
  int64_t numel() const {
    int64_t n = 1;
    for (int i = 0; i < rank; ++i) n *= shape[i];
    return n;
  }
};

template <class T>
void copy_padded(const TensorView& in, Coef& c, bool edge, double cval) {
  const int rank = in.ndim;
  const int64_t pad = c.npad;
  const T* src = in.ptr<T>();
  const int64_t inner = c.shape[rank - 1];
  const int64_t rows = c.numel() / std::max<int64_t>(inner, 1);
  double* dst = c.data.data();
  parallel_for(0, rows, 64, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      // multi-index of this row in the padded array (all axes but the last)
      int64_t rem = r, off = 0;
      bool outside = false;
      for (int d = rank - 2; d >= 0; --d) {
        int64_t i = rem % c.shape[d] - pad;
        rem /= c.shape[d];
        if (i < 0 || i >= in.shape[d]) {
          if (!edge) outside = true;
          i = i < 0 ? 0 : in.shape[d] - 1;
        }
        off += i * in.strides[d];
      }
      double* row = dst + r * inner;
      const int64_t n = in.shape[rank - 1], s = in.strides[rank - 1];
      if (outside) {
        for (int64_t i = 0; i < inner; ++i) row[i] = cval;
        continue;
      }
      const double lo = static_cast<double>(src[off]), hi = static_cast<double>(src[off + (n - 1) * s]);
      for (int64_t i = 0; i < pad; ++i) row[i] = edge ? lo : cval;
      for (int64_t i = 0; i < n; ++i) row[pad + i] = static_cast<double>(src[off + i * s]);
      for (int64_t i = pad + n; i < inner; ++i) row[i] = edge ? hi : cval;
    }
  });
}

// The 'grid-constant' prepad value: SciPy pads with numpy.pad, in the
// input's dtype, so cval is first stored as that dtype: float32 rounds it;
// uint8 takes numpy's C cast (truncate to a 32-bit integer, keep the low 8
// bits; NaN and values beyond the int32 range give 0).
double pad_value(double cval, DType dtype) {
  if (dtype == DType::Float32) return static_cast<double>(sp::to_float32(cval));
  if (dtype == DType::Uint8) {
    const double t = std::trunc(cval);
    if (!(t > -2147483648.0 && t < 2147483648.0)) return 0.0;
    return static_cast<double>(static_cast<uint32_t>(static_cast<int32_t>(t)) & 0xFFu);
  }
  return cval;
}

// SciPy's `filtered`: the input as float64, padded by 12 samples per side
// (edge for 'nearest', cval for 'grid-constant') and spline-filtered along
// every axis when order > 1 and prefilter is on; else the input as is.
Status make_coef(const char* fn, const TensorView& in, int order, M mode, bool prefilter, double cval, Coef* c) {
  const bool filter = prefilter && order > 1;
  c->rank = in.ndim;
  c->npad = filter && sp::prepadded(mode) ? sp::kPrepad : 0;
  for (int i = 0; i < in.ndim; ++i) c->shape[i] = in.shape[i] + 2 * c->npad;
  try {
    c->data.mem.reset(new double[static_cast<size_t>(c->numel() + nd::kSlack)]);
    for (int64_t i = 0; i < nd::kSlack; ++i) c->data.mem[c->numel() + i] = 0.0;
  } catch (const std::exception&) {
    // Every error names its function (README "Safety"), this one included.
    return Status::range(std::string(fn) + ": not enough memory for the spline coefficients");
  }
  const bool edge = mode == M::Nearest;
  switch (in.dtype) {
    case DType::Float32: copy_padded<float>(in, *c, edge, pad_value(cval, in.dtype)); break;
    case DType::Float64: copy_padded<double>(in, *c, edge, pad_value(cval, in.dtype)); break;
    case DType::Uint8: copy_padded<uint8_t>(in, *c, edge, pad_value(cval, in.dtype)); break;
  }
  if (filter) {
    const int init = static_cast<int>(sp::prefilter_init(mode));
    for (int a = 0; a < c->rank; ++a) {
      nd::FilterJob job;
      job.data = c->data.data();
      job.n = c->shape[a];
      for (int d = 0; d < a; ++d) job.outer *= c->shape[d];
      for (int d = a + 1; d < c->rank; ++d) job.inner *= c->shape[d];
      job.order = order;
      job.init = init;
      run_prefilter(job);
    }
  }
  return Status::ok();
}

// `coords`: mapCoordinates' coordinates, checked with the other views.
Status check_common(const char* fn, const TensorView& in, const TensorView& out, const SplineOptions& opt,
                    const TensorView* coords = nullptr) {
  const std::string f = std::string(fn) + ": ";
  if (in.ndim < 1 || in.ndim > kMaxDims) return Status::range(f + "input rank must be at least 1, got shape " + shape_str(in));
  if (opt.order < 0 || opt.order > 5) return Status::range(f + "order must be 0..5");
  const int m = static_cast<int>(opt.mode);
  if (m < 0 || m > 7) return Status::invalid(f + "unknown mode");
  if (!out.is_contiguous()) return Status::invalid(f + "out must be contiguous");
  if (coords != nullptr) return check_views(f, {{"input", &in}, {"coordinates", coords}}, out);
  return check_input_output(f, in, out);
}

template <int Order>
void axis_table(int64_t len, int64_t n_out, double zoom, bool grid_mode, double npad, M mode,
                std::vector<int64_t>& idx, std::vector<double>& w, std::vector<uint8_t>& zero) {
  constexpr int Taps = Order + 1;
  idx.assign(static_cast<size_t>(n_out * Taps), 0);
  w.assign(static_cast<size_t>(n_out * Taps), 0.0);
  zero.assign(static_cast<size_t>(n_out), 0);
  for (int64_t k = 0; k < n_out; ++k) {
    // ni_interpolation.c NI_ZoomShift: in double, in this order
    double cc = static_cast<double>(k);
    if (grid_mode) {
      cc += 0.5;
      cc *= zoom;
      cc -= 0.5;
    } else {
      cc *= zoom;
    }
    cc += npad;
    bool inside = false;
    switch (mode) {
      case M::Constant: inside = sp::locate<Order, M::Constant>(cc, len, &idx[k * Taps], &w[k * Taps]); break;
      case M::Nearest: inside = sp::locate<Order, M::Nearest>(cc, len, &idx[k * Taps], &w[k * Taps]); break;
      case M::Reflect: inside = sp::locate<Order, M::Reflect>(cc, len, &idx[k * Taps], &w[k * Taps]); break;
      case M::Mirror: inside = sp::locate<Order, M::Mirror>(cc, len, &idx[k * Taps], &w[k * Taps]); break;
      case M::Wrap: inside = sp::locate<Order, M::Wrap>(cc, len, &idx[k * Taps], &w[k * Taps]); break;
      case M::GridConstant: inside = sp::locate<Order, M::GridConstant>(cc, len, &idx[k * Taps], &w[k * Taps]); break;
      case M::GridWrap: inside = sp::locate<Order, M::GridWrap>(cc, len, &idx[k * Taps], &w[k * Taps]); break;
    }
    if (!inside) zero[k] = 1;
  }
}

struct AxisTable {
  std::vector<int64_t> idx;
  std::vector<double> w;
  std::vector<uint8_t> zero;
  bool any_zero = false;
};

// Order of the separable passes: the one with the least work, counting a
// pass's output elements times its taps (passes along the last axis, which
// cannot use whole-row vector operations, count double).
std::vector<int> pass_order(int rank, const int64_t* in_shape, const int64_t* out_shape, int taps) {
  std::vector<int> axes(rank), best;
  for (int i = 0; i < rank; ++i) axes[i] = i;
  double best_cost = -1;
  auto cost_of = [&](const std::vector<int>& order) {
    int64_t cur[kMaxDims];
    for (int i = 0; i < rank; ++i) cur[i] = in_shape[i];
    double cost = 0;
    for (int a : order) {
      cur[a] = out_shape[a];
      double n = 1;
      for (int i = 0; i < rank; ++i) n *= static_cast<double>(cur[i]);
      cost += n * taps * (a == rank - 1 ? 2.0 : 1.0);
    }
    return cost;
  };
  if (rank <= 5) {
    do {
      const double c = cost_of(axes);
      if (best_cost < 0 || c < best_cost) {
        best_cost = c;
        best = axes;
      }
    } while (std::next_permutation(axes.begin(), axes.end()));
    return best;
  }
  return axes;
}

}  // namespace

Status nd_zoom(const TensorView& input, const TensorView& out, const SplineOptions& opt, bool grid_mode) {
  const char* fn = "zoom";
  Status st = check_common(fn, input, out, opt);
  if (!st.is_ok()) return st;
  const int rank = input.ndim;
  if (out.ndim != rank)
    return Status::range(std::string(fn) + ": out shape " + shape_str(out) + " does not fit input shape " + shape_str(input));
  if (out.numel() == 0) return Status::ok();
  for (int i = 0; i < rank; ++i)
    if (input.shape[i] == 0)
      return Status::range(std::string(fn) + ": an empty input " + shape_str(input) + " cannot give a non-empty output");
  const M mode = sp::canonical(opt.mode);
  Coef c;
  st = make_coef(fn, input, opt.order, mode, opt.prefilter, opt.cval, &c);
  if (!st.is_ok()) return st;

  // Per-axis tables, from the unpadded sizes as SciPy's zoom() does.
  const int taps = opt.order + 1;
  std::vector<AxisTable> tables(rank);
  for (int a = 0; a < rank; ++a) {
    const int64_t n_in = input.shape[a], n_out = out.shape[a];
    double num = static_cast<double>(n_in), div = static_cast<double>(n_out);
    if (!grid_mode) {
      num -= 1;
      div -= 1;
    }
    const double zoom = div != 0 ? num / div : 1.0;  // "zooming to infinite values is unpredictable"
    AxisTable& t = tables[a];
    const double npad = static_cast<double>(c.npad);
    switch (opt.order) {
      case 0: axis_table<0>(c.shape[a], n_out, zoom, grid_mode, npad, mode, t.idx, t.w, t.zero); break;
      case 1: axis_table<1>(c.shape[a], n_out, zoom, grid_mode, npad, mode, t.idx, t.w, t.zero); break;
      case 2: axis_table<2>(c.shape[a], n_out, zoom, grid_mode, npad, mode, t.idx, t.w, t.zero); break;
      case 3: axis_table<3>(c.shape[a], n_out, zoom, grid_mode, npad, mode, t.idx, t.w, t.zero); break;
      case 4: axis_table<4>(c.shape[a], n_out, zoom, grid_mode, npad, mode, t.idx, t.w, t.zero); break;
      default: axis_table<5>(c.shape[a], n_out, zoom, grid_mode, npad, mode, t.idx, t.w, t.zero); break;
    }
    for (uint8_t z : t.zero) t.any_zero |= z != 0;
  }

  // Separable passes through float64 scratch; the last writes `out`.
  const std::vector<int> order = pass_order(rank, c.shape, out.shape, taps);
  int64_t cur[kMaxDims];
  for (int i = 0; i < rank; ++i) cur[i] = c.shape[i];
  std::vector<double> bufs[2];
  const double* src = c.data.data();
  for (size_t p = 0; p < order.size(); ++p) {
    const int a = order[p];
    const bool final_pass = p + 1 == order.size();
    nd::PassJob jb;
    jb.src = src;
    jb.n_in = cur[a];
    jb.n_out = out.shape[a];
    for (int d = 0; d < a; ++d) jb.outer *= cur[d];
    for (int d = a + 1; d < rank; ++d) jb.inner *= cur[d];
    cur[a] = out.shape[a];
    if (final_pass) {
      jb.dst = out.data;
      jb.dst_dtype = out.dtype;
    } else {
      std::vector<double>& b = bufs[p & 1];
      int64_t n = 1;
      for (int i = 0; i < rank; ++i) n *= cur[i];
      try {
        b.resize(static_cast<size_t>(n));
      } catch (const std::exception&) {
        return Status::range(std::string(fn) + ": not enough memory for the intermediate results");
      }
      jb.dst = b.data();
      jb.dst_dtype = DType::Float64;
      src = b.data();
    }
    jb.taps = taps;
    jb.idx = tables[a].idx.data();
    jb.w = tables[a].w.data();
    jb.zero = tables[a].any_zero ? tables[a].zero.data() : nullptr;
    jb.cval = opt.cval;
    run_pass(jb);
  }

  // 'constant' mode: SciPy writes exactly cval wherever any axis is outside;
  // later passes only reproduce it up to rounding, so write it again.
  for (int a = 0; a < rank; ++a) {
    if (!tables[a].any_zero) continue;
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < a; ++d) outer *= out.shape[d];
    for (int d = a + 1; d < rank; ++d) inner *= out.shape[d];
    const int64_t n = out.shape[a];
    auto fill = [&](auto* o) {
      using T = std::remove_pointer_t<decltype(o)>;
      const T v = sp::store_as<T>(opt.cval);
      for (int64_t i = 0; i < outer; ++i)
        for (int64_t k = 0; k < n; ++k)
          if (tables[a].zero[k]) std::fill(o + (i * n + k) * inner, o + (i * n + k + 1) * inner, v);
    };
    switch (out.dtype) {
      case DType::Float64: fill(out.ptr<double>()); break;
      case DType::Float32: fill(out.ptr<float>()); break;
      case DType::Uint8: fill(out.ptr<uint8_t>()); break;
    }
  }
  return Status::ok();
}

Status nd_map_coordinates(const TensorView& input, const TensorView& coords, const TensorView& out,
                          const SplineOptions& opt) {
  const char* fn = "mapCoordinates";
  Status st = check_common(fn, input, out, opt, &coords);
  if (!st.is_ok()) return st;
  const std::string f = std::string(fn) + ": ";
  const int rank = input.ndim;
  if (coords.ndim < 2 || coords.shape[0] != rank || out.ndim != coords.ndim - 1)
    return Status::range(f + "coordinates shape " + shape_str(coords) + " does not fit input shape " + shape_str(input));
  for (int i = 0; i < out.ndim; ++i)
    if (out.shape[i] != coords.shape[i + 1])
      return Status::range(f + "out shape " + shape_str(out) + " does not fit coordinates shape " + shape_str(coords));
  if (out.numel() == 0) return Status::ok();
  for (int i = 0; i < rank; ++i)
    if (input.shape[i] == 0) return Status::range(f + "cannot sample an empty input " + shape_str(input));
  const M mode = sp::canonical(opt.mode);
  Coef c;
  st = make_coef(fn, input, opt.order, mode, opt.prefilter, opt.cval, &c);
  if (!st.is_ok()) return st;

  nd::MapJob jb;
  jb.coef = c.data.data();
  jb.rank = rank;
  int64_t s = 1;
  for (int i = rank - 1; i >= 0; --i) {
    jb.size[i] = c.shape[i];
    jb.stride[i] = s;
    s *= c.shape[i];
  }
  jb.coords = coords.data;
  jb.coords_dtype = coords.dtype;
  jb.c_axis_stride = coords.strides[0];
  jb.out_rank = out.ndim;
  bool dense = true;
  int64_t expect = 1;
  for (int i = out.ndim - 1; i >= 0; --i) {
    jb.out_shape[i] = out.shape[i];
    jb.c_strides[i] = coords.strides[i + 1];
    if (out.shape[i] != 1 && coords.strides[i + 1] != expect) dense = false;
    expect *= out.shape[i];
  }
  jb.coords_dense = dense;
  jb.out = out.data;
  jb.out_dtype = out.dtype;
  jb.out_numel = out.numel();
  jb.order = opt.order;
  jb.mode = opt.mode;
  jb.cval = opt.cval;
  jb.npad = static_cast<double>(c.npad);
  run_map(jb);
  return Status::ok();
}

Status nd_spline_filter(const TensorView& input, const TensorView& out, int order, NdMode mode) {
  const std::string f = "splineFilter: ";
  SplineOptions opt;
  opt.order = order;
  opt.mode = mode;
  Status st = check_common("splineFilter", input, out, opt);
  if (!st.is_ok()) return st;
  if (order < 2) return Status::range(f + "order must be 2..5");
  if (out.dtype == DType::Uint8) return Status::invalid(f + "out must be float32 or float64");
  if (out.ndim != input.ndim) return Status::range(f + "out shape " + shape_str(out) + " differs from input shape " + shape_str(input));
  for (int i = 0; i < out.ndim; ++i)
    if (out.shape[i] != input.shape[i])
      return Status::range(f + "out shape " + shape_str(out) + " differs from input shape " + shape_str(input));
  if (out.numel() == 0) return Status::ok();
  // spline_filter never prepads: the filter itself with the mode's boundary.
  const M m = sp::canonical(mode);
  const M no_pad = m == M::Nearest ? M::Reflect : (m == M::GridConstant ? M::Constant : m);
  Coef c;
  st = make_coef("splineFilter", input, order, no_pad, true, 0.0, &c);
  if (!st.is_ok()) return st;
  const int64_t n = c.numel();
  const double* src = c.data.data();
  if (out.dtype == DType::Float64) std::copy(src, src + n, out.ptr<double>());
  else {
    float* o = out.ptr<float>();
    for (int64_t i = 0; i < n; ++i) o[i] = sp::to_float32(src[i]);
  }
  return Status::ok();
}

}  // namespace gs
