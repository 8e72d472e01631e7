import { describe, expect, it, afterEach } from 'vitest';
import {
  interpolate,
  interpolateAsync,
  Upsample,
  setNumThreads,
  getNumThreads,
  setSimdTarget,
  bestSimdTarget,
  type InterpolateOptions,
  type Tensor,
} from '../dist/index.js';
import { native } from '../dist/addon.js';
import {
  channelsLastStrides,
  contiguousStrides,
  ctorOf,
  decode,
  loadFixtures,
  logical,
  maxDiff,
  prod,
  random,
  relayout,
  sameBits,
  simdTargets,
  type Data,
  type FixtureTensor,
} from './helpers';

interface Case {
  name: string;
  mode: NonNullable<InterpolateOptions['mode']>;
  rank: 3 | 4 | 5;
  antialias: boolean;
  dtype: 'float32' | 'float64' | 'uint8';
  alignCorners: boolean | null;
  variant: string;
  channelsLast: boolean;
  size?: number[];
  scaleFactor?: number | number[];
  recomputeScaleFactor?: boolean;
  input: FixtureTensor;
  output: FixtureTensor;
}

const fixtures = loadFixtures<{ torch: string; cases: Case[] }>('interpolate.json');
const targets = simdTargets();
const defaultThreads = getNumThreads();

afterEach(() => {
  setSimdTarget(bestSimdTarget());
  setNumThreads(defaultThreads);
});


/** Channels-last and contiguous strides agree (C = 1 or every spatial size 1): PyTorch calls it contiguous. */
const ambiguous = (shape: readonly number[]) => {
  const a = contiguousStrides(shape), b = channelsLastStrides(shape);
  return shape.every((s, i) => s === 1 || a[i] === b[i]);
};



function optionsOf(c: Case): InterpolateOptions {
  const o: InterpolateOptions = { mode: c.mode };
  if (c.alignCorners !== null) o.alignCorners = c.alignCorners;
  if (c.antialias) o.antialias = true;
  if (c.size) o.size = c.size;
  if (c.scaleFactor !== undefined) o.scaleFactor = c.scaleFactor;
  if (c.recomputeScaleFactor) o.recomputeScaleFactor = true;
  return o;
}

function inputOf(c: Case, data: Data = decode(c.input)): Tensor {
  const shape = c.input.shape;
  if (!c.channelsLast) return { data, shape };
  const strides = channelsLastStrides(shape);
  return { data: relayout(data, shape, strides), shape, strides };
}

function run(c: Case): Tensor {
  return interpolate(inputOf(c), optionsOf(c));
}

function expectMatches(c: Case, got: Tensor) {
  expect(got.shape).toEqual(c.output.shape);
  if (c.channelsLast && !ambiguous(c.output.shape)) expect(got.strides, `${c.name}: channels-last output`).toEqual(channelsLastStrides(c.output.shape));
  const g = logical(got);
  const want = decode(c.output);
  expect(g.length).toBe(want.length);
  const nearest = c.mode === 'nearest' || c.mode === 'nearest-exact';
  if (nearest) {
    expect(sameBits(g, want), `${c.name}: nearest must pick PyTorch's pixels`).toBe(true);
    return;
  }
  if (c.dtype === 'uint8') {
    // The float32 result rounded half to even: exact except where the float
    // value sits on a rounding boundary (x.5) that an ulp can move; the
    // area / antialias kernels may use a fixed-point path (within 1).
    const f = logical(interpolate(inputOf(c, Float32Array.from(decode(c.input))), optionsOf(c)));
    const slack = c.mode === 'area' || c.antialias ? 1 : 0;
    for (let i = 0; i < want.length; ++i) {
      if (Math.abs(f[i] - Math.floor(f[i]) - 0.5) < 1e-3) continue;
      if (Math.abs(g[i] - want[i]) > slack) throw new Error(`${c.name}: element ${i} is ${g[i]}, expected ${want[i]} (float ${f[i]})`);
    }
    return;
  }
  const { diff, at } = maxDiff(g, want);
  const tol = c.dtype === 'float32' ? 1e-5 : 1e-12;
  if (diff > tol) throw new Error(`${c.name}: element ${at} is ${g[at]}, PyTorch ${want[at]} (diff ${diff})`);
  // Beyond the tolerance: we reproduce the roundings of Debian's torch
  // 1.13.1 contiguous kernels (its AVX2 build's fused multiply-adds
  // included) bit for bit; its channels-last bilinear kernel rounds
  // differently (and we give channels-last input the contiguous bits).
  if (['linear', 'bilinear', 'bicubic', 'trilinear'].includes(c.mode) && !c.antialias && !c.channelsLast)
    expect(sameBits(g, want), `${c.name}: bits differ from PyTorch`).toBe(true);
}

const own = fixtures.cases.filter((c) => c.mode !== 'area' && !c.antialias);
const area = fixtures.cases.filter((c) => c.mode === 'area');
const antialias = fixtures.cases.filter((c) => c.antialias);

