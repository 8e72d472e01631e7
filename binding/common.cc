// The registry each op family's binding file adds its functions to.
#include "common.h"

#include <vector>

namespace gsb {

namespace {
std::vector<RegisterFn>& registry() {
  static std::vector<RegisterFn> fns;
  return fns;
}
}  // namespace

Registration::Registration(RegisterFn fn) { registry().push_back(fn); }

void register_all(Napi::Env env, Napi::Object exports) {
  for (RegisterFn fn : registry()) fn(env, exports);
}

}  // namespace gsb
