// Node-free test driver of the ops added after gridSample (see
// grid_sample_native.cc for the pattern; run by tools/native-tests.sh under
// valgrind or LeakSanitizer): one valid call of every native entry point on
// every SIMD target (allocation paths for the leak checkers), their error
// returns, and the regressions the fuzzers found.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "../../native/adaptive_pool/adaptive_pool.h"
#include "../../native/affine_grid/affine_grid.h"
#include "../../native/antialias/antialias.h"
#include "../../native/common/cpu.h"
#include "../../native/common/memory.h"
#include "../../native/common/parallel.h"
#include "../../native/interpolate/interpolate.h"
#include "../../native/ndimage/ndimage.h"

#include "native_test.h"

namespace {

using native_test::failures;
using native_test::view;

bool starts(const gs::Status& st, const char* fn) { return st.message.rfind(std::string(fn) + ": ", 0) == 0; }

void every_entry_point_every_target() {
  std::vector<float> in(2 * 3 * 9 * 8), out(2 * 3 * 5 * 11), theta(2 * 6), grid(2 * 5 * 11 * 2);
  std::vector<double> plane(9 * 8), coords(2 * 4 * 5), res(9 * 8);
  for (size_t i = 0; i < in.size(); ++i) in[i] = std::sin(0.37f * i);
  for (size_t i = 0; i < theta.size(); ++i) theta[i] = std::cos(1.1f * i);
  for (size_t i = 0; i < plane.size(); ++i) plane[i] = std::sin(0.5 * i);
  for (size_t i = 0; i < coords.size(); ++i) coords[i] = -1.0 + 0.37 * i;
  coords[3] = NAN;
  const auto F = gs::DType::Float32, D = gs::DType::Float64;
  const double scales[2] = {0, 0};
  for (int isa = 0; isa < 3; ++isa) {
    gs::set_isa(static_cast<gs::Isa>(isa));
    for (int threads : {1, 2}) {
      gs::set_num_threads(threads);
      const auto I = view(in.data(), F, {2, 3, 9, 8}, in.size());
      const auto O = view(out.data(), F, {2, 3, 5, 11}, out.size());
      for (int m = 0; m < 4; ++m) CHECK(gs::interpolate(I, O, static_cast<gs::ResizeMode>(m), m > 1, scales, 2).is_ok());
      for (int f = 0; f < 2; ++f) {
        gs::AntialiasOptions o;
        o.filter = static_cast<gs::AntialiasFilter>(f);
        CHECK(gs::interpolate_antialias(I, O, o).is_ok());
      }
      CHECK(gs::adaptive_avg_pool(I, O).is_ok());
      CHECK(gs::affine_grid(view(theta.data(), F, {2, 2, 3}, theta.size()), view(grid.data(), F, {2, 5, 11, 2}, grid.size()), true).is_ok());
      const auto P = view(plane.data(), D, {9, 8}, plane.size());
      for (int order = 0; order <= 5; ++order)
        for (int mode = 0; mode < 8; ++mode) {
          gs::SplineOptions o;
          o.order = order;
          o.mode = static_cast<gs::NdMode>(mode);
          CHECK(gs::nd_zoom(P, view(res.data(), D, {5, 7}, res.size()), o, mode % 2 == 0).is_ok());
          CHECK(gs::nd_map_coordinates(P, view(coords.data(), D, {2, 4, 5}, coords.size()), view(res.data(), D, {4, 5}, res.size()), o).is_ok());
          if (order >= 2) CHECK(gs::nd_spline_filter(P, view(res.data(), D, {9, 8}, res.size()), order, o.mode).is_ok());
        }
    }
  }
  gs::set_isa(gs::best_isa());
}

// Found by test/fuzz/interpolate.cc: an output whose rows overlap (strides
// addressing an element twice) reached a row copy with overlapping ranges.
// The binding refused it; the native entry points now refuse it too.
void self_overlapping_outputs_are_refused() {
  std::vector<double> in(1 * 1 * 4 * 3), out(64);
  const auto I = view(in.data(), gs::DType::Float64, {1, 1, 4, 3}, in.size());
  const auto O = view(out.data(), gs::DType::Float64, {1, 1, 6, 3}, out.size(), {18, 18, 1, 1});
  const double scales[2] = {0, 0};
  gs::Status st = gs::interpolate(I, O, gs::ResizeMode::Nearest, false, scales, 2);
  CHECK(!st.is_ok() && starts(st, "interpolate"));
  st = gs::interpolate_antialias(I, O, gs::AntialiasOptions{});
  CHECK(!st.is_ok() && starts(st, "interpolateAntialias"));
  st = gs::adaptive_avg_pool(I, O);
  CHECK(!st.is_ok() && starts(st, "adaptiveAvgPool"));
  // zero strides too
  const auto Z = view(out.data(), gs::DType::Float64, {1, 1, 6, 3}, out.size(), {0, 0, 0, 1});
  CHECK(!gs::interpolate(I, Z, gs::ResizeMode::Linear, false, scales, 2).is_ok());
}

// Found by test/fuzz/adaptive_pool.cc: a broadcast input claiming a 2^28-wide
// row sized each thread's row accumulator (2 GB of float64) by the claim.
void claimed_rows_do_not_size_scratch() {
  double one = 1, out[2] = {0, 0};
  const auto wide = view(&one, gs::DType::Float64, {1, 1, 1, int64_t(1) << 28}, 1, {0, 0, 0, 0});
  gs::Status st = gs::adaptive_avg_pool(wide, view(out, gs::DType::Float64, {1, 1, 1, 2}, 2));
  CHECK(!st.is_ok() && starts(st, "adaptiveAvgPool"));
  // a broadcast row within the floor (2^22) is still computed: the mean of ones
  const auto ok = view(&one, gs::DType::Float64, {1, 1, 1, int64_t(1) << 20}, 1, {0, 0, 0, 0});
  CHECK(gs::adaptive_avg_pool(ok, view(out, gs::DType::Float64, {1, 1, 1, 2}, 2)).is_ok());
  CHECK(out[0] == 1.0 && out[1] == 1.0);
}

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
  cancel_stops_between_chunks();
  memory_helpers_keep_contents();
  every_entry_point_every_target();
  self_overlapping_outputs_are_refused();
  claimed_rows_do_not_size_scratch();
  if (failures) {
    std::fprintf(stderr, "%d failure(s)\n", failures);
    return 1;
  }
  std::printf("ops_native: ok\n");
  return 0;
}
