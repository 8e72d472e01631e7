import { describe, expect, it, afterEach } from 'vitest';
import {
  gridSample,
  gridSampleAsync,
  setNumThreads,
  getNumThreads,
  setSimdTarget,
  bestSimdTarget,
  type GridSampleOptions,
  type Tensor,
} from '../dist/index.js';
import { native } from '../dist/addon.js';
import { decode, loadFixtures, maxDiff, prod, random, sameBits, simdTargets, type Data, type FixtureTensor } from './helpers';

interface Case {
  name: string;
  rank: 4 | 5;
  mode: 'bilinear' | 'nearest' | 'bicubic';
  paddingMode: 'zeros' | 'border' | 'reflection';
  alignCorners: boolean;
  dtype: 'float32' | 'float64' | 'uint8';
  source: string;
  input: FixtureTensor;
  grid: FixtureTensor;
  output: FixtureTensor;
  outputFloat?: FixtureTensor;
  nonfinite?: boolean;
}

const fixtures = loadFixtures<{ torch: string; cases: Case[] }>('grid_sample.json');
const targets = simdTargets();
const defaultThreads = getNumThreads();

afterEach(() => {
  setSimdTarget(bestSimdTarget());
  setNumThreads(defaultThreads);
});

function run(c: Case): Data {
  const input = { data: decode(c.input), shape: c.input.shape };
  const grid = { data: decode(c.grid), shape: c.grid.shape };
  return gridSample(input, grid, { mode: c.mode, paddingMode: c.paddingMode, alignCorners: c.alignCorners }).data;
}

function expectMatches(c: Case, got: Data) {
  const want = decode(c.output);
  expect(got.length).toBe(want.length);
  if (c.dtype === 'uint8') {
    // Exact, except where the float result sits on a rounding boundary (x.5).
    const f = decode(c.outputFloat!);
    for (let i = 0; i < want.length; ++i) {
      const frac = f[i] - Math.floor(f[i]);
      if (Math.abs(frac - 0.5) < 1e-3) continue;
      if (got[i] !== want[i]) throw new Error(`${c.name}: element ${i} is ${got[i]}, PyTorch ${want[i]} (float ${f[i]})`);
    }
    return;
  }
  if (c.mode === 'nearest') {
    expect(sameBits(got, want), `${c.name}: nearest must pick PyTorch's pixels`).toBe(true);
    return;
  }
  const { diff, at } = maxDiff(got, want);
  const tol = c.dtype === 'float32' ? 1e-5 : 1e-12;
  if (diff > tol) throw new Error(`${c.name}: element ${at} is ${got[at]}, reference ${want[at]} (diff ${diff})`);
  // Beyond the tolerance: we reproduce the roundings of Debian's torch 1.13.1
  // build (its AVX2 kernel's fused multiply-adds included), bit for bit.
  if (c.source === 'torch') expect(sameBits(got, want), `${c.name}: bits differ from PyTorch`).toBe(true);
}

const finite = fixtures.cases.filter((c) => !c.nonfinite);

describe(`parity with PyTorch ${fixtures.torch} (fixtures)`, () => {
  it('covers every mode x padding x alignCorners x dtype x rank', () => {
    const keys = new Set(finite.map((c) => `${c.rank}/${c.mode}/${c.paddingMode}/${c.alignCorners}/${c.dtype}`));
    for (const rank of [4, 5])
      for (const mode of ['bilinear', 'nearest', 'bicubic'])
        for (const pad of ['zeros', 'border', 'reflection'])
          for (const ac of [false, true])
            for (const dt of ['float32', 'float64'])
              expect(keys.has(`${rank}/${mode}/${pad}/${ac}/${dt}`), `${rank}/${mode}/${pad}/${ac}/${dt}`).toBe(true);
  });

  for (const target of targets) {
    describe(`SIMD target ${target}`, () => {
      for (const c of finite) {
        it(c.name, () => {
          expect(setSimdTarget(target)).toBe(true);
          expectMatches(c, run(c));
        });
      }
    });
  }
});

