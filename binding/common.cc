#include "common.h"

#include <cmath>

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

bool read_int(Napi::Env env, Napi::Value v, const char* fn, const char* name, int lo, int hi,
              int* out) {
  if (!v.IsNumber()) return fail(env, true, std::string(fn) + ": " + name + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= lo && d <= hi) || d != std::floor(d))
    return fail(env, false, std::string(fn) + ": " + name + " is out of range");
  *out = static_cast<int>(d);
  return true;
}

void throw_status(Napi::Env env, const gs::Status& st) {
  fail(env, st.code == gs::Status::InvalidArgument, st.message);
}

namespace {

// Runs the work in libuv's pool and settles a promise. Completion uses raw
// napi calls whose failures are ignored: when the environment is shutting
// down (a worker thread terminated mid-call) settling the promise fails, and
// node-addon-api would turn that into a fatal error.
class Worker : public Napi::AsyncWorker {
 public:
  Worker(Napi::Env env, Work work, Napi::Value result, const std::vector<Napi::Value>& keep)
      : Napi::AsyncWorker(env, "gridsample"), work_(std::move(work)) {
    napi_create_promise(env, &deferred_, &promise_);
    result_ = Napi::Persistent(result);
    for (const auto& v : keep) keep_.push_back(Napi::Persistent(v));
  }
  napi_value promise() const { return promise_; }

  void Execute() override {
    try {
      status_ = work_();
    } catch (const std::exception& e) {
      status_ = gs::Status{gs::Status::Internal, e.what()};
    }
  }
  void OnOK() override {
    napi_env env = Env();
    if (status_.is_ok()) {
      napi_resolve_deferred(env, deferred_, result_.Value());
      return;
    }
    napi_value msg = nullptr, err = nullptr;
    napi_create_string_utf8(env, status_.message.c_str(), status_.message.size(), &msg);
    if (status_.code == gs::Status::InvalidArgument) napi_create_type_error(env, nullptr, msg, &err);
    else if (status_.code == gs::Status::OutOfRange) napi_create_range_error(env, nullptr, msg, &err);
    else napi_create_error(env, nullptr, msg, &err);
    napi_reject_deferred(env, deferred_, err);
  }
  void OnError(const Napi::Error& e) override { napi_reject_deferred(Env(), deferred_, e.Value()); }

 private:
  Work work_;
  napi_deferred deferred_ = nullptr;
  napi_value promise_ = nullptr;
  Napi::Reference<Napi::Value> result_;
  std::vector<Napi::Reference<Napi::Value>> keep_;
  gs::Status status_;
};

}  // namespace

Napi::Value run(Napi::Env env, bool async, Work work, Napi::Value result,
                const std::vector<Napi::Value>& keep) {
  if (!async) {
    gs::Status st;
    try {
      st = work();
    } catch (const std::exception& e) {
      st = gs::Status{gs::Status::Internal, e.what()};
    }
    if (!st.is_ok()) {
      if (st.code == gs::Status::Internal) Napi::Error::New(env, st.message).ThrowAsJavaScriptException();
      else throw_status(env, st);
      return env.Undefined();
    }
    return result;
  }
  auto* w = new Worker(env, std::move(work), result, keep);
  napi_value p = w->promise();
  w->Queue();
  return Napi::Value(env, p);
}

}  // namespace gsb
