// gridsample/transforms random classes: torchvision v2's parameter rules and
// ranges, determinism under a seed, Compose's generator rule, the functional
// op applied with the drawn parameters, batches, and errors.
import { describe, expect, it } from 'vitest';
import * as T from '../dist/transforms/index.js';

const u8 = (C: number, H: number, W: number, salt = 1) =>
  ({ data: Uint8Array.from({ length: C * H * W }, (_, i) => Math.imul(i + salt, 2654435761) >>> 24), shape: [C, H, W] });
const same = (a: { data: ArrayLike<number> }, b: { data: ArrayLike<number> }) => Buffer.from(Uint8Array.from(a.data as ArrayLike<number>)).equals(Buffer.from(Uint8Array.from(b.data as ArrayLike<number>)));

describe('Generator', () => {
  it('is reproducible from a seed, uniform in [0, 1), randint in [lo, hi)', () => {
    const a = new T.Generator(42);
    const b = new T.Generator(42);
    const xs = Array.from({ length: 1000 }, () => a.random());
    expect(Array.from({ length: 1000 }, () => b.random())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    const ints = Array.from({ length: 500 }, () => a.randint(3, 7));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
    expect(new T.Generator(43).random()).not.toBe(new T.Generator(42).random());
  });
});

describe('parameter ranges follow torchvision', () => {
  const img = u8(3, 40, 60);
  it('RandomRotation: angle uniform in [-d, d] or [lo, hi]', () => {
    const r = new T.RandomRotation(30, { seed: 1 });
    const q = new T.RandomRotation([10, 20], { seed: 1 });
    for (let i = 0; i < 50; ++i) {
      r.forward(img);
      q.forward(img);
      expect(Math.abs(r.lastParams!.angle as number)).toBeLessThanOrEqual(30);
      expect(q.lastParams!.angle).toBeGreaterThanOrEqual(10);
      expect(q.lastParams!.angle).toBeLessThanOrEqual(20);
    }
  });
  it('RandomAffine: integer translations within translate * size, scale and shear ranges', () => {
    const t = new T.RandomAffine(30, { translate: [0.1, 0.2], scale: [0.8, 1.2], shear: 10, seed: 2 });
    for (let i = 0; i < 50; ++i) {
      t.forward(img);
      const p = t.lastParams as { angle: number; translate: [number, number]; scale: number; shear: [number, number] };
      expect(Math.abs(p.angle)).toBeLessThanOrEqual(30);
      expect(Number.isInteger(p.translate[0]) && Number.isInteger(p.translate[1])).toBe(true);
      expect(Math.abs(p.translate[0])).toBeLessThanOrEqual(6);
      expect(Math.abs(p.translate[1])).toBeLessThanOrEqual(8);
      expect(p.scale).toBeGreaterThanOrEqual(0.8);
      expect(p.scale).toBeLessThanOrEqual(1.2);
      expect(Math.abs(p.shear[0])).toBeLessThanOrEqual(10);
      expect(p.shear[1]).toBe(0);
    }
    const four = new T.RandomAffine(0, { shear: [1, 2, 3, 4], seed: 3 });
    four.forward(img);
    const s = four.lastParams!.shear as number[];
    expect(s[0] >= 1 && s[0] <= 2 && s[1] >= 3 && s[1] <= 4).toBe(true);
  });
  it('RandomResizedCrop: a crop inside the image, area and ratio in range (or the central fallback)', () => {
    const t = new T.RandomResizedCrop(16, { scale: [0.2, 0.6], ratio: [0.5, 2], seed: 4 });
    for (let i = 0; i < 100; ++i) {
      const out = t.forward(img);
      expect(out.shape).toEqual([3, 16, 16]);
      const p = t.lastParams as { top: number; left: number; height: number; width: number };
      expect(p.top >= 0 && p.left >= 0 && p.top + p.height <= 40 && p.left + p.width <= 60).toBe(true);
      const area = (p.height * p.width) / (40 * 60);
      expect(area).toBeGreaterThan(0.15);
      expect(area).toBeLessThan(0.7);
    }
    // impossible ranges fall back to torchvision's central crop
    const f = new T.RandomResizedCrop(8, { scale: [5, 6], ratio: [3, 4], seed: 5 });
    f.forward(img);
    expect(f.lastParams).toEqual({ top: 10, left: 0, height: 20, width: 60 });
  });
  it('RandomCrop: positions uniform over the valid range, padding and padIfNeeded', () => {
    const t = new T.RandomCrop([10, 20], { seed: 6 });
    const tops = new Set<number>();
    for (let i = 0; i < 300; ++i) {
      t.forward(img);
      const p = t.lastParams as { top: number; left: number };
      tops.add(p.top);
      expect(p.top >= 0 && p.top <= 30 && p.left >= 0 && p.left <= 40).toBe(true);
    }
    expect(tops.size).toBeGreaterThan(25);
    expect(new T.RandomCrop(50, { padIfNeeded: true, seed: 1 }).forward(img).shape).toEqual([3, 50, 50]);
    expect(new T.RandomCrop(44, { padding: 2, seed: 1 }).forward(img).shape).toEqual([3, 44, 44]);
  });
  it('flips and RandomPerspective apply with probability p', () => {
    const flip = new T.RandomHorizontalFlip({ p: 0.3, seed: 7 });
    let applied = 0;
    for (let i = 0; i < 400; ++i) {
      const out = flip.forward(img);
      if (flip.lastParams!.applied) {
        applied++;
        expect(same(out, T.horizontalFlip(img))).toBe(true);
      } else expect(out).toBe(img);
    }
    expect(applied / 400).toBeGreaterThan(0.22);
    expect(applied / 400).toBeLessThan(0.38);
    expect(new T.RandomVerticalFlip({ p: 1 }).forward(img).data).toEqual(T.verticalFlip(img).data);
    const never = new T.RandomPerspective({ p: 0 });
    expect(never.forward(img)).toBe(img);
  });
  it('RandomPerspective: corners moved by less than the bound (none at distortionScale 0)', () => {
    const still = new T.RandomPerspective({ distortionScale: 0, p: 1, seed: 8 });
    still.forward(img);
    expect(still.lastParams!.coefficients).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
    const t = new T.RandomPerspective({ distortionScale: 0.4, p: 1, seed: 8 });
    const coeffs = new Set<string>();
    for (let i = 0; i < 20; ++i) {
      t.forward(img);
      const c = t.lastParams!.coefficients as number[];
      expect(c.every(Number.isFinite)).toBe(true);
      // the homography maps output (0, 0) into the input near its top-left corner
      expect(Math.abs(c[2])).toBeLessThan(60);
      coeffs.add(c.join());
    }
    expect(coeffs.size).toBeGreaterThan(15);
  });
  it('ElasticTransform: a [1, H, W, 2] displacement scaled by alpha / size', () => {
    const t = new T.ElasticTransform({ alpha: 50, sigma: 5, seed: 9 });
    t.forward(img);
    const d = t.lastParams!.displacement as { data: Float32Array; shape: number[] };
    expect(d.shape).toEqual([1, 40, 60, 2]);
    let max = 0;
    for (const v of d.data) max = Math.max(max, Math.abs(v));
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(50 / 40);
    const none = new T.ElasticTransform({ alpha: 0, seed: 9 });
    expect(same(none.forward(img), img)).toBe(true);
  });
});

describe('the random classes apply the functional ops with what they drew', () => {
  const img = u8(3, 33, 47);
  it('RandomAffine with fill 0 (the classes default fill)', () => {
    const t = new T.RandomAffine(25, { translate: [0.1, 0.1], scale: [0.9, 1.1], shear: 8, interpolation: 'bilinear', seed: 10 });
    const out = t.forward(img);
    const p = t.lastParams as never as T.AffineOptions;
    expect(same(out, T.affine(img, { ...p, interpolation: 'bilinear', fill: 0 }))).toBe(true);
  });
  it('RandomRotation, RandomResizedCrop, ElasticTransform', () => {
    const r = new T.RandomRotation(40, { expand: true, seed: 11 });
    expect(same(r.forward(img), T.rotate(img, r.lastParams!.angle as number, { expand: true, fill: 0 }))).toBe(true);
    const c = new T.RandomResizedCrop([12, 9], { seed: 12 });
    const p = c.lastParams;
    expect(p).toBeNull();
    const out = c.forward(img);
    const q = c.lastParams as { top: number; left: number; height: number; width: number };
    expect(same(out, T.resizedCrop(img, q.top, q.left, q.height, q.width, [12, 9]))).toBe(true);
    const e = new T.ElasticTransform({ seed: 13 });
    const eo = e.forward(img);
    expect(same(eo, T.elasticTransform(img, e.lastParams!.displacement as never, { fill: 0 }))).toBe(true);
  });
});

describe('Compose and seeds', () => {
  const img = u8(3, 48, 64);
  const pipeline = (seed?: number, childSeed = 1) =>
    new T.Compose([
      new T.RandomResizedCrop(24, { seed: childSeed }),
      new T.RandomHorizontalFlip({ seed: childSeed + 1 }),
      new T.RandomAffine(20, { translate: [0.1, 0.1], interpolation: 'bilinear', seed: childSeed + 2 }),
      new T.ToDtype('float32', { scale: true }),
      new T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ], seed === undefined ? {} : { seed });
  it('a seeded Compose draws from its own generator, ignoring the children', () => {
    const a = pipeline(5, 1).forward(img);
    const b = pipeline(5, 100).forward(img);
    expect(a.shape).toEqual([3, 24, 24]);
    expect(a.data).toEqual(b.data);
    expect(pipeline(6, 1).forward(img).data).not.toEqual(a.data);
  });
  it('without a seed each child uses its own', () => {
    expect(pipeline(undefined, 1).forward(img).data).toEqual(pipeline(undefined, 1).forward(img).data);
    expect(pipeline(undefined, 1).forward(img).data).not.toEqual(pipeline(undefined, 50).forward(img).data);
  });
  it('forwardAsync equals forward, lastParams lists the children', async () => {
    const s = pipeline(7);
    const sync = s.forward(img);
    const a = pipeline(7);
    expect((await a.forwardAsync(img)).data).toEqual(sync.data);
    expect((a.lastParams!.transforms as unknown[]).length).toBe(5);
  });
  it('forwardBatch and forwardBatchAsync give the same batch of differently sized images', async () => {
    const images = [u8(3, 48, 64, 1), u8(3, 31, 77, 2), u8(3, 64, 40, 3), u8(3, 25, 25, 4)];
    const sync = pipeline(8).forwardBatch(images);
    const asyncBatch = await pipeline(8).forwardBatchAsync(images);
    expect(sync.shape).toEqual([4, 3, 24, 24]);
    expect(sync.data).toBeInstanceOf(Float32Array);
    expect(asyncBatch.data).toEqual(sync.data);
  });
});

describe('collate', () => {
  it('stacks images of any strides into one contiguous batch, or into out', () => {
    const a = u8(2, 3, 4, 1);
    const b = T.fromHWC(Uint8Array.from({ length: 24 }, (_, i) => i), 3, 4, 2);
    const batch = T.collate([a, b]);
    expect(batch.shape).toEqual([2, 2, 3, 4]);
    expect(Array.from(batch.data.subarray(0, 24))).toEqual(Array.from(a.data));
    expect(batch.data[24 + 1]).toBe(2);  // channel 0, row 0, column 1 of the HWC image
    const out = { data: new Uint8Array(48), shape: [2, 2, 3, 4] };
    expect(T.collate([a, b], { out }).data).toBe(out.data);
  });
  const a = u8(2, 3, 4);
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['no images', () => T.collate([]), RangeError, /collate: expected at least one image/],
    ['not an array', () => T.collate(a as never), TypeError, /collate: expected images/],
    ['different shapes', () => T.collate([a, u8(2, 3, 5)]), RangeError, /collate: expected every image to have shape/],
    ['different types', () => T.collate([a, { data: new Float32Array(24), shape: [2, 3, 4] }] as never), TypeError, /collate: expected images\[1\].data/],
    ['wrong out', () => T.collate([a], { out: { data: new Uint8Array(3), shape: [1, 2, 3, 4] } }), RangeError, /collate: expected options.out/],
  ];
  for (const [what, call, Err, message] of cases)
    it(what, () => {
      expect(call).toThrow(Err);
      expect(call).toThrow(message);
    });
});