describe('every SIMD target and thread count gives identical bits', () => {
  const configs: Array<[number[], number[], GridSampleOptions['mode'], GridSampleOptions['paddingMode'], boolean, 'f32' | 'f64']> = [];
  for (const mode of ['bilinear', 'nearest', 'bicubic'] as const)
    for (const pad of ['zeros', 'border', 'reflection'] as const)
      for (const dt of ['f32', 'f64'] as const) {
        configs.push([[2, 3, 17, 23], [2, 19, 37, 2], mode, pad, dt === 'f32', dt]);
        configs.push([[1, 2, 5, 9, 7], [1, 4, 6, 21, 3], mode, pad, dt === 'f64', dt]);
      }
  for (const [shape, gshape, mode, pad, ac, dt] of configs) {
    it(`${shape.length}D ${mode} ${pad} ac=${ac} ${dt}`, () => {
      const Ctor = dt === 'f32' ? Float32Array : Float64Array;
      const input = { data: random(prod(shape), -2, 2, 7, Ctor), shape };
      const grid = { data: random(prod(gshape), -1.3, 1.3, 11, Ctor), shape: gshape };
      const opts = { mode, paddingMode: pad, alignCorners: ac };
      setNumThreads(1);
      setSimdTarget('baseline');
      const ref = gridSample(input, grid, opts).data;
      for (const target of targets) {
        for (const threads of [1, 2, 3]) {
          setSimdTarget(target);
          setNumThreads(threads);
          expect(sameBits(gridSample(input, grid, opts).data, ref), `${target} x${threads}`).toBe(true);
        }
      }
    });
  }
});

describe('non-finite grid values (documented rule)', () => {
  // NaN is read as -1 (PyTorch's documented rule). +-Infinity is a point
  // infinitely far away: zeros padding reads 0, border the edge, reflection
  // pins it to index 0.
  const shape4 = [1, 2, 4, 5];
  const input4 = { data: random(prod(shape4), 1, 2, 3), shape: shape4 };
  const modes = ['bilinear', 'nearest', 'bicubic'] as const;
  const paddings = ['zeros', 'border', 'reflection'] as const;
  for (const mode of modes)
    for (const pad of paddings)
      for (const ac of [false, true]) {
        it(`${mode} ${pad} ac=${ac}`, () => {
          const g = (x: number, y: number) => gridSample(input4, { data: new Float32Array([x, y]), shape: [1, 1, 1, 2] }, { mode, paddingMode: pad, alignCorners: ac }).data;
          expect(Array.from(g(NaN, 0.3))).toEqual(Array.from(g(-1, 0.3)));
          expect(Array.from(g(0.2, NaN))).toEqual(Array.from(g(0.2, -1)));
          const far = (v: number) => Array.from(g(v, 0.3));
          if (pad === 'zeros') {
            expect(far(Infinity)).toEqual([0, 0]);
            expect(far(-Infinity)).toEqual([0, 0]);
          } else if (pad === 'border') {
            expect(far(Infinity)).toEqual(far(1e6));
            expect(far(-Infinity)).toEqual(far(-1e6));
          } else {
            // the grid value whose source coordinate is exactly 0
            const zero = ac ? -1 : -1 + 1 / 5;
            const want = far(zero);
            for (let i = 0; i < 2; ++i) {
              expect(far(Infinity)[i]).toBeCloseTo(want[i], 6);
              expect(far(-Infinity)[i]).toBeCloseTo(want[i], 6);
            }
          }
          for (const v of [1e30, -1e30, 3.4e38, -3.4e38]) expect(far(v).every(Number.isFinite)).toBe(true);
        });
      }

  it('5D: the same rule, and huge values never read out of bounds', () => {
    const shape = [1, 1, 3, 4, 5];
    const input = { data: random(prod(shape), 1, 2, 5), shape };
    for (const mode of modes)
      for (const pad of paddings) {
        const g = (v: number) => Array.from(gridSample(input, { data: new Float32Array([v, 0.1, -0.2]), shape: [1, 1, 1, 1, 3] }, { mode, paddingMode: pad }).data);
        expect(g(NaN)).toEqual(g(-1));
        for (const v of [Infinity, -Infinity, 1e30, -1e30]) expect(g(v).every(Number.isFinite)).toBe(true);
        if (pad === 'zeros') expect(g(Infinity)).toEqual([0]);
      }
  });

  it('NaN in float64 grids too', () => {
    const input = { data: random(20, 0, 1, 9, Float64Array), shape: [1, 1, 4, 5] };
    const g = (x: number) => Array.from(gridSample(input, { data: new Float64Array([x, 0.5]), shape: [1, 1, 1, 2] }).data);
    expect(g(NaN)).toEqual(g(-1));
  });
});

