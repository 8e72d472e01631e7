#include "parallel.h"

#include "gs_assert.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#endif

namespace gs {

int hardware_threads() {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
#endif
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

namespace {

// A job is a range cut into `chunks` pieces; threads claim pieces with an
// atomic counter, so the split never depends on timing and every item is run
// exactly once.
thread_local const std::atomic<int32_t>* tls_cancel = nullptr;

bool is_set(const std::atomic<int32_t>* flag) {
  return flag != nullptr && flag->load(std::memory_order_relaxed) != 0;
}

// Chunks of at least `grain` items (at most 64) when a cancel flag is
// watched: a call that runs inline on its own thread still stops between
// chunks. Splitting never changes a result (kernels give the same bits for
// any split, as for any thread count).
void run_inline(int64_t begin, int64_t end, int64_t grain, const RangeFn& fn) {
  const std::atomic<int32_t>* cancel = tls_cancel;
  if (cancel == nullptr) {
    fn(begin, end);
    return;
  }
  const int64_t n = end - begin;
  const int64_t pieces = std::max<int64_t>(1, std::min<int64_t>((n + grain - 1) / grain, 64));
  const int64_t chunk = (n + pieces - 1) / pieces;
  for (int64_t b = begin; b < end; b += chunk) {
    if (is_set(cancel)) return;
    fn(b, std::min(end, b + chunk));
  }
}

struct Job {
  const RangeFn* fn = nullptr;
  const std::atomic<int32_t>* cancel = nullptr;
  int64_t begin = 0, end = 0, chunk = 1, chunks = 0;
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> done{0};
  std::exception_ptr error;
  std::mutex error_mu;

  void run_pieces() {
    for (;;) {
      int64_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= chunks) return;
      int64_t b = begin + i * chunk;
      int64_t e = std::min(end, b + chunk);
      try {
        if (!is_set(cancel)) (*fn)(b, e);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mu);
        if (!error) error = std::current_exception();
      }
      done.fetch_add(1, std::memory_order_acq_rel);
    }
  }
};

thread_local bool tls_in_pool_task = false;

class Pool {
 public:
  static Pool& instance() {
    // Leaked on purpose: worker threads must outlive every static destructor
    // that might still call into the pool during process exit.
    static Pool* pool = new Pool(hardware_threads());
    return *pool;
  }

  int num_threads() {
    std::lock_guard<std::mutex> lock(state_mu_);
    return static_cast<int>(workers_.size()) + 1;
  }

  void resize(int n) {
    n = std::max(1, std::min(n, 1024));
    std::lock_guard<std::mutex> run(run_mu_);  // no job in flight while resizing
    stop_workers();
    start_workers(n - 1);
  }

  void run(int64_t begin, int64_t end, int64_t grain, const RangeFn& fn) {
    const int64_t n = end - begin;
    if (n <= 0) return;
    grain = std::max<int64_t>(grain, 1);
    std::unique_lock<std::mutex> run(run_mu_, std::defer_lock);
    if (tls_in_pool_task || n <= grain || !run.try_lock()) {
      run_inline(begin, end, grain, fn);
      return;
    }
    int threads;
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      threads = static_cast<int>(workers_.size()) + 1;
    }
    if (threads == 1) {
      run_inline(begin, end, grain, fn);
      return;
    }
    // Several pieces per thread balance uneven rows; never below the grain.
    int64_t pieces = std::min<int64_t>((n + grain - 1) / grain, int64_t(threads) * 4);
    Job job;
    job.fn = &fn;
    job.cancel = tls_cancel;
    job.begin = begin;
    job.end = end;
    job.chunk = (n + pieces - 1) / pieces;
    job.chunks = (n + job.chunk - 1) / job.chunk;
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      job_ = &job;
      ++generation_;
    }
    cv_.notify_all();
    tls_in_pool_task = true;
    job.run_pieces();
    tls_in_pool_task = false;
    {
      std::unique_lock<std::mutex> lock(state_mu_);
      done_cv_.wait(lock, [&] {
        return job.done.load(std::memory_order_acquire) == job.chunks && active_ == 0;
      });
      job_ = nullptr;
    }
    if (job.error) std::rethrow_exception(job.error);
  }

 private:
  explicit Pool(int n) { start_workers(n - 1); }

  void start_workers(int count) {
    std::lock_guard<std::mutex> lock(state_mu_);
    stopping_ = false;
    for (int i = 0; i < count; ++i) workers_.emplace_back([this] { loop(); });
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
    std::lock_guard<std::mutex> lock(state_mu_);
    workers_.clear();
  }

  void loop() {
    uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      seen = generation_;
    }
    for (;;) {
      Job* job;
      {
        std::unique_lock<std::mutex> lock(state_mu_);
        cv_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
        job = job_;
        if (!job) continue;
        ++active_;
      }
      tls_in_pool_task = true;
      tls_cancel = job->cancel;  // nested parallel_for calls of this job's pieces watch it too
      job->run_pieces();
      tls_cancel = nullptr;
      tls_in_pool_task = false;
      {
        std::lock_guard<std::mutex> lock(state_mu_);
        --active_;
      }
      done_cv_.notify_all();
    }
  }

  std::mutex run_mu_;    // held by the one caller whose job owns the pool
  std::mutex state_mu_;  // guards the fields below
  std::condition_variable cv_, done_cv_;
  std::vector<std::thread> workers_;
  Job* job_ = nullptr;
  uint64_t generation_ = 0;
  int active_ = 0;
  bool stopping_ = false;
};

}  // namespace

CancelScope::CancelScope(const std::atomic<int32_t>* flag) : saved_(tls_cancel) { tls_cancel = flag; }
CancelScope::~CancelScope() { tls_cancel = saved_; }
bool cancel_requested() { return is_set(tls_cancel); }

int get_num_threads() { return Pool::instance().num_threads(); }
void set_num_threads(int n) { Pool::instance().resize(n); }

void parallel_for(int64_t begin, int64_t end, int64_t grain, const RangeFn& fn) {
  GS_ASSERT(begin <= end && grain >= 0);
  Pool::instance().run(begin, end, grain, fn);
}

void parallel_copy(void* dst, const void* src, size_t bytes) {
  constexpr size_t kPiece = size_t(1) << 20;
  if (bytes < 4 * kPiece) {
    if (bytes > 0) std::memcpy(dst, src, bytes);
    return;
  }
  auto* d = static_cast<char*>(dst);
  const auto* s = static_cast<const char*>(src);
  const int64_t pieces = static_cast<int64_t>((bytes + kPiece - 1) / kPiece);
  parallel_for(0, pieces, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const size_t at = static_cast<size_t>(i) * kPiece;
      std::memcpy(d + at, s + at, std::min(kPiece, bytes - at));
    }
  });
}

}  // namespace gs
