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

// Throws the JS error for a failed Status (TypeError or RangeError).
void throw_status(Napi::Env env, const gs::Status& st);

// Runs `work` now (sync) or in a libuv work item and returns a Promise
// resolved with `result` (async). `keep` are the JS objects the work reads or
// writes: they stay referenced until the work is done.
using Work = std::function<gs::Status()>;
Napi::Value run(Napi::Env env, bool async, Work work, Napi::Value result,
                const std::vector<Napi::Value>& keep);

// An integer option in [lo, hi]; throws and returns false otherwise.
bool read_int(Napi::Env env, Napi::Value v, const char* fn, const char* name, int lo, int hi,
              int* out);

void register_grid_sample(Napi::Env env, Napi::Object exports);

}  // namespace gsb