describe('strided input and grid are read in place', () => {
  it('a channels-last (NHWC) input equals its contiguous copy', () => {
    const [N, C, H, W] = [2, 3, 9, 11];
    const nhwc = random(N * H * W * C, 0, 1, 21);
    const nchw = new Float32Array(N * C * H * W);
    for (let n = 0; n < N; ++n)
      for (let c = 0; c < C; ++c)
        for (let h = 0; h < H; ++h)
          for (let w = 0; w < W; ++w) nchw[((n * C + c) * H + h) * W + w] = nhwc[((n * H + h) * W + w) * C + c];
    const grid = { data: random(N * 5 * 7 * 2, -1.2, 1.2, 22), shape: [N, 5, 7, 2] };
    for (const mode of ['bilinear', 'nearest', 'bicubic'] as const) {
      const a = gridSample({ data: nhwc, shape: [N, C, H, W], strides: [H * W * C, 1, W * C, C] }, grid, { mode });
      const b = gridSample({ data: nchw, shape: [N, C, H, W] }, grid, { mode });
      expect(sameBits(a.data, b.data)).toBe(true);
    }
  });

  it('a grid stored as (N, 2, Ho, Wo) and viewed as (N, Ho, Wo, 2)', () => {
    const [N, Ho, Wo] = [2, 6, 5];
    const planar = random(N * 2 * Ho * Wo, -1, 1, 31);
    const inter = new Float32Array(planar.length);
    for (let n = 0; n < N; ++n)
      for (let k = 0; k < 2; ++k)
        for (let i = 0; i < Ho * Wo; ++i) inter[(n * Ho * Wo + i) * 2 + k] = planar[(n * 2 + k) * Ho * Wo + i];
    const input = { data: random(N * 4 * 8 * 8, 0, 1, 32), shape: [N, 4, 8, 8] };
    const a = gridSample(input, { data: planar, shape: [N, Ho, Wo, 2], strides: [2 * Ho * Wo, Wo, 1, Ho * Wo] });
    const b = gridSample(input, { data: inter, shape: [N, Ho, Wo, 2] });
    expect(sameBits(a.data, b.data)).toBe(true);
  });

  it('a view into a larger buffer (subarray with an offset and gaps)', () => {
    const big = random(1000, 0, 1, 41);
    const view = big.subarray(100);
    // (1, 2, 4, 4) with row stride 10 and channel stride 50
    const a = gridSample({ data: view, shape: [1, 2, 4, 4], strides: [100, 50, 10, 1] }, { data: new Float32Array([0, 0, -1, -1, 0.5, -0.25]), shape: [1, 1, 3, 2] }, { mode: 'nearest', alignCorners: true });
    const copy = new Float32Array(32);
    for (let c = 0; c < 2; ++c) for (let h = 0; h < 4; ++h) for (let w = 0; w < 4; ++w) copy[c * 16 + h * 4 + w] = view[c * 50 + h * 10 + w];
    const b = gridSample({ data: copy, shape: [1, 2, 4, 4] }, { data: new Float32Array([0, 0, -1, -1, 0.5, -0.25]), shape: [1, 1, 3, 2] }, { mode: 'nearest', alignCorners: true });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });
});

describe('output', () => {
  const input = { data: random(2 * 3 * 5 * 6, 0, 1, 51), shape: [2, 3, 5, 6] };
  const grid = { data: random(2 * 4 * 7 * 2, -1, 1, 52), shape: [2, 4, 7, 2] };

  it('is a contiguous (N, C, Ho, Wo) tensor of the input dtype', () => {
    const r = gridSample(input, grid);
    expect(r.shape).toEqual([2, 3, 4, 7]);
    expect(r.data).toBeInstanceOf(Float32Array);
    expect(r.data.length).toBe(2 * 3 * 4 * 7);
  });

  it('options.out receives the result without a new allocation', () => {
    const out = { data: new Float32Array(2 * 3 * 4 * 7), shape: [2, 3, 4, 7] };
    const r = gridSample(input, grid, { out });
    expect(r.data).toBe(out.data);
    expect(Array.from(out.data)).toEqual(Array.from(gridSample(input, grid).data));
  });

  it('empty batch and empty output grid give empty results', () => {
    expect(gridSample({ data: new Float32Array(0), shape: [0, 3, 4, 4] }, { data: new Float32Array(0), shape: [0, 2, 2, 2] }).shape).toEqual([0, 3, 2, 2]);
    expect(gridSample(input, { data: new Float32Array(0), shape: [2, 0, 5, 2] }).data.length).toBe(0);
    expect(gridSample({ data: new Float32Array(0), shape: [1, 0, 4, 4] }, { data: new Float32Array(8), shape: [1, 2, 2, 2] }).shape).toEqual([1, 0, 2, 2]);
  });
});