describe(`parity with PyTorch ${fixtures.torch} (fixtures)`, () => {
  it('cover every mode x rank x dtype x alignCorners x (size | scale | recompute) x (up | down)', () => {
    const keys = new Set(
      fixtures.cases.map((c) => {
        const kind = c.size ? 'size' : c.recomputeScaleFactor ? 'recompute' : 'scale';
        const dir = /up|large|from-1|scale-2|scale-3/.test(c.variant) ? 'up' : 'down';
        return `${c.rank}/${c.mode}/${c.antialias}/${c.alignCorners}/${c.dtype}/${kind}/${dir}`;
      }),
    );
    const combos: Array<[number, string, boolean, Array<boolean | null>]> = [
      ...[3, 4, 5].flatMap((r) => ['nearest', 'nearest-exact', 'area'].map((m) => [r, m, false, [null]] as [number, string, boolean, Array<boolean | null>])),
      [3, 'linear', false, [false, true]],
      [4, 'bilinear', false, [false, true]],
      [4, 'bicubic', false, [false, true]],
      [5, 'trilinear', false, [false, true]],
      [4, 'bilinear', true, [false, true]],
      [4, 'bicubic', true, [false, true]],
    ];
    for (const [rank, mode, aa, acs] of combos)
      for (const ac of acs)
        for (const dt of ['float32', 'float64', 'uint8'])
          for (const kind of ['size', 'scale', 'recompute'])
            for (const dir of ['up', 'down']) {
              const k = `${rank}/${mode}/${aa}/${ac}/${dt}/${kind}/${dir}`;
              expect(keys.has(k), k).toBe(true);
            }
    expect(fixtures.cases.some((c) => c.channelsLast && c.rank === 5)).toBe(true);
  });

  for (const target of targets) {
    describe(`SIMD target ${target}`, () => {
      for (const c of own) {
        it(c.name, () => {
          expect(setSimdTarget(target)).toBe(true);
          expectMatches(c, run(c));
        });
      }
    });
  }

  describe("mode 'area' (adaptiveAvgPool kernels)", () => {
    for (const c of area) it(c.name, () => expectMatches(c, run(c)));
  });
  describe('antialias (interpolateAntialias kernels)', () => {
    for (const c of antialias) it(c.name, () => expectMatches(c, run(c)));
  });
});

// Configurations big enough for several SIMD vectors, tails and row caching.
const configs: Array<[string, number[], InterpolateOptions]> = [];
for (const dt of ['f32', 'f64', 'u8']) {
  configs.push([dt, [2, 3, 37], { mode: 'linear', size: 81 }]);
  configs.push([dt, [2, 3, 37], { mode: 'nearest', scaleFactor: 1.7 }]);
  configs.push([dt, [2, 3, 17, 29], { mode: 'bilinear', scaleFactor: 1.7 }]);
  configs.push([dt, [2, 3, 17, 29], { mode: 'bilinear', size: [7, 11], alignCorners: true }]);
  configs.push([dt, [2, 3, 17, 29], { mode: 'bicubic', scaleFactor: [2, 0.37] }]);
  configs.push([dt, [2, 3, 17, 29], { mode: 'nearest-exact', size: [40, 13] }]);
  configs.push([dt, [2, 3, 17, 29], { mode: 'nearest', scaleFactor: 2 }]);
  configs.push([dt, [1, 2, 5, 9, 23], { mode: 'trilinear', scaleFactor: 1.7 }]);
  configs.push([dt, [1, 2, 5, 9, 23], { mode: 'nearest', size: [3, 11, 40] }]);
  // long rows: window reads with 1, 2 and 4 vectors, and blocks too wide for any
  configs.push([dt, [1, 3, 6, 200], { mode: 'bilinear', size: [5, 61] }]);
  configs.push([dt, [1, 3, 6, 200], { mode: 'bilinear', size: [4, 23] }]);
  configs.push([dt, [1, 3, 6, 200], { mode: 'bicubic', size: [5, 131] }]);
  configs.push([dt, [1, 3, 6, 100], { mode: 'nearest', size: [5, 57] }]);
  configs.push([dt, [1, 3, 6, 100], { mode: 'nearest-exact', size: [5, 333] }]);
  // many channels: channels-last rows are processed pixel by pixel
  configs.push([dt, [2, 21, 7, 9], { mode: 'bilinear', scaleFactor: 1.7 }]);
  configs.push([dt, [2, 21, 7, 9], { mode: 'bicubic', size: [4, 13] }]);
  configs.push([dt, [2, 21, 7, 9], { mode: 'nearest', size: [9, 19] }]);
  configs.push([dt, [1, 17, 3, 5, 6], { mode: 'trilinear', scaleFactor: [1.5, 0.5, 2] }]);
}
const ctorOf = (dt: string) => (dt === 'f32' ? Float32Array : dt === 'f64' ? Float64Array : Uint8Array);
const inputFor = (dt: string, shape: number[], seed = 7): Tensor => ({ data: random(prod(shape), dt === 'u8' ? 0 : -2, dt === 'u8' ? 256 : 2, seed, ctorOf(dt)), shape });

describe('every SIMD target and thread count gives identical bits', () => {
  for (const [dt, shape, opts] of configs) {
    it(`${dt} ${shape.join('x')} ${JSON.stringify(opts)}`, () => {
      const input = inputFor(dt, shape);
      setNumThreads(1);
      setSimdTarget('baseline');
      const ref = interpolate(input, opts).data;
      for (const target of targets)
        for (const threads of [1, 2, 3]) {
          setSimdTarget(target);
          setNumThreads(threads);
          expect(sameBits(interpolate(input, opts).data, ref), `${target} x${threads}`).toBe(true);
        }
    });
  }
});

