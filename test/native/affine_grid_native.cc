// Node-free test driver of affineGrid (run by tools/native-tests.sh under
// valgrind or LeakSanitizer; the pattern: grid_sample_native.cc): a valid call on every SIMD target and its
// view checks.
#include <cmath>
#include <vector>

#include "../../native/affine_grid/affine_grid.h"

#include "native_test.h"

namespace {

using native_test::every_target;
using native_test::starts;
using native_test::view;

void every_target_runs() {
  std::vector<float> theta(2 * 6), grid(2 * 5 * 11 * 2);
  for (size_t i = 0; i < theta.size(); ++i) theta[i] = std::cos(1.1f * i);
  every_target([&] {
    CHECK(gs::affine_grid(view(theta.data(), gs::DType::Float32, {2, 2, 3}, theta.size()),
                          view(grid.data(), gs::DType::Float32, {2, 5, 11, 2}, grid.size()), true)
              .is_ok());
  });
}

// The output may not overlap theta (gs::check_views, as every entry point).
void overlapping_output_is_refused() {
  std::vector<float> buf(2 * 6 + 2 * 5 * 11 * 2);
  const gs::Status st = gs::affine_grid(view(buf.data(), gs::DType::Float32, {2, 2, 3}, buf.size()),
                                        view(buf.data() + 11, gs::DType::Float32, {2, 5, 11, 2}, buf.size() - 11), true);
  CHECK(!st.is_ok() && starts(st, "affineGrid"));
}

}  // namespace

int main() {
  every_target_runs();
  overlapping_output_is_refused();
  return native_test::finish("affine_grid_native");
}
