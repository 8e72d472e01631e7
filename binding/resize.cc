// N-API glue of imageResize (gridsample/transforms resize): unpack, re-check,
// run sync or async. Filters and references cross by name.
#include <cstring>

#include "../native/resize/resize.h"
#include "common.h"

namespace gsb {

namespace {

// Writes the enum value named by `v` among `names` (index = value); throws otherwise.
template <class E, size_t N>
bool read_name(Napi::Env env, Napi::Value v, const char* fn, const char* what, const char* const (&names)[N], E* out) {
  if (v.IsString()) {
    const std::string s = v.As<Napi::String>().Utf8Value();
    for (size_t i = 0; i < N; ++i)
      if (s == names[i]) {
        *out = static_cast<E>(i);
        return true;
      }
  }
  Napi::TypeError::New(env, std::string(fn) + ": unknown " + what).ThrowAsJavaScriptException();
  return false;
}

// imageResize(input, out, filter, reference, antialias, async)
Napi::Value ImageResize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "resize";
  if (info.Length() < 6) {
    Napi::TypeError::New(env, "resize: expected 6 arguments").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  // Index = gs::ImageFilter / gs::ImageReference value.
  static const char* const kFilters[] = {"nearest", "box", "bilinear", "hamming", "bicubic", "lanczos"};
  static const char* const kReferences[] = {"pillow", "torch"};
  gs::ImageResizeOptions opt;
  // torchvision maps nearest-exact to Pillow's NEAREST on PIL images.
  Napi::Value filter = info[2];
  if (filter.IsString() && filter.As<Napi::String>().Utf8Value() == "nearest-exact") filter = Napi::String::New(env, "nearest");
  gs::TensorView input, out;
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_output(env, info[1], fn, &out) ||
      !read_name(env, filter, fn, "filter", kFilters, &opt.filter) ||
      !read_name(env, info[3], fn, "reference", kReferences, &opt.reference))
    return env.Undefined();
  opt.antialias = info[4].ToBoolean().Value();
  const bool async = info[5].ToBoolean().Value();
  return run(env, async, {input}, out, info[1],
             [opt](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::image_resize(in[0], o, opt);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  exports.Set("imageResize", Napi::Function::New(env, ImageResize, "imageResize"));
});

}  // namespace

}  // namespace gsb
