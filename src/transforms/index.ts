// gridsample/transforms: torchvision.transforms.v2 for Node — the image
// resize of the Python pipelines (Pillow's and torchvision's exact pixels),
// and helpers for interleaved pixel buffers.
export { resize, resizeAsync } from './resize';
export type { ResizeOptions, ResizeInterpolation, ResizeBackend, ResizeSize } from './resize';
export { fromHWC, toHWC } from './hwc';
export type { Tensor, TypedData, DType } from '../validate';
export { fromSharp, toSharpRaw, fromOrt, toOrt, fromNdarray } from '../interop';
export type { SharpRaw, SharpRawInfo, FromSharpOptions, OrtTensorLike, OrtModule, NdarrayLike } from '../interop';
