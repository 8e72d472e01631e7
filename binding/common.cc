#include "common.h"

#include "../native/common/memory.h"
#include "../native/common/parallel.h"

#include <atomic>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace gsb {

namespace {

// Throws unless an exception is already pending (a user getter or proxy trap
// threw while we read an argument): throwing over a pending exception is a
// fatal error in node-addon-api, so the user's own error propagates instead.
bool fail(Napi::Env env, bool type_error, const std::string& msg) {
  if (env.IsExceptionPending()) return false;
  if (type_error) Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
  else Napi::RangeError::New(env, msg).ThrowAsJavaScriptException();
  return false;
}

bool read_int64_list(Napi::Env env, Napi::Value v, const std::string& what, int64_t* dst,
                     int* count) {
  if (!v.IsArray()) return fail(env, true, what + " must be an array of integers");
  Napi::Array arr = v.As<Napi::Array>();
  uint32_t n = arr.Length();
  if (n > static_cast<uint32_t>(gs::kMaxDims)) return fail(env, false, what + " has too many entries");
  for (uint32_t i = 0; i < n; ++i) {
    Napi::Value e = arr.Get(i);
    if (!e.IsNumber()) return fail(env, true, what + " must be an array of integers");
    double d = e.As<Napi::Number>().DoubleValue();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9007199254740991.0)
      return fail(env, false, what + " must hold safe integers");
    dst[i] = static_cast<int64_t>(d);
  }
  *count = static_cast<int>(n);
  return true;
}

// Current data pointer and element count of a typed array (no JS runs).
bool buffer_of(napi_env env, napi_value array, void** data, int64_t* length) {
  napi_typedarray_type type;
  size_t len = 0;
  void* ptr = nullptr;
  napi_value ab;
  size_t offset = 0;
  if (napi_get_typedarray_info(env, array, &type, &len, &ptr, &ab, &offset) != napi_ok) return false;
  *data = len == 0 ? nullptr : ptr;
  *length = ptr == nullptr ? 0 : static_cast<int64_t>(len);
  return true;
}

size_t element_size(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array: case napi_uint8_array: case napi_uint8_clamped_array: return 1;
    case napi_int16_array: case napi_uint16_array: return 2;
    case napi_int32_array: case napi_uint32_array: case napi_float32_array: return 4;
    default: return 8;
  }
}

// Reading later arguments can run user code (getters, proxies) that detaches
// or resizes a buffer read earlier. Every view read by read_tensor is checked
// again, with no JS in between, right before the kernel or the snapshot.
bool still_valid(napi_env env, const gs::TensorView& v) {
  if (v.host == nullptr) return true;
  void* data = nullptr;
  int64_t length = 0;
  if (!buffer_of(env, static_cast<napi_value>(const_cast<void*>(v.host)), &data, &length)) return false;
  if (v.numel() == 0) return true;
  return data == v.data && length >= v.capacity;
}

bool dtype_of(napi_typedarray_type type, gs::DType* dtype) {
  switch (type) {
    case napi_float32_array: *dtype = gs::DType::Float32; return true;
    case napi_float64_array: *dtype = gs::DType::Float64; return true;
    case napi_uint8_array:
    case napi_uint8_clamped_array: *dtype = gs::DType::Uint8; return true;
    default: return false;
  }
}

}  // namespace

namespace {

// The parts of a tensor object both readers share: `data` (a typed array of
// a supported type, returned with its type), then `shape` and `strides`.
bool read_layout(Napi::Env env, Napi::Object obj, const std::string& what, gs::TensorView* view,
                 Napi::Value* data, napi_typedarray_type* type) {
  *data = obj.Get("data");
  if (!data->IsTypedArray()) return fail(env, true, what + ".data must be a typed array");
  *type = data->As<Napi::TypedArray>().TypedArrayType();
  if (!dtype_of(*type, &view->dtype))
    return fail(env, true, what + ".data must be a Float32Array, Float64Array or Uint8Array");
  int nshape = 0, nstrides = 0;
  if (!read_int64_list(env, obj.Get("shape"), what + ".shape", view->shape, &nshape)) return false;
  if (!read_int64_list(env, obj.Get("strides"), what + ".strides", view->strides, &nstrides)) return false;
  if (nshape != nstrides) return fail(env, false, what + ".strides length differs from shape");
  view->ndim = nshape;
  return true;
}

}  // namespace

