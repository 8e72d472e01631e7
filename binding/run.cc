// Running a kernel over checked views: on the calling thread, or in a libuv
// work item on snapshots of the inputs, settling a Promise.
#include "run.h"

#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "../native/common/memory.h"
#include "../native/common/parallel.h"
#include "args.h"

namespace gsb {

namespace {

size_t element_size(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array: case napi_uint8_array: case napi_uint8_clamped_array: return 1;
    case napi_int16_array: case napi_uint16_array: return 2;
    case napi_int32_array: case napi_uint32_array: case napi_float32_array: return 4;
    default: return 8;
  }
}

// Reading later arguments can run user code (getters, proxies) that detaches
// or resizes a buffer read earlier. Every view read by read_tensor is checked
// again, with no JS in between, right before the kernel or the snapshot.
bool still_valid(napi_env env, const gs::TensorView& v) {
  if (v.host == nullptr) return true;
  void* data = nullptr;
  int64_t length = 0;
  if (!buffer_of(env, static_cast<napi_value>(const_cast<void*>(v.host)), &data, &length)) return false;
  if (v.numel() == 0) return true;
  return data == v.data && length >= v.capacity;
}

napi_value make_error(napi_env env, const gs::Status& st) {
  napi_value msg = nullptr, err = nullptr;
  napi_create_string_utf8(env, st.message.c_str(), st.message.size(), &msg);
  if (st.code == gs::Status::InvalidArgument) napi_create_type_error(env, nullptr, msg, &err);
  else if (st.code == gs::Status::OutOfRange) napi_create_range_error(env, nullptr, msg, &err);
  else napi_create_error(env, nullptr, msg, &err);
  return err;
}

// Copies what a view addresses into memory the work owns, and points the view there.
gs::MemoryBlock snapshot(gs::TensorView& v, bool copy) {
  const size_t bytes = gs::view_bytes(v);
  if (bytes == 0) return gs::MemoryBlock();
  gs::MemoryBlock mem(bytes);
  if (copy) gs::parallel_copy(mem.get(), v.data, bytes);
  v.data = mem.get();
  v.capacity = static_cast<int64_t>(bytes / gs::dtype_size(v.dtype));
  return mem;
}

// The cancel flag of the async call being made on this (JavaScript) thread,
// set by CancelRequest for the run() inside that call.
thread_local const std::atomic<int32_t>* tls_cancel_flag = nullptr;
thread_local napi_value tls_cancel_holder = nullptr;

const std::atomic<int32_t>* read_cancel_flag(napi_env env, napi_value request, napi_value* holder, bool* ok) {
  static_assert(sizeof(std::atomic<int32_t>) == sizeof(int32_t) && std::atomic<int32_t>::is_always_lock_free,
                "the flag is an int32 the JavaScript side writes with Atomics");
  napi_valuetype kind;
  if (request == nullptr || napi_typeof(env, request, &kind) != napi_ok || kind != napi_object) return nullptr;
  bool has = false;
  napi_value v, global, sab_ctor, ab;
  if (napi_has_named_property(env, request, "cancel", &has) != napi_ok || !has) {
    bool pending = false;
    napi_is_exception_pending(env, &pending);  // a proxy's `has` trap threw
    *ok = !pending;
    return nullptr;
  }
  if (napi_get_named_property(env, request, "cancel", &v) != napi_ok) {
    *ok = false;  // a getter threw: its exception is pending
    return nullptr;
  }
  bool is_ta = false, shared = false;
  napi_typedarray_type type;
  size_t len = 0, offset = 0;
  void* data = nullptr;
  if (napi_is_typedarray(env, v, &is_ta) != napi_ok || !is_ta) return nullptr;
  if (napi_get_typedarray_info(env, v, &type, &len, &data, &ab, &offset) != napi_ok) return nullptr;
  if (type != napi_int32_array || len < 1 || data == nullptr) return nullptr;
  if (napi_get_global(env, &global) != napi_ok ||
      napi_get_named_property(env, global, "SharedArrayBuffer", &sab_ctor) != napi_ok ||
      napi_instanceof(env, ab, sab_ctor, &shared) != napi_ok || !shared)
    return nullptr;
  *holder = v;
  return reinterpret_cast<const std::atomic<int32_t>*>(data);
}

// Runs the kernel in libuv's pool on snapshots and settles a promise.
// Completion uses raw napi calls whose failures are ignored: when the
// environment is shutting down (a worker thread terminated mid-call) settling
// fails, and node-addon-api would turn that into a fatal error.
class Worker : public Napi::AsyncWorker {
 public:
  Worker(Napi::Env env, std::vector<gs::TensorView> in, gs::TensorView out, Napi::Value out_data, Kernel kernel,
         const std::atomic<int32_t>* cancel, napi_value cancel_holder)
      : Napi::AsyncWorker(env, "gridsample"), in_(std::move(in)), out_(out), kernel_(std::move(kernel)), cancel_(cancel) {
    if (cancel_ != nullptr) cancel_holder_ = Napi::Persistent(Napi::Value(env, cancel_holder));
    for (auto& v : in_) copies_.push_back(snapshot(v, true));
    out_bytes_ = gs::view_bytes(out_);
    // The caller's output: the kernel writes scratch memory, copied (not just
    // allocated: a strided output's gaps are the caller's elements and go
    // back unchanged). One the binding made for this call: written in place.
    if (!out_.host_private) scratch_ = snapshot(out_, true);
    napi_create_promise(env, &deferred_, &promise_);
    out_data_ = Napi::Persistent(out_data);
  }
  napi_value promise() const { return promise_; }