describe('uint8 input', () => {
  it('Uint8ClampedArray in, Uint8ClampedArray out, equal to the rounded float result', () => {
    const shape = [1, 3, 16, 16];
    const f = random(prod(shape), 0, 255, 61);
    const u = Uint8ClampedArray.from(f, (v) => Math.round(v));
    const grid = { data: random(2 * 9 * 9, -1.1, 1.1, 62), shape: [1, 9, 9, 2] };
    for (const mode of ['bilinear', 'nearest', 'bicubic'] as const) {
      const r = gridSample({ data: u, shape }, grid, { mode });
      expect(r.data).toBeInstanceOf(Uint8ClampedArray);
      const ref = gridSample({ data: Float32Array.from(u), shape }, grid, { mode }).data;
      for (let i = 0; i < ref.length; ++i) {
        const v = Math.min(255, Math.max(0, ref[i]));
        const want = Math.abs(v - Math.floor(v) - 0.5) < 1e-9 ? (Math.floor(v) % 2 === 0 ? Math.floor(v) : Math.floor(v) + 1) : Math.round(v);
        expect(r.data[i]).toBe(want);
      }
    }
  });
});

describe('gridSampleAsync', () => {
  it('equals the sync result', async () => {
    const input = { data: random(2 * 4 * 33 * 35, 0, 1, 71), shape: [2, 4, 33, 35] };
    const grid = { data: random(2 * 30 * 31 * 2, -1, 1, 72), shape: [2, 30, 31, 2] };
    for (const mode of ['bilinear', 'nearest', 'bicubic'] as const) {
      const a = await gridSampleAsync(input, grid, { mode, paddingMode: 'reflection' });
      expect(sameBits(a.data, gridSample(input, grid, { mode, paddingMode: 'reflection' }).data)).toBe(true);
    }
  });

  it('many concurrent calls all settle with the right results', async () => {
    const calls: Array<Promise<Tensor>> = [];
    const wants: Data[] = [];
    for (let i = 0; i < 200; ++i) {
      const input = { data: random(3 * 12 * 13, 0, 1, 100 + i), shape: [1, 3, 12, 13] };
      const grid = { data: random(2 * 8 * 9, -1.2, 1.2, 300 + i), shape: [1, 8, 9, 2] };
      const opts = { mode: (['bilinear', 'nearest', 'bicubic'] as const)[i % 3] };
      wants.push(gridSample(input, grid, opts).data);
      calls.push(gridSampleAsync(input, grid, opts));
    }
    const got = await Promise.all(calls);
    got.forEach((r, i) => expect(sameBits(r.data, wants[i])).toBe(true));
  });

  it('keeps the event loop free while it runs', async () => {
    const shape = [4, 16, 256, 256];
    const input = { data: random(prod(shape), 0, 1, 81), shape };
    const grid = { data: random(4 * 256 * 256 * 2, -1, 1, 82), shape: [4, 256, 256, 2] };
    setNumThreads(1);
    const t0 = performance.now();
    gridSample(input, grid, { mode: 'bicubic' });
    const syncMs = performance.now() - t0;
    let ticks = 0;
    let maxLag = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last);
      last = now;
      ticks++;
    }, 1);
    const start = performance.now();
    await gridSampleAsync(input, grid, { mode: 'bicubic' });
    const asyncMs = performance.now() - start;
    clearInterval(timer);
    // A blocked loop would see no tick at all during the call. Generous bounds:
    // only a loop that is free can pass, whatever the machine's load.
    expect(ticks).toBeGreaterThan(0);
    expect(maxLag).toBeLessThan(Math.max(asyncMs, syncMs));
    console.log(`event loop during a ${asyncMs.toFixed(0)} ms async call: ${ticks} ticks, max lag ${maxLag.toFixed(1)} ms (sync call ${syncMs.toFixed(0)} ms)`);
  });

  it('rejects bad arguments instead of throwing', async () => {
    await expect(gridSampleAsync({ data: new Float32Array(4), shape: [1, 1, 2, 2] }, { data: new Float32Array(2), shape: [1, 1, 1, 2] }, { mode: 'cubic' as never })).rejects.toThrow(TypeError);
    await expect(gridSampleAsync({ data: new Float32Array(4), shape: [1, 1, 4] }, { data: new Float32Array(2), shape: [1, 1, 2] })).rejects.toThrow(RangeError);
  });
});

