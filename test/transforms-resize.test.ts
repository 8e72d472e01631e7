// gridsample/transforms resize: torchvision v2's size rules and errors, the
// layouts it reads and writes, and the same bits on every SIMD target and
// thread count. Parity with Pillow and torchvision: transforms-resize-parity.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { bestSimdTarget, getNumThreads, setNumThreads, setSimdTarget } from '../dist/index.js';
import { fromHWC, resize, resizeAsync, toHWC } from '../dist/transforms/index.js';
import { random, simdTargets } from './helpers';

const targets = simdTargets();
const defaultThreads = getNumThreads();
afterEach(() => {
  setSimdTarget(bestSimdTarget());
  setNumThreads(defaultThreads);
});

const u8 = (n: number, seed: number) => Uint8Array.from(random(n, 0, 256, seed, Float64Array), (v) => Math.floor(v));
const planar = (hwc: Uint8Array, h: number, w: number, c: number) => {
  const p = new Uint8Array(hwc.length);
  for (let y = 0; y < h; ++y) for (let x = 0; x < w; ++x) for (let k = 0; k < c; ++k) p[k * h * w + y * w + x] = hwc[(y * w + x) * c + k];
  return p;
};
const FILTERS = ['bilinear', 'bicubic', 'box', 'hamming', 'lanczos'] as const;
/** Byte equality without vitest's element-wise diff (slow on large arrays). */
const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Buffer.compare(Buffer.from(Uint8Array.from(a)), Buffer.from(Uint8Array.from(b))) === 0;

describe('resize: output sizes follow torchvision v2', () => {
  const shapeOf = (h: number, w: number, size: Parameters<typeof resize>[1], maxSize?: number) =>
    resize({ data: new Uint8Array(h * w), shape: [1, h, w] }, size, { maxSize }).shape;
  it('a number or [s] sets the shorter edge, the longer one truncated', () => {
    expect(shapeOf(480, 640, 224)).toEqual([1, 224, 298]);
    expect(shapeOf(640, 480, [224])).toEqual([1, 298, 224]);
    expect(shapeOf(100, 100, 7)).toEqual([1, 7, 7]);
    expect(shapeOf(3, 1031, 2)).toEqual([1, 2, 687]);
  });
  it('maxSize caps the longer edge, and sets it with a null size', () => {
    expect(shapeOf(480, 640, 224, 256)).toEqual([1, 192, 256]);
    expect(shapeOf(480, 640, 224, 300)).toEqual([1, 224, 298]);
    expect(shapeOf(480, 640, null, 320)).toEqual([1, 240, 320]);
    expect(shapeOf(641, 480, null, 100)).toEqual([1, 100, 74]);
  });
  it('[h, w] is exact', () => {
    expect(shapeOf(480, 640, [1, 1000])).toEqual([1, 1, 1000]);
  });
  it('keeps the batch dimension', () => {
    expect(resize({ data: new Float32Array(2 * 3 * 4 * 5), shape: [2, 3, 4, 5] }, [2, 3]).shape).toEqual([2, 3, 2, 3]);
  });
});

