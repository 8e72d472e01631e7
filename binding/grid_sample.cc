// N-API glue of gridSample: unpack the request, re-check, run sync or async.
#include "../native/grid_sample/grid_sample.h"
#include "common.h"

namespace gsb {

namespace {

constexpr Named<gs::Interp> kModes[] = {
    {"bilinear", gs::Interp::Bilinear}, {"nearest", gs::Interp::Nearest}, {"bicubic", gs::Interp::Bicubic}};
constexpr Named<gs::Padding> kPaddings[] = {
    {"zeros", gs::Padding::Zeros}, {"border", gs::Padding::Border}, {"reflection", gs::Padding::Reflection}};

// gridSample({input, grid, out, mode, padding, alignCorners})
Napi::Value GridSample(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "gridSample");
  gs::TensorView input, grid, out;
  gs::GridSampleOptions opt;
  if (!req.ok() || !req.tensor("input", &input) || !req.tensor("grid", &grid) || !req.output(&out) ||
      !req.name("mode", kModes, &opt.mode) || !req.name("padding", kPaddings, &opt.padding) ||
      !req.boolean("alignCorners", &opt.align_corners))
    return info.Env().Undefined();
  return run(info.Env(), async, {input, grid}, out,
             [opt](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::grid_sample(in[0], in[1], o, opt);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) { export_op<GridSample>(env, exports, "gridSample"); });

}  // namespace

}  // namespace gsb
