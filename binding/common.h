// What every op family's binding file uses: argument reading (args.h), the
// output (result.h), sync/async running (run.h), and the registry of
// exported functions.
#pragma once

#include <napi.h>

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
// Runs every registration (addon.cc, once per environment).
void register_all(Napi::Env env, Napi::Object exports);

}  // namespace gsb