describe('constructor errors name the class and the option', () => {
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['negative degrees', () => new T.RandomRotation(-5), RangeError, /RandomRotation: expected degrees to be non-negative/],
    ['degrees min > max', () => new T.RandomAffine([5, 1]), RangeError, /RandomAffine: expected degrees to be \[min, max\]/],
    ['translate above 1', () => new T.RandomAffine(0, { translate: [0.5, 2] }), RangeError, /RandomAffine: expected options.translate\[1\]/],
    ['scale 0', () => new T.RandomAffine(0, { scale: [0, 1] }), RangeError, /RandomAffine: expected options.scale to be positive/],
    ['shear of 3', () => new T.RandomAffine(0, { shear: [1, 2, 3] }), TypeError, /RandomAffine: expected options.shear/],
    ['p above 1', () => new T.RandomHorizontalFlip({ p: 2 }), RangeError, /RandomHorizontalFlip: expected options.p/],
    ['p a string', () => new T.RandomVerticalFlip({ p: '1' as never }), TypeError, /RandomVerticalFlip: expected options.p/],
    ['distortionScale 2', () => new T.RandomPerspective({ distortionScale: 2 }), RangeError, /RandomPerspective: expected options.distortionScale/],
    ['RRC size 0', () => new T.RandomResizedCrop(0), RangeError, /RandomResizedCrop: expected size/],
    ['RRC ratio negative', () => new T.RandomResizedCrop(4, { ratio: [-1, 1] }), RangeError, /RandomResizedCrop: expected options.ratio to be positive/],
    ['RRC unknown option', () => new T.RandomResizedCrop(4, { scales: [0, 1] } as never), TypeError, /RandomResizedCrop: expected option "scales"/],
    ['RandomCrop larger than the image', () => new T.RandomCrop(50).forward(u8(1, 10, 10)), RangeError, /RandomCrop: the crop 50x50/],
    ['elastic alpha of 3', () => new T.ElasticTransform({ alpha: [1, 2, 3] as never }), RangeError, /ElasticTransform: expected options.alpha to have 2/],
    ['seed and generator', () => new T.RandomRotation(3, { seed: 1, generator: new T.Generator(1) }), TypeError, /RandomRotation: expected options.generator/],
    ['generator not a Generator', () => new T.RandomRotation(3, { generator: {} as never }), TypeError, /RandomRotation: expected options.generator to be a Generator/],
    ['Compose of a function', () => new T.Compose([(() => 1) as never]), TypeError, /Compose: expected transforms\[0\]/],
    ['ToDtype int16', () => new T.ToDtype('int16' as never), TypeError, /ToDtype: expected dtype/],
    ['Generator NaN seed', () => new T.Generator(NaN), TypeError, /Generator: expected seed/],
  ];
  for (const [what, call, Err, message] of cases)
    it(what, () => {
      expect(call).toThrow(Err);
      expect(call).toThrow(message);
    });
});
