#include "common.h"

#include <cmath>
#include <cstring>
#include <memory>

namespace gsb {

namespace {

bool fail(Napi::Env env, bool type_error, const std::string& msg) {
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

}  // namespace

bool read_tensor(Napi::Env env, Napi::Value value, const char* fn, const char* name,
                 gs::TensorView* view) {
  const std::string what = std::string(fn) + ": " + name;
  if (!value.IsObject()) return fail(env, true, what + " must be a tensor object");
  Napi::Object obj = value.As<Napi::Object>();
  Napi::Value data = obj.Get("data");
  if (!data.IsTypedArray()) return fail(env, true, what + ".data must be a typed array");
  Napi::TypedArray ta = data.As<Napi::TypedArray>();
  switch (ta.TypedArrayType()) {
    case napi_float32_array: view->dtype = gs::DType::Float32; break;
    case napi_float64_array: view->dtype = gs::DType::Float64; break;
    case napi_uint8_array:
    case napi_uint8_clamped_array: view->dtype = gs::DType::Uint8; break;
    default: return fail(env, true, what + ".data must be a Float32Array, Float64Array or Uint8Array");
  }
  int nshape = 0, nstrides = 0;
  if (!read_int64_list(env, obj.Get("shape"), what + ".shape", view->shape, &nshape)) return false;
  if (!read_int64_list(env, obj.Get("strides"), what + ".strides", view->strides, &nstrides)) return false;
  if (nshape != nstrides) return fail(env, false, what + ".strides length differs from shape");
  view->ndim = nshape;
  // A detached buffer reads as length 0 and a null pointer.
  Napi::ArrayBuffer buf = ta.ArrayBuffer();
  void* base = buf.IsEmpty() ? nullptr : buf.Data();
  view->data = base ? static_cast<uint8_t*>(base) + ta.ByteOffset() : nullptr;
  view->capacity = static_cast<int64_t>(ta.ElementLength());
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
size_t view_bytes(const gs::TensorView& v) {
  if (v.numel() == 0) return 0;
  int64_t last = 0;
  for (int i = 0; i < v.ndim; ++i)
    if (v.shape[i] > 1) last += (v.shape[i] - 1) * v.strides[i];
  return static_cast<size_t>(last + 1) * gs::dtype_size(v.dtype);
}

// Copies what a view addresses into memory the work owns, and points the view there.
std::unique_ptr<uint8_t[]> snapshot(gs::TensorView& v, bool copy) {
  const size_t bytes = view_bytes(v);
  if (bytes == 0) return nullptr;
  std::unique_ptr<uint8_t[]> mem(new uint8_t[bytes]);
  if (copy) std::memcpy(mem.get(), v.data, bytes);
  v.data = mem.get();
  v.capacity = static_cast<int64_t>(bytes / gs::dtype_size(v.dtype));
  return mem;
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
         Napi::Value out_data, Kernel kernel)
      : Napi::AsyncWorker(env, "gridsample"), in_(std::move(in)), out_(out), kernel_(std::move(kernel)) {
    for (auto& v : in_) copies_.push_back(snapshot(v, true));
    out_bytes_ = view_bytes(out_);
    // Copied too: the whole range is written back on completion, and an out
    // view with gaps (strides wider than dense) must get its gaps back intact.
    scratch_ = snapshot(out_, true);
    napi_create_promise(env, &deferred_, &promise_);
    out_obj_ = Napi::Persistent(out_obj);
    out_data_ = Napi::Persistent(out_data);
  }
  napi_value promise() const { return promise_; }

  void Execute() override {
    try {
      status_ = kernel_(in_, out_);
    } catch (const std::exception& e) {
      status_ = gs::Status{gs::Status::Internal, e.what()};
    }
  }

  void OnOK() override {
    napi_env env = Env();
    if (status_.is_ok() && out_bytes_ > 0) {
      // Copy into the output array as it is now; it may have been detached.
      void* data = nullptr;
      size_t length = 0;
      napi_typedarray_type type;
      napi_value buffer;
      size_t offset = 0;
      if (napi_get_typedarray_info(env, out_data_.Value(), &type, &length, &data, &buffer, &offset) != napi_ok ||
          data == nullptr || length * gs::dtype_size(out_.dtype) < out_bytes_) {
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
  std::vector<std::unique_ptr<uint8_t[]>> copies_;
  std::unique_ptr<uint8_t[]> scratch_;
  size_t out_bytes_ = 0;
  napi_deferred deferred_ = nullptr;
  napi_value promise_ = nullptr;
  Napi::Reference<Napi::Value> out_obj_, out_data_;
  gs::Status status_;
};

}  // namespace

Napi::Value run(Napi::Env env, bool async, std::vector<gs::TensorView> in, gs::TensorView out,
                Napi::Value out_obj, Kernel kernel) {
  for (const auto& v : in) {
    if (gs::views_overlap(v, out)) {
      Napi::RangeError::New(env, "the output shares memory with an input").ThrowAsJavaScriptException();
      return env.Undefined();
    }
  }
  if (!async) {
    gs::Status st;
    try {
      st = kernel(in, out);
    } catch (const std::exception& e) {
      st = gs::Status{gs::Status::Internal, e.what()};
    }
    if (!st.is_ok()) {
      napi_throw(env, make_error(env, st));
      return env.Undefined();
    }
    return out_obj;
  }
  Napi::Value out_data = out_obj.IsObject() ? out_obj.As<Napi::Object>().Get("data") : Napi::Value();
  if (out_data.IsEmpty() || !out_data.IsTypedArray()) {
    Napi::TypeError::New(env, "internal: output tensor without data").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Worker* w = nullptr;
  try {
    w = new Worker(env, std::move(in), out, out_obj, out_data, std::move(kernel));
  } catch (const std::bad_alloc&) {
    Napi::RangeError::New(env, "not enough memory to copy the inputs of an async call")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  napi_value p = w->promise();
  w->Queue();
  return Napi::Value(env, p);
}

}  // namespace gsb