describe('outputs over 16 MB (streamed stores) equal the baseline target', () => {
  const cases: Array<[string, number[], InterpolateOptions, number]> = [
    ['f32', [1, 1, 600, 601], { mode: 'bilinear', size: [2101, 2099] }, 0],
    ['f32', [1, 1, 600, 601], { mode: 'bicubic', size: [2101, 2099] }, 1],
    ['f32', [1, 1, 600, 601], { mode: 'nearest', size: [2101, 2099] }, 0],
    ['u8', [1, 1, 1001, 1003], { mode: 'nearest', size: [4100, 4102] }, 3],
  ];
  for (const [dt, shape, opts, shift] of cases) {
    it(`${dt} ${shape.join('x')} ${JSON.stringify(opts)}, out misaligned by ${shift}`, () => {
      const input = inputFor(dt, shape);
      const oshape = [1, 1, ...(opts.size as number[])];
      const Ctor = ctorOf(dt);
      const out = { data: new Ctor(prod(oshape) + shift).subarray(shift), shape: oshape };
      setSimdTarget(bestSimdTarget());
      interpolate(input, { ...opts, out: out as never });
      setSimdTarget('baseline');
      const ref = interpolate(input, opts).data;
      expect(sameBits(out.data, ref)).toBe(true);
    });
  }
});

describe('randomized configurations: every SIMD target equals the scalar baseline', () => {
  // xorshift picks of rank, mode, dtype, sizes, factors and layout (crop,
  // channels-last or contiguous); the baseline target has no window reads,
  // by-pixel rows or streamed stores, so it checks all of those.
  let seed = 12345;
  const rnd = (n: number) => {
    seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
    return seed % n;
  };
  for (let k = 0; k < 60; ++k) {
    const rank = 3 + rnd(3);
    const modes = rank === 3 ? ['nearest', 'nearest-exact', 'linear'] : rank === 4 ? ['nearest', 'nearest-exact', 'bilinear', 'bicubic'] : ['nearest', 'nearest-exact', 'trilinear'];
    const mode = modes[rnd(modes.length)] as InterpolateOptions['mode'];
    const dt = ['f32', 'f64', 'u8'][rnd(3)];
    const C = [1, 3, 4, 16, 19][rnd(5)];
    const spatial = Array.from({ length: rank - 2 }, () => 1 + rnd(rank === 5 ? 12 : 70));
    const shape = [1 + rnd(2), C, ...spatial];
    const opts: InterpolateOptions = { mode };
    if (rnd(2)) opts.size = spatial.map(() => 1 + rnd(rank === 5 ? 14 : 90));
    else opts.scaleFactor = spatial.map((s) => Math.max(1.01 / s, [0.37, 0.5, 0.8, 1.7, 2, 2.0000001, 3.3][rnd(7)]));
    if (opts.scaleFactor && rnd(3) === 0) opts.recomputeScaleFactor = true;
    if (mode !== 'nearest' && mode !== 'nearest-exact' && rnd(2)) opts.alignCorners = true;
    let layout = rank >= 4 ? ['contiguous', 'channelsLast', 'crop'][rnd(3)] : ['contiguous', 'crop'][rnd(2)];
    // a crop of a single row is contiguous
    if (layout === 'crop' && shape.slice(0, -1).every((v) => v === 1)) layout = 'contiguous';
    it(`${k}: ${dt} ${shape.join('x')} ${layout} ${JSON.stringify(opts)}`, () => {
      let input = inputFor(dt, shape, 100 + k);
      if (layout === 'channelsLast') {
        const strides = channelsLastStrides(shape);
        input = { data: relayout(input.data, shape, strides), shape, strides };
      } else if (layout === 'crop') {
        // the same values inside a buffer with one spare element per row
        const big = shape.slice();
        big[big.length - 1] += 1;
        const strides = contiguousStrides(big);
        input = { data: new (input.data.constructor as new (n: number) => Data)(prod(big)), shape, strides };
        const dense = contiguousStrides(shape);
        const src = inputFor(dt, shape, 100 + k).data;
        for (let i = 0; i < src.length; ++i) {
          let off = 0;
          for (let d = 0; d < shape.length; ++d) off += (Math.floor(i / dense[d]) % shape[d]) * strides[d];
          input.data[off] = src[i];
        }
      }
      setSimdTarget('baseline');
      setNumThreads(1);
      const ref = logical(interpolate(input, opts));
      for (const target of targets) {
        setSimdTarget(target);
        setNumThreads(2);
        expect(sameBits(logical(interpolate(input, opts)), ref), target).toBe(true);
      }
    });
  }
});

describe('channels-last input', () => {
  for (const [dt, shape, opts] of configs.filter(([, s]) => s.length >= 4)) {
    it(`gives the contiguous result's values in a channels-last output: ${dt} ${shape.join('x')} ${JSON.stringify(opts)}`, () => {
      const input = inputFor(dt, shape);
      const strides = channelsLastStrides(shape);
      const cl = { data: relayout(input.data, shape, strides), shape, strides };
      const a = interpolate(cl, opts);
      const b = interpolate(input, opts);
      expect(a.strides).toEqual(channelsLastStrides(b.shape));
      expect(b.strides).toBeUndefined();
      expect(sameBits(logical(a), b.data)).toBe(true);
      // memoryFormat overrides the input's format both ways
      const c = interpolate(cl, { ...opts, memoryFormat: 'contiguous' });
      expect(c.strides).toBeUndefined();
      expect(sameBits(c.data, b.data)).toBe(true);
      const d = interpolate(input, { ...opts, memoryFormat: 'channelsLast' });
      expect(d.strides).toEqual(channelsLastStrides(b.shape));
      expect(sameBits(logical(d), b.data)).toBe(true);
    });
  }

  it('C = 1 counts as contiguous (ambiguous layout), like PyTorch', () => {
    const shape = [2, 1, 5, 6];
    const input = { data: random(60, 0, 1, 3), shape, strides: channelsLastStrides(shape) };
    expect(interpolate(input, { size: [3, 3], mode: 'bilinear' }).strides).toBeUndefined();
  });
});

