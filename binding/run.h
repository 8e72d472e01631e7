// Running a kernel over checked views, synchronously or as a Promise.
#pragma once

#include <napi.h>

#include <functional>
#include <vector>

#include "../native/common/tensor.h"

namespace gsb {

// Runs a kernel over checked views: now on this thread (sync: returns the
// output's typed array), or in libuv's pool (async: returns a Promise of it).
// The result is the caller's `out.data` or the array the binding allocated
// (result.h); the request object is never written to.
//
// Async calls never touch the caller's buffers off the JS thread: the inputs
// are copied (snapshotted) before the call returns and the kernel writes into
// native scratch memory, copied into the caller's output array when the work
// completes on the JS thread (an output the binding allocated is written
// directly). A buffer transferred, detached or modified while the call runs
// therefore cannot be read after it was freed, nor change the result; if the
// output buffer was detached meanwhile the promise rejects.
using Kernel = std::function<gs::Status(const std::vector<gs::TensorView>& in, const gs::TensorView& out)>;
Napi::Value run(Napi::Env env, bool async, std::vector<gs::TensorView> in, gs::TensorView out, Kernel kernel);

}  // namespace gsb
