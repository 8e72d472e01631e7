// N-API glue of zoom, mapCoordinates and splineFilter: unpack the request,
// re-check, run sync or async.
#include "../native/ndimage/ndimage.h"
#include "common.h"

namespace gsb {

namespace {

// SciPy's mode names.
constexpr Named<gs::NdMode> kModes[] = {
    {"constant", gs::NdMode::Constant}, {"nearest", gs::NdMode::Nearest},
    {"reflect", gs::NdMode::Reflect},   {"mirror", gs::NdMode::Mirror},
    {"wrap", gs::NdMode::Wrap},         {"grid-constant", gs::NdMode::GridConstant},
    {"grid-mirror", gs::NdMode::GridMirror}, {"grid-wrap", gs::NdMode::GridWrap}};

// order, mode, cval, prefilter: the options zoom and mapCoordinates share.
bool read_spline(Request& req, gs::SplineOptions* opt) {
  return req.integer("order", 0, 5, &opt->order) && req.name("mode", kModes, &opt->mode) &&
         req.number("cval", &opt->cval) && req.boolean("prefilter", &opt->prefilter);
}

// ndZoom({input, out, order, mode, cval, prefilter, gridMode})
Napi::Value Zoom(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "zoom");
  gs::TensorView input, out;
  gs::SplineOptions opt;
  bool grid_mode = false;
  if (!req.ok() || !req.tensor("input", &input) || !req.output(&out) || !read_spline(req, &opt) ||
      !req.boolean("gridMode", &grid_mode))
    return info.Env().Undefined();
  return run(info.Env(), async, {input}, out,
             [opt, grid_mode](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::nd_zoom(in[0], o, opt, grid_mode);
             });
}

// ndMapCoordinates({input, coordinates, out, order, mode, cval, prefilter})
Napi::Value MapCoordinates(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "mapCoordinates");
  gs::TensorView input, coords, out;
  gs::SplineOptions opt;
  if (!req.ok() || !req.tensor("input", &input) || !req.tensor("coordinates", &coords) || !req.output(&out) ||
      !read_spline(req, &opt))
    return info.Env().Undefined();
  return run(info.Env(), async, {input, coords}, out,
             [opt](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::nd_map_coordinates(in[0], in[1], o, opt);
             });
}

// ndSplineFilter({input, out, order, mode})
Napi::Value SplineFilter(const Napi::CallbackInfo& info, bool async) {
  Request req(info, "splineFilter");
  gs::TensorView input, out;
  int order = 3;
  gs::NdMode mode = gs::NdMode::Mirror;
  if (!req.ok() || !req.tensor("input", &input) || !req.output(&out) || !req.integer("order", 2, 5, &order) ||
      !req.name("mode", kModes, &mode))
    return info.Env().Undefined();
  return run(info.Env(), async, {input}, out,
             [order, mode](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::nd_spline_filter(in[0], o, order, mode);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  export_op<Zoom>(env, exports, "ndZoom");
  export_op<MapCoordinates>(env, exports, "ndMapCoordinates");
  export_op<SplineFilter>(env, exports, "ndSplineFilter");
});

}  // namespace

}  // namespace gsb
