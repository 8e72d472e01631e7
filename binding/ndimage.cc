// N-API glue of zoom, mapCoordinates and splineFilter: unpack, re-check, run
// sync or async.
#include "../native/ndimage/ndimage.h"
#include "common.h"

namespace gsb {

namespace {

bool too_few(const Napi::CallbackInfo& info, const char* fn, size_t n) {
  if (info.Length() >= n) return false;
  Napi::TypeError::New(info.Env(), std::string(fn) + ": expected " + std::to_string(n) + " arguments")
      .ThrowAsJavaScriptException();
  return true;
}

// ndZoom(input, out, order, mode, cval, prefilter, gridMode, async)
Napi::Value Zoom(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "zoom";
  if (too_few(info, fn, 8)) return env.Undefined();
  gs::TensorView input, out;
  gs::SplineOptions opt;
  int mode = 0;
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_output(env, info[1], fn, &out) ||
      !read_int(env, info[2], fn, "order", 0, 5, &opt.order) || !read_int(env, info[3], fn, "mode", 0, 7, &mode) ||
      !read_number(env, info[4], fn, "cval", &opt.cval))
    return env.Undefined();
  opt.mode = static_cast<gs::NdMode>(mode);
  opt.prefilter = info[5].ToBoolean().Value();
  const bool grid_mode = info[6].ToBoolean().Value();
  const bool async = info[7].ToBoolean().Value();
  return run(env, async, {input}, out, info[1],
             [opt, grid_mode](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::nd_zoom(in[0], o, opt, grid_mode);
             });
}

// ndMapCoordinates(input, coordinates, out, order, mode, cval, prefilter, async)
Napi::Value MapCoordinates(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "mapCoordinates";
  if (too_few(info, fn, 8)) return env.Undefined();
  gs::TensorView input, coords, out;
  gs::SplineOptions opt;
  int mode = 0;
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_tensor(env, info[1], fn, "coordinates", &coords) ||
      !read_output(env, info[2], fn, &out) || !read_int(env, info[3], fn, "order", 0, 5, &opt.order) ||
      !read_int(env, info[4], fn, "mode", 0, 7, &mode) || !read_number(env, info[5], fn, "cval", &opt.cval))
    return env.Undefined();
  opt.mode = static_cast<gs::NdMode>(mode);
  opt.prefilter = info[6].ToBoolean().Value();
  const bool async = info[7].ToBoolean().Value();
  return run(env, async, {input, coords}, out, info[2],
             [opt](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::nd_map_coordinates(in[0], in[1], o, opt);
             });
}

// ndSplineFilter(input, out, order, mode, async)
Napi::Value SplineFilter(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "splineFilter";
  if (too_few(info, fn, 5)) return env.Undefined();
  gs::TensorView input, out;
  int order = 3, mode = 0;
  if (!read_tensor(env, info[0], fn, "input", &input) || !read_output(env, info[1], fn, &out) ||
      !read_int(env, info[2], fn, "order", 2, 5, &order) || !read_int(env, info[3], fn, "mode", 0, 7, &mode))
    return env.Undefined();
  const bool async = info[4].ToBoolean().Value();
  const gs::NdMode m = static_cast<gs::NdMode>(mode);
  return run(env, async, {input}, out, info[1],
             [order, m](const std::vector<gs::TensorView>& in, const gs::TensorView& o) {
               return gs::nd_spline_filter(in[0], o, order, m);
             });
}

const Registration reg([](Napi::Env env, Napi::Object exports) {
  exports.Set("ndZoom", Napi::Function::New(env, Zoom, "ndZoom"));
  exports.Set("ndMapCoordinates", Napi::Function::New(env, MapCoordinates, "ndMapCoordinates"));
  exports.Set("ndSplineFilter", Napi::Function::New(env, SplineFilter, "ndSplineFilter"));
});

}  // namespace

}  // namespace gsb