describe('other strided inputs are read in place', () => {
  it('a crop (view with gaps and an offset) equals its copy', () => {
    const big = random(2 * 3 * 12 * 15, -1, 1, 41);
    const shape = [2, 3, 7, 9];
    const strides = [3 * 12 * 15, 12 * 15, 15, 1];
    const view = { data: big.subarray(2 * 15 + 3), shape, strides };
    const copy = logical(view);
    for (const mode of ['nearest', 'nearest-exact', 'bilinear', 'bicubic'] as const) {
      const a = interpolate(view, { mode, scaleFactor: 1.7 });
      const b = interpolate({ data: copy, shape }, { mode, scaleFactor: 1.7 });
      expect(sameBits(a.data, b.data), mode).toBe(true);
    }
  });

  it('a W-strided input (every other column)', () => {
    const base = random(1 * 2 * 5 * 16, -1, 1, 43);
    const shape = [1, 2, 5, 8];
    const view = { data: base, shape, strides: [160, 80, 16, 2] };
    const copy = logical(view);
    const a = interpolate(view, { mode: 'bilinear', size: [9, 13] });
    const b = interpolate({ data: copy, shape }, { mode: 'bilinear', size: [9, 13] });
    expect(sameBits(a.data, b.data)).toBe(true);
  });
});

describe('options.out', () => {
  it('receives the result (contiguous)', () => {
    const input = inputFor('f32', [1, 2, 5, 6]);
    const out = { data: new Float32Array(2 * 9 * 11), shape: [1, 2, 9, 11] };
    const r = interpolate(input, { mode: 'bicubic', size: [9, 11], out });
    expect(r.data).toBe(out.data);
    expect(sameBits(out.data, interpolate(input, { mode: 'bicubic', size: [9, 11] }).data)).toBe(true);
  });

  it('receives the result (channels-last) and must be dense in the result format', () => {
    const shape = [1, 3, 5, 6];
    const input = { ...inputFor('f32', shape), strides: undefined };
    const cl = { data: relayout(input.data, shape, channelsLastStrides(shape)), shape, strides: channelsLastStrides(shape) };
    const oshape = [1, 3, 10, 12];
    const out = { data: new Float32Array(prod(oshape)), shape: oshape, strides: channelsLastStrides(oshape) };
    const r = interpolate(cl, { mode: 'bilinear', scaleFactor: 2, out });
    expect(r.data).toBe(out.data);
    expect(sameBits(logical(r), interpolate(input, { mode: 'bilinear', scaleFactor: 2 }).data)).toBe(true);
    expect(() => interpolate(cl, { mode: 'bilinear', scaleFactor: 2, out: { data: new Float32Array(prod(oshape)), shape: oshape } })).toThrow(/interpolate.*channels-last/);
  });

  it('wrong shape, dtype or overlapping memory are refused', () => {
    const input = inputFor('f32', [1, 2, 5, 6]);
    expect(() => interpolate(input, { size: [3, 3], out: { data: new Float32Array(20), shape: [1, 2, 2, 5] } })).toThrow(RangeError);
    expect(() => interpolate(input, { size: [3, 3], out: { data: new Float64Array(18), shape: [1, 2, 3, 3] } as never })).toThrow(TypeError);
    const buf = new Float32Array(80);
    const view = { data: buf.subarray(0, 60), shape: [1, 2, 5, 6] };
    expect(() => interpolate(view, { size: [3, 3], out: { data: buf.subarray(50, 68), shape: [1, 2, 3, 3] } })).toThrow(/interpolate.*shares memory/);
  });
});

describe('uint8', () => {
  it('Uint8ClampedArray in, Uint8ClampedArray out; weighted modes round the float32 result half to even and clamp', () => {
    const shape = [1, 3, 6, 7];
    const u8 = random(prod(shape), 0, 256, 5, Uint8ClampedArray) as Uint8ClampedArray;
    for (const mode of ['nearest', 'nearest-exact', 'bilinear', 'bicubic'] as const) {
      const r = interpolate({ data: u8, shape }, { mode, scaleFactor: 1.7 });
      expect(r.data).toBeInstanceOf(Uint8ClampedArray);
      const f = interpolate({ data: Float32Array.from(u8), shape }, { mode, scaleFactor: 1.7 }).data;
      for (let i = 0; i < f.length; ++i) {
        const want = Math.min(255, Math.max(0, f[i]));
        const rounded = Math.abs(want - Math.floor(want) - 0.5) < 1e-9 ? (Math.floor(want) % 2 === 0 ? Math.floor(want) : Math.ceil(want)) : Math.round(want);
        expect(r.data[i]).toBe(rounded);
      }
    }
  });

  it('ties round half to even (vector and scalar paths)', () => {
    const W = 41;
    const data = new Uint8Array(2 * W);
    for (let i = 0; i < W; ++i) (data[i] = i), (data[W + i] = i + 1);
    for (const target of targets) {
      setSimdTarget(target);
      const r = interpolate({ data, shape: [1, 1, 2, W] }, { mode: 'bilinear', size: [3, W], alignCorners: true });
      const middle = Array.from(r.data.subarray(W, 2 * W));
      expect(middle, target).toEqual(Array.from({ length: W }, (_, i) => (i % 2 === 0 ? i : i + 1)));
    }
  });

  it('bicubic overshoot clamps to [0, 255]', () => {
    const data = new Uint8Array([0, 255, 0, 255, 0, 255, 0, 255]);
    const r = interpolate({ data, shape: [1, 1, 2, 4] }, { mode: 'bicubic', size: [2, 15] });
    expect(Array.from(r.data).some((v) => v === 255)).toBe(true);
    expect(Array.from(r.data).some((v) => v === 0)).toBe(true);
  });
});

