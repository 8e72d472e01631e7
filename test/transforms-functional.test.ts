// gridsample/transforms functional ops against torchvision 0.29.1 / torch
// 2.14.1 (tools/gen_transforms_fixtures.py): uint8 bit for bit, float32 within
// 1e-5, float64 within 1e-12, in contiguous and channels-last (HWC) layouts,
// on every SIMD target, 1 and N threads, sync and async alike.
import { afterEach, describe, expect, it } from 'vitest';
import { bestSimdTarget, getNumThreads, setNumThreads, setSimdTarget } from '../dist/index.js';
import * as T from '../dist/transforms/index.js';
import { type Data, type FixtureTensor, decode, loadFixtures, simdTargets } from './helpers';

interface Case {
  name: string;
  op: string;
  args: Record<string, any>;
  input: FixtureTensor;
  expected: FixtureTensor;
  displacement?: FixtureTensor;
  coefficients?: number[];
}
interface Fixtures { versions: Record<string, string>; cases: Case[] }

const affineFixtures = loadFixtures<Fixtures>('transforms_affine.json');
const otherFixtures = loadFixtures<Fixtures>('transforms.json');
const cases = [...affineFixtures.cases, ...otherFixtures.cases];
const targets = simdTargets();
const defaultThreads = getNumThreads();
afterEach(() => {
  setSimdTarget(bestSimdTarget());
  setNumThreads(defaultThreads);
});

type Img = { data: Data; shape: number[]; strides?: number[] };

/** The same image, channels-last: [C, H, W] as an HWC buffer, [N, C, H, W] as NHWC. */
function channelsLast(img: Img): Img {
  const s = img.shape;
  const [N, C, H, W] = s.length === 4 ? s : [1, ...s];
  const out = new (img.data.constructor as new (n: number) => Data)(img.data.length);
  for (let n = 0; n < N; ++n)
    for (let c = 0; c < C; ++c)
      for (let y = 0; y < H; ++y)
        for (let x = 0; x < W; ++x) out[((n * H + y) * W + x) * C + c] = img.data[((n * C + c) * H + y) * W + x];
  const strides = [1, W * C, C];
  return { data: out, shape: s, strides: s.length === 4 ? [H * W * C, ...strides] : strides };
}

/** The elements of a strided tensor in C order. */
function dense(t: Img): number[] {
  const shape = t.shape;
  const strides = t.strides ?? shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  for (let i = 0; i < n; ++i) {
    let rem = i;
    let off = 0;
    for (let d = shape.length - 1; d >= 0; --d) {
      off += (rem % shape[d]) * strides[d];
      rem = Math.floor(rem / shape[d]);
    }
    out[i] = t.data[off];
  }
  return out;
}

function apply(c: Case, img: Img): Img {
  const a = c.args;
  switch (c.op) {
    case 'rotate': return T.rotate(img, a.angle, { interpolation: a.interpolation, expand: a.expand, center: a.center, fill: a.fill });
    case 'affine': return T.affine(img, a);
    case 'perspective':
      // float64 keeps torchvision's solver noise: pass its coefficients (see perspective's doc)
      return c.input.dtype === 'float64'
        ? T.perspective(img, null, null, { interpolation: a.interpolation, fill: a.fill, coefficients: c.coefficients })
        : T.perspective(img, a.startpoints, a.endpoints, { interpolation: a.interpolation, fill: a.fill });
    case 'elasticTransform': {
      const d = c.displacement!;
      return T.elasticTransform(img, { data: decode(d), shape: d.shape }, a);
    }
    case 'crop': return T.crop(img, a.top, a.left, a.height, a.width);
    case 'centerCrop': return T.centerCrop(img, a.size);
    case 'resizedCrop': return T.resizedCrop(img, a.top, a.left, a.height, a.width, a.size, { interpolation: a.interpolation });
    case 'pad': return T.pad(img, a.padding, { mode: a.mode, fill: a.fill ?? undefined });
    case 'horizontalFlip': return T.horizontalFlip(img);
    case 'verticalFlip': return T.verticalFlip(img);
    case 'toDtype': return T.toDtype(img, a.dtype, { scale: a.scale });
    case 'normalize': return T.normalize(img as never, a.mean, a.std);
  }
  throw new Error(`unknown op ${c.op}`);
}

