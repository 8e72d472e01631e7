// N-API glue of adaptiveAvgPool: unpack, re-check, run sync or async.
#include "../native/adaptive_pool/adaptive_pool.h"
#include "common.h"

namespace gsb {

namespace {

// adaptiveAvgPool(input, out, async)
Napi::Value AdaptiveAvgPool(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "adaptiveAvgPool";
  if (info.Length() < 3) {
    Napi::TypeError::New(env, "adaptiveAvgPool: expected 3 arguments").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  gs::TensorView input, out;
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_output(env, info[1], fn, &out))
    return env.Undefined();
  const bool async = info[2].ToBoolean().Value();
  return run(env, async, {input}, out, info[1],
             [](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::adaptive_avg_pool(in[0], o);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  exports.Set("adaptiveAvgPool", Napi::Function::New(env, AdaptiveAvgPool, "adaptiveAvgPool"));
});

}  // namespace

}  // namespace gsb