bool read_tensor(Napi::Env env, Napi::Value value, const char* fn, const char* name,
                 gs::TensorView* view) {
  const std::string what = std::string(fn) + ": " + name;
  if (!value.IsObject()) return fail(env, true, what + " must be a tensor object");
  Napi::Value data;
  napi_typedarray_type type;
  if (!read_layout(env, value.As<Napi::Object>(), what, view, &data, &type)) return false;
  // The pointer is taken last, after every getter of this object ran. A
  // detached buffer reads as length 0 and a null pointer. napi's typed-array
  // info also serves SharedArrayBuffer-backed arrays (accepted: they cannot
  // be detached or shrunk; concurrent writers only make values unspecified).
  if (!buffer_of(env, data, &view->data, &view->capacity))
    return fail(env, true, what + ".data must be a typed array");
  view->host = static_cast<napi_value>(data);
  view->host_fn = fn;
  view->host_name = name;
  std::string why;
  if (!gs::view_fits(*view, &why)) return fail(env, false, what + ": " + why);
  return true;
}

bool read_output(Napi::Env env, Napi::Value value, const char* fn, gs::TensorView* view) {
  const char* name = "out";
  if (!value.IsObject()) return read_tensor(env, value, fn, name, view);
  Napi::Object obj = value.As<Napi::Object>();
  Napi::Value alloc = obj.Get("alloc");
  if (env.IsExceptionPending()) return false;
  if (!alloc.IsBoolean() || !alloc.As<Napi::Boolean>().Value()) return read_tensor(env, value, fn, name, view);

  const std::string what = std::string(fn) + ": " + name;
  Napi::Value like;  // names the type only; its contents are never read
  napi_typedarray_type type;
  if (!read_layout(env, obj, what, view, &like, &type)) return false;
  const int nshape = view->ndim;
  // Elements from the first to the last addressed one, in 64-bit arithmetic
  // bounded at every step (each term below 2^53 x 2^53 would overflow).
  int64_t extent = 1;
  for (int i = 0; i < nshape; ++i) {
    if (view->shape[i] < 0 || view->strides[i] < 0) return fail(env, false, what + " must have non-negative sizes and strides");
    if (view->shape[i] == 0) extent = 0;
  }
  for (int i = 0; i < nshape && extent > 0; ++i) {
    if (view->shape[i] <= 1 || view->strides[i] == 0) continue;
    if (view->shape[i] - 1 > gs::kMaxElements / view->strides[i]) return fail(env, false, what + ": the output is too large");
    extent += (view->shape[i] - 1) * view->strides[i];
    if (extent > gs::kMaxElements) return fail(env, false, what + ": the output is too large");
  }
  const size_t bytes = static_cast<size_t>(extent) * gs::dtype_size(view->dtype);
  void* mem = nullptr;
  napi_value buffer, array;
  if (napi_create_arraybuffer(env, bytes, &mem, &buffer) != napi_ok ||
      napi_create_typedarray(env, type, static_cast<size_t>(extent), buffer, 0, &array) != napi_ok) {
    if (env.IsExceptionPending()) {  // V8's own RangeError: replace it with ours
      napi_value ignored;
      napi_get_and_clear_last_exception(env, &ignored);
    }
    return fail(env, false, what + ": not enough memory for the output");
  }
  view->data = extent > 0 ? mem : nullptr;
  view->capacity = extent;
  view->host = array;
  view->host_fn = fn;
  view->host_name = name;
  view->host_private = true;
  std::string why;
  if (!gs::view_fits(*view, &why)) return fail(env, false, what + ": " + why);
  return true;
}

