// N-API glue of adaptiveAvgPool: unpack the request, re-check, run sync or async.
#include "../native/adaptive_pool/adaptive_pool.h"
#include "common.h"

namespace gsb {

namespace {

// adaptiveAvgPool({input, out})
Napi::Value AdaptiveAvgPool(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "adaptiveAvgPool");
  gs::TensorView input, out;
  if (!req.ok() || !req.tensor("input", &input) || !req.output(&out)) return info.Env().Undefined();
  return run(info.Env(), async, {input}, out,
             [](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::adaptive_avg_pool(in[0], o);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  export_op<AdaptiveAvgPool>(env, exports, "adaptiveAvgPool");
});

}  // namespace

}  // namespace gsb
