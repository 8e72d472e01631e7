// Node-free test driver of adaptiveAvgPool (run by tools/native-tests.sh under
// valgrind or LeakSanitizer; the pattern: grid_sample_native.cc): a valid call on every SIMD target and
// its error returns, with the regressions the fuzzers found.
#include <cmath>
#include <vector>

#include "../../native/adaptive_pool/adaptive_pool.h"

#include "native_test.h"

namespace {

using native_test::every_target;
using native_test::starts;
using native_test::view;

void every_target_runs() {
  std::vector<float> in(2 * 3 * 9 * 8), out(2 * 3 * 5 * 11);
  for (size_t i = 0; i < in.size(); ++i) in[i] = std::sin(0.37f * i);
  every_target([&] {
    CHECK(gs::adaptive_avg_pool(view(in.data(), gs::DType::Float32, {2, 3, 9, 8}, in.size()),
                                view(out.data(), gs::DType::Float32, {2, 3, 5, 11}, out.size()))
              .is_ok());
  });
}

// An output whose strides address an element twice is refused (see
// interpolate_native.cc).
void self_overlapping_outputs_are_refused() {
  std::vector<double> in(1 * 1 * 4 * 3), out(64);
  const auto I = view(in.data(), gs::DType::Float64, {1, 1, 4, 3}, in.size());
  const auto O = view(out.data(), gs::DType::Float64, {1, 1, 6, 3}, out.size(), {18, 18, 1, 1});
  const gs::Status st = gs::adaptive_avg_pool(I, O);
  CHECK(!st.is_ok() && starts(st, "adaptiveAvgPool"));
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

}  // namespace

int main() {
  every_target_runs();
  self_overlapping_outputs_are_refused();
  claimed_rows_do_not_size_scratch();
  return native_test::finish("adaptive_pool_native");
}
