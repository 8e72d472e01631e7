// N-API glue of gridSample: unpack, re-check, run sync or async.
#include "../native/grid_sample/grid_sample.h"
#include "common.h"

namespace gsb {

namespace {

// gridSample(input, grid, out, mode, padding, alignCorners, async)
Napi::Value GridSample(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "gridSample";
  if (info.Length() < 7) {
    Napi::TypeError::New(env, "gridSample: expected 7 arguments").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  gs::TensorView input, grid, out;
  int mode = 0, padding = 0;
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_tensor(env, info[1], fn, "grid", &grid) ||
      !read_output(env, info[2], fn, &out) || !read_int(env, info[3], fn, "mode", 0, 2, &mode) ||
      !read_int(env, info[4], fn, "padding", 0, 2, &padding))
    return env.Undefined();
  gs::GridSampleOptions opt;
  opt.mode = static_cast<gs::Interp>(mode);
  opt.padding = static_cast<gs::Padding>(padding);
  opt.align_corners = info[5].ToBoolean().Value();
  const bool async = info[6].ToBoolean().Value();
  return run(env, async, {input, grid}, out, info[2],
             [opt](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::grid_sample(in[0], in[1], o, opt);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  exports.Set("gridSample", Napi::Function::New(env, GridSample, "gridSample"));
});

}  // namespace

}  // namespace gsb