namespace {
std::vector<RegisterFn>& registry() {
  static std::vector<RegisterFn> fns;
  return fns;
}
}  // namespace

Registration::Registration(RegisterFn fn) { registry().push_back(fn); }

void register_all(Napi::Env env, Napi::Object exports) {
  for (RegisterFn fn : registry()) fn(env, exports);
}

bool read_number(Napi::Env env, Napi::Value v, const char* fn, const char* name, double* out) {
  if (v.IsEmpty() || !v.IsNumber()) return fail(env, true, std::string(fn) + ": " + name + " must be a number");
  *out = v.As<Napi::Number>().DoubleValue();
  return true;
}

bool read_number_list(Napi::Env env, Napi::Value v, const char* fn, const char* name, uint32_t lo,
                      uint32_t hi, double* dst, int* count) {
  const std::string what = std::string(fn) + ": " + name;
  if (!v.IsArray()) return fail(env, true, what + " must be an array of numbers");
  Napi::Array arr = v.As<Napi::Array>();
  const uint32_t n = arr.Length();
  if (n < lo || n > hi)
    return fail(env, false, what + " must have " + std::to_string(lo) + (lo == hi ? "" : " to " + std::to_string(hi)) + " entries");
  for (uint32_t i = 0; i < n; ++i) {
    Napi::Value e = arr.Get(i);
    if (env.IsExceptionPending()) return false;
    if (!read_number(env, e, fn, name, &dst[i])) return false;
  }
  *count = static_cast<int>(n);
  return true;
}

bool read_int(Napi::Env env, Napi::Value v, const char* fn, const char* name, int lo, int hi,
              int* out) {
  if (!v.IsNumber()) return fail(env, true, std::string(fn) + ": " + name + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= lo && d <= hi) || d != std::floor(d))
    return fail(env, false, std::string(fn) + ": " + name + " is out of range");
  *out = static_cast<int>(d);
  return true;
}


namespace {

// Elements from view.data up to and including the last one it addresses.
// The view has passed gs::view_fits (read_tensor), so the sum cannot overflow
// and stays below the buffer's length; a broadcast view (zero strides) of a
// huge claimed shape needs only its real extent, never numel() elements.
size_t view_bytes(const gs::TensorView& v) {
  for (int i = 0; i < v.ndim; ++i)
    if (v.shape[i] <= 0) return 0;
  int64_t last = 0;
  for (int i = 0; i < v.ndim; ++i)
    if (v.shape[i] > 1) last += (v.shape[i] - 1) * v.strides[i];
  return static_cast<size_t>(last + 1) * gs::dtype_size(v.dtype);
}

// Memory an async call owns (input snapshots, output scratch). Large blocks
// are reused: a fresh one comes straight from mmap and every page of it
// faults on first touch, on the JS thread (measured: 16 MiB cost 2-50 ms
// here, most of it faults). The cache keeps at most 4 blocks of 1 MiB or
// more and 64 MiB in all, process-wide; a block is reused for requests of
// half its size up to its size.
class Block {
 public:
  Block() = default;
  explicit Block(size_t bytes) {
    if (bytes >= kMinCached) {
      std::lock_guard<std::mutex> lock(mu());
      auto& free = blocks();
      for (size_t i = 0; i < free.size(); ++i) {
        if (free[i].cap >= bytes && free[i].cap / 2 <= bytes) {
          p_ = free[i].p;
          cap_ = free[i].cap;
          total() -= cap_;
          free.erase(free.begin() + static_cast<std::ptrdiff_t>(i));
          return;
        }
      }
    }
    p_ = new uint8_t[bytes];
    cap_ = bytes;
  }
  ~Block() { release(); }
  Block(Block&& o) noexcept : p_(o.p_), cap_(o.cap_) { o.p_ = nullptr; }
  Block& operator=(Block&& o) noexcept {
    if (this != &o) {
      release();
      p_ = o.p_;
      cap_ = o.cap_;
      o.p_ = nullptr;
    }
    return *this;
  }
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;
  uint8_t* get() const { return p_; }