describe('bad input', () => {
  const ok4 = () => ({ data: new Float32Array(2 * 3 * 4 * 5), shape: [2, 3, 4, 5] });
  const grid4 = () => ({ data: new Float32Array(2 * 3 * 3 * 2), shape: [2, 3, 3, 2] });
  const cases: Array<[string, () => unknown, typeof TypeError | typeof RangeError, RegExp]> = [
    ['input rank 3', () => gridSample({ data: new Float32Array(6), shape: [1, 2, 3] }, grid4()), RangeError, /gridSample.*4D.*\[1, 2, 3\]/],
    ['input rank 6', () => gridSample({ data: new Float32Array(1), shape: [1, 1, 1, 1, 1, 1] }, grid4()), RangeError, /gridSample.*\[1, 1, 1, 1, 1, 1\]/],
    ['grid rank differs', () => gridSample(ok4(), { data: new Float32Array(6), shape: [2, 1, 1, 1, 3] }), RangeError, /gridSample.*rank.*\[2, 1, 1, 1, 3\]/],
    ['batch sizes differ', () => gridSample(ok4(), { data: new Float32Array(18), shape: [3, 3, 1, 2] }), RangeError, /gridSample.*batch.*\[2, 3, 4, 5\].*\[3, 3, 1, 2\]/],
    ['grid last dim not 2', () => gridSample(ok4(), { data: new Float32Array(2 * 3 * 3 * 3), shape: [2, 3, 3, 3] }), RangeError, /gridSample.*last dimension.*\[2, 3, 3, 3\]/],
    ['5D grid last dim not 3', () => gridSample({ data: new Float32Array(8), shape: [1, 1, 2, 2, 2] }, { data: new Float32Array(2), shape: [1, 1, 1, 1, 2] }), RangeError, /gridSample.*size 3/],
    ['empty spatial dim', () => gridSample({ data: new Float32Array(0), shape: [1, 1, 0, 4] }, { data: new Float32Array(2), shape: [1, 1, 1, 2] }), RangeError, /gridSample.*non-empty.*\[1, 1, 0, 4\]/],
    ['unknown mode', () => gridSample(ok4(), grid4(), { mode: 'area' as never }), TypeError, /gridSample.*options.mode.*'bilinear' \| 'nearest' \| 'bicubic'.*"area"/],
    ['unknown padding', () => gridSample(ok4(), grid4(), { paddingMode: 'wrap' as never }), TypeError, /gridSample.*options.paddingMode/],
    ['alignCorners not boolean', () => gridSample(ok4(), grid4(), { alignCorners: 1 as never }), TypeError, /gridSample.*alignCorners.*boolean/],
    ['unknown option key', () => gridSample(ok4(), grid4(), { align_corners: true } as never), TypeError, /gridSample.*"align_corners"/],
    ['options not an object', () => gridSample(ok4(), grid4(), 'bilinear' as never), TypeError, /gridSample.*options/],
    ['input not an object', () => gridSample(null as never, grid4()), TypeError, /gridSample.*input/],
    ['input a bare typed array', () => gridSample(new Float32Array(4) as never, grid4()), TypeError, /gridSample.*input/],
    ['Int32Array data', () => gridSample({ data: new Int32Array(120), shape: [2, 3, 4, 5] } as never, grid4()), TypeError, /gridSample.*input.data.*Int32Array/],
    ['plain array data', () => gridSample({ data: [1, 2, 3, 4], shape: [1, 1, 2, 2] } as never, grid4()), TypeError, /gridSample.*input.data/],
    ['fractional shape', () => gridSample({ data: new Float32Array(4), shape: [1, 1, 2.5, 2] }, grid4()), RangeError, /gridSample.*input.shape/],
    ['negative shape', () => gridSample({ data: new Float32Array(4), shape: [1, 1, -2, -2] }, grid4()), RangeError, /gridSample.*input.shape/],
    ['NaN shape', () => gridSample({ data: new Float32Array(4), shape: [1, 1, NaN, 2] }, grid4()), RangeError, /gridSample.*input.shape/],
    ['data too short', () => gridSample({ data: new Float32Array(100), shape: [2, 3, 4, 5] }, grid4()), RangeError, /gridSample.*120 elements.*100/],
    ['data too long', () => gridSample({ data: new Float32Array(121), shape: [2, 3, 4, 5] }, grid4()), RangeError, /gridSample.*input.data/],
    ['strides past the end', () => gridSample({ data: new Float32Array(120), shape: [2, 3, 4, 5], strides: [60, 20, 5, 2] }, grid4()), RangeError, /gridSample.*reaches element/],
    ['huge strides', () => gridSample({ data: new Float32Array(120), shape: [2, 3, 4, 5], strides: [2 ** 52, 1, 1, 1] }, grid4()), RangeError, /gridSample/],
    ['negative strides', () => gridSample({ data: new Float32Array(120), shape: [2, 3, 4, 5], strides: [60, 20, -5, 1] }, grid4()), RangeError, /gridSample.*strides/],
    ['strides length', () => gridSample({ data: new Float32Array(120), shape: [2, 3, 4, 5], strides: [60, 20, 5] }, grid4()), RangeError, /gridSample.*strides/],
    ['shape product overflows', () => gridSample({ data: new Float32Array(4), shape: [2 ** 30, 2 ** 30, 2 ** 30, 2] }, grid4()), RangeError, /gridSample.*more than 2\^32 - 1 elements/],
    ['float64 grid for float32 input', () => gridSample(ok4(), { data: new Float64Array(36), shape: [2, 3, 3, 2] }), TypeError, /gridSample.*grid.data.*Float32Array.*float32/],
    ['float32 grid for float64 input', () => gridSample({ data: new Float64Array(120), shape: [2, 3, 4, 5] }, grid4()), TypeError, /gridSample.*Float64Array/],
    ['uint8 grid', () => gridSample(ok4(), { data: new Uint8Array(36), shape: [2, 3, 3, 2] }), TypeError, /gridSample.*grid.data/],
    ['out wrong shape', () => gridSample(ok4(), grid4(), { out: { data: new Float32Array(54), shape: [2, 3, 9, 1] } }), RangeError, /gridSample.*\[2, 3, 3, 3\].*\[2, 3, 9, 1\]/],
    ['out wrong dtype', () => gridSample(ok4(), grid4(), { out: { data: new Float64Array(54), shape: [2, 3, 3, 3] } as never }), TypeError, /gridSample.*out/],
    ['out strided', () => gridSample(ok4(), grid4(), { out: { data: new Float32Array(200), shape: [2, 3, 3, 3], strides: [30, 10, 3, 1] } }), RangeError, /gridSample.*contiguous/],
  ];
  for (const [name, fn, Err, msg] of cases) {
    it(name, () => {
      expect(fn).toThrow(Err);
      expect(fn).toThrow(msg);
    });
  }

  it('out overlapping the input', () => {
    const buf = new Float32Array(200);
    const input = { data: buf.subarray(0, 120), shape: [2, 3, 4, 5] };
    const out = { data: buf.subarray(100, 154), shape: [2, 3, 3, 3] };
    expect(() => gridSample(input, grid4(), { out })).toThrow(/gridSample.*shares memory/);
    expect(() => gridSample(input, grid4(), { out: { data: buf.subarray(120, 174), shape: [2, 3, 3, 3] } })).not.toThrow();
  });

  it('a detached buffer', () => {
    const data = new Float32Array(120);
    structuredClone(data.buffer, { transfer: [data.buffer] });
    expect(() => gridSample({ data, shape: [2, 3, 4, 5] }, grid4())).toThrow(RangeError);
  });
});