describe('interpolateAsync', () => {
  it('equals the sync result for every mode', async () => {
    for (const [dt, shape, opts] of configs) {
      const input = inputFor(dt, shape);
      const a = await interpolateAsync(input, opts);
      expect(sameBits(a.data, interpolate(input, opts).data), `${dt} ${JSON.stringify(opts)}`).toBe(true);
    }
  });

  it('rejects bad arguments instead of throwing', async () => {
    await expect(interpolateAsync(inputFor('f32', [1, 1, 4, 4]), { mode: 'linear', size: 3 })).rejects.toThrow(RangeError);
  });

  it('inputs modified right after the call do not change the result', async () => {
    const input = inputFor('f32', [2, 3, 64, 64]);
    const want = interpolate(input, { mode: 'bilinear', scaleFactor: 1.7 }).data;
    const p = interpolateAsync(input, { mode: 'bilinear', scaleFactor: 1.7 });
    input.data.fill(7);
    expect(sameBits((await p).data, want)).toBe(true);
  });
});

describe('Upsample', () => {
  it('forward and forwardAsync equal interpolate with the same options', async () => {
    const input = inputFor('f32', [2, 3, 7, 9]);
    for (const opts of [
      { scaleFactor: 2 },
      { size: [5, 4], mode: 'bilinear' as const, alignCorners: true },
      { scaleFactor: [1.7, 0.37], mode: 'bicubic' as const, recomputeScaleFactor: true },
      { scaleFactor: 1.5, mode: 'nearest-exact' as const },
    ]) {
      const up = new Upsample(opts);
      const want = interpolate(input, opts).data;
      expect(sameBits(up.forward(input).data, want)).toBe(true);
      expect(sameBits((await up.forwardAsync(input)).data, want)).toBe(true);
    }
  });

  it('keeps its options like nn.Upsample', () => {
    const up = new Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: false });
    expect(up.scaleFactor).toBe(2);
    expect(up.mode).toBe('bilinear');
    expect(up.alignCorners).toBe(false);
    expect(String(up)).toMatch(/Upsample\(scaleFactor=2, mode='bilinear'\)/);
    expect(new Upsample({ size: 3 }).mode).toBe('nearest');
  });

  it('checks its options when constructed; errors name Upsample', () => {
    expect(() => new Upsample({})).toThrow(/Upsample.*size or scaleFactor/);
    expect(() => new Upsample({ size: 3, scaleFactor: 2 })).toThrow(TypeError);
    expect(() => new Upsample({ size: 3, mode: 'nearest', alignCorners: true })).toThrow(/Upsample.*alignCorners/);
    expect(() => new Upsample({ scaleFactor: -1 })).toThrow(RangeError);
    expect(() => new Upsample({ scaleFactor: 2, antialias: true } as never)).toThrow(/Upsample.*"antialias"/);
    expect(() => new Upsample(undefined as never)).toThrow(/Upsample/);
  });

  it('forward errors name Upsample', () => {
    expect(() => new Upsample({ scaleFactor: 2, mode: 'trilinear' }).forward(inputFor('f32', [1, 1, 4, 4]))).toThrow(/Upsample.*trilinear.*5D/);
  });
});

describe('empty inputs', () => {
  it('an empty batch gives an empty result of the right shape', () => {
    const r = interpolate({ data: new Float32Array(0), shape: [0, 3, 5, 7] }, { mode: 'bilinear', scaleFactor: 2 });
    expect(r.shape).toEqual([0, 3, 10, 14]);
    expect(r.data.length).toBe(0);
  });
});

