// N-API glue of interpolateAntialias: unpack, re-check, run sync or async.
#include "../native/antialias/antialias.h"
#include "common.h"

namespace gsb {

namespace {

// interpolateAntialias(input, out, mode, alignCorners, scales, async)
Napi::Value InterpolateAntialias(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "interpolateAntialias";
  if (info.Length() < 6) {
    Napi::TypeError::New(env, "interpolateAntialias: expected 6 arguments").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  gs::TensorView input, out;
  int mode = 0;
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_output(env, info[1], fn, &out) ||
      !read_int(env, info[2], fn, "mode", 0, 1, &mode))
    return env.Undefined();
  gs::AntialiasOptions opt;
  opt.filter = static_cast<gs::AntialiasFilter>(mode);
  opt.align_corners = info[3].ToBoolean().Value();
  int count = 0;
  if (!read_number_list(env, info[4], fn, "scales", 2, 2, opt.scales, &count)) return env.Undefined();
  const bool async = info[5].ToBoolean().Value();
  return run(env, async, {input}, out, info[1],
             [opt](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::interpolate_antialias(in[0], o, opt);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  exports.Set("interpolateAntialias", Napi::Function::New(env, InterpolateAntialias, "interpolateAntialias"));
});

}  // namespace

}  // namespace gsb