async function applyAsync(c: Case, img: Img): Promise<Img> {
  const a = c.args;
  switch (c.op) {
    case 'rotate': return T.rotateAsync(img, a.angle, { interpolation: a.interpolation, expand: a.expand, center: a.center, fill: a.fill });
    case 'affine': return T.affineAsync(img, a);
    case 'perspective':
      return c.input.dtype === 'float64'
        ? T.perspectiveAsync(img, null, null, { interpolation: a.interpolation, fill: a.fill, coefficients: c.coefficients })
        : T.perspectiveAsync(img, a.startpoints, a.endpoints, { interpolation: a.interpolation, fill: a.fill });
    case 'elasticTransform': {
      const d = c.displacement!;
      return T.elasticTransformAsync(img, { data: decode(d), shape: d.shape }, a);
    }
  }
  return apply(c, img);
}

/** '' when `out` matches the case's expected tensor, else what differs. */
function mismatch(c: Case, out: Img): string {
  if (JSON.stringify(out.shape) !== JSON.stringify(c.expected.shape))
    return `${c.name}: shape ${JSON.stringify(out.shape)}, expected ${JSON.stringify(c.expected.shape)}`;
  const want = decode(c.expected);
  const got = dense(out);
  const tol = c.expected.dtype === 'uint8' ? 0 : c.expected.dtype === 'float64' ? 1e-12 : 1e-5;
  for (let i = 0; i < want.length; ++i) {
    const d = Math.abs(got[i] - want[i]);
    if (!(d <= tol)) return `${c.name}: element ${i} is ${got[i]}, expected ${want[i]}`;
  }
  return '';
}

const WARPS = new Set(['rotate', 'affine', 'perspective', 'elasticTransform']);
const groups = new Map<string, Case[]>();
for (const c of cases) {
  const key = `${c.op} ${c.input.dtype}${c.args.interpolation ? ' ' + c.args.interpolation : ''}`;
  groups.set(key, [...(groups.get(key) ?? []), c]);
}

describe('fixtures record their references', () => {
  it('torchvision 0.29.1 and torch 2.14.1', () => {
    for (const f of [affineFixtures, otherFixtures]) {
      expect(f.versions.torchvision).toMatch(/^0\.29\.1/);
      expect(f.versions.torch).toMatch(/^2\.14\.1/);
    }
  });
});

describe('functional ops equal torchvision 0.29', () => {
  for (const [key, group] of groups) {
    const op = group[0].op;
    const onTargets = WARPS.has(op) ? targets : [bestSimdTarget()];
    for (const target of onTargets) {
      it(`${key} (${group.length} cases) on ${target}, contiguous and channels-last`, () => {
        setSimdTarget(target);
        const bad: string[] = [];
        for (const c of group) {
          const img: Img = { data: decode(c.input), shape: c.input.shape };
          for (const layout of [img, channelsLast(img)]) {
            const m = mismatch(c, apply(c, layout));
            if (m) bad.push(m);
          }
        }
        expect(bad.slice(0, 5)).toEqual([]);
      });
    }
  }
});

describe('warps: 1 thread, N threads and async give the same result', () => {
  const warpCases = cases.filter((c) => WARPS.has(c.op) && c.input.shape.at(-1)! > 1).filter((_, i) => i % 7 === 0);
  it(`${warpCases.length} cases`, async () => {
    const bad: string[] = [];
    for (const c of warpCases) {
      const img: Img = { data: decode(c.input), shape: c.input.shape };
      setNumThreads(1);
      const one = dense(apply(c, img));
      setNumThreads(3);
      const many = dense(apply(c, img));
      const asyncOut = dense(await applyAsync(c, channelsLast(img)));
      if (JSON.stringify(one) !== JSON.stringify(many) || JSON.stringify(one) !== JSON.stringify(asyncOut)) bad.push(c.name);
    }
    expect(bad).toEqual([]);
  });

  it('a large uint8 image (tap prefetch and work split paths) on every target', () => {
    const H = 300;
    const W = 420;
    const data = Uint8Array.from({ length: 3 * H * W }, (_, i) => (Math.imul(i, 2654435761) >>> 24));
    const img = { data, shape: [3, H, W] };
    const results = targets.flatMap((target) => {
      setSimdTarget(target);
      return [1, 2].map((n) => {
        setNumThreads(n);
        return Buffer.from(T.affine(img, { angle: 17, scale: 1.1, shear: [5, 3], interpolation: 'bilinear', fill: [1, 2, 3] }).data).toString('base64');
      });
    });
    expect(new Set(results).size).toBe(1);
  });
});