  void Execute() override {
    try {
      gs::CancelScope scope(cancel_);
      status_ = kernel_(in_, out_);
    } catch (const std::bad_alloc&) {
      status_ = gs::Status::range(std::string(out_.host_fn ? out_.host_fn : "gridsample") + ": not enough memory");
    } catch (const std::exception& e) {
      status_ = gs::Status{gs::Status::Internal, e.what()};
    }
  }

  bool cancelled() const { return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed) != 0; }

  void OnOK() override {
    napi_env env = Env();
    // Cancelled (checked here, on the JavaScript thread that sets the flag):
    // the output is unspecified, so nothing is copied back.
    if (cancelled()) status_ = gs::Status{gs::Status::Internal, std::string(out_.host_fn ? out_.host_fn : "gridsample") + ": cancelled"};
    if (status_.is_ok() && !out_.host_private && out_bytes_ > 0) {
      // Copy into the output array as it is now; it may have been detached.
      void* data = nullptr;
      size_t length = 0;
      napi_typedarray_type type;
      napi_value buffer;
      size_t offset = 0;
      if (napi_get_typedarray_info(env, out_data_.Value(), &type, &length, &data, &buffer, &offset) != napi_ok ||
          data == nullptr || length * element_size(type) < out_bytes_) {
        status_ = gs::Status::range("the output buffer was detached or shrunk while the call ran");
      } else {
        std::memcpy(data, scratch_.get(), out_bytes_);
      }
    }
    if (status_.is_ok()) napi_resolve_deferred(env, deferred_, out_data_.Value());
    else napi_reject_deferred(env, deferred_, make_error(env, status_));
  }
  void OnError(const Napi::Error& e) override { napi_reject_deferred(Env(), deferred_, e.Value()); }

 private:
  std::vector<gs::TensorView> in_;
  gs::TensorView out_;
  Kernel kernel_;
  std::vector<gs::MemoryBlock> copies_;
  gs::MemoryBlock scratch_;
  size_t out_bytes_ = 0;
  napi_deferred deferred_ = nullptr;
  napi_value promise_ = nullptr;
  Napi::Reference<Napi::Value> out_data_;
  const std::atomic<int32_t>* cancel_ = nullptr;
  Napi::Reference<Napi::Value> cancel_holder_;  // keeps the flag's SharedArrayBuffer alive
  gs::Status status_;
};

}  // namespace

CancelRequest::CancelRequest(Napi::Env env, Napi::Value request)
    : saved_flag_(tls_cancel_flag), saved_holder_(tls_cancel_holder) {
  napi_value holder = nullptr;
  tls_cancel_flag = read_cancel_flag(env, request.IsEmpty() ? nullptr : static_cast<napi_value>(request), &holder, &ok_);
  tls_cancel_holder = holder;
}

CancelRequest::~CancelRequest() {
  tls_cancel_flag = static_cast<const std::atomic<int32_t>*>(saved_flag_);
  tls_cancel_holder = saved_holder_;
}

Napi::Value run(Napi::Env env, bool async, std::vector<gs::TensorView> in, gs::TensorView out, Kernel kernel) {
  // The output's typed array: the very one read_tensor / read_output checked
  // (no getter runs again), and the call's result.
  if (out.host == nullptr) {
    fail(env, true, "internal: output tensor without data");
    return env.Undefined();
  }
  Napi::Value out_data(env, static_cast<napi_value>(const_cast<void*>(out.host)));
  in.push_back(out);
  for (const auto& v : in) {
    if (!still_valid(env, v)) {
      std::string msg = std::string(v.host_fn ? v.host_fn : "gridsample") + ": " +
                        (v.host_name ? v.host_name : "a tensor") +
                        ".data was detached or resized while the arguments were read";
      fail(env, false, msg);
      return env.Undefined();
    }
  }
  in.pop_back();
  if (!gs::view_is_injective(out)) {
    fail(env, false, std::string(out.host_fn ? out.host_fn : "gridsample") +
                         ": the output's strides address some element twice");
    return env.Undefined();
  }
  for (const auto& v : in) {
    if (gs::views_overlap(v, out)) {
      fail(env, false, std::string(out.host_fn ? out.host_fn : "gridsample") + ": the output shares memory with an input");
      return env.Undefined();
    }
  }
  // A result made for this call is fresh, untouched memory: ask for huge
  // pages before the kernel faults it in. (Not a caller's `out`: usually a
  // buffer reused call after call, already faulted in.)
  if (out.host_private) gs::advise_huge_pages(out.data, gs::view_bytes(out));
  if (!async) {
    gs::Status st;
    try {
      st = kernel(in, out);
    } catch (const std::bad_alloc&) {
      st = gs::Status::range(std::string(out.host_fn ? out.host_fn : "gridsample") + ": not enough memory");
    } catch (const std::exception& e) {
      st = gs::Status{gs::Status::Internal, e.what()};
    }
    if (!st.is_ok()) {
      napi_throw(env, make_error(env, st));
      return env.Undefined();
    }
    return out_data;
  }
  Worker* w = nullptr;
  try {
    w = new Worker(env, std::move(in), out, out_data, std::move(kernel), tls_cancel_flag, tls_cancel_holder);
  } catch (const std::bad_alloc&) {
    fail(env, false, std::string(out.host_fn ? out.host_fn : "gridsample") +
                         ": not enough memory to copy the inputs of an async call");
    return env.Undefined();
  }
  napi_value p = w->promise();
  w->Queue();
  return Napi::Value(env, p);
}

}  // namespace gsb