describe('the binding re-checks what it is given', () => {
  // Calls the addon directly with loose requests, bypassing every TypeScript check.
  const MODES = ['bilinear', 'nearest', 'bicubic'];
  const PADDINGS = ['zeros', 'border', 'reflection'];
  const call = (input: unknown, grid: unknown, out: unknown, mode: number | string, padding: number) =>
    (native.gridSample as (req: unknown) => unknown)({ input, grid, out, mode: typeof mode === 'number' ? (MODES[mode] ?? mode) : mode, padding: PADDINGS[padding], alignCorners: false });
  const t = (data: unknown, shape: number[], strides: number[]) => ({ data, shape, strides });
  it('views past the end of their buffers', () => {
    const input = t(new Float32Array(10), [1, 1, 4, 4], [16, 16, 4, 1]);
    const grid = t(new Float32Array(2), [1, 1, 1, 2], [2, 2, 2, 1]);
    const out = t(new Float32Array(1), [1, 1, 1, 1], [1, 1, 1, 1]);
    expect(() => call(input, grid, out, 0, 0)).toThrow(RangeError);
  });
  it('inconsistent shapes and bad enums', () => {
    expect(() => (native.gridSample as (req: unknown) => unknown)(undefined)).toThrow(TypeError);
    const input = t(new Float32Array(16), [1, 1, 4, 4], [16, 16, 4, 1]);
    const grid = t(new Float32Array(2), [1, 1, 1, 2], [2, 2, 2, 1]);
    expect(() => call(input, grid, t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 1]), 0, 0)).toThrow(RangeError);
    expect(() => call(input, grid, t(new Float32Array(1), [1, 1, 1, 1], [1, 1, 1, 1]), 'trilinear', 0)).toThrow(TypeError);
    expect(() => call(input, t(new Float64Array(2), [1, 1, 1, 2], [2, 2, 2, 1]), t(new Float32Array(1), [1, 1, 1, 1], [1, 1, 1, 1]), 0, 0)).toThrow(TypeError);
    expect(() => call(input, grid, t(new Int16Array(1), [1, 1, 1, 1], [1, 1, 1, 1]), 0, 0)).toThrow(TypeError);
    expect(() => call(input, grid, t(new Float32Array(1), [1, 1, 1, 1], [1, 1, 1, 1.5]), 0, 0)).toThrow(RangeError);
    expect(() => call(input, grid, t(new Float32Array(1), [1, 1, 1, 1], [1, 1, 1, 1]), 0, 0)).not.toThrow();
  });
  it('output overlapping input', () => {
    const buf = new Float32Array(32);
    const input = t(buf.subarray(0, 16), [1, 1, 4, 4], [16, 16, 4, 1]);
    const grid = t(new Float32Array(2), [1, 1, 1, 2], [2, 2, 2, 1]);
    expect(() => call(input, grid, t(buf.subarray(15, 16), [1, 1, 1, 1], [1, 1, 1, 1]), 0, 0)).toThrow(RangeError);
  });
});

