// N-API glue of interpolateAntialias: unpack the request, re-check, run sync or async.
#include "../native/antialias/antialias.h"
#include "common.h"

namespace gsb {

namespace {

constexpr Named<gs::AntialiasFilter> kModes[] = {
    {"bilinear", gs::AntialiasFilter::Bilinear}, {"bicubic", gs::AntialiasFilter::Bicubic},
    {"lanczos", gs::AntialiasFilter::Lanczos}};

// interpolateAntialias({input, out, mode, alignCorners, scales: [h, w]})
Napi::Value InterpolateAntialias(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "interpolateAntialias");
  gs::TensorView input, out;
  gs::AntialiasOptions opt;
  int count = 0;
  if (!req.ok() || !req.tensor("input", &input) || !req.output(&out) || !req.name("mode", kModes, &opt.filter) ||
      !req.boolean("alignCorners", &opt.align_corners) || !req.numbers("scales", 2, 2, opt.scales, &count))
    return info.Env().Undefined();
  return run(info.Env(), async, {input}, out,
             [opt](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::interpolate_antialias(in[0], o, opt);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  export_op<InterpolateAntialias>(env, exports, "interpolateAntialias");
});

}  // namespace

}  // namespace gsb