 private:
  static constexpr size_t kMinCached = size_t(1) << 20;
  static constexpr size_t kMaxCachedBytes = size_t(64) << 20;
  static constexpr size_t kMaxCachedBlocks = 4;
  struct Free {
    uint8_t* p;
    size_t cap;
  };
  static std::mutex& mu() {
    static auto* m = new std::mutex;
    return *m;
  }
  static std::vector<Free>& blocks() {
    static auto* v = new std::vector<Free>;
    return *v;
  }
  static size_t& total() {
    static size_t bytes = 0;
    return bytes;
  }
  void release() {
    if (p_ == nullptr) return;
    if (cap_ >= kMinCached) {
      std::lock_guard<std::mutex> lock(mu());
      if (blocks().size() < kMaxCachedBlocks && total() + cap_ <= kMaxCachedBytes) {
        try {
          blocks().push_back({p_, cap_});
          total() += cap_;
          p_ = nullptr;
          return;
        } catch (const std::bad_alloc&) {
        }
      }
    }
    delete[] p_;
    p_ = nullptr;
  }
  uint8_t* p_ = nullptr;
  size_t cap_ = 0;
};

// Copies what a view addresses into memory the work owns, and points the view there.
Block snapshot(gs::TensorView& v, bool copy) {
  const size_t bytes = view_bytes(v);
  if (bytes == 0) return Block();
  Block mem(bytes);
  if (copy) gs::parallel_copy(mem.get(), v.data, bytes);
  v.data = mem.get();
  v.capacity = static_cast<int64_t>(bytes / gs::dtype_size(v.dtype));
  return mem;
}

// The cancel flag of an async call: `out_obj.cancel`, an Int32Array on a
// SharedArrayBuffer (which cannot be detached or shrunk, so the kernel's
// threads may read it while JavaScript sets it with Atomics.store). Anything
// else, or no such key, means the call cannot be cancelled.
const std::atomic<int32_t>* read_cancel_flag(napi_env env, napi_value out_obj, napi_value* holder) {
  static_assert(sizeof(std::atomic<int32_t>) == sizeof(int32_t) && std::atomic<int32_t>::is_always_lock_free,
                "the flag is an int32 the JavaScript side writes with Atomics");
  bool has = false;
  napi_value v, global, sab_ctor, ab;
  napi_typedarray_type type;
  size_t len = 0, offset = 0;
  void* data = nullptr;
  bool shared = false;
  if (napi_has_named_property(env, out_obj, "cancel", &has) != napi_ok || !has) return nullptr;
  if (napi_get_named_property(env, out_obj, "cancel", &v) != napi_ok) return nullptr;
  bool is_ta = false;
  if (napi_is_typedarray(env, v, &is_ta) != napi_ok || !is_ta) return nullptr;
  if (napi_get_typedarray_info(env, v, &type, &len, &data, &ab, &offset) != napi_ok) return nullptr;
  if (type != napi_int32_array || len < 1 || data == nullptr) return nullptr;
  if (napi_get_global(env, &global) != napi_ok ||
      napi_get_named_property(env, global, "SharedArrayBuffer", &sab_ctor) != napi_ok ||
      napi_instanceof(env, ab, sab_ctor, &shared) != napi_ok || !shared)
    return nullptr;
  *holder = v;
  return reinterpret_cast<const std::atomic<int32_t>*>(data);
}

napi_value make_error(napi_env env, const gs::Status& st) {
  napi_value msg = nullptr, err = nullptr;
  napi_create_string_utf8(env, st.message.c_str(), st.message.size(), &msg);
  if (st.code == gs::Status::InvalidArgument) napi_create_type_error(env, nullptr, msg, &err);
  else if (st.code == gs::Status::OutOfRange) napi_create_range_error(env, nullptr, msg, &err);
  else napi_create_error(env, nullptr, msg, &err);
  return err;
}

// Runs the kernel in libuv's pool on snapshots and settles a promise.
// Completion uses raw napi calls whose failures are ignored: when the
// environment is shutting down (a worker thread terminated mid-call) settling
// fails, and node-addon-api would turn that into a fatal error.
class Worker : public Napi::AsyncWorker {
 public:
  Worker(Napi::Env env, std::vector<gs::TensorView> in, gs::TensorView out, Napi::Value out_obj,
         Napi::Value out_data, Kernel kernel, const std::atomic<int32_t>* cancel, Napi::Value cancel_holder)
      : Napi::AsyncWorker(env, "gridsample"), in_(std::move(in)), out_(out), kernel_(std::move(kernel)), cancel_(cancel) {
    if (cancel_ != nullptr) cancel_holder_ = Napi::Persistent(cancel_holder);
    for (auto& v : in_) copies_.push_back(snapshot(v, true));
    out_bytes_ = view_bytes(out_);
    // The caller's output: the kernel writes scratch memory, copied (not just
    // allocated: a strided output's gaps are the caller's elements and go
    // back unchanged). One the binding made for this call: written in place.
    if (!out_.host_private) scratch_ = snapshot(out_, true);
    napi_create_promise(env, &deferred_, &promise_);
    out_obj_ = Napi::Persistent(out_obj);
    out_data_ = Napi::Persistent(out_data);
  }
  napi_value promise() const { return promise_; }

