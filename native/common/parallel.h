// One persistent worker pool per process. parallel_for splits [begin, end)
// into chunks of at least `grain` items and runs them on the pool plus the
// calling thread. A call that finds the pool busy (another sync call, an async
// worker, or a nested call from inside a task) runs inline on its own thread,
// so concurrent callers never wait on each other and never deadlock.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace gs {

// Number of threads a parallel_for may use (pool workers + caller), >= 1.
int get_num_threads();
// Resizes the pool; waits for a running parallel_for to finish first.
void set_num_threads(int n);
// Threads the hardware offers (cores available to this process).
int hardware_threads();

using RangeFn = std::function<void(int64_t begin, int64_t end)>;
void parallel_for(int64_t begin, int64_t end, int64_t grain, const RangeFn& fn);

// Cooperative cancellation of a running kernel (an aborted async call). While
// a CancelScope lives on a thread, every parallel_for that thread starts
// (nested ones included) checks `*flag` before each chunk and skips the
// remaining chunks once it is non-zero, so the kernel returns early with its
// output unspecified; the caller then discards it. Runs that do not look at
// the flag (a chunk already started, serial code between loops) finish as
// usual. The flag is written by another thread (the JavaScript one).
class CancelScope {
 public:
  explicit CancelScope(const std::atomic<int32_t>* flag);
  ~CancelScope();
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

 private:
  const std::atomic<int32_t>* saved_;
};
// True once the innermost CancelScope's flag on this thread is set.
bool cancel_requested();

// memcpy of `bytes` bytes (non-overlapping), split over the pool in 1 MiB
// pieces when it is large; plain memcpy below 4 MiB or when the pool is busy.
void parallel_copy(void* dst, const void* src, size_t bytes);

}  // namespace gs