describe('resize: errors name resize and the argument', () => {
  const img = { data: new Uint8Array(3 * 4 * 5), shape: [3, 4, 5] };
  const f32 = { data: new Float32Array(3 * 4 * 5), shape: [3, 4, 5] };
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['size 0', () => resize(img, 0), RangeError, /resize: .*size/],
    ['negative size', () => resize(img, [-1, 2]), RangeError, /size\[0\]/],
    ['fractional size', () => resize(img, 2.5), RangeError, /size/],
    ['size of 3 entries', () => resize(img, [1, 2, 3] as never), RangeError, /1 or 2 entries/],
    ['string size', () => resize(img, '2' as never), TypeError, /resize: expected size/],
    ['null size without maxSize', () => resize(img, null), TypeError, /maxSize/],
    ['maxSize not above the size', () => resize(img, 4, { maxSize: 4 }), RangeError, /maxSize/],
    ['maxSize with [h, w]', () => resize(img, [2, 2], { maxSize: 9 }), TypeError, /maxSize/],
    ['size rounding an edge to 0', () => resize({ data: new Uint8Array(1000), shape: [1, 1, 1000] }, null, { maxSize: 10 }), RangeError, /0/],
    ['unknown interpolation', () => resize(img, 2, { interpolation: 'area' as never }), TypeError, /interpolation/],
    ['unknown backend', () => resize(img, 2, { backend: 'cv2' as never }), TypeError, /backend/],
    ['unknown option', () => resize(img, 2, { mode: 'bilinear' } as never), TypeError, /"mode"/],
    ['antialias false with pil', () => resize(img, 2, { backend: 'pil', antialias: false }), TypeError, /antialias/],
    ['antialias false with lanczos', () => resize(img, 2, { interpolation: 'lanczos', antialias: false }), TypeError, /antialias/],
    ['antialias not a boolean', () => resize(img, 2, { antialias: 1 as never }), TypeError, /antialias/],
    ['float image with pil', () => resize(f32, 2, { backend: 'pil' }), TypeError, /pil/],
    ['float image with box', () => resize(f32, 2, { interpolation: 'box' }), TypeError, /box/],
    ['float image with hamming', () => resize(f32, 2, { interpolation: 'hamming' }), TypeError, /hamming/],
    ['5 channels with pil', () => resize({ data: new Uint8Array(5 * 4), shape: [5, 2, 2] }, 1, { backend: 'pil' }), RangeError, /1 to 4 channels/],
    ['2D image', () => resize({ data: new Uint8Array(4), shape: [2, 2] }, 1), RangeError, /\[C, H, W\]/],
    ['empty image', () => resize({ data: new Uint8Array(0), shape: [3, 0, 2] }, 1), RangeError, /non-empty/],
    ['out of the wrong shape', () => resize(img, [2, 2], { out: { data: new Uint8Array(3 * 9), shape: [3, 3, 3] } }), RangeError, /out/],
    ['out of the wrong dtype', () => resize(img, [2, 2], { out: { data: new Float32Array(12), shape: [3, 2, 2] } as never }), TypeError, /out/],
  ];
  for (const [name, call, type, msg] of cases) {
    it(name, async () => {
      expect(call).toThrow(type);
      expect(call).toThrow(msg);
    });
  }
  it('resizeAsync rejects with the same errors', async () => {
    await expect(resizeAsync(img, 0)).rejects.toThrow(RangeError);
    await expect(resizeAsync(img, 2, { backend: 'pil', antialias: false })).rejects.toThrow(/antialias/);
  });
});

describe('resize: layouts', () => {
  it('an HWC buffer is read in place and the result is interleaved too', () => {
    const [h, w, c] = [37, 53, 3];
    const hwc = u8(h * w * c, 7);
    for (const backend of ['tensor', 'pil'] as const) {
      const a = resize(fromHWC(hwc, h, w, c), [11, 19], { interpolation: 'bicubic', backend });
      expect(a.strides).toEqual([1, 19 * 3, 3]);
      const b = resize({ data: planar(hwc, h, w, c), shape: [c, h, w] }, [11, 19], { interpolation: 'bicubic', backend });
      expect(b.strides).toBeUndefined();
      expect(toHWC(b)).toEqual(a.data);
    }
  });
  it('a cropped view (row stride wider than the row) and an odd layout give the same pixels', () => {
    const [h, w, c] = [30, 40, 4];
    const hwc = u8(h * w * c, 8);
    const full = fromHWC(hwc, h, w, c);
    // rows 5..24, columns 7..32 of the HWC image, in place
    const crop = { data: hwc.subarray((5 * w + 7) * c), shape: [c, 20, 26], strides: [1, w * c, c] };
    const dense = new Uint8Array(20 * 26 * c);
    for (let y = 0; y < 20; ++y) dense.set(hwc.subarray(((5 + y) * w + 7) * c, ((5 + y) * w + 33) * c), y * 26 * c);
    for (const interpolation of FILTERS) {
      const want = resize(fromHWC(dense, 20, 26, c), [9, 13], { interpolation });
      const fromCrop = resize(crop, [9, 13], { interpolation });
      expect(fromCrop.strides).toEqual([1, 13 * c, c]);
      expect(fromCrop.data).toEqual(want.data);
      // channel stride 20*26, x stride 1, y stride 26: planar, read in place
      const got = resize({ data: planar(dense, 20, 26, c), shape: [c, 20, 26] }, [9, 13], { interpolation });
      expect(toHWC(got)).toEqual(want.data);
    }
    expect(full.shape).toEqual([4, 30, 40]);
  });
  it('Uint8ClampedArray in, Uint8ClampedArray out', () => {
    const r = resize(fromHWC(new Uint8ClampedArray(4 * 4 * 4).fill(9), 4, 4, 4), 2);
    expect(r.data).toBeInstanceOf(Uint8ClampedArray);
    expect(Array.from(r.data)).toEqual(new Array(16).fill(9));
  });
  it('writes into out', () => {
    const img = fromHWC(u8(8 * 8 * 3, 3), 8, 8, 3);
    const out = fromHWC(new Uint8Array(4 * 4 * 3), 4, 4, 3);
    const r = resize(img, 4, { out });
    expect(r.data).toBe(out.data);
    expect(r.data).toEqual(resize(img, 4).data);
  });
  it('the same size returns a copy (torchvision returns the image itself, Pillow a copy)', () => {
    const img = fromHWC(u8(5 * 6 * 3, 4), 5, 6, 3);
    for (const backend of ['tensor', 'pil'] as const) {
      const r = resize(img, [5, 6], { backend });
      expect(r.data).not.toBe(img.data);
      expect(r.data).toEqual(img.data);
    }
  });
});