  void Execute() override {
    try {
      gs::CancelScope scope(cancel_);
      status_ = kernel_(in_, out_);
    } catch (const std::bad_alloc&) {
      status_ = gs::Status::range(std::string(out_.host_fn ? out_.host_fn : "gridsample") + ": not enough memory");
    } catch (const std::exception& e) {
      status_ = gs::Status{gs::Status::Internal, e.what()};
    }
  }

  bool cancelled() const { return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed) != 0; }

  void OnOK() override {
    napi_env env = Env();
    // Cancelled (checked here, on the JavaScript thread that sets the flag):
    // the output is unspecified, so nothing is stored or copied back.
    if (cancelled()) status_ = gs::Status{gs::Status::Internal, std::string(out_.host_fn ? out_.host_fn : "gridsample") + ": cancelled"};
    if (status_.is_ok() && out_.host_private) {
      if (napi_set_named_property(env, out_obj_.Value(), "data", out_data_.Value()) != napi_ok) {
        napi_value error = nullptr;  // a setter on the request object threw
        if (napi_get_and_clear_last_exception(env, &error) == napi_ok && error != nullptr)
          napi_reject_deferred(env, deferred_, error);
        else napi_reject_deferred(env, deferred_, make_error(env, gs::Status{gs::Status::Internal, "could not store the output"}));
        return;
      }
    } else if (status_.is_ok() && out_bytes_ > 0) {
      // Copy into the output array as it is now; it may have been detached.
      void* data = nullptr;
      size_t length = 0;
      napi_typedarray_type type;
      napi_value buffer;
      size_t offset = 0;
      if (napi_get_typedarray_info(env, out_data_.Value(), &type, &length, &data, &buffer, &offset) != napi_ok ||
          data == nullptr || length * element_size(type) < out_bytes_) {
        status_ = gs::Status::range("the output buffer was detached or shrunk while the call ran");
      } else {
        std::memcpy(data, scratch_.get(), out_bytes_);
      }
    }
    if (status_.is_ok()) napi_resolve_deferred(env, deferred_, out_obj_.Value());
    else napi_reject_deferred(env, deferred_, make_error(env, status_));
  }
  void OnError(const Napi::Error& e) override { napi_reject_deferred(Env(), deferred_, e.Value()); }

