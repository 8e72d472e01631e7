// Entry point of image_resize: re-checks the call, builds the fixed-point tap
// tables (taps.cc), brings the pixels into a layout the kernels read (rows of
// contiguous pixels: interleaved or planar, in place when the caller's
// strides already are) and hands the work to the kernel build of the active
// SIMD target. Pillow's premultiplied-alpha round trip for LA / RGBA and its
// NEAREST (pixel picking) live here too: they are per-pixel loops with no
// arithmetic worth vectorising.
#include "resize.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "../common/parallel.h"
#include "problem.h"
#include "taps.h"

namespace gs {

namespace {

using imgresize::Images;
using imgresize::Problem;
using imgresize::TapTable;

// A 4D uint8 view's element pointer.
inline uint8_t* at(const TensorView& v, int64_t n, int64_t c, int64_t y, int64_t x) {
  return v.ptr<uint8_t>() + n * v.strides[0] + c * v.strides[1] + y * v.strides[2] + x * v.strides[3];
}

// Copies `src` into `dst` (same shape, any strides), rows in parallel.
void copy_view(const TensorView& src, const TensorView& dst) {
  const int64_t N = src.shape[0], C = src.shape[1], H = src.shape[2], W = src.shape[3];
  parallel_for(0, N * H, 16, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t n = r / H, y = r % H;
      for (int64_t x = 0; x < W; ++x)
        for (int64_t c = 0; c < C; ++c) *at(dst, n, c, y, x) = *at(src, n, c, y, x);
    }
  });
}

// A dense NHWC buffer of `like`'s shape (and the view of it).
struct Packed {
  std::unique_ptr<uint8_t[]> mem;
  TensorView view;
};
Packed packed_like(const TensorView& like) {
  Packed p;
  p.view = like;
  const int64_t C = like.shape[1], H = like.shape[2], W = like.shape[3];
  p.mem.reset(new uint8_t[static_cast<size_t>(std::max<int64_t>(like.numel(), 1))]);
  p.view.data = p.mem.get();
  p.view.strides[0] = H * W * C;
  p.view.strides[1] = 1;
  p.view.strides[2] = W * C;
  p.view.strides[3] = C;
  p.view.capacity = like.numel();
  return p;
}

// Rows of contiguous pixels, as the kernels read them.
enum class Arrangement { Interleaved, Planar, Other };
Arrangement arrangement_of(const TensorView& v) {
  const int64_t C = v.shape[1], W = v.shape[3];
  const bool pixels_dense = C == 1 || v.strides[1] == 1;
  if (pixels_dense && (W == 1 || v.strides[3] == C)) return Arrangement::Interleaved;
  if (W == 1 || v.strides[3] == 1) return Arrangement::Planar;
  return Arrangement::Other;
}

Images images_of(const TensorView& v, Arrangement a) {
  Images im;
  im.base = v.ptr<uint8_t>();
  im.s_outer = v.strides[0];
  im.s_inner = a == Arrangement::Planar ? v.strides[1] : 0;
  im.s_row = v.strides[2];
  return im;
}

// Pillow's MULDIV255 (Convert.c rgbA2rgba / LA2La): a * b / 255, rounded.
inline uint8_t muldiv255(unsigned a, unsigned b) {
  const unsigned t = a * b + 128;
  return static_cast<uint8_t>(((t >> 8) + t) >> 8);
}

// Premultiplies the colour channels of an LA / RGBA image into a dense NHWC copy.
Packed premultiplied(const TensorView& in) {
  Packed p = packed_like(in);
  const int64_t N = in.shape[0], C = in.shape[1], H = in.shape[2], W = in.shape[3];
  parallel_for(0, N * H, 16, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t n = r / H, y = r % H;
      uint8_t* o = at(p.view, n, 0, y, 0);
      for (int64_t x = 0; x < W; ++x, o += C) {
        const unsigned alpha = *at(in, n, C - 1, y, x);
        for (int64_t c = 0; c + 1 < C; ++c) o[c] = muldiv255(*at(in, n, c, y, x), alpha);
        o[C - 1] = static_cast<uint8_t>(alpha);
      }
    }
  });
  return p;
}

// rgba2rgbA / La2LA: back from premultiplied alpha into `out`.
void unpremultiply(const TensorView& src, const TensorView& out) {
  const int64_t N = src.shape[0], C = src.shape[1], H = src.shape[2], W = src.shape[3];
  parallel_for(0, N * H, 16, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t n = r / H, y = r % H;
      for (int64_t x = 0; x < W; ++x) {
        const unsigned alpha = *at(src, n, C - 1, y, x);
        for (int64_t c = 0; c + 1 < C; ++c) {
          const unsigned v = *at(src, n, c, y, x);
          *at(out, n, c, y, x) = (alpha == 255 || alpha == 0) ? static_cast<uint8_t>(v)
                                                               : static_cast<uint8_t>(std::min(255u, (255 * v) / alpha));
        }
        *at(out, n, C - 1, y, x) = static_cast<uint8_t>(alpha);
      }
    }
  });
}

// Pillow's NEAREST: pick pixels (index tables per axis), any strides.
void pillow_nearest_resize(const TensorView& in, const TensorView& out) {
  const int64_t N = out.shape[0], C = out.shape[1], Ho = out.shape[2], Wo = out.shape[3];
  const std::vector<int32_t> ys = imgresize::pillow_nearest(in.shape[2], Ho);
  const std::vector<int32_t> xs = imgresize::pillow_nearest(in.shape[3], Wo);
  parallel_for(0, N * Ho, 16, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t n = r / Ho, y = r % Ho;
      for (int64_t x = 0; x < Wo; ++x)
        for (int64_t c = 0; c < C; ++c)
          *at(out, n, c, y, x) = (ys[y] < 0 || xs[x] < 0) ? 0 : *at(in, n, c, ys[y], xs[x]);
    }
  });
}

