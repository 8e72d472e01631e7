// N-API glue of gridSample: unpack the request, re-check, run sync or async.
#include <cstdint>
#include <vector>

#include "../native/grid_sample/grid_sample.h"
#include "common.h"

namespace gsb {

namespace {

constexpr Named<gs::Interp> kModes[] = {
    {"bilinear", gs::Interp::Bilinear}, {"nearest", gs::Interp::Nearest}, {"bicubic", gs::Interp::Bicubic}};
constexpr Named<gs::Padding> kPaddings[] = {
    {"zeros", gs::Padding::Zeros}, {"border", gs::Padding::Border}, {"reflection", gs::Padding::Reflection}};

// gridSample({input, grid, out, mode, padding, alignCorners, fill?})
// fill (optional): one number per channel, torchvision's fill blend.
Napi::Value GridSample(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "gridSample");
  gs::TensorView input, grid, out;
  gs::GridSampleOptions opt;
  bool has_fill = false;
  if (!req.ok() || !req.tensor("input", &input) || !req.tensor("grid", &grid) || !req.output(&out) ||
      !req.name("mode", kModes, &opt.mode) || !req.name("padding", kPaddings, &opt.padding) ||
      !req.boolean("alignCorners", &opt.align_corners) || !req.present("fill", &has_fill))
    return info.Env().Undefined();
  std::vector<double> fill;
  if (has_fill) {
    const int64_t C = input.ndim >= 2 ? input.shape[1] : 0;
    if (C < 1 || C > int64_t(UINT32_MAX)) {
      fail(info.Env(), false, "gridSample: fill needs an input with channels");
      return info.Env().Undefined();
    }
    fill.resize(static_cast<size_t>(C));
    int count = 0;
    if (!req.numbers("fill", static_cast<uint32_t>(C), static_cast<uint32_t>(C), fill.data(), &count))
      return info.Env().Undefined();
  }
  return run(info.Env(), async, {input, grid}, out,
             [opt, fill](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::grid_sample(in[0], in[1], o, opt, fill.empty() ? nullptr : fill.data());
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) { export_op<GridSample>(env, exports, "gridSample"); });

}  // namespace

}  // namespace gsb