describe('argument rules (PyTorch 1.13 functional.interpolate)', () => {
  const x3 = () => inputFor('f32', [1, 2, 5]);
  const x4 = () => inputFor('f32', [1, 2, 5, 7]);
  const x5 = () => inputFor('f32', [1, 2, 3, 4, 5]);
  type Rule = [string, () => unknown, typeof TypeError | typeof RangeError, RegExp];
  const rules: Rule[] = [
    ['neither size nor scaleFactor', () => interpolate(x4(), {}), TypeError, /interpolate.*size or scaleFactor/],
    ['both size and scaleFactor', () => interpolate(x4(), { size: 3, scaleFactor: 2 }), TypeError, /interpolate.*only one of size or scaleFactor/],
    ['options missing', () => interpolate(x4(), undefined as never), TypeError, /interpolate.*size or scaleFactor/],
    ['options not an object', () => interpolate(x4(), 'bilinear' as never), TypeError, /interpolate.*options/],
    ['unknown option key', () => interpolate(x4(), { size: 3, align_corners: true } as never), TypeError, /interpolate.*"align_corners"/],
    ['unknown mode', () => interpolate(x4(), { size: 3, mode: 'cubic' as never }), TypeError, /interpolate.*options.mode.*"cubic"/],
    ['size list of the wrong length', () => interpolate(x4(), { size: [3] }), RangeError, /interpolate.*options.size.*2 entries.*\[1, 2, 5, 7\]/],
    ['scaleFactor list of the wrong length', () => interpolate(x4(), { scaleFactor: [2, 2, 2] }), RangeError, /interpolate.*options.scaleFactor.*2 entries/],
    ['size list too long for any rank', () => interpolate(x4(), { size: [1, 2, 3, 4] }), RangeError, /interpolate.*options.size/],
    ['size not a number', () => interpolate(x4(), { size: '3' as never }), TypeError, /interpolate.*options.size/],
    ['size entry not a number', () => interpolate(x4(), { size: [3, null] as never }), TypeError, /interpolate.*options.size\[1\]/],
    ['non-integer size', () => interpolate(x4(), { size: 2.5 }), RangeError, /interpolate.*options.size.*integer.*2.5/],
    ['size 0', () => interpolate(x4(), { size: [3, 0] }), RangeError, /interpolate.*options.size\[1\].*at least 1/],
    ['negative size', () => interpolate(x4(), { size: -3 }), RangeError, /interpolate.*at least 1/],
    ['unsafe integer size', () => interpolate(x4(), { size: 2 ** 60 }), RangeError, /interpolate.*too large/],
    ['scaleFactor not a number', () => interpolate(x4(), { scaleFactor: '2' as never }), TypeError, /interpolate.*options.scaleFactor/],
    ['scaleFactor 0', () => interpolate(x4(), { scaleFactor: 0 }), RangeError, /interpolate.*positive finite/],
    ['negative scaleFactor', () => interpolate(x4(), { scaleFactor: [2, -1] }), RangeError, /interpolate.*options.scaleFactor\[1\].*positive finite/],
    ['NaN scaleFactor', () => interpolate(x4(), { scaleFactor: NaN }), RangeError, /interpolate.*positive finite.*NaN/],
    ['infinite scaleFactor', () => interpolate(x4(), { scaleFactor: Infinity }), RangeError, /interpolate.*positive finite.*Infinity/],
    ['scaleFactor giving an output size of 0', () => interpolate(x4(), { scaleFactor: 0.1 }), RangeError, /interpolate.*output size of 0.*at least 1/],
    ['scaleFactor making the output overflow', () => interpolate(x4(), { scaleFactor: 1e300 }), RangeError, /interpolate.*overflow/],
    ['output too large to allocate', () => interpolate(x4(), { scaleFactor: 1e6 }), RangeError, /interpolate.*too large/],
    ['alignCorners with nearest', () => interpolate(x4(), { size: 3, alignCorners: false }), TypeError, /interpolate.*alignCorners.*'nearest'/],
    ['alignCorners with nearest-exact', () => interpolate(x4(), { size: 3, mode: 'nearest-exact', alignCorners: true }), TypeError, /interpolate.*alignCorners/],
    ['alignCorners with area', () => interpolate(x4(), { size: 3, mode: 'area', alignCorners: true }), TypeError, /interpolate.*alignCorners.*'area'/],
    ['alignCorners not a boolean', () => interpolate(x4(), { size: 3, mode: 'bilinear', alignCorners: 1 as never }), TypeError, /interpolate.*alignCorners.*boolean/],
    ['recomputeScaleFactor with size', () => interpolate(x4(), { size: 3, recomputeScaleFactor: true }), TypeError, /interpolate.*recomputeScaleFactor.*explicit size/],
    ['recomputeScaleFactor not a boolean', () => interpolate(x4(), { scaleFactor: 2, recomputeScaleFactor: 'yes' as never }), TypeError, /interpolate.*recomputeScaleFactor/],
    ['antialias with nearest', () => interpolate(x4(), { size: 3, antialias: true }), TypeError, /interpolate.*antialias.*'nearest'/],
    ['antialias with trilinear', () => interpolate(x5(), { size: 3, mode: 'trilinear', antialias: true }), TypeError, /interpolate.*antialias/],
    ['antialias not a boolean', () => interpolate(x4(), { size: 3, mode: 'bilinear', antialias: 1 as never }), TypeError, /interpolate.*antialias.*boolean/],
    ['linear with 4D input', () => interpolate(x4(), { size: 3, mode: 'linear' }), RangeError, /interpolate.*'linear' needs a 3D input.*\[1, 2, 5, 7\]/],
    ['bilinear with 3D input', () => interpolate(x3(), { size: 3, mode: 'bilinear' }), RangeError, /interpolate.*'bilinear' needs a 4D/],
    ['bilinear with 5D input', () => interpolate(x5(), { size: 3, mode: 'bilinear' }), RangeError, /interpolate.*'bilinear' needs a 4D/],
    ['bicubic with 5D input', () => interpolate(x5(), { size: 3, mode: 'bicubic' }), RangeError, /interpolate.*'bicubic' needs a 4D/],
    ['trilinear with 4D input', () => interpolate(x4(), { size: 3, mode: 'trilinear' }), RangeError, /interpolate.*'trilinear' needs a 5D/],
    ['rank 2 input', () => interpolate({ data: new Float32Array(4), shape: [2, 2] }, { size: 3 }), RangeError, /interpolate.*3D.*\[2, 2\]/],
    ['rank 6 input', () => interpolate({ data: new Float32Array(1), shape: [1, 1, 1, 1, 1, 1] }, { size: 3 }), RangeError, /interpolate.*\[1, 1, 1, 1, 1, 1\]/],
    ['empty spatial dimension', () => interpolate({ data: new Float32Array(0), shape: [1, 2, 0, 7] }, { size: 3 }), RangeError, /interpolate.*non-empty spatial.*\[1, 2, 0, 7\]/],
    ['no channels', () => interpolate({ data: new Float32Array(0), shape: [1, 0, 4, 7] }, { size: 3 }), RangeError, /interpolate.*non-empty input.*\[1, 0, 4, 7\]/],
    ['memoryFormat unknown', () => interpolate(x4(), { size: 3, memoryFormat: 'nhwc' as never }), TypeError, /interpolate.*memoryFormat/],
    ['input not a tensor', () => interpolate(new Float32Array(4) as never, { size: 3 }), TypeError, /interpolate.*input/],
    ['input data too short', () => interpolate({ data: new Float32Array(10), shape: [1, 2, 5, 7] }, { size: 3 }), RangeError, /interpolate.*70 elements/],
    ['Int16Array input', () => interpolate({ data: new Int16Array(70), shape: [1, 2, 5, 7] } as never, { size: 3 }), TypeError, /interpolate.*input.data/],
  ];
  for (const [name, fn, Err, msg] of rules) {
    it(name, () => {
      expect(fn).toThrow(Err);
      expect(fn).toThrow(msg);
    });
  }

  it('antialias with bilinear on 3D input is a RangeError (rank)', () => {
    const fn = () => interpolate(x3(), { size: 3, mode: 'bilinear', antialias: true });
    // PyTorch checks the mode's rank first ('bilinear' needs 4D)
    expect(fn).toThrow(RangeError);
    expect(fn).toThrow(/interpolate/);
  });

  it('alignCorners: false is accepted by the linear modes, recomputeScaleFactor: false with size too', () => {
    expect(() => interpolate(x4(), { size: 3, mode: 'bilinear', alignCorners: false })).not.toThrow();
    expect(() => interpolate(x4(), { size: 3, recomputeScaleFactor: false })).not.toThrow();
  });
});

