// Node-free description of a strided tensor and the status type every native
// entry point returns. The binding fills these from JS typed arrays; kernels
// never see N-API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "gs_assert.h"

namespace gs {

enum class DType : int { Float32 = 0, Float64 = 1, Uint8 = 2 };

inline size_t dtype_size(DType t) {
  switch (t) {
    case DType::Float32: return 4;
    case DType::Float64: return 8;
    case DType::Uint8: return 1;
  }
  return 0;
}

constexpr int kMaxDims = 8;

// Largest size an axis may have where a kernel turns sizes into floating-point
// coordinates: 2^53 - 1, the largest integer a double (and JavaScript) holds
// exactly and what the binding accepts. Beyond it a clamped coordinate rounds
// to 2^63 and converting it back to int64 would be undefined (found by fuzzing
// the native entry point with a broadcast view of claimed size INT64_MAX).
constexpr int64_t kMaxCoordSize = (int64_t(1) << 53) - 1;

// A view of `data` with element strides (not bytes). `capacity` is the number
// of elements the underlying buffer holds from `data` on; `fits()` proves that
// every addressed element lies inside it.
struct TensorView {
  void* data = nullptr;
  DType dtype = DType::Float32;
  int ndim = 0;
  int64_t shape[kMaxDims] = {};
  int64_t strides[kMaxDims] = {};
  int64_t capacity = 0;
  // Set by the Node binding only, ignored by native code: an opaque handle of
  // the JS typed array `data` came from and the argument's name, so the
  // binding can prove, after it has read every argument (which may run user
  // getters), that no buffer was detached or resized meanwhile.
  const void* host = nullptr;
  const char* host_fn = nullptr;
  const char* host_name = nullptr;
  // Set by the Node binding only: it allocated `host` itself for this call
  // and no JS can reach it until the call returns, so an async call may
  // write into it directly.
  bool host_private = false;

  // Element count; 0 if any size is 0 (or negative: such a view addresses
  // nothing and view_fits() rejects it). Saturates at INT64_MAX instead of
  // overflowing: a zero-stride (broadcast) view may claim 2^53 x 2^53
  // elements, and a wrapped product could read as 0 ("nothing to copy").
  int64_t numel() const {
    for (int i = 0; i < ndim; ++i)
      if (shape[i] <= 0) return 0;
    int64_t n = 1;
    for (int i = 0; i < ndim; ++i)
      if (__builtin_mul_overflow(n, shape[i], &n)) return INT64_MAX;
    return n;
  }
  bool is_contiguous() const {
    int64_t expect = 1;
    for (int i = ndim - 1; i >= 0; --i) {
      if (shape[i] != 1 && strides[i] != expect) return false;
      if (__builtin_mul_overflow(expect, shape[i], &expect)) return i == 0;
    }
    return true;
  }
  template <class T> T* ptr() const { return static_cast<T*>(data); }
};

// Largest element count a view may claim, broadcast (zero-stride) views
// included: V8's largest typed array. Kernels size scratch memory by the
// views' element counts, so a caller can never make one allocate more than a
// real tensor of that size would need, and no product of sizes overflows.
constexpr int64_t kMaxElements = (int64_t(1) << 32) - 1;
// A view that claims more elements than its buffer holds (zero strides:
// broadcasting) may claim at most this many, so the scratch memory and work a
// kernel sizes by element counts stays bounded (512 MiB of float64) when the
// caller's buffer is tiny.
constexpr int64_t kMaxBroadcastElements = int64_t(1) << 26;

// The offset (in elements from `data`) of the last element the view
// addresses: the sum of (size - 1) * stride over its dimensions; -1 when a
// size is 0 (nothing is addressed; sizes must not be negative). Dimensions of
// size 1 are skipped whatever their stride. Overflow-safe: fails (returns
// false, *last unchanged) on a negative stride or when the sum would exceed
// `limit` (>= 0), setting *negative_stride to say which.
bool last_offset(const TensorView& v, int64_t limit, int64_t* last, bool* negative_stride = nullptr);
// Bytes from `data` up to and including the last addressed element of a view
// that fits (view_fits); 0 for an empty view.
size_t view_bytes(const TensorView& v);

// Checks, with overflow-safe 64-bit arithmetic, that the view addresses only
// elements in [0, capacity), has no negative size or stride, and claims at
// most kMaxElements elements (kMaxBroadcastElements beyond its capacity). Empty views always fit.
bool view_fits(const TensorView& v, std::string* why);

// "[2, 3, 4]": the view's shape, for error messages.
std::string shape_str(const TensorView& v);

// True if no two elements of the (fitting) view share an address: what an
// output must satisfy, so that no two threads ever write one element and an
// output never claims more elements than its buffer holds.
bool view_is_injective(const TensorView& v);

struct Status {
  enum Code { Ok = 0, InvalidArgument = 1, OutOfRange = 2, Internal = 3 } code = Ok;
  std::string message;
  static Status ok() { return {}; }
  static Status invalid(std::string m) { return {InvalidArgument, std::move(m)}; }
  static Status range(std::string m) { return {OutOfRange, std::move(m)}; }
  bool is_ok() const { return code == Ok; }
};

// One input of an entry point and its name in messages ("input", "grid").
struct NamedView {
  const char* name;
  const TensorView* view;
};

// The checks every op's entry point makes of its views, in this order: each
// input and then the output fits its buffer, the output shares memory with no
// input, and the output addresses no element twice (Node-free callers reach
// the kernels without the binding's checks; two threads must never write one
// element). Messages start with `fn`, e.g. "interpolate: ".
Status check_views(const std::string& fn, std::initializer_list<NamedView> inputs, const TensorView& out);
// check_views for the usual single input named "input".
Status check_input_output(const std::string& fn, const TensorView& input, const TensorView& out);

}  // namespace gs

namespace gs {
// True if the byte ranges the two views address intersect (both must fit).
bool views_overlap(const TensorView& a, const TensorView& b);
}  // namespace gs
