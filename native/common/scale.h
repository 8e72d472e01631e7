// The one rule every resize kernel applies to a caller's scale factor before
// any index or table is computed from it (PyTorch's `scales` argument of its
// upsample kernels: the user's scale_factor, or 0 to derive it from sizes).
#pragma once

#include <cmath>
#include <cstdint>

namespace gs {

// A factor s > 0 makes the kernel step 1/s input pixels per output pixel.
// Through the public API out = floor(in * s), so out / s <= in; anything
// much beyond that (a tiny or denormal s whose reciprocal overflows, or one
// that maps the outputs far past the input) is a caller bypassing the checks:
// rejected, so no index is NaN or negative and no tap table grows with it.
inline bool user_scale_ok(int64_t in, int64_t out, double s) {
  if (!std::isfinite(s) || s < 0) return false;
  if (s == 0) return true;  // derived from the sizes
  const double step = 1.0 / s;
  return std::isfinite(step) && step * static_cast<double>(out) <= 2.0 * (static_cast<double>(in) + 1.0);
}

}  // namespace gs
