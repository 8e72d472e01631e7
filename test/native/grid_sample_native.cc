// Node-free test driver of the native core, built by CMake's GS_NATIVE_TESTS
// option and run by tools/native-tests.sh under valgrind --leak-check=full
// (or LeakSanitizer). It exercises every allocation path without Node: the
// thread pool (resized up and down), every SIMD target, every mode/padding,
// error returns, and the regressions the fuzzers found.
//
// Adding an op: add a test/native/<op>_native.cc like this one (CMake builds
// every test/native/*.cc; the script runs every native_* executable).
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "../../native/common/cpu.h"
#include "../../native/common/parallel.h"
#include "../../native/grid_sample/grid_sample.h"

#include "native_test.h"

namespace {

using native_test::failures;
using native_test::view;

void every_mode_every_target() {
  std::vector<float> in(2 * 3 * 7 * 5), grid(2 * 4 * 6 * 2), out(2 * 3 * 4 * 6);
  for (size_t i = 0; i < in.size(); ++i) in[i] = std::sin(0.37f * i);
  for (size_t i = 0; i < grid.size(); ++i) grid[i] = -1.2f + 2.4f * ((i * 7919) % 101) / 100.0f;
  grid[3] = NAN;
  grid[8] = INFINITY;
  grid[9] = -1e30f;
  for (int isa = 0; isa < 3; ++isa) {
    gs::set_isa(static_cast<gs::Isa>(isa));
    for (int mode = 0; mode < 3; ++mode)
      for (int pad = 0; pad < 3; ++pad)
        for (int ac = 0; ac < 2; ++ac) {
          gs::GridSampleOptions o;
          o.mode = static_cast<gs::Interp>(mode);
          o.padding = static_cast<gs::Padding>(pad);
          o.align_corners = ac;
          auto st = gs::grid_sample(view(in.data(), gs::DType::Float32, {2, 3, 7, 5}, in.size()),
                                    view(grid.data(), gs::DType::Float32, {2, 4, 6, 2}, grid.size()),
                                    view(out.data(), gs::DType::Float32, {2, 3, 4, 6}, out.size()), o);
          CHECK(st.is_ok());
          for (float v : out) CHECK(std::isfinite(v));
        }
  }
  gs::set_isa(gs::best_isa());
}

void errors_allocate_nothing() {
  std::vector<float> in(16), grid(2), out(1);
  gs::GridSampleOptions o;
  // view past its buffer
  CHECK(gs::grid_sample(view(in.data(), gs::DType::Float32, {1, 1, 4, 4}, 10), view(grid.data(), gs::DType::Float32, {1, 1, 1, 2}, 2),
                        view(out.data(), gs::DType::Float32, {1, 1, 1, 1}, 1), o).code == gs::Status::OutOfRange);
  // negative shape, huge strides
  CHECK(!gs::grid_sample(view(in.data(), gs::DType::Float32, {1, 1, -4, 4}, 16), view(grid.data(), gs::DType::Float32, {1, 1, 1, 2}, 2),
                         view(out.data(), gs::DType::Float32, {1, 1, 1, 1}, 1), o).is_ok());
  CHECK(!gs::grid_sample(view(in.data(), gs::DType::Float32, {1, 1, 4, 4}, 16, {INT64_MAX, 1, INT64_MAX, 1}),
                         view(grid.data(), gs::DType::Float32, {1, 1, 1, 2}, 2), view(out.data(), gs::DType::Float32, {1, 1, 1, 1}, 1), o).is_ok());
  // bad enums
  o.mode = static_cast<gs::Interp>(9);
  CHECK(!gs::grid_sample(view(in.data(), gs::DType::Float32, {1, 1, 4, 4}, 16), view(grid.data(), gs::DType::Float32, {1, 1, 1, 2}, 2),
                         view(out.data(), gs::DType::Float32, {1, 1, 1, 1}, 1), o).is_ok());
  // output inside the input
  o.mode = gs::Interp::Bilinear;
  CHECK(!gs::grid_sample(view(in.data(), gs::DType::Float32, {1, 1, 4, 4}, 16), view(grid.data(), gs::DType::Float32, {1, 1, 1, 2}, 2),
                         view(in.data() + 15, gs::DType::Float32, {1, 1, 1, 1}, 1), o).is_ok());
}

// Fuzzer regressions: shapes whose element count overflows int64.
void overflowing_shapes() {
  gs::TensorView v = view(nullptr, gs::DType::Float32, {int64_t(1) << 40, int64_t(1) << 40, 0, 1}, 0);
  CHECK(v.numel() == 0);
  float one = 1;
  gs::TensorView b = view(&one, gs::DType::Float32, {int64_t(1) << 40, int64_t(1) << 40, 1, 1}, 1, {0, 0, 0, 0});
  CHECK(b.numel() == INT64_MAX);
  std::string why;
  CHECK(!gs::view_fits(b, &why));  // claims more than gs::kMaxElements
  gs::TensorView ok = view(&one, gs::DType::Float32, {int64_t(1) << 13, int64_t(1) << 13, 1, 1}, 1, {0, 0, 0, 0});
  CHECK(gs::view_fits(ok, &why));
  gs::TensorView neg = view(&one, gs::DType::Float32, {6, INT64_MIN, 1, 1}, 1, {0, 0, 0, 0});
  CHECK(neg.numel() == 0);
  CHECK(!gs::view_fits(neg, &why));
  std::vector<float> grid(2), out(1);
  gs::GridSampleOptions o;
  CHECK(!gs::grid_sample(view(&one, gs::DType::Float32, {6, 1, 1, 1}, 1, {0, 0, 0, 0}),
                         view(grid.data(), gs::DType::Float32, {6, 1, 1, 2}, 2, {0, 0, 0, 1}),
                         view(out.data(), gs::DType::Float32, {6, INT64_MIN, 1, 1}, 1), o).is_ok());
  // a broadcast input claiming 2^40 x 2^40 planes is refused (more than
  // gs::kMaxElements); one claiming 2^13 x 2^13 is computed, reading element 0 only
  CHECK(!gs::grid_sample(view(&one, gs::DType::Float32, {1, 1, int64_t(1) << 40, int64_t(1) << 40}, 1, {0, 0, 0, 0}),
                         view(grid.data(), gs::DType::Float32, {1, 1, 1, 2}, 2), view(out.data(), gs::DType::Float32, {1, 1, 1, 1}, 1), o).is_ok());
  CHECK(gs::grid_sample(view(&one, gs::DType::Float32, {1, 1, int64_t(1) << 13, int64_t(1) << 13}, 1, {0, 0, 0, 0}),
                        view(grid.data(), gs::DType::Float32, {1, 1, 1, 2}, 2), view(out.data(), gs::DType::Float32, {1, 1, 1, 1}, 1), o).is_ok());
  CHECK(out[0] == 1.0f);
  // Fuzzer regression: a claimed spatial size of INT64_MAX clamps a coordinate
  // to 2^63, which does not convert back to int64; such sizes are refused.
  for (int pad = 0; pad < 3; ++pad) {
    o.padding = static_cast<gs::Padding>(pad);
    std::vector<float> g3 = {1e30f, 0.5f, -0.5f};
    CHECK(!gs::grid_sample(view(&one, gs::DType::Float32, {1, 1, 2, INT64_MAX, 3}, 1, {0, 0, 0, 0, 0}),
                           view(g3.data(), gs::DType::Float32, {1, 1, 1, 1, 3}, 3), view(out.data(), gs::DType::Float32, {1, 1, 1, 1, 1}, 1), o).is_ok());
  }
  // the largest broadcast claim accepted (2^26 elements, one wide axis) still works
  // with far coordinates; (2^53 - 1)^2 is refused
  std::vector<float> g2 = {1e30f, -1e30f};
  o.padding = gs::Padding::Border;
  CHECK(gs::grid_sample(view(&one, gs::DType::Float32, {1, 1, 1, int64_t(1) << 26}, 1, {0, 0, 0, 0}),
                        view(g2.data(), gs::DType::Float32, {1, 1, 1, 2}, 2), view(out.data(), gs::DType::Float32, {1, 1, 1, 1}, 1), o).is_ok());
  CHECK(!gs::grid_sample(view(&one, gs::DType::Float32, {1, 1, (int64_t(1) << 53) - 1, (int64_t(1) << 53) - 1}, 1, {0, 0, 0, 0}),
                         view(g2.data(), gs::DType::Float32, {1, 1, 1, 2}, 2), view(out.data(), gs::DType::Float32, {1, 1, 1, 1}, 1), o).is_ok());
}

void pool_resizes() {
  std::vector<double> in(1 * 4 * 33 * 31), grid(1 * 17 * 19 * 2), out(1 * 4 * 17 * 19);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<double>(i % 13);
  for (size_t i = 0; i < grid.size(); ++i) grid[i] = std::cos(1.3 * i);
  std::vector<double> first;
  for (int n : {1, 4, 2, 8, 1, 3, 2}) {
    gs::set_num_threads(n);
    gs::GridSampleOptions o;
    o.mode = gs::Interp::Bicubic;
    CHECK(gs::grid_sample(view(in.data(), gs::DType::Float64, {1, 4, 33, 31}, in.size()),
                          view(grid.data(), gs::DType::Float64, {1, 17, 19, 2}, grid.size()),
                          view(out.data(), gs::DType::Float64, {1, 4, 17, 19}, out.size()), o).is_ok());
    if (first.empty()) first = out;
    CHECK(std::memcmp(first.data(), out.data(), out.size() * sizeof(double)) == 0);
  }
}

}  // namespace

int main() {
  for (int round = 0; round < 3; ++round) {
    every_mode_every_target();
    errors_allocate_nothing();
    overflowing_shapes();
    pool_resizes();
  }
  // The pool is process-wide and lives until exit; shrinking it to the caller
  // alone joins every worker, so valgrind sees no live thread (whose TLS it
  // would list as "possibly lost") and proves resizing frees what it made.
  gs::set_num_threads(1);
  std::printf("%s: %s\n", __FILE__, failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
