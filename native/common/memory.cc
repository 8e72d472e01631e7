#include "memory.h"

#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace gs {

void advise_huge_pages(void* p, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t(2) << 20;
  if (p == nullptr || bytes < 2 * kHuge) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint: errors ignored
#else
  (void)p;
  (void)bytes;
#endif
}

namespace {

constexpr size_t kMinCached = size_t(1) << 20;
constexpr size_t kMaxCachedBytes = size_t(64) << 20;
constexpr size_t kMaxCachedBlocks = 4;

struct FreeBlock {
  uint8_t* p;
  size_t cap;
};

// Leaked on purpose: blocks may be released by threads still running at exit.
struct Cache {
  std::mutex mu;
  std::vector<FreeBlock> blocks;
  size_t total = 0;
};
Cache& cache() {
  static auto* c = new Cache;
  return *c;
}

}  // namespace

MemoryBlock::MemoryBlock(size_t bytes) {
  if (bytes >= kMinCached) {
    Cache& c = cache();
    std::lock_guard<std::mutex> lock(c.mu);
    for (size_t i = 0; i < c.blocks.size(); ++i) {
      if (c.blocks[i].cap >= bytes && c.blocks[i].cap / 2 <= bytes) {
        p_ = c.blocks[i].p;
        cap_ = c.blocks[i].cap;
        c.total -= cap_;
        c.blocks.erase(c.blocks.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
  }
  p_ = new uint8_t[bytes];
  cap_ = bytes;
}

MemoryBlock& MemoryBlock::operator=(MemoryBlock&& o) noexcept {
  if (this != &o) {
    release();
    p_ = o.p_;
    cap_ = o.cap_;
    o.p_ = nullptr;
  }
  return *this;
}

void MemoryBlock::release() {
  if (p_ == nullptr) return;
  if (cap_ >= kMinCached) {
    Cache& c = cache();
    std::lock_guard<std::mutex> lock(c.mu);
    if (c.blocks.size() < kMaxCachedBlocks && c.total + cap_ <= kMaxCachedBytes) {
      try {
        c.blocks.push_back({p_, cap_});
        c.total += cap_;
        p_ = nullptr;
        return;
      } catch (const std::bad_alloc&) {
      }
    }
  }
  delete[] p_;
  p_ = nullptr;
}

}  // namespace gs
