// Memory hints for large buffers (Node-free).
#pragma once

#include <cstddef>

namespace gs {

// Asks the OS to back the whole 2 MiB pages inside [p, p + bytes) with huge
// pages when they are first touched (Linux MADV_HUGEPAGE; no-op elsewhere and
// below 4 MiB). Only a hint: contents, ownership and results are unchanged.
// A large fresh output is otherwise faulted in 4 KiB at a time by the kernel
// that writes it, which on some virtual machines costs more than the work.
void advise_huge_pages(void* p, size_t bytes);

}  // namespace gs
