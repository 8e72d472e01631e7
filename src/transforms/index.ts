// gridsample/transforms: torchvision.transforms.v2 for Node — the image
// resize of the Python pipelines (Pillow's and torchvision's exact pixels),
// torchvision's functional geometric and type ops on image tensors, and
// helpers for interleaved pixel buffers.
export { resize, resizeAsync } from './resize';
export type { ResizeOptions, ResizeInterpolation, ResizeBackend, ResizeSize } from './resize';
export { fromHWC, toHWC } from './hwc';
export {
  crop,
  centerCrop,
  resizedCrop,
  pad,
  horizontalFlip,
  verticalFlip,
  rotate,
  rotateAsync,
  affine,
  affineAsync,
  perspective,
  perspectiveAsync,
  elasticTransform,
  elasticTransformAsync,
} from './geometry';
export type {
  WarpInterpolation,
  Fill,
  PadMode,
  PadOptions,
  ResizedCropOptions,
  RotateOptions,
  AffineOptions,
  PerspectiveOptions,
  ElasticOptions,
} from './geometry';
export { toDtype, normalize } from './misc';
export type { ToDtypeOptions } from './misc';
export {
  Generator,
  Transform,
  Compose,
  Resize,
  CenterCrop,
  Pad,
  ToDtype,
  Normalize,
  RandomCrop,
  RandomResizedCrop,
  RandomHorizontalFlip,
  RandomVerticalFlip,
  RandomRotation,
  RandomAffine,
  RandomPerspective,
  ElasticTransform,
  collate,
} from './random';
export type {
  RandomOptions,
  ComposeOptions,
  CollateOptions,
  ResizeTransformOptions,
  PadTransformOptions,
  RandomCropOptions,
  RandomResizedCropOptions,
  RandomRotationOptions,
  RandomAffineOptions,
  RandomPerspectiveOptions,
  ElasticTransformOptions,
} from './random';
export type { Tensor, TypedData, DType } from '../validate';
export { fromSharp, toSharpRaw, fromOrt, toOrt, fromNdarray } from '../interop';
export type { SharpRaw, SharpRawInfo, FromSharpOptions, OrtTensorLike, OrtModule, NdarrayLike } from '../interop';
