// N-API glue of affineGrid: unpack, re-check, run sync or async.
#include "../native/affine_grid/affine_grid.h"
#include "common.h"

namespace gsb {

namespace {

// affineGrid(theta, out, alignCorners, async)
Napi::Value AffineGrid(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "affineGrid";
  if (info.Length() < 4) {
    Napi::TypeError::New(env, "affineGrid: expected 4 arguments").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  gs::TensorView theta, out;
  if (!read_tensor(env, info[0], fn, "theta", &theta) || !read_output(env, info[1], fn, &out))
    return env.Undefined();
  const bool align_corners = info[2].ToBoolean().Value();
  const bool async = info[3].ToBoolean().Value();
  return run(env, async, {theta}, out, info[1],
             [align_corners](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::affine_grid(in[0], o, align_corners);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  exports.Set("affineGrid", Napi::Function::New(env, AffineGrid, "affineGrid"));
});

}  // namespace

}  // namespace gsb
