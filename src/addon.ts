// Loads the native addon: a prebuild from prebuilds/<platform>-<arch>/ first,
// else the local build in build/Release (node-gyp-build's order).
import * as path from 'node:path';

/** A tensor as the binding receives it: strides always present. */
export interface NativeTensor {
  data: ArrayBufferView;
  shape: number[];
  strides: number[];
  /** Output only: the binding allocates `data` (of this array's type) and stores it here. */
  alloc?: boolean;
  /** Output of an async call only: an Int32Array on a SharedArrayBuffer; setting element 0 stops the kernel (async-queue.ts). */
  cancel?: Int32Array;
}

export interface NativeBinding {
  gridSample(
    input: NativeTensor,
    grid: NativeTensor,
    out: NativeTensor,
    mode: number,
    padding: number,
    alignCorners: boolean,
    async: boolean,
  ): NativeTensor | Promise<NativeTensor>;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  getSimdTarget(): string;
  bestSimdTarget(): string;
  setSimdTarget(name: string): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load: (dir: string) => unknown = require('node-gyp-build');

export const native = load(path.join(__dirname, '..')) as NativeBinding;
