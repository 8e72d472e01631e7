// Reading arguments: tensors, numbers and lists from JS values, with the
// checks the binding repeats whatever src/ checked.
#include "args.h"

#include "result.h"

#include <cmath>
#include <string>

namespace gsb {

// Throws unless an exception is already pending (a user getter or proxy trap
// threw while we read an argument): throwing over a pending exception is a
// fatal error in node-addon-api, so the user's own error propagates instead.
bool fail(Napi::Env env, bool type_error, const std::string& msg) {
  if (env.IsExceptionPending()) return false;
  if (type_error) Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
  else Napi::RangeError::New(env, msg).ThrowAsJavaScriptException();
  return false;
}

namespace {

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

Request::Request(const Napi::CallbackInfo& info, const char* fn) : env_(info.Env()), fn_(fn) {
  if (info.Length() < 1 || !info[0].IsObject()) {
    fail(env_, true, std::string(fn) + ": expected a request object");
    return;
  }
  obj_ = info[0].As<Napi::Object>();
  ok_ = true;
}

bool Request::get(const char* field, Napi::Value* v) {
  *v = obj_.Get(field);
  return !env_.IsExceptionPending();
}

bool Request::tensor(const char* field, gs::TensorView* view) {
  Napi::Value v;
  return get(field, &v) && read_tensor(env_, v, fn_, field, view);
}

bool Request::output(gs::TensorView* view) {
  Napi::Value v;
  return get("out", &v) && read_output(env_, v, fn_, view);
}

bool Request::boolean(const char* field, bool* out) {
  Napi::Value v;
  if (!get(field, &v)) return false;
  if (!v.IsBoolean()) return fail(env_, true, std::string(fn_) + ": " + field + " must be a boolean");
  *out = v.As<Napi::Boolean>().Value();
  return true;
}

bool Request::number(const char* field, double* out) {
  Napi::Value v;
  return get(field, &v) && read_number(env_, v, fn_, field, out);
}

bool Request::integer(const char* field, int lo, int hi, int* out) {
  Napi::Value v;
  return get(field, &v) && read_int(env_, v, fn_, field, lo, hi, out);
}

bool Request::present(const char* field, bool* out) {
  Napi::Value v;
  if (!get(field, &v)) return false;
  *out = !v.IsUndefined();
  return true;
}

bool Request::numbers(const char* field, uint32_t lo, uint32_t hi, double* dst, int* count) {
  Napi::Value v;
  return get(field, &v) && read_number_list(env_, v, fn_, field, lo, hi, dst, count);
}

}  // namespace gsb
