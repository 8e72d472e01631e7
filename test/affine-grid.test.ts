import { describe, expect, it, afterEach } from 'vitest';
import {
  affineGrid,
  affineGridAsync,
  gridSample,
  getNumThreads,
  setNumThreads,
  setSimdTarget,
  bestSimdTarget,
  type GridSampleOptions,
  type Tensor,
} from '../dist/index.js';
import { decode, loadFixtures, maxDiff, prod, random, sameBits, simdTargets, type Data, type FixtureTensor } from './helpers';

interface GridCase {
  name: string;
  rank: 4 | 5;
  alignCorners: boolean;
  dtype: 'float32' | 'float64';
  kind: 'random' | 'landmarks';
  size: number[];
  theta: FixtureTensor;
  grid: FixtureTensor;
}

interface SampleCase {
  name: string;
  rank: 4 | 5;
  mode: NonNullable<GridSampleOptions['mode']>;
  paddingMode: NonNullable<GridSampleOptions['paddingMode']>;
  alignCorners: boolean;
  dtype: 'float32' | 'float64';
  size: number[];
  input: FixtureTensor;
  theta: FixtureTensor;
  output: FixtureTensor;
}

const fixtures = loadFixtures<{ torch: string; cases: GridCase[]; samples: SampleCase[] }>('affine_grid.json');
const defaultThreads = getNumThreads();

const targets = simdTargets();

afterEach(() => {
  setNumThreads(defaultThreads);
  setSimdTarget(bestSimdTarget());
});

const tensor = (t: FixtureTensor) => ({ data: decode(t) as Float32Array | Float64Array, shape: t.shape });

function expectClose(name: string, dtype: string, got: Data, want: Data) {
  expect(got.length, name).toBe(want.length);
  const { diff, at } = maxDiff(got, want);
  const tol = dtype === 'float32' ? 1e-6 : 1e-12;
  if (diff > tol) throw new Error(`${name}: element ${at} is ${got[at]}, PyTorch ${want[at]} (diff ${diff})`);
}

describe(`parity with PyTorch ${fixtures.torch} F.affine_grid (fixtures)`, () => {
  it('covers both ranks x alignCorners x dtypes, both bmm paths and unit sizes', () => {
    const keys = new Set(fixtures.cases.map((c) => `${c.rank}/${c.alignCorners}/${c.dtype}/${c.kind}`));
    for (const rank of [4, 5])
      for (const ac of [false, true])
        for (const dt of ['float32', 'float64'])
          for (const kind of ['random', 'landmarks']) expect(keys.has(`${rank}/${ac}/${dt}/${kind}`)).toBe(true);
    const points = (c: GridCase) => prod(c.size.slice(2));
    expect(fixtures.cases.some((c) => c.rank === 4 && points(c) * 6 < 400 && points(c) > 40)).toBe(true);
    expect(fixtures.cases.some((c) => c.rank === 4 && points(c) * 6 >= 400)).toBe(true);
    expect(fixtures.cases.some((c) => c.rank === 5 && points(c) * 12 < 400 && points(c) > 20)).toBe(true);
    expect(fixtures.cases.some((c) => c.rank === 5 && points(c) * 12 >= 400)).toBe(true);
    expect(fixtures.cases.some((c) => c.size.slice(2).every((s) => s === 1))).toBe(true);
  });

  for (const target of targets) {
    describe(`SIMD target ${target}`, () => {
      for (const c of fixtures.cases) {
        it(c.name, () => {
          expect(setSimdTarget(target)).toBe(true);
          const got = affineGrid(tensor(c.theta), c.size, { alignCorners: c.alignCorners });
          expect(got.shape).toEqual(c.grid.shape);
          expect(got.data).toBeInstanceOf(c.dtype === 'float32' ? Float32Array : Float64Array);
          const want = decode(c.grid);
          expectClose(c.name, c.dtype, got.data, want);
          // Beyond the tolerance: the linspace and the bmm summation order of
          // Debian's torch 1.13.1 (AVX2 build, OpenBLAS), bit for bit.
          expect(sameBits(got.data, want), `${c.name}: bits differ from PyTorch`).toBe(true);
        });
      }
    });
  }
});

