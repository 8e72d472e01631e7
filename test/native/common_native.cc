// Node-free test driver of native/common (run by tools/native-tests.sh under
// valgrind or LeakSanitizer): the memory helpers and the view arithmetic
// every entry point relies on.
#include <atomic>
#include <vector>

#include "../../native/common/memory.h"
#include "../../native/common/parallel.h"
#include "../../native/interpolate/interpolate.h"
#include "native_test.h"

namespace {

using native_test::view;

// advise_huge_pages and parallel_copy: hints and copies never change data,
// at any size or alignment (null and empty included).
void memory_helpers_keep_contents() {
  gs::advise_huge_pages(nullptr, 0);
  gs::advise_huge_pages(nullptr, size_t(64) << 20);
  for (size_t bytes : {size_t(0), size_t(1), size_t(3) << 20, (size_t(9) << 20) + 12345}) {
    for (size_t shift : {size_t(0), size_t(1), size_t(4096 + 7)}) {
      std::vector<unsigned char> a(bytes + shift + 1), b(bytes + shift + 1, 0);
      for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<unsigned char>(i * 31 + 7);
      gs::advise_huge_pages(a.data() + shift, bytes);
      gs::advise_huge_pages(b.data() + shift, bytes);
      for (int threads : {1, 2}) {
        gs::set_num_threads(threads);
        gs::parallel_copy(b.data() + shift, a.data() + shift, bytes);
        bool same = true;
        for (size_t i = 0; i < bytes; ++i) same = same && b[shift + i] == a[shift + i];
        CHECK(same);
        CHECK(b[shift + bytes] == 0);  // nothing written past the end
      }
    }
  }
}

// MemoryBlock: large blocks are reused (a block serves requests from half its
// size up to its size), small ones are not cached, and every block is usable
// over its whole size; moves leave the source empty.
void memory_blocks_are_reused_and_usable() {
  uint8_t* first = nullptr;
  {
    gs::MemoryBlock a(size_t(4) << 20);
    first = a.get();
    for (size_t i = 0; i < (size_t(4) << 20); i += 4096) a.get()[i] = 1;
  }
  {
    gs::MemoryBlock b(size_t(3) << 20);  // 3 MiB fits the cached 4 MiB block
    CHECK(b.get() == first);
    gs::MemoryBlock c(std::move(b));
    CHECK(b.get() == nullptr && c.get() == first);
    c.get()[(size_t(3) << 20) - 1] = 2;
  }
  {
    gs::MemoryBlock d(size_t(1) << 20);  // below half of 4 MiB: a fresh block
    CHECK(d.get() != nullptr && d.get() != first);
    gs::MemoryBlock e(10);
    e.get()[9] = 3;
    d = std::move(e);
    CHECK(e.get() == nullptr && d.get()[9] == 3);
  }
}

// last_offset / view_bytes: the last addressed element, overflow-safe.
void last_offsets() {
  float x[12] = {};
  int64_t last = 0;
  bool negative = false;
  CHECK(gs::last_offset(view(x, gs::DType::Float32, {3, 4}, 12), INT64_MAX, &last) && last == 11);
  CHECK(gs::view_bytes(view(x, gs::DType::Float32, {3, 4}, 12)) == 48);
  CHECK(gs::last_offset(view(x, gs::DType::Float32, {3, 0}, 12), INT64_MAX, &last) && last == -1);
  CHECK(gs::view_bytes(view(x, gs::DType::Float32, {3, 0}, 12)) == 0);
  CHECK(gs::last_offset(view(x, gs::DType::Float32, {1, 4}, 12, {-5, 1}), INT64_MAX, &last) && last == 3);  // size 1: stride ignored
  CHECK(!gs::last_offset(view(x, gs::DType::Float32, {2, 4}, 12, {-5, 1}), INT64_MAX, &last, &negative) && negative);
  CHECK(!gs::last_offset(view(x, gs::DType::Float32, {3, 4}, 12), 10, &last, &negative) && !negative);
  CHECK(gs::last_offset(view(x, gs::DType::Float32, {3, 4}, 12), 11, &last) && last == 11);
  CHECK(!gs::last_offset(view(x, gs::DType::Float32, {int64_t(1) << 40, int64_t(1) << 40}, 12, {int64_t(1) << 40, 1}),
                         INT64_MAX / 4, &last, &negative) && !negative);
}

// CancelScope: parallel_for skips the chunks left once the flag is set, on
// the pool and inline (the pool busy, or one thread), nested calls included;
// a clear flag changes nothing; a kernel under a set flag returns early.
void cancel_stops_between_chunks() {
  for (int threads : {1, 2, 3}) {
    gs::set_num_threads(threads);
    std::atomic<int32_t> flag{0};
    std::atomic<int64_t> items{0};
    {
      gs::CancelScope scope(&flag);
      gs::parallel_for(0, 1000, 10, [&](int64_t b, int64_t e) { items += e - b; });
      CHECK(items == 1000);  // not set: every item runs
      CHECK(!gs::cancel_requested());
      flag = 1;
      CHECK(gs::cancel_requested());
      items = 0;
      gs::parallel_for(0, 1000, 10, [&](int64_t b, int64_t e) { items += e - b; });
      CHECK(items == 0);  // set before: no chunk runs
      flag = 0;
      items = 0;
      gs::parallel_for(0, 1000, 10, [&](int64_t b, int64_t e) {
        items += e - b;
        flag = 1;  // set by the first chunk: at most the chunks already claimed run
        gs::parallel_for(0, 100, 1, [&](int64_t, int64_t) { CHECK(false); });  // nested: skipped
      });
      CHECK(items > 0 && items < 1000);
    }
    CHECK(!gs::cancel_requested());  // the scope ended
    items = 0;
    gs::parallel_for(0, 1000, 10, [&](int64_t b, int64_t e) { items += e - b; });
    CHECK(items == 1000);
  }
  // A kernel under a set flag returns without finishing (its output unspecified).
  std::vector<float> in(1 * 2 * 64 * 64, 1.0f), out(1 * 2 * 128 * 128, -5.0f);
  std::atomic<int32_t> flag{1};
  {
    gs::CancelScope scope(&flag);
    const double scales[2] = {0, 0};
    CHECK(gs::interpolate(view(in.data(), gs::DType::Float32, {1, 2, 64, 64}, int64_t(in.size())),
                          view(out.data(), gs::DType::Float32, {1, 2, 128, 128}, int64_t(out.size())),
                          gs::ResizeMode::Linear, false, scales, 2).is_ok());
  }
  CHECK(out[0] == -5.0f);
  gs::set_num_threads(gs::hardware_threads());
}

}  // namespace

int main() {
  memory_helpers_keep_contents();
  memory_blocks_are_reused_and_usable();
  last_offsets();
  cancel_stops_between_chunks();
  return native_test::finish("common_native");
}
