// The native addon and the one typed contract between it and src/: every
// function the binding exports, with the request object it reads. Loaded by
// node-gyp-build: a local build in build/Release first, else the prebuild in
// prebuilds/<platform>-<arch>/.
//
// Each op is exported twice: `op(request)` returns the output's typed array,
// `opAsync(request)` a Promise of it (the inputs are copied when the call is
// made). The array is `request.out.data`, or the one the binding allocated
// when `out` asked for it; the request is never written to. Enumerations
// cross by name, looked up in one table per op in binding/<op>.cc.
import * as path from 'node:path';
import type { GridSampleMode, GridSamplePadding } from './grid-sample';
import type { NdMode } from './ndimage';
import type { SimdTarget } from './runtime';
import type { TypedData } from './validate';

/** A tensor as the binding receives it: strides always present. */
export interface NativeTensor {
  data: ArrayBufferView;
  shape: readonly number[];
  strides: readonly number[];
  /**
   * Output only: the binding allocates the result (zero-filled, as many
   * elements as the view addresses, `data`'s array type) and returns it;
   * `data` is then an empty array that names the type.
   */
  alloc?: boolean;
}

/** What every op request holds: where the result goes. */
interface WithOut {
  out: NativeTensor;
  /**
   * Async only: an Int32Array on a SharedArrayBuffer; setting element 0 stops
   * the kernel at its next chunk and the promise rejects (src/async-queue.ts).
   */
  cancel?: Int32Array;
}

export interface GridSampleRequest extends WithOut {
  input: NativeTensor;
  grid: NativeTensor;
  mode: GridSampleMode;
  padding: GridSamplePadding;
  alignCorners: boolean;
  /** torchvision's fill blend (gridsample/transforms): one value per channel; absent: none. */
  fill?: number[];
}

/** PyTorch's interpolate modes that have their own kernel ('area' runs adaptiveAvgPool). */
export type NativeResizeMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'trilinear' | 'bicubic';

export interface InterpolateRequest extends WithOut {
  input: NativeTensor;
  mode: NativeResizeMode;
  alignCorners: boolean;
  /** The user's scale factor per spatial dim as PyTorch hands it to its kernel, or [] (derive from sizes). */
  scales: number[];
}

export interface AntialiasRequest extends WithOut {
  input: NativeTensor;
  /** lanczos: PyTorch >= 2's filter (resize of float tensors; F.interpolate 1.13 has none). */
  mode: 'bilinear' | 'bicubic' | 'lanczos';
  alignCorners: boolean;
  /** [h, w]: the user's scale factors, 0 where derived from the sizes. */
  scales: [number, number];
}

export interface AdaptiveAvgPoolRequest extends WithOut {
  input: NativeTensor;
}

export interface AffineGridRequest extends WithOut {
  theta: NativeTensor;
  alignCorners: boolean;
}

export interface SplineRequest extends WithOut {
  input: NativeTensor;
  order: number;
  mode: NdMode;
  cval: number;
  prefilter: boolean;
}

export interface ZoomRequest extends SplineRequest {
  gridMode: boolean;
}

export interface MapCoordinatesRequest extends SplineRequest {
  coordinates: NativeTensor;
}

export interface SplineFilterRequest extends WithOut {
  input: NativeTensor;
  order: number;
  mode: NdMode;
}

export interface ImageResizeRequest extends WithOut {
  input: NativeTensor;
  filter: 'nearest' | 'nearest-exact' | 'box' | 'bilinear' | 'hamming' | 'bicubic' | 'lanczos';
  reference: 'pillow' | 'torch';
  antialias: boolean;
}

export interface NativeBinding {
  gridSample(req: GridSampleRequest): TypedData;
  gridSampleAsync(req: GridSampleRequest): Promise<TypedData>;
  interpolate(req: InterpolateRequest): TypedData;
  interpolateAsync(req: InterpolateRequest): Promise<TypedData>;
  /** interpolate with PyTorch >= 2's source index (float32 opmath): torchvision's resize of float tensors. */
  interpolateOpmath(req: InterpolateRequest): TypedData;
  interpolateOpmathAsync(req: InterpolateRequest): Promise<TypedData>;
  interpolateAntialias(req: AntialiasRequest): TypedData;
  interpolateAntialiasAsync(req: AntialiasRequest): Promise<TypedData>;
  adaptiveAvgPool(req: AdaptiveAvgPoolRequest): TypedData;
  adaptiveAvgPoolAsync(req: AdaptiveAvgPoolRequest): Promise<TypedData>;
  affineGrid(req: AffineGridRequest): TypedData;
  affineGridAsync(req: AffineGridRequest): Promise<TypedData>;
  ndZoom(req: ZoomRequest): TypedData;
  ndZoomAsync(req: ZoomRequest): Promise<TypedData>;
  ndMapCoordinates(req: MapCoordinatesRequest): TypedData;
  ndMapCoordinatesAsync(req: MapCoordinatesRequest): Promise<TypedData>;
  ndSplineFilter(req: SplineFilterRequest): TypedData;
  ndSplineFilterAsync(req: SplineFilterRequest): Promise<TypedData>;
  imageResize(req: ImageResizeRequest): TypedData;
  imageResizeAsync(req: ImageResizeRequest): Promise<TypedData>;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  getSimdTarget(): SimdTarget;
  bestSimdTarget(): SimdTarget;
  setSimdTarget(name: string): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load: (dir: string) => NativeBinding = require('node-gyp-build');

function loadAddon(): NativeBinding {
  try {
    return load(path.join(__dirname, '..'));
  } catch (e) {
    // node-gyp-build's message lists the platform tags it looked for; say what to do about it.
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(
      `gridsample: the native addon could not be loaded (${reason}). No prebuilt addon fits this ` +
        `platform (the npm package ships linux-x64, glibc); build one with \`npm rebuild gridsample\`, ` +
        'which needs CMake >= 3.15, a C++17 compiler and make or ninja.',
      { cause: e },
    );
  }
}

export const native = loadAddon();
