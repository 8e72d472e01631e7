// The result of a call: the output the caller passed, or one the binding
// allocates for this call.
#include "result.h"

#include <string>

#include "args.h"

namespace gsb {

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
  for (int i = 0; i < view->ndim; ++i)
    if (view->shape[i] < 0 || view->strides[i] < 0) return fail(env, false, what + " must have non-negative sizes and strides");
  // Elements from the first to the last addressed one (0 if empty).
  int64_t last = -1;
  if (!gs::last_offset(*view, gs::kMaxElements - 1, &last)) return fail(env, false, what + ": the output is too large");
  const int64_t extent = last + 1;
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

}  // namespace gsb