describe('async calls snapshot their buffers', () => {
  const shape = [2, 8, 64, 64];
  const gshape = [2, 64, 64, 2];

  it('inputs modified right after the call do not change the result', async () => {
    const input = { data: random(prod(shape), 0, 1, 91), shape };
    const grid = { data: random(prod(gshape), -1, 1, 92), shape: gshape };
    const want = gridSample(input, grid).data;
    const p = gridSampleAsync(input, grid);
    input.data.fill(7);
    grid.data.fill(0);
    expect(sameBits((await p).data, want)).toBe(true);
  });

  it('inputs transferred away while the call runs are never read after they are freed', async () => {
    const input = { data: random(prod(shape), 0, 1, 93), shape };
    const grid = { data: random(prod(gshape), -1, 1, 94), shape: gshape };
    const want = gridSample(input, grid).data;
    const p = gridSampleAsync(input, grid);
    structuredClone(input.data.buffer, { transfer: [input.data.buffer] });
    structuredClone(grid.data.buffer, { transfer: [grid.data.buffer] });
    expect(input.data.length).toBe(0);
    expect(sameBits((await p).data, want)).toBe(true);
  });

  it('an output detached while the call runs rejects the promise', async () => {
    const input = { data: random(prod(shape), 0, 1, 95), shape };
    const grid = { data: random(prod(gshape), -1, 1, 96), shape: gshape };
    const out = { data: new Float32Array(2 * 8 * 64 * 64), shape: [2, 8, 64, 64] };
    const p = gridSampleAsync(input, grid, { out });
    structuredClone(out.data.buffer, { transfer: [out.data.buffer] });
    await expect(p).rejects.toThrow(/detached/);
  });
});
