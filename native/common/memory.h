// Memory for large buffers (Node-free): a reusable block cache and a hint.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gs {

// Asks the OS to back the whole 2 MiB pages inside [p, p + bytes) with huge
// pages when they are first touched (Linux MADV_HUGEPAGE; no-op elsewhere and
// below 4 MiB). Only a hint: contents, ownership and results are unchanged.
// A large fresh output is otherwise faulted in 4 KiB at a time by the kernel
// that writes it, which on some virtual machines costs more than the work.
void advise_huge_pages(void* p, size_t bytes);

// An uninitialised byte block that large requests take from, and give back
// to, a small process-wide cache. A fresh large block comes straight from
// mmap and every page of it faults on first touch (measured: 16 MiB cost
// 2-50 ms here, most of it faults); the binding's async calls, which copy
// their inputs on the JS thread, reuse blocks instead. The cache keeps at
// most 4 blocks of 1 MiB or more and 64 MiB in all; a block is reused for
// requests of half its size up to its size. Thread-safe. Throws
// std::bad_alloc when memory runs out.
class MemoryBlock {
 public:
  MemoryBlock() = default;
  explicit MemoryBlock(size_t bytes);
  ~MemoryBlock() { release(); }
  MemoryBlock(MemoryBlock&& o) noexcept : p_(o.p_), cap_(o.cap_) { o.p_ = nullptr; }
  MemoryBlock& operator=(MemoryBlock&& o) noexcept;
  MemoryBlock(const MemoryBlock&) = delete;
  MemoryBlock& operator=(const MemoryBlock&) = delete;
  uint8_t* get() const { return p_; }

 private:
  void release();
  uint8_t* p_ = nullptr;
  size_t cap_ = 0;
};

}  // namespace gs
