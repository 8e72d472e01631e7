// Reading arguments from JS values into native views and numbers. Every
// reader re-checks what it reads (never trusts src/); on failure a JS
// exception is pending and false is returned.
#pragma once

#include <napi.h>

#include <string>

#include "../native/common/tensor.h"

namespace gsb {

// Throws a TypeError (type_error) or RangeError with `msg`, unless a user
// getter's exception is already pending; returns false.
bool fail(Napi::Env env, bool type_error, const std::string& msg);

// Reads {data: TypedArray, shape: number[], strides: number[]} into a view and
// re-checks it (integer sizes, dtype, view inside its buffer). On failure a
// JS exception is pending and false is returned.
bool read_tensor(Napi::Env env, Napi::Value value, const char* fn, const char* name,
                 gs::TensorView* view);

// The parts of a tensor object read_tensor and read_output share: `data` (a
// typed array of a supported type, returned with its type), `shape` and
// `strides`; `what` prefixes messages ("gridSample: input").
bool read_layout(Napi::Env env, Napi::Object obj, const std::string& what, gs::TensorView* view,
                 Napi::Value* data, napi_typedarray_type* type);

// Current data pointer and element count of a typed array (no JS runs); a
// detached buffer reads as null and 0.
bool buffer_of(napi_env env, napi_value array, void** data, int64_t* length);

// A number (any double, NaN and infinities included: the kernel's checks
// decide); throws and returns false otherwise.
bool read_number(Napi::Env env, Napi::Value v, const char* fn, const char* name, double* out);

// An array of between lo and hi numbers into dst[0..*count). Element getters
// may run user code: a throwing one leaves its exception pending and false is
// returned.
bool read_number_list(Napi::Env env, Napi::Value v, const char* fn, const char* name, uint32_t lo,
                      uint32_t hi, double* dst, int* count);

// An integer option in [lo, hi]; throws and returns false otherwise.
bool read_int(Napi::Env env, Napi::Value v, const char* fn, const char* name, int lo, int hi,
              int* out);

// A user-facing name of a native enum value ({"bilinear", Interp::Bilinear}):
// enums cross from TypeScript by name, each op's table in its binding file.
template <class E>
struct Named {
  const char* name;
  E value;
};

// The request object of one call, `fn({input, out, mode: 'bilinear', ...})`:
// reads its fields by name with the readers above. Every reader returns
// false with a JS exception pending when the field is missing or wrong (or a
// getter threw).
class Request {
 public:
  Request(const Napi::CallbackInfo& info, const char* fn);
  // False (TypeError pending) if the first argument is not an object.
  bool ok() const { return ok_; }
  Napi::Env env() const { return env_; }
  const char* fn() const { return fn_; }

  bool tensor(const char* field, gs::TensorView* view);
  // The field "out": a tensor, or a request for the binding to allocate one (result.h).
  bool output(gs::TensorView* view);
  bool boolean(const char* field, bool* out);
  bool number(const char* field, double* out);
  bool integer(const char* field, int lo, int hi, int* out);
  bool numbers(const char* field, uint32_t lo, uint32_t hi, double* dst, int* count);
  // Whether an optional field is given (neither absent nor undefined).
  bool present(const char* field, bool* out);
  template <class E, size_t N>
  bool name(const char* field, const Named<E> (&table)[N], E* out) {
    Napi::Value v;
    if (!get(field, &v)) return false;
    if (v.IsString()) {
      const std::string s = v.As<Napi::String>().Utf8Value();
      for (const Named<E>& n : table)
        if (s == n.name) {
          *out = n.value;
          return true;
        }
    }
    std::string names;
    for (size_t i = 0; i < N; ++i) names += std::string(i ? ", '" : "'") + table[i].name + "'";
    return fail(env_, true, std::string(fn_) + ": " + field + " must be one of " + names);
  }

 private:
  bool get(const char* field, Napi::Value* v);
  Napi::Env env_;
  const char* fn_;
  Napi::Object obj_;
  bool ok_ = false;
};

}  // namespace gsb
