// N-API glue of affineGrid: unpack the request, re-check, run sync or async.
#include "../native/affine_grid/affine_grid.h"
#include "common.h"

namespace gsb {

namespace {

// affineGrid({theta, out, alignCorners})
Napi::Value AffineGrid(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "affineGrid");
  gs::TensorView theta, out;
  bool align_corners = false;
  if (!req.ok() || !req.tensor("theta", &theta) || !req.output(&out) || !req.boolean("alignCorners", &align_corners))
    return info.Env().Undefined();
  return run(info.Env(), async, {theta}, out,
             [align_corners](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::affine_grid(in[0], o, align_corners);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) { export_op<AffineGrid>(env, exports, "affineGrid"); });

}  // namespace

}  // namespace gsb