describe('output size and the scale the kernel sees', () => {
  it('floor(in * factor) computed in double', () => {
    const shape = (s: number, f: number) => interpolate({ data: new Float32Array(s), shape: [1, 1, s] }, { scaleFactor: f }).shape[2];
    expect(shape(10, 0.37)).toBe(3);
    expect(shape(100, 0.37)).toBe(37);
    expect(shape(10, 1.7)).toBe(17);
    expect(shape(10, 2.0000001)).toBe(20);
    expect(shape(3, 0.7)).toBe(2); // 3 * 0.7 = 2.0999999999999996
    expect(shape(49, 0.1)).toBe(4);
  });

  it("nearest at a factor that floors to exactly 2x: torch 1.13's channels-last kernel halves the index, its generic kernel floors o * (1/factor)", () => {
    const row = Float32Array.from({ length: 7 }, (_, i) => i);
    const generic = [0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6];
    const halves = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6];
    // 3D input: always the generic kernel
    expect(Array.from(interpolate({ data: row, shape: [1, 1, 7] }, { scaleFactor: 2.0000001 }).data)).toEqual(generic);
    // 4D, C = 3 contiguous: generic; C = 1 (also channels-last by its strides) and channels-last: halves
    const three = new Float32Array(21);
    three.set(row, 7);
    const w = (t: Tensor, c: number) => Array.from(logical(t)).slice(c * 14, c * 14 + 14);
    expect(w(interpolate({ data: three, shape: [1, 3, 1, 7] }, { scaleFactor: [1, 2.0000001] }), 1)).toEqual(generic);
    expect(w(interpolate({ data: row, shape: [1, 1, 1, 7] }, { scaleFactor: [1, 2.0000001] }), 0)).toEqual(halves);
    const cl = { data: relayout(three, [1, 3, 1, 7], channelsLastStrides([1, 3, 1, 7])), shape: [1, 3, 1, 7], strides: channelsLastStrides([1, 3, 1, 7]) };
    expect(w(interpolate(cl, { scaleFactor: [1, 2.0000001] }), 1)).toEqual(halves);
  });

  it('the user factor differs from in/out: 1/scale unless recomputed', () => {
    const data = Float32Array.from({ length: 10 }, (_, i) => i);
    const a = interpolate({ data, shape: [1, 1, 10] }, { mode: 'linear', scaleFactor: 0.37 }).data;
    const b = interpolate({ data, shape: [1, 1, 10] }, { mode: 'linear', scaleFactor: 0.37, recomputeScaleFactor: true }).data;
    const c = interpolate({ data, shape: [1, 1, 10] }, { mode: 'linear', size: 3 }).data;
    expect(sameBits(b, c)).toBe(true);
    expect(sameBits(a, c)).toBe(false);
    // 1/0.37 = 2.7027...: source of output 1 is 1.5 * 2.7027 - 0.5
    expect(a[1]).toBeCloseTo(1.5 / 0.37 - 0.5, 5);
  });
});

describe("'area' and antialias reach the adaptive pooling and antialias natives with PyTorch's arguments", () => {
  type Req = { input: { shape: number[] }; out: { shape: number[]; data: unknown }; mode?: string; alignCorners?: boolean; scales?: number[] };
  type Fn = (req: Req) => unknown;
  const n = native as unknown as Record<string, Fn>;
  /** Replaces native[name] by a recorder that returns the request's out.data (a Promise of it for the Async functions). */
  function withStub(name: string, body: (calls: Req[]) => unknown) {
    const saved = n[name];
    const calls: Req[] = [];
    n[name] = (req: Req) => {
      calls.push(req);
      return name.endsWith('Async') ? Promise.resolve(req.out.data) : req.out.data;
    };
    const restore = () => { n[name] = saved; };
    try {
      const r = body(calls);
      if (r instanceof Promise) return r.finally(restore);
      restore();
      return r;
    } catch (e) {
      restore();
      throw e;
    }
  }
  const x = () => inputFor('f32', [2, 3, 10, 7]);

  it("mode 'area': adaptiveAvgPool({input, out}) with out of the recomputed size", () => {
    withStub('adaptiveAvgPool', (calls) => {
      const r = interpolate(x(), { mode: 'area', scaleFactor: 0.37 });
      expect(r.shape).toEqual([2, 3, 3, 2]);
      expect(calls.length).toBe(1);
      const { input, out } = calls[0];
      expect(input.shape).toEqual([2, 3, 10, 7]);
      expect(out.shape).toEqual([2, 3, 3, 2]);
      expect(out.data).toBe(r.data);
    });
  });

  it('antialias: interpolateAntialias({input, out, mode, alignCorners, scales})', () => {
    withStub('interpolateAntialias', (calls) => {
      interpolate(x(), { mode: 'bicubic', antialias: true, scaleFactor: [0.5, 0.37], alignCorners: true });
      interpolate(x(), { mode: 'bilinear', antialias: true, size: [4, 3] });
      interpolate(x(), { mode: 'bilinear', antialias: true, scaleFactor: 0.5, recomputeScaleFactor: true });
      expect(calls.map((c) => [c.mode, c.alignCorners, c.scales])).toEqual([
        ['bicubic', true, [0.5, 0.37]],
        ['bilinear', false, [0, 0]],
        ['bilinear', false, [0, 0]],
      ]);
      expect(calls[0].out.shape).toEqual([2, 3, 5, 2]);
    });
  });

  it('async calls go to adaptiveAvgPoolAsync and resolve to the result', async () => {
    await withStub('adaptiveAvgPoolAsync', async (calls) => {
      const r = await interpolateAsync(x(), { mode: 'area', size: 2 });
      expect(r.shape).toEqual([2, 3, 2, 2]);
      expect(calls.length).toBe(1);
    });
  });
});

