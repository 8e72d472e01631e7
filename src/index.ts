// gridsample: PyTorch's resampling operators for Node.js.
export { gridSample, gridSampleAsync } from './grid-sample';
export type { GridSampleOptions, GridSampleMode, GridSamplePadding } from './grid-sample';
export { getNumThreads, setNumThreads, getSimdTarget, setSimdTarget, bestSimdTarget } from './runtime';
export type { SimdTarget } from './runtime';
export type { Tensor, TypedData, DType, MemoryFormat } from './validate';
export { zoom, zoomAsync, mapCoordinates, mapCoordinatesAsync, splineFilter, splineFilterAsync } from './ndimage';
export type { NdMode, SplineOrder, SplineOptions, ZoomOptions, SplineFilterOptions } from './ndimage';
