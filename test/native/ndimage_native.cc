// Node-free test driver of zoom, mapCoordinates and splineFilter (run by tools/native-tests.sh under
// valgrind or LeakSanitizer; the pattern: grid_sample_native.cc): every order and mode
// on every SIMD target and the view checks.
#include <cmath>
#include <vector>

#include "../../native/ndimage/ndimage.h"

#include "native_test.h"

namespace {

using native_test::every_target;
using native_test::starts;
using native_test::view;

void every_order_and_mode_every_target() {
  std::vector<double> plane(9 * 8), coords(2 * 4 * 5), res(9 * 8);
  for (size_t i = 0; i < plane.size(); ++i) plane[i] = std::sin(0.5 * i);
  for (size_t i = 0; i < coords.size(); ++i) coords[i] = -1.0 + 0.37 * i;
  coords[3] = NAN;
  const auto D = gs::DType::Float64;
  every_target([&] {
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
  });
}

// The output may not overlap the input or the coordinates.
void overlapping_outputs_are_refused() {
  std::vector<double> buf(9 * 8 + 2 * 4 * 5);
  const auto D = gs::DType::Float64;
  const auto P = view(buf.data(), D, {9, 8}, buf.size());
  gs::SplineOptions o;
  gs::Status st = gs::nd_zoom(P, view(buf.data() + 60, D, {2, 3}, 6), o, false);
  CHECK(!st.is_ok() && starts(st, "zoom"));
  const auto C = view(buf.data() + 72, D, {2, 4, 5}, 40);
  st = gs::nd_map_coordinates(view(buf.data(), D, {9, 8}, 72), C, view(buf.data() + 100, D, {4, 5}, 12), o);
  CHECK(!st.is_ok() && starts(st, "mapCoordinates"));
}

}  // namespace

int main() {
  every_order_and_mode_every_target();
  overlapping_outputs_are_refused();
  return native_test::finish("ndimage_native");
}