describe('affineGrid feeds gridSample directly', () => {
  for (const c of fixtures.samples) {
    it(c.name, () => {
      const grid = affineGrid(tensor(c.theta), c.size, { alignCorners: c.alignCorners });
      const out = gridSample(tensor(c.input), grid, { mode: c.mode, paddingMode: c.paddingMode, alignCorners: c.alignCorners });
      const want = decode(c.output);
      expect(out.shape).toEqual(c.output.shape);
      if (c.mode === 'nearest') expect(sameBits(out.data, want), `${c.name}: nearest must pick PyTorch's pixels`).toBe(true);
      else expectClose(c.name, c.dtype, out.data, want);
      expect(sameBits(out.data, want), `${c.name}: bits differ from PyTorch`).toBe(true);
    });
  }
});

// Random thetas for the properties below.
function theta(n: number, rank: 4 | 5, seed: number, Ctor: typeof Float32Array | typeof Float64Array = Float32Array): Tensor<Float32Array | Float64Array> {
  const [r, c] = rank === 4 ? [2, 3] : [3, 4];
  return { data: random(n * r * c, -1.5, 1.5, seed, Ctor) as Float32Array | Float64Array, shape: [n, r, c] };
}

describe('threads and async', () => {
  const configs: Array<[4 | 5, number[], boolean, 'f32' | 'f64']> = [
    [4, [3, 1, 67, 45], false, 'f32'],
    [4, [1, 1, 300, 257], true, 'f64'],
    [4, [2, 5, 5, 7], true, 'f32'],
    [5, [2, 1, 9, 17, 23], true, 'f32'],
    [5, [1, 1, 33, 20, 31], false, 'f64'],
  ];
  for (const [rank, size, ac, dt] of configs) {
    it(`every SIMD target and 1, 2, 3 threads give identical bits: ${rank}D ${size.join('x')} ac=${ac} ${dt}`, () => {
      const th = theta(size[0], rank, 3 + size[2], dt === 'f32' ? Float32Array : Float64Array);
      setNumThreads(1);
      setSimdTarget('baseline');
      const ref = affineGrid(th, size, { alignCorners: ac }).data;
      for (const target of targets)
        for (const threads of [1, 2, 3]) {
          setSimdTarget(target);
          setNumThreads(threads);
          expect(sameBits(affineGrid(th, size, { alignCorners: ac }).data, ref), `${target} x${threads}`).toBe(true);
        }
    });
  }

  it('affineGridAsync equals affineGrid', async () => {
    for (const [rank, size, ac, dt] of configs) {
      const th = theta(size[0], rank, 5 + size[3], dt === 'f32' ? Float32Array : Float64Array);
      const sync = affineGrid(th, size, { alignCorners: ac });
      const async = await affineGridAsync(th, size, { alignCorners: ac });
      expect(async.shape).toEqual(sync.shape);
      expect(sameBits(async.data, sync.data)).toBe(true);
    }
  });

  it('many concurrent async calls each get their own result', async () => {
    const thetas = Array.from({ length: 12 }, (_, i) => theta(2, 4, 100 + i));
    const results = await Promise.all(thetas.map((t) => affineGridAsync(t, [2, 1, 40, 50])));
    thetas.forEach((t, i) => expect(sameBits(results[i].data, affineGrid(t, [2, 1, 40, 50]).data)).toBe(true));
  });

  it('affineGridAsync rejects bad arguments', async () => {
    await expect(affineGridAsync(theta(1, 4, 1), [2, 1, 4, 4])).rejects.toThrow(RangeError);
    await expect(affineGridAsync(theta(1, 4, 1), [1, 1, 4, 4], { alignCorners: 1 as unknown as boolean })).rejects.toThrow(TypeError);
  });
});

describe('theta is read in place, whatever its strides', () => {
  it('a transposed theta (stored as N, 3, 2) and one sliced out of a larger buffer', () => {
    const base = theta(3, 4, 77);
    const want = affineGrid(base, [3, 1, 11, 13]).data;
    // transposed storage: element (n, j, k) at n*6 + k*2 + j
    const tr = new Float32Array(18);
    for (let n = 0; n < 3; ++n)
      for (let j = 0; j < 2; ++j) for (let k = 0; k < 3; ++k) tr[n * 6 + k * 2 + j] = base.data[n * 6 + j * 3 + k];
    expect(sameBits(affineGrid({ data: tr, shape: [3, 2, 3], strides: [6, 1, 2] }, [3, 1, 11, 13]).data, want)).toBe(true);
    // every other batch entry of a (6, 2, 3) buffer, plus a column gap: strides [12, 4, 1]
    const wide = new Float32Array(40).fill(NaN);
    for (let n = 0; n < 3; ++n)
      for (let j = 0; j < 2; ++j) for (let k = 0; k < 3; ++k) wide[n * 12 + j * 4 + k] = base.data[n * 6 + j * 3 + k];
    expect(sameBits(affineGrid({ data: wide, shape: [3, 2, 3], strides: [12, 4, 1] }, [3, 1, 11, 13]).data, want)).toBe(true);
    // one theta broadcast over the batch with batch stride 0
    const one = affineGrid({ data: base.data.slice(0, 6), shape: [1, 2, 3] }, [1, 1, 11, 13]).data;
    const bcast = affineGrid({ data: base.data.slice(0, 6), shape: [4, 2, 3], strides: [0, 3, 1] }, [4, 1, 11, 13]).data;
    for (let n = 0; n < 4; ++n) expect(sameBits(bcast.subarray(n * one.length, (n + 1) * one.length), one)).toBe(true);
  });

  it('a 5D theta viewed from a subarray with an offset', () => {
    const base = theta(2, 5, 91, Float64Array);
    const buf = new Float64Array(30);
    buf.set(base.data, 5);
    const view = { data: buf.subarray(5, 29), shape: [2, 3, 4] };
    expect(sameBits(affineGrid(view, [2, 1, 3, 4, 5]).data, affineGrid(base, [2, 1, 3, 4, 5]).data)).toBe(true);
  });
});

