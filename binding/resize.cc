// N-API glue of imageResize (gridsample/transforms resize): unpack the
// request, re-check, run sync or async.
#include "../native/resize/resize.h"
#include "common.h"

namespace gsb {

namespace {

// torchvision maps nearest-exact to Pillow's NEAREST on PIL images.
constexpr Named<gs::ImageFilter> kFilters[] = {
    {"nearest", gs::ImageFilter::Nearest}, {"nearest-exact", gs::ImageFilter::Nearest},
    {"box", gs::ImageFilter::Box},         {"bilinear", gs::ImageFilter::Bilinear},
    {"hamming", gs::ImageFilter::Hamming}, {"bicubic", gs::ImageFilter::Bicubic},
    {"lanczos", gs::ImageFilter::Lanczos}};
constexpr Named<gs::ImageReference> kReferences[] = {
    {"pillow", gs::ImageReference::Pillow}, {"torch", gs::ImageReference::Torch}};

// imageResize({input, out, filter, reference, antialias})
Napi::Value ImageResize(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "resize");
  gs::TensorView input, out;
  gs::ImageResizeOptions opt;
  if (!req.ok() || !req.tensor("input", &input) || !req.output(&out) || !req.name("filter", kFilters, &opt.filter) ||
      !req.name("reference", kReferences, &opt.reference) || !req.boolean("antialias", &opt.antialias))
    return info.Env().Undefined();
  return run(info.Env(), async, {input}, out,
             [opt](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::image_resize(in[0], o, opt);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) { export_op<ImageResize>(env, exports, "imageResize"); });

}  // namespace

}  // namespace gsb
