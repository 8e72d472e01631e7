// One persistent worker pool per process. parallel_for splits [begin, end)
// into chunks of at least `grain` items and runs them on the pool plus the
// calling thread. A call that finds the pool busy (another sync call, an async
// worker, or a nested call from inside a task) runs inline on its own thread,
// so concurrent callers never wait on each other and never deadlock.
#pragma once

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

// memcpy of `bytes` bytes (non-overlapping), split over the pool in 1 MiB
// pieces when it is large; plain memcpy below 4 MiB or when the pool is busy.
void parallel_copy(void* dst, const void* src, size_t bytes);

}  // namespace gs
