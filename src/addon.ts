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

function loadAddon(): NativeBinding {
  try {
    return load(path.join(__dirname, '..')) as NativeBinding;
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