describe('the binding re-checks what it is given', () => {
  const t = (data: unknown, shape: number[], strides: number[]) => ({ data, shape, strides });
  // Loose requests (the binding must refuse what src/ would); modes by their
  // index in MODES here, other values passed as they are.
  const MODES = ['nearest', 'nearest-exact', 'bilinear', 'bicubic'];
  const call = (input: unknown, out: unknown, mode: unknown, alignCorners: unknown, scales: unknown) =>
    (native.interpolate as (req: unknown) => unknown)({ input, out, mode: typeof mode === 'number' ? (MODES[mode] ?? mode) : mode, alignCorners, scales });
  it('views past the end, wrong shapes, modes and scales', () => {
    const input = t(new Float32Array(16), [1, 1, 4, 4], [16, 16, 4, 1]);
    const out = () => t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 1]);
    expect(() => call(t(new Float32Array(10), [1, 1, 4, 4], [16, 16, 4, 1]), out(), 0, false, [0, 0])).toThrow(RangeError);
    expect(() => call(input, t(new Float32Array(4), [1, 2, 2, 1], [4, 2, 1, 1]), 0, false, [0, 0])).toThrow(RangeError);
    expect(() => call(input, out(), 9, false, [0, 0])).toThrow(TypeError);
    expect(() => call(input, out(), 'area', false, [0, 0])).toThrow(TypeError);
    expect(() => call(input, out(), 'bilinear', 1, [0, 0])).toThrow(TypeError);
    expect(() => call(input, out(), 0, false, [0])).toThrow(RangeError);
    expect(() => call(input, out(), 0, false, [NaN, 0])).toThrow(RangeError);
    expect(() => call(input, out(), 0, false, [-1, 0])).toThrow(RangeError);
    expect(() => call(input, out(), 0, false, 'x')).toThrow(TypeError);
    expect(() => call(t(new Float32Array(4), [1, 1, 4], [4, 4, 1]), t(new Float32Array(2), [1, 1, 2], [2, 2, 1]), 3, false, [0])).toThrow(RangeError);
    expect(() => call(input, t(new Float64Array(4), [1, 1, 2, 2], [4, 4, 2, 1]), 0, false, [0, 0])).toThrow(TypeError);
    expect(() => call(input, out(), 2, false, [0, 0])).not.toThrow();
  });
  it('scales that do not fit the sizes are refused; others never index outside the input', () => {
    const input = t(random(16, 0, 1, 3), [1, 1, 4, 4], [16, 16, 4, 1]);
    for (const s of [1e-300, 5e-324, 1e-3, -1, NaN])
      for (const mode of [0, 1, 2, 3])
        expect(() => call(input, t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 1]), mode, false, [s, s])).toThrow(/interpolate: scales/);
    for (const s of [1e300, 1e9, 0.5, 0.26])
      for (const mode of [0, 1, 2, 3]) {
        const o = t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 1]);
        call(input, o, mode, false, [s, s]);
        for (const v of o.data as Float32Array) expect(Number.isFinite(v)).toBe(true);
      }
  });
  it('any out strides (the TypeScript layer passes dense ones): every other element of a wider buffer', () => {
    const shape = [2, 3, 6, 7];
    const input = inputFor('f32', shape);
    for (const mode of [0, 1, 2, 3]) {
      const dense = t(new Float32Array(2 * 3 * 9 * 5), [2, 3, 9, 5], [135, 45, 5, 1]);
      const sparse = t(new Float32Array(2 * 3 * 9 * 10), [2, 3, 9, 5], [270, 90, 10, 2]);
      call({ ...input, strides: contiguousStrides(shape) }, dense, mode, false, [0, 0]);
      call({ ...input, strides: contiguousStrides(shape) }, sparse, mode, false, [0, 0]);
      expect(sameBits(logical(sparse as unknown as Tensor), dense.data as Float32Array)).toBe(true);
    }
  });
  it('out overlapping the input', () => {
    const buf = new Float32Array(20);
    expect(() => call(t(buf.subarray(0, 16), [1, 1, 4, 4], [16, 16, 4, 1]), t(buf.subarray(15, 19), [1, 1, 2, 2], [4, 4, 2, 1]), 0, false, [0, 0])).toThrow(RangeError);
  });
});