describe('options.out', () => {
  it('writes the grid into the given tensor and returns it', () => {
    const th = theta(2, 4, 8);
    const out = { data: new Float32Array(2 * 6 * 7 * 2).fill(42), shape: [2, 6, 7, 2] };
    const r = affineGrid(th, [2, 3, 6, 7], { out });
    expect(r.data).toBe(out.data);
    expect(sameBits(out.data, affineGrid(th, [2, 3, 6, 7]).data)).toBe(true);
  });

  it('async writes into out too', async () => {
    const th = theta(1, 5, 9, Float64Array);
    const out = { data: new Float64Array(3 * 4 * 5 * 3), shape: [1, 3, 4, 5, 3] };
    const r = await affineGridAsync(th, [1, 2, 3, 4, 5], { out });
    expect(r.data).toBe(out.data);
    expect(sameBits(out.data, affineGrid(th, [1, 2, 3, 4, 5]).data)).toBe(true);
  });

  it('rejects an out of the wrong shape, dtype or layout, or one sharing theta\'s memory', () => {
    const th = theta(1, 4, 10);
    expect(() => affineGrid(th, [1, 1, 4, 5], { out: { data: new Float32Array(40), shape: [1, 5, 4, 2] } })).toThrow(RangeError);
    expect(() => affineGrid(th, [1, 1, 4, 5], { out: { data: new Float64Array(40), shape: [1, 4, 5, 2] } })).toThrow(TypeError);
    expect(() => affineGrid(th, [1, 1, 4, 5], { out: { data: new Float32Array(80), shape: [1, 4, 5, 2], strides: [80, 20, 4, 2] } })).toThrow(RangeError);
    const buf = new Float32Array(46);
    const shared = { data: buf.subarray(0, 6), shape: [1, 2, 3] };
    expect(() => affineGrid(shared, [1, 1, 4, 5], { out: { data: buf.subarray(6), shape: [1, 4, 5, 2] } })).not.toThrow();
    expect(() => affineGrid(shared, [1, 1, 4, 5], { out: { data: buf.subarray(5, 45), shape: [1, 4, 5, 2] } })).toThrow(/shares memory/);
  });
});

describe('PyTorch 1.13 size rules', () => {
  it('sizes of 1 give coordinate 0 on that axis', () => {
    const id = { data: new Float64Array([1, 0, 0, 0, 1, 0]), shape: [1, 2, 3] };
    for (const ac of [false, true]) {
      expect(Array.from(affineGrid(id, [1, 1, 1, 1], { alignCorners: ac }).data)).toEqual([0, 0]);
      expect(Array.from(affineGrid(id, [1, 1, 1, 3], { alignCorners: ac }).data)).toEqual(
        ac ? [-1, 0, 0, 0, 1, 0] : [-2 / 3, 0, 0, 0, 2 / 3, 0],
      );
    }
  });

  it('with alignCorners and a unit spatial size, N and C are not checked for positivity (PyTorch only warns)', () => {
    const empty = { data: new Float32Array(0), shape: [0, 2, 3] };
    const r = affineGrid(empty, [0, 1, 4, 1], { alignCorners: true });
    expect(r.shape).toEqual([0, 4, 1, 2]);
    expect(r.data.length).toBe(0);
    expect(affineGrid(theta(2, 4, 1), [2, 0, 4, 1], { alignCorners: true }).shape).toEqual([2, 4, 1, 2]);
    expect(affineGrid(theta(2, 4, 1), [2, -1, 4, 1], { alignCorners: true }).shape).toEqual([2, 4, 1, 2]);
    expect(() => affineGrid(empty, [0, 1, 4, 1])).toThrow(RangeError);
    expect(() => affineGrid(empty, [0, 1, 4, 5], { alignCorners: true })).toThrow(RangeError);
  });
});

