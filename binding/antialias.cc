// N-API glue of interpolateAntialias: unpack, re-check, run sync or async.
#include <cmath>

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
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_tensor(env, info[1], fn, "out", &out) ||
      !read_int(env, info[2], fn, "mode", 0, 1, &mode))
    return env.Undefined();
  gs::AntialiasOptions opt;
  opt.filter = static_cast<gs::AntialiasFilter>(mode);
  opt.align_corners = info[3].ToBoolean().Value();
  if (!info[4].IsArray() || info[4].As<Napi::Array>().Length() != 2) {
    Napi::TypeError::New(env, "interpolateAntialias: scales must be an array of 2 numbers").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Array scales = info[4].As<Napi::Array>();
  for (uint32_t i = 0; i < 2; ++i) {
    Napi::Value v = scales.Get(i);
    if (!v.IsNumber() || !std::isfinite(v.As<Napi::Number>().DoubleValue())) {
      Napi::TypeError::New(env, "interpolateAntialias: scales must be finite numbers").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    opt.scales[i] = v.As<Napi::Number>().DoubleValue();
  }
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
