// N-API glue of interpolate: unpack, re-check, run sync or async.

#include "../native/interpolate/interpolate.h"
#include "common.h"

namespace gsb {

namespace {

// interpolate(input, out, mode, alignCorners, scales, async)
Napi::Value Interpolate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "interpolate";
  if (info.Length() < 6) {
    Napi::TypeError::New(env, "interpolate: expected 6 arguments").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  gs::TensorView input, out;
  int mode = 0;
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_output(env, info[1], fn, &out) ||
      !read_int(env, info[2], fn, "mode", 0, 3, &mode))
    return env.Undefined();
  double scales[3] = {0, 0, 0};
  int count = 0;
  if (!read_number_list(env, info[4], fn, "scales", 0, 3, scales, &count)) return env.Undefined();
  const bool align_corners = info[3].ToBoolean().Value();
  const bool async = info[5].ToBoolean().Value();
  const auto m = static_cast<gs::ResizeMode>(mode);
  const int n = count;
  return run(env, async, {input}, out, info[1],
             [m, align_corners, scales, n](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::interpolate(in[0], o, m, align_corners, scales, n);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  exports.Set("interpolate", Napi::Function::New(env, Interpolate, "interpolate"));
});

}  // namespace

}  // namespace gsb
