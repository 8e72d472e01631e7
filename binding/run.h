// Running a kernel over checked views, synchronously or as a Promise.
#pragma once

#include <napi.h>

#include <functional>
#include <vector>

#include "../native/common/tensor.h"

namespace gsb {

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

}  // namespace gsb
