// Module entry: registers each op family's functions plus the runtime
// controls (threads, SIMD target). Context-aware: loads in worker_threads.
#include <napi.h>

#include "../native/common/cpu.h"
#include "../native/common/parallel.h"
#include "common.h"

namespace gsb {

namespace {

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  int n = 0;
  if (!read_int(info.Env(), info[0], "setNumThreads", "n", 1, 1024, &n)) return info.Env().Undefined();
  gs::set_num_threads(n);
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), gs::get_num_threads());
}

Napi::Value GetSimdTarget(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), gs::isa_name(gs::active_isa()));
}

Napi::Value BestSimdTarget(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), gs::isa_name(gs::best_isa()));
}

// setSimdTarget(name) -> boolean (false if this CPU or build lacks it)
Napi::Value SetSimdTarget(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  gs::Isa isa;
  if (!info[0].IsString() || !gs::parse_isa(info[0].As<Napi::String>().Utf8Value().c_str(), &isa)) {
    Napi::TypeError::New(env, "setSimdTarget: expected 'baseline', 'avx2' or 'avx512'")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  return Napi::Boolean::New(env, gs::set_isa(isa));
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("getSimdTarget", Napi::Function::New(env, GetSimdTarget));
  exports.Set("bestSimdTarget", Napi::Function::New(env, BestSimdTarget));
  exports.Set("setSimdTarget", Napi::Function::New(env, SetSimdTarget));
  register_all(env, exports);
  return exports;
}

}  // namespace gsb

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return gsb::Init(env, exports); }

NODE_API_MODULE(gridsample, InitAddon)
