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
//
// An async call can be cancelled: its request's `cancel` (an Int32Array on a
// SharedArrayBuffer, read by CancelRequest) is watched by the kernel between
// chunks of work (gs::CancelScope); once set, the kernel stops early, nothing
// is copied into the caller's output and the promise rejects.
using Kernel = std::function<gs::Status(const std::vector<gs::TensorView>& in, const gs::TensorView& out)>;
Napi::Value run(Napi::Env env, bool async, std::vector<gs::TensorView> in, gs::TensorView out, Kernel kernel);

// Reads `request.cancel` for the async call being made on this thread and
// hands it to the run() inside that call (export_op's async function holds
// one around the op). Anything but an Int32Array on a SharedArrayBuffer
// (which cannot be detached, so the kernel's threads may read it) means "not
// cancellable". Read before the op reads its tensors: a getter here may
// detach them, which their reading then notices.
class CancelRequest {
 public:
  CancelRequest(Napi::Env env, Napi::Value request);
  ~CancelRequest();
  CancelRequest(const CancelRequest&) = delete;
  CancelRequest& operator=(const CancelRequest&) = delete;
  // False if reading `cancel` threw (the exception is pending).
  bool ok() const { return ok_; }

 private:
  bool ok_ = true;
  const void* saved_flag_;
  napi_value saved_holder_;
};

}  // namespace gsb