 private:
  std::vector<gs::TensorView> in_;
  gs::TensorView out_;
  Kernel kernel_;
  std::vector<Block> copies_;
  Block scratch_;
  size_t out_bytes_ = 0;
  napi_deferred deferred_ = nullptr;
  napi_value promise_ = nullptr;
  Napi::Reference<Napi::Value> out_obj_, out_data_;
  const std::atomic<int32_t>* cancel_ = nullptr;
  Napi::Reference<Napi::Value> cancel_holder_;  // keeps the flag's SharedArrayBuffer alive
  gs::Status status_;
};

}  // namespace

Napi::Value run(Napi::Env env, bool async, std::vector<gs::TensorView> in, gs::TensorView out,
                Napi::Value out_obj, Kernel kernel) {
  // The output's typed array: the very one read_tensor checked (no getter
  // runs again); views not read by read_tensor fall back to out_obj.data.
  Napi::Value out_data;
  // Read before the buffers are re-checked below: a `cancel` getter (user
  // code, if the binding is called directly) may detach them.
  napi_value cancel_holder = nullptr;
  const std::atomic<int32_t>* cancel = nullptr;
  if (async) {
    if (out_obj.IsObject()) cancel = read_cancel_flag(env, out_obj, &cancel_holder);
    if (env.IsExceptionPending()) return env.Undefined();  // a `cancel` getter threw
    if (out.host != nullptr) out_data = Napi::Value(env, static_cast<napi_value>(const_cast<void*>(out.host)));
    else if (out_obj.IsObject()) out_data = out_obj.As<Napi::Object>().Get("data");
    if (out_data.IsEmpty() || !out_data.IsTypedArray()) {
      fail(env, true, "internal: output tensor without data");
      return env.Undefined();
    }
  }
  in.push_back(out);
  for (const auto& v : in) {
    if (!still_valid(env, v)) {
      std::string msg = std::string(v.host_fn ? v.host_fn : "gridsample") + ": " +
                        (v.host_name ? v.host_name : "a tensor") +
                        ".data was detached or resized while the arguments were read";
      fail(env, false, msg);
      return env.Undefined();
    }
  }
  in.pop_back();
  if (!gs::view_is_injective(out)) {
    fail(env, false, std::string(out.host_fn ? out.host_fn : "gridsample") +
                         ": the output's strides address some element twice");
    return env.Undefined();
  }
  for (const auto& v : in) {
    if (gs::views_overlap(v, out)) {
      fail(env, false, std::string(out.host_fn ? out.host_fn : "gridsample") + ": the output shares memory with an input");
      return env.Undefined();
    }
  }
  // A result made for this call is fresh, untouched memory: ask for huge
  // pages before the kernel faults it in. (Not a caller's `out`: usually a
  // buffer reused call after call, already faulted in.)
  if (out.host_private) gs::advise_huge_pages(out.data, view_bytes(out));
  if (!async) {
    gs::Status st;
    try {
      st = kernel(in, out);
    } catch (const std::bad_alloc&) {
      st = gs::Status::range(std::string(out.host_fn ? out.host_fn : "gridsample") + ": not enough memory");
    } catch (const std::exception& e) {
      st = gs::Status{gs::Status::Internal, e.what()};
    }
    if (!st.is_ok()) {
      napi_throw(env, make_error(env, st));
      return env.Undefined();
    }
    if (out.host_private &&
        napi_set_named_property(env, out_obj, "data", static_cast<napi_value>(const_cast<void*>(out.host))) != napi_ok)
      return env.Undefined();  // the exception a setter threw is pending
    return out_obj;
  }
  Worker* w = nullptr;
  try {
    w = new Worker(env, std::move(in), out, out_obj, out_data, std::move(kernel), cancel,
                   Napi::Value(env, cancel_holder));
  } catch (const std::bad_alloc&) {
    fail(env, false, std::string(out.host_fn ? out.host_fn : "gridsample") +
                         ": not enough memory to copy the inputs of an async call");
    return env.Undefined();
  }
  napi_value p = w->promise();
  w->Queue();
  return Napi::Value(env, p);
}

}  // namespace gsb
