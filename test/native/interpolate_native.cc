// Node-free test driver of interpolate (run by tools/native-tests.sh under
// valgrind or LeakSanitizer; the pattern: grid_sample_native.cc): every mode on every SIMD target (the
// allocation paths, for the leak checkers) and its error returns.
#include <cmath>
#include <vector>

#include "../../native/interpolate/interpolate.h"

#include "native_test.h"

namespace {

using native_test::every_target;
using native_test::starts;
using native_test::view;

void every_mode_every_target() {
  std::vector<float> in(2 * 3 * 9 * 8), out(2 * 3 * 5 * 11);
  for (size_t i = 0; i < in.size(); ++i) in[i] = std::sin(0.37f * i);
  const double scales[2] = {0, 0};
  every_target([&] {
    const auto I = view(in.data(), gs::DType::Float32, {2, 3, 9, 8}, in.size());
    const auto O = view(out.data(), gs::DType::Float32, {2, 3, 5, 11}, out.size());
    for (int m = 0; m < 4; ++m) CHECK(gs::interpolate(I, O, static_cast<gs::ResizeMode>(m), m > 1, scales, 2).is_ok());
  });
}

// Found by test/fuzz/interpolate.cc: an output whose rows overlap (strides
// addressing an element twice) reached a row copy with overlapping ranges.
// The binding refused it; the native entry point now refuses it too.
void self_overlapping_outputs_are_refused() {
  std::vector<double> in(1 * 1 * 4 * 3), out(64);
  const auto I = view(in.data(), gs::DType::Float64, {1, 1, 4, 3}, in.size());
  const auto O = view(out.data(), gs::DType::Float64, {1, 1, 6, 3}, out.size(), {18, 18, 1, 1});
  const double scales[2] = {0, 0};
  gs::Status st = gs::interpolate(I, O, gs::ResizeMode::Nearest, false, scales, 2);
  CHECK(!st.is_ok() && starts(st, "interpolate"));
  // zero strides too
  const auto Z = view(out.data(), gs::DType::Float64, {1, 1, 6, 3}, out.size(), {0, 0, 0, 1});
  CHECK(!gs::interpolate(I, Z, gs::ResizeMode::Linear, false, scales, 2).is_ok());
}

}  // namespace

int main() {
  every_mode_every_target();
  self_overlapping_outputs_are_refused();
  return native_test::finish("interpolate_native");
}
