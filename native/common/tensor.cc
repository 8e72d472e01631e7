#include "tensor.h"

#include <algorithm>
#include <limits>

namespace gs {

bool last_offset(const TensorView& v, int64_t limit, int64_t* last, bool* negative_stride) {
  for (int i = 0; i < v.ndim; ++i) {
    if (v.shape[i] == 0) {
      *last = -1;
      return true;
    }
  }
  int64_t sum = 0;
  for (int i = 0; i < v.ndim; ++i) {
    if (v.shape[i] == 1) continue;
    if (v.strides[i] < 0) {
      if (negative_stride) *negative_stride = true;
      return false;
    }
    // sum += (size - 1) * stride, unless that exceeds limit
    if (v.strides[i] > 0 && (v.shape[i] - 1) > (limit - sum) / v.strides[i]) {
      if (negative_stride) *negative_stride = false;
      return false;
    }
    sum += (v.shape[i] - 1) * v.strides[i];
  }
  *last = sum;
  return true;
}

size_t view_bytes(const TensorView& v) {
  int64_t last = -1;
  if (!last_offset(v, std::numeric_limits<int64_t>::max(), &last)) return 0;  // not a fitting view
  return static_cast<size_t>(last + 1) * dtype_size(v.dtype);
}

bool view_fits(const TensorView& v, std::string* why) {
  if (v.ndim < 0 || v.ndim > kMaxDims) {
    if (why) *why = "rank out of range";
    return false;
  }
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / 4;
  for (int i = 0; i < v.ndim; ++i) {
    if (v.shape[i] < 0) {
      if (why) *why = "negative size";
      return false;
    }
  }
  for (int i = 0; i < v.ndim; ++i)
    if (v.shape[i] == 0) return true;  // no element is addressed
  if (v.numel() > kMaxElements) {
    if (why) *why = "more than 2^32 - 1 elements";
    return false;
  }
  if (v.numel() > v.capacity && v.numel() > kMaxBroadcastElements) {
    if (why) *why = "a broadcast view (more elements than its buffer holds) claims more than 2^26 elements";
    return false;
  }
  int64_t last = 0;  // largest element index addressed
  bool negative_stride = false;
  if (!last_offset(v, kMax, &last, &negative_stride)) {
    if (why) *why = negative_stride ? "negative stride" : "extent overflows";
    return false;
  }
  if (last >= v.capacity) {
    if (why) *why = "view reaches past the end of its buffer";
    return false;
  }
  if (v.data == nullptr) {
    if (why) *why = "null data";
    return false;
  }
  return true;
}

std::string shape_str(const TensorView& v) {
  std::string s = "[";
  for (int i = 0; i < v.ndim; ++i) s += (i ? ", " : "") + std::to_string(v.shape[i]);
  return s + "]";
}

bool view_is_injective(const TensorView& v) {
  if (v.numel() == 0) return true;
  // Dimensions of size > 1 by increasing stride: each stride must step past
  // everything the inner dimensions address.
  int order[kMaxDims];
  int n = 0;
  for (int i = 0; i < v.ndim; ++i)
    if (v.shape[i] > 1) order[n++] = i;
  std::sort(order, order + n, [&](int a, int b) { return v.strides[a] < v.strides[b]; });
  int64_t extent = 0;  // largest offset the dimensions so far address
  for (int k = 0; k < n; ++k) {
    const int i = order[k];
    if (v.strides[i] <= extent) return false;
    extent += (v.shape[i] - 1) * v.strides[i];  // bounded: the view fits
  }
  return true;
}

}  // namespace gs

namespace gs {

namespace {
// [first, last] byte addresses of a fitting, non-empty view.
bool byte_range(const TensorView& v, uintptr_t* first, uintptr_t* last) {
  const size_t bytes = view_bytes(v);
  if (bytes == 0) return false;
  *first = reinterpret_cast<uintptr_t>(v.data);
  *last = *first + bytes - 1;
  return true;
}
}  // namespace

bool views_overlap(const TensorView& a, const TensorView& b) {
  uintptr_t a0, a1, b0, b1;
  if (!byte_range(a, &a0, &a1) || !byte_range(b, &b0, &b1)) return false;
  return a0 <= b1 && b0 <= a1;
}

}  // namespace gs

namespace gs {

Status check_views(const std::string& fn, std::initializer_list<NamedView> inputs, const TensorView& out) {
  std::string why;
  for (const NamedView& in : inputs)
    if (!view_fits(*in.view, &why)) return Status::range(fn + in.name + ": " + why);
  if (!view_fits(out, &why)) return Status::range(fn + "out: " + why);
  for (const NamedView& in : inputs)
    if (views_overlap(out, *in.view)) return Status::range(fn + "out overlaps the " + in.name);
  if (!view_is_injective(out)) return Status::range(fn + "the output's strides address some element twice");
  return Status::ok();
}

Status check_input_output(const std::string& fn, const TensorView& input, const TensorView& out) {
  return check_views(fn, {{"input", &input}}, out);
}

}  // namespace gs
