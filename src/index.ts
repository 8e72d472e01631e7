// gridsample: PyTorch's resampling operators for Node.js.
export { gridSample, gridSampleAsync } from './grid-sample';
export type { GridSampleOptions, GridSampleMode, GridSamplePadding } from './grid-sample';
export { affineGrid, affineGridAsync } from './affine-grid';
export type { AffineGridOptions, FloatData } from './affine-grid';
export {
  setAsyncMemoryLimit, getAsyncMemoryLimit, setAsyncQueueLimit, getAsyncQueueLimit, getAsyncStats, AbortError,
} from './async-queue';
export type { AsyncOptions, AsyncStats } from './async-queue';
export { getNumThreads, setNumThreads, getSimdTarget, setSimdTarget, bestSimdTarget } from './runtime';
export type { SimdTarget } from './runtime';
export type { Tensor, TypedData, DType, MemoryFormat } from './validate';
export { adaptiveAvgPool, adaptiveAvgPoolAsync } from './adaptive-avg-pool';
export type { AdaptiveAvgPoolOptions, AdaptiveOutputSize } from './adaptive-avg-pool';
export { interpolate, interpolateAsync, Upsample } from './interpolate';
export type { InterpolateOptions, InterpolateMode, UpsampleOptions } from './interpolate';
export { zoom, zoomAsync, mapCoordinates, mapCoordinatesAsync, splineFilter, splineFilterAsync } from './ndimage';
export type { NdMode, SplineOrder, SplineOptions, ZoomOptions, SplineFilterOptions } from './ndimage';
export { fromSharp, toSharpRaw, fromOrt, toOrt, fromNdarray } from './interop';
export type { SharpRaw, SharpRawInfo, FromSharpOptions, OrtTensorLike, OrtModule, NdarrayLike } from './interop';
