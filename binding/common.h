// Shared N-API glue: unpacking tensors and options from JS, mapping native
// Status values to JS exceptions, and running a kernel either on the calling
// thread or in a libuv work item that settles a Promise.
#pragma once

#include <napi.h>

#include <functional>
#include <string>
#include <vector>

#include "../native/common/tensor.h"

namespace gsb {

// Reads {data: TypedArray, shape: number[], strides: number[]} into a view and
// re-checks it (integer sizes, dtype, view inside its buffer). On failure a
// JS exception is pending and false is returned.
bool read_tensor(Napi::Env env, Napi::Value value, const char* fn, const char* name,
                 gs::TensorView* view);

// The output argument: a tensor like read_tensor's, or a request for a new
// one, {alloc: true, data: <empty typed array of the wanted type>, shape,
// strides}. The binding then allocates the typed array itself (zero-filled,
// non-negative strides, as many elements as the view addresses), marks the
// view host_private, and run() stores it as `data` of the request object
// once the kernel has finished; until then no JS can reach it, so an async
// kernel writes into it directly instead of into scratch memory.
bool read_output(Napi::Env env, Napi::Value value, const char* fn, gs::TensorView* view);

// Runs a kernel over checked views: now on this thread (sync, returns
// `out_obj`), or in libuv's pool (async, returns a Promise of `out_obj`).
//
// Async calls never touch the caller's buffers off the JS thread: the inputs
// are copied (snapshotted) before the call returns and the kernel writes into
// native scratch memory, copied into `out_obj.data` when the work completes on
// the JS thread (an output made by read_output is written directly). A buffer transferred, detached or modified while the call
// runs therefore cannot be read after it was freed, nor change the result;
// if the output buffer was detached meanwhile the promise rejects.
using Kernel = std::function<gs::Status(const std::vector<gs::TensorView>& in, const gs::TensorView& out)>;
Napi::Value run(Napi::Env env, bool async, std::vector<gs::TensorView> in, gs::TensorView out,
                Napi::Value out_obj, Kernel kernel);

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

// Each op family's binding file registers its functions with one static
// `Registration` at namespace scope, so adding a family touches no shared file:
//   static Registration reg([](Napi::Env env, Napi::Object exports) { ... });
using RegisterFn = void (*)(Napi::Env env, Napi::Object exports);
struct Registration {
  explicit Registration(RegisterFn fn);
};
// Runs every registration (addon.cc, once per environment).
void register_all(Napi::Env env, Napi::Object exports);

}  // namespace gsb