describe('errors name affineGrid and the shapes (one test per rule)', () => {
  const th4 = theta(2, 4, 1);
  const th5 = theta(2, 5, 2);
  const expectError = (fn: () => unknown, cls: typeof TypeError | typeof RangeError, msg?: RegExp) => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(cls);
    expect((err as Error).message).toMatch(/^affineGrid: /);
    if (msg) expect((err as Error).message).toMatch(msg);
  };

  it('theta must be a tensor object', () => {
    expectError(() => affineGrid(null as unknown as Tensor, [2, 1, 3, 3]), TypeError);
    expectError(() => affineGrid(new Float32Array(12) as unknown as Tensor, [2, 1, 3, 3]), TypeError);
  });
  it('theta must be floating point (PyTorch: "Expected theta to have floating point type")', () => {
    expectError(() => affineGrid({ data: new Uint8Array(12), shape: [2, 2, 3] } as unknown as Tensor<Float32Array>, [2, 1, 3, 3]), TypeError, /floating point/);
  });
  it('theta data must match its shape', () => {
    expectError(() => affineGrid({ data: new Float32Array(11), shape: [2, 2, 3] }, [2, 1, 3, 3]), RangeError, /\[2, 2, 3\]/);
  });
  it('size must be an array of numbers', () => {
    expectError(() => affineGrid(th4, 'abc' as unknown as number[]), TypeError);
    expectError(() => affineGrid(th4, [2, 1, '3', 3] as unknown as number[]), TypeError);
  });
  it('size entries must be integers', () => {
    expectError(() => affineGrid(th4, [2, 1, 3.5, 3]), RangeError, /integers/);
    expectError(() => affineGrid(th4, [2, 1, NaN, 3]), RangeError);
  });
  it('size must have 4 or 5 entries', () => {
    expectError(() => affineGrid(th4, [2, 1, 3]), RangeError, /\[2, 1, 3\]/);
    expectError(() => affineGrid(th4, [2, 1, 3, 3, 3, 3]), RangeError);
  });
  it('a 4-entry size needs theta (N, 2, 3)', () => {
    expectError(() => affineGrid(th5, [2, 1, 3, 3]), RangeError, /\[2, 3, 4\]/);
    expectError(() => affineGrid({ data: new Float32Array(6), shape: [2, 3] }, [2, 1, 3, 3]), RangeError, /\[N, 2, 3\]/);
  });
  it('a 5-entry size needs theta (N, 3, 4)', () => {
    expectError(() => affineGrid(th4, [2, 1, 3, 3, 3]), RangeError, /\[N, 3, 4\]/);
  });
  it('size entries must be positive (PyTorch: "Expected non-zero, positive output size")', () => {
    expectError(() => affineGrid(th4, [2, 1, 0, 3]), RangeError, /positive/);
    expectError(() => affineGrid(th4, [2, 0, 3, 3]), RangeError, /positive/);
    expectError(() => affineGrid(th4, [2, 1, -3, 3]), RangeError, /positive/);
    expectError(() => affineGrid(th4, [2, 1, 0, 1], { alignCorners: true }), RangeError, /positive/);
    expectError(() => affineGrid(th5, [2, 1, 2, 0, 3]), RangeError, /positive/);
  });
  it("size's batch must equal theta's", () => {
    expectError(() => affineGrid(th4, [3, 1, 3, 3]), RangeError, /\[3, 1, 3, 3\].*\[2, 2, 3\]/);
    expectError(() => affineGrid(th5, [1, 1, 3, 3, 3]), RangeError);
  });
  it('options must be an object with known keys of the right kinds', () => {
    expectError(() => affineGrid(th4, [2, 1, 3, 3], 5 as unknown as object), TypeError);
    expectError(() => affineGrid(th4, [2, 1, 3, 3], { align_corners: true } as unknown as object), TypeError, /align_corners/);
    expectError(() => affineGrid(th4, [2, 1, 3, 3], { alignCorners: 'yes' as unknown as boolean }), TypeError);
  });
  it('an output too large for a typed array', () => {
    expectError(() => affineGrid(th4, [2, 1, 100000, 100000]), RangeError, /too large/);
  });
});
