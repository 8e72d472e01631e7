// What every op family's binding file uses: argument reading (args.h), the
// output (result.h), sync/async running (run.h), and the registry of
// exported functions.
#pragma once

#include <napi.h>

#include <string>

#include "args.h"
#include "result.h"
#include "run.h"

namespace gsb {

// Each op family's binding file registers its functions with one static
// `Registration` at namespace scope, so adding a family touches no shared file:
//   static Registration reg([](Napi::Env env, Napi::Object exports) { ... });
using RegisterFn = void (*)(Napi::Env env, Napi::Object exports);
struct Registration {
  explicit Registration(RegisterFn fn);
};
// Exports one op as `name` (returns the output's typed array) and
// `name`Async (returns a Promise of it), both `Op(info, async)`.
using OpFn = Napi::Value (*)(const Napi::CallbackInfo& info, bool async);
template <OpFn Op>
void export_op(Napi::Env env, Napi::Object exports, const std::string& name) {
  auto sync = [](const Napi::CallbackInfo& info) -> Napi::Value { return Op(info, false); };
  auto async = [](const Napi::CallbackInfo& info) -> Napi::Value {
    CancelRequest cancel(info.Env(), info[0]);
    if (!cancel.ok()) return info.Env().Undefined();
    return Op(info, true);
  };
  exports.Set(name, Napi::Function::New(env, sync, name));
  exports.Set(name + "Async", Napi::Function::New(env, async, name + "Async"));
}

// Runs every registration (addon.cc, once per environment).
void register_all(Napi::Env env, Napi::Object exports);

}  // namespace gsb