describe('crops are views', () => {
  it('crop and centerCrop inside the image share the input buffer', () => {
    const data = new Uint8Array(3 * 10 * 12).map((_, i) => i);
    const img = { data, shape: [3, 10, 12] };
    const c = T.crop(img, 2, 3, 4, 5);
    expect(c.data.buffer).toBe(data.buffer);
    expect(c.strides).toEqual([120, 12, 1]);
    expect(c.data[0]).toBe(2 * 12 + 3);
    const cc = T.centerCrop(T.fromHWC(new Uint8Array(10 * 12 * 3), 10, 12, 3), [4, 4]);
    expect(cc.strides).toEqual([1, 36, 3]);
  });
  it('a crop reaching outside is a new zero-padded tensor', () => {
    const img = { data: new Float32Array(4).fill(1), shape: [1, 2, 2] };
    const c = T.crop(img, -1, 0, 3, 2);
    expect(c.data.buffer).not.toBe(img.data.buffer);
    expect(Array.from(c.data)).toEqual([0, 0, 1, 1, 1, 1]);
  });
});

describe('errors name the op and the argument', () => {
  const img = { data: new Uint8Array(3 * 4 * 5), shape: [3, 4, 5] };
  const f32 = { data: new Float32Array(3 * 4 * 5), shape: [3, 4, 5] };
  const quad: [number, number][] = [[0, 0], [4, 0], [4, 3], [0, 3]];
  const disp = { data: new Float32Array(4 * 5 * 2), shape: [1, 4, 5, 2] };
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['rank 2 image', () => T.rotate({ data: new Uint8Array(4), shape: [2, 2] }, 10), RangeError, /rotate: expected img to be \[C, H, W\]/],
    ['empty image', () => T.affine({ data: new Uint8Array(0), shape: [3, 0, 4] }), RangeError, /affine: expected a non-empty image/],
    ['not a tensor', () => T.horizontalFlip(null as never), TypeError, /horizontalFlip: expected img/],
    ['crop height 0', () => T.crop(img, 0, 0, 0, 2), RangeError, /crop: expected height/],
    ['crop fractional top', () => T.crop(img, 0.5, 0, 1, 2), RangeError, /crop: expected top/],
    ['crop string width', () => T.crop(img, 0, 0, 1, '2' as never), TypeError, /crop: expected width/],
    ['centerCrop 3 entries', () => T.centerCrop(img, [1, 2, 3] as never), RangeError, /centerCrop: expected size to have 1 or 2/],
    ['centerCrop 0', () => T.centerCrop(img, 0), RangeError, /centerCrop: expected size/],
    ['resizedCrop bad option', () => T.resizedCrop(img, 0, 0, 2, 2, 3, { foo: 1 } as never), TypeError, /resizedCrop: expected option "foo"/],
    ['pad 3 entries', () => T.pad(img, [1, 2, 3]), RangeError, /pad: expected padding to have 1, 2 or 4/],
    ['pad negative', () => T.pad(img, -1), RangeError, /pad: expected padding\[0\]/],
    ['pad unknown mode', () => T.pad(img, 1, { mode: 'wrap' as never }), TypeError, /pad: expected options.mode/],
    ['pad fill with edge', () => T.pad(img, 1, { mode: 'edge', fill: 3 }), TypeError, /pad: expected options.fill/],
    ['pad reflect too large', () => T.pad(img, 4, { mode: 'reflect' }), RangeError, /pad: 'reflect' padding/],
    ['pad symmetric too large', () => T.pad(img, 6, { mode: 'symmetric' }), RangeError, /pad: 'symmetric' padding/],
    ['pad fill of 2 for 3 channels', () => T.pad(img, 1, { fill: [1, 2] }), RangeError, /pad: expected options.fill to have 1 or 3/],
    ['rotate NaN angle', () => T.rotate(img, NaN), RangeError, /rotate: expected angle to be finite/],
    ['rotate string angle', () => T.rotate(img, '9' as never), TypeError, /rotate: expected angle/],
    ['rotate unknown interpolation', () => T.rotate(img, 9, { interpolation: 'area' as never }), TypeError, /rotate: expected options.interpolation/],
    ['rotate center of 3', () => T.rotate(img, 9, { center: [1, 2, 3] as never }), RangeError, /rotate: expected options.center to have 2/],
    ['rotate expand not boolean', () => T.rotate(img, 9, { expand: 1 as never }), TypeError, /rotate: expected options.expand/],
    ['rotate fill string', () => T.rotate(img, 9, { fill: 'red' as never }), TypeError, /rotate: expected options.fill/],
    ['rotate fill of 2', () => T.rotate(img, 9, { fill: [1, 2] }), RangeError, /rotate: expected options.fill to have 1 or 3/],
    ['affine scale 0', () => T.affine(img, { scale: 0 }), RangeError, /affine: expected options.scale to be positive/],
    ['affine translate of 1', () => T.affine(img, { translate: [1] as never }), RangeError, /affine: expected options.translate to have 2/],
    ['affine shear string', () => T.affine(img, { shear: 'x' as never }), TypeError, /affine: expected options.shear/],
    ['affine unknown option', () => T.affine(img, { rotation: 3 } as never), TypeError, /affine: expected option "rotation"/],
    ['perspective 3 points', () => T.perspective(img, quad.slice(0, 3), quad), RangeError, /perspective: expected startpoints to have 4/],
    ['perspective collinear', () => T.perspective(img, quad, [[0, 0], [1, 1], [2, 2], [3, 3]]), RangeError, /perspective: the points/],
    ['perspective coefficients with points', () => T.perspective(img, quad, quad, { coefficients: [1, 0, 0, 0, 1, 0, 0, 0] }), TypeError, /perspective: expected startpoints and endpoints/],
    ['perspective 7 coefficients', () => T.perspective(img, null, null, { coefficients: [1, 0, 0, 0, 1, 0, 0] }), RangeError, /perspective: expected options.coefficients to have 8/],
    ['elastic wrong displacement shape', () => T.elasticTransform(img, { data: new Float32Array(8), shape: [1, 2, 2, 2] }), RangeError, /elasticTransform: expected displacement to have shape \[1, 4, 5, 2\]/],
    ['elastic uint8 displacement', () => T.elasticTransform(img, { data: new Uint8Array(40), shape: [1, 4, 5, 2] }), TypeError, /elasticTransform: expected displacement.data/],
    ['elastic bad interpolation', () => T.elasticTransform(img, disp, { interpolation: 'box' as never }), TypeError, /elasticTransform: expected options.interpolation/],
    ['toDtype unknown dtype', () => T.toDtype(img, 'int16' as never), TypeError, /toDtype: expected dtype/],
    ['toDtype scale not boolean', () => T.toDtype(img, 'float32', { scale: 1 as never }), TypeError, /toDtype: expected options.scale/],
    ['normalize uint8', () => T.normalize(img as never, [0], [1]), TypeError, /normalize: expected img.data/],
    ['normalize std 0', () => T.normalize(f32, [0], [0]), RangeError, /normalize: expected std to have no zero/],
    ['normalize mean of 2', () => T.normalize(f32, [0, 1], [1]), RangeError, /normalize: expected mean to have 1 or 3/],
    ['normalize mean not array', () => T.normalize(f32, 0 as never, [1]), TypeError, /normalize: expected mean/],
  ];
  for (const [what, call, Err, message] of cases) {
    it(what, () => {
      expect(call).toThrow(Err);
      expect(call).toThrow(message);
    });
  }
  it('async variants reject', async () => {
    await expect(T.rotateAsync(img, NaN)).rejects.toThrow(/rotateAsync: expected angle/);
    await expect(T.affineAsync(img, { scale: -1 })).rejects.toThrow(RangeError);
    await expect(T.perspectiveAsync(img, quad, null as never)).rejects.toThrow(/perspectiveAsync: expected endpoints/);
    await expect(T.elasticTransformAsync(img, disp, { fill: [1, 2] })).rejects.toThrow(/elasticTransformAsync: expected options.fill/);
  });
});

