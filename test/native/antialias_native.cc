// Node-free test driver of interpolateAntialias (run by tools/native-tests.sh under
// valgrind or LeakSanitizer; the pattern: grid_sample_native.cc): both filters on every SIMD target
// and its error returns.
#include <cmath>
#include <vector>

#include "../../native/antialias/antialias.h"

#include "native_test.h"

namespace {

using native_test::every_target;
using native_test::starts;
using native_test::view;

void every_filter_every_target() {
  std::vector<float> in(2 * 3 * 9 * 8), out(2 * 3 * 5 * 11);
  for (size_t i = 0; i < in.size(); ++i) in[i] = std::sin(0.37f * i);
  every_target([&] {
    const auto I = view(in.data(), gs::DType::Float32, {2, 3, 9, 8}, in.size());
    const auto O = view(out.data(), gs::DType::Float32, {2, 3, 5, 11}, out.size());
    for (int f = 0; f < 2; ++f) {
      gs::AntialiasOptions o;
      o.filter = static_cast<gs::AntialiasFilter>(f);
      CHECK(gs::interpolate_antialias(I, O, o).is_ok());
    }
  });
}

// An output whose strides address an element twice is refused (see
// interpolate_native.cc).
void self_overlapping_outputs_are_refused() {
  std::vector<double> in(1 * 1 * 4 * 3), out(64);
  const auto I = view(in.data(), gs::DType::Float64, {1, 1, 4, 3}, in.size());
  const auto O = view(out.data(), gs::DType::Float64, {1, 1, 6, 3}, out.size(), {18, 18, 1, 1});
  const gs::Status st = gs::interpolate_antialias(I, O, gs::AntialiasOptions{});
  CHECK(!st.is_ok() && starts(st, "interpolateAntialias"));
}

}  // namespace

int main() {
  every_filter_every_target();
  self_overlapping_outputs_are_refused();
  return native_test::finish("antialias_native");
}