describe('resize: identical bits on every SIMD target and thread count', () => {
  const shapes: [number, number, number, number, number][] = [
    // c, h, w, oh, ow
    [1, 61, 83, 17, 29], [3, 64, 48, 224, 168], [3, 97, 131, 31, 9], [4, 40, 70, 13, 150], [2, 33, 35, 7, 70], [5, 20, 30, 9, 11], [3, 1, 1031, 1, 97],
  ];
  for (const [c, h, w, oh, ow] of shapes) {
    it(`${c}x${h}x${w} -> ${oh}x${ow}`, async () => {
      const hwc = u8(h * w * c, h * w + c);
      const imgs = [fromHWC(hwc, h, w, c), { data: planar(hwc, h, w, c), shape: [c, h, w] }];
      const runs: { backend: 'tensor' | 'pil'; interpolation: (typeof FILTERS)[number] | 'nearest'; antialias: boolean }[] = [];
      for (const interpolation of FILTERS) runs.push({ backend: 'tensor', interpolation, antialias: true });
      runs.push({ backend: 'tensor', interpolation: 'bilinear', antialias: false }, { backend: 'tensor', interpolation: 'bicubic', antialias: false });
      if (c <= 4) for (const interpolation of [...FILTERS, 'nearest'] as const) runs.push({ backend: 'pil', interpolation, antialias: true });
      for (const img of imgs) {
        for (const opts of runs) {
          setSimdTarget(bestSimdTarget());
          setNumThreads(1);
          const want = toHWC(resize(img, [oh, ow], opts));
          for (const target of targets) {
            setSimdTarget(target);
            for (const n of [1, 2, 3]) {
              setNumThreads(n);
              expect(same(toHWC(resize(img, [oh, ow], opts)), want), `${target} ${n} threads ${JSON.stringify(opts)}`).toBe(true);
            }
          }
          setNumThreads(2);
          expect(same(toHWC(await resizeAsync(img, [oh, ow], opts)), want)).toBe(true);
        }
      }
    });
  }
});

describe('fromHWC / toHWC', () => {
  it('views without copying and interleaves planar tensors', () => {
    const data = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const v = fromHWC(data, 1, 2, 3);
    expect(v).toEqual({ data, shape: [3, 1, 2], strides: [1, 6, 3] });
    expect(toHWC(v)).toBe(data);
    expect(Array.from(toHWC({ data: new Uint8Array([1, 2, 3, 4, 5, 6]), shape: [2, 1, 3] }))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(toHWC({ data: new Float32Array([1, 2, 3, 4]), shape: [2, 2, 1, 1] }))).toEqual([1, 2, 3, 4]);
  });
  it('checks its arguments', () => {
    expect(() => fromHWC(new Uint8Array(5), 1, 2, 3)).toThrow(/fromHWC: expected data to hold/);
    expect(() => fromHWC([1, 2] as never, 1, 2, 1)).toThrow(TypeError);
    expect(() => fromHWC(new Uint8Array(6), 0, 2, 3)).toThrow(RangeError);
    expect(() => toHWC({ data: new Uint8Array(4), shape: [4] })).toThrow(/toHWC/);
  });
});