describe('uint8 gridSample: the SIMD byte gathers equal the scalar path', () => {
  // Planes of 1..8 pixels (below and at the 6-byte threshold of the byte
  // gathers), views ending at the buffer's end, taps in and out of bounds.
  it('every mode x padding x plane size, on every target', async () => {
    const { gridSample } = await import('../dist/index.js');
    const bad: string[] = [];
    for (const [H, W] of [[1, 1], [1, 2], [2, 2], [1, 5], [2, 3], [1, 6], [3, 3], [2, 4], [5, 7]]) {
      const C = 2;
      const data = Uint8Array.from({ length: C * H * W }, (_, i) => (Math.imul(i + 7, 2654435761) >>> 24));
      // channels-last view of the tail of a larger buffer: the last tap is the last byte
      const buf = new Uint8Array(5 + data.length);
      buf.set(data, 5);
      const img = { data: buf.subarray(5), shape: [1, C, H, W], strides: [C * H * W, 1, W * C, C] };
      const n = 37;
      const grid = { data: Float32Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 12.9898) * 1.3), shape: [1, 1, n, 2] };
      for (const mode of ['nearest', 'bilinear', 'bicubic'] as const)
        for (const paddingMode of ['zeros', 'border', 'reflection'] as const) {
          const outs = targets.map((target) => {
            setSimdTarget(target);
            return Array.from(gridSample(img, grid, { mode, paddingMode }).data).join();
          });
          if (new Set(outs).size !== 1) bad.push(`${H}x${W} ${mode} ${paddingMode}`);
        }
    }
    expect(bad).toEqual([]);
  });
});