imgresize::Axis axis_of(const TapTable& t) {
  imgresize::Axis a;
  a.K = t.K;
  a.precision = t.precision;
  a.start = t.start.data();
  a.count = t.count.data();
  a.w = t.w.data();
  return a;
}

constexpr auto kRun = GS_KERNEL_TABLE(imgresize, run);

// The separable filters: in (any strides) -> out (any strides).
void separable(const TensorView& in, const TensorView& out, const ImageResizeOptions& opt) {
  const int64_t C = in.shape[1], H = in.shape[2], W = in.shape[3], Ho = out.shape[2], Wo = out.shape[3];
  const bool pil = opt.reference == ImageReference::Pillow;
  TapTable th, tv;
  Problem pb;
  pb.need_h = W != Wo;
  pb.need_v = H != Ho;
  if (pb.need_h) {
    th = pil ? imgresize::pillow_taps(W, Wo, opt.filter) : imgresize::torch_taps(W, Wo, opt.filter, opt.antialias);
    pb.horiz = axis_of(th);
  }
  if (pb.need_v) {
    tv = pil ? imgresize::pillow_taps(H, Ho, opt.filter) : imgresize::torch_taps(H, Ho, opt.filter, opt.antialias);
    pb.vert = axis_of(tv);
  }
  // The source in a readable arrangement (the caller's memory when it is one).
  Packed src_copy;
  const TensorView* src = &in;
  Arrangement a = arrangement_of(in);
  if (a == Arrangement::Other) {
    src_copy = packed_like(in);
    copy_view(in, src_copy.view);
    src = &src_copy.view;
    a = Arrangement::Interleaved;
  }
  // The destination in the same arrangement (a scratch copy when out is not).
  Packed dst_copy;
  const TensorView* dst = &out;
  const Arrangement oa = arrangement_of(out);
  if (oa != a) {
    dst_copy = packed_like(out);
    if (a == Arrangement::Planar) {  // dense NCHW scratch
      dst_copy.view.strides[0] = C * Ho * Wo;
      dst_copy.view.strides[1] = Ho * Wo;
      dst_copy.view.strides[2] = Wo;
      dst_copy.view.strides[3] = 1;
    }
    dst = &dst_copy.view;
  }
  pb.pix = a == Arrangement::Interleaved ? static_cast<int>(C) : 1;
  pb.inner = a == Arrangement::Interleaved ? 1 : C;
  pb.images = in.shape[0] * pb.inner;
  pb.H = H;
  pb.W = W;
  pb.Ho = Ho;
  pb.Wo = Wo;
  pb.in = images_of(*src, a);
  pb.out = images_of(*dst, a);
  kRun(pb);
  if (dst != &out) copy_view(*dst, out);
}

}  // namespace

Status image_resize(const TensorView& input, const TensorView& out, const ImageResizeOptions& opt) {
  const std::string fn = "resize";
  Status s = check_input_output(fn, input, out);
  if (!s.is_ok()) return s;
  if (input.dtype != DType::Uint8 || out.dtype != DType::Uint8)
    return Status::invalid(fn + ": the image kernels take uint8 input and output");
  if (input.ndim != 4 || out.ndim != 4)
    return Status::range(fn + ": expected 4D (N, C, H, W) input and output, got " + shape_str(input) + " and " + shape_str(out));
  if (out.shape[0] != input.shape[0] || out.shape[1] != input.shape[1])
    return Status::range(fn + ": out shape " + shape_str(out) + " does not fit input shape " + shape_str(input));
  const int f = static_cast<int>(opt.filter), r = static_cast<int>(opt.reference);
  if (f < 0 || f > 5 || r < 0 || r > 1) return Status::invalid(fn + ": unknown filter or reference");
  constexpr int64_t kMaxSide = int64_t(1) << 30;  // int32 tap tables
  for (int i = 2; i < 4; ++i) {
    if (input.shape[i] < 1 || out.shape[i] < 1) {
      if (out.numel() == 0 && input.shape[i] >= 1) continue;
      return Status::range(fn + ": expected non-empty images, got " + shape_str(input) + " -> " + shape_str(out));
    }
    if (input.shape[i] > kMaxSide || out.shape[i] > kMaxSide)
      return Status::range(fn + ": image sides must be below 2^30: " + shape_str(input) + " -> " + shape_str(out));
  }
  const int64_t C = input.shape[1];
  const bool pil = opt.reference == ImageReference::Pillow;
  if (pil && (C < 1 || C > 4) && input.numel() > 0)
    return Status::range(fn + ": Pillow images have 1 to 4 channels, got " + shape_str(input));
  if (!pil && opt.filter == ImageFilter::Nearest) return Status::invalid(fn + ": torch's nearest modes are interpolate's");
  if (out.numel() == 0 || input.numel() == 0) return Status::ok();

  if (pil && input.shape[2] == out.shape[2] && input.shape[3] == out.shape[3]) {
    copy_view(input, out);  // Image.resize returns a copy at the same size
    return Status::ok();
  }
  if (pil && opt.filter == ImageFilter::Nearest) {
    pillow_nearest_resize(input, out);
    return Status::ok();
  }
  if (pil && (C == 2 || C == 4)) {
    // Image.resize on LA / RGBA: to La / RGBa, resize, and back.
    const Packed pre = premultiplied(input);
    Packed res = packed_like(out);
    separable(pre.view, res.view, opt);
    unpremultiply(res.view, out);
    return Status::ok();
  }
  separable(input, out, opt);
  return Status::ok();
}

}  // namespace gs
