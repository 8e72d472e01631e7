// N-API glue of interpolate: unpack the request, re-check, run sync or async.
#include "../native/interpolate/interpolate.h"
#include "common.h"

namespace gsb {

namespace {

// PyTorch's mode names; linear, bilinear and trilinear are one kernel.
constexpr Named<gs::ResizeMode> kModes[] = {
    {"nearest", gs::ResizeMode::Nearest},  {"nearest-exact", gs::ResizeMode::NearestExact},
    {"linear", gs::ResizeMode::Linear},    {"bilinear", gs::ResizeMode::Linear},
    {"trilinear", gs::ResizeMode::Linear}, {"bicubic", gs::ResizeMode::Cubic}};

// interpolate({input, out, mode, alignCorners, scales}): PyTorch 1.13's
// source index; interpolateOpmath: PyTorch >= 2's (torchvision's resize).
template <gs::SourceIndex INDEX>
Napi::Value Interpolate(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "interpolate");
  gs::TensorView input, out;
  gs::ResizeMode mode = gs::ResizeMode::Nearest;
  bool align_corners = false;
  double scales[3] = {0, 0, 0};
  int n = 0;
  if (!req.ok() || !req.tensor("input", &input) || !req.output(&out) || !req.name("mode", kModes, &mode) ||
      !req.boolean("alignCorners", &align_corners) || !req.numbers("scales", 0, 3, scales, &n))
    return info.Env().Undefined();
  return run(info.Env(), async, {input}, out,
             [mode, align_corners, scales, n](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::interpolate(in[0], o, mode, align_corners, scales, n, INDEX);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  export_op<Interpolate<gs::SourceIndex::Double>>(env, exports, "interpolate");
  export_op<Interpolate<gs::SourceIndex::Opmath>>(env, exports, "interpolateOpmath");
});

}  // namespace

}  // namespace gsb
