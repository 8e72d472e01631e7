import { describe, expect, it, afterEach } from 'vitest';
import {
  adaptiveAvgPool,
  adaptiveAvgPoolAsync,
  setNumThreads,
  getNumThreads,
  setSimdTarget,
  bestSimdTarget,
  type Tensor,
} from '../dist/index.js';
import { native } from '../dist/addon.js';
import {
  channelsLastStrides,
  contiguousStrides,
  decode,
  expectMatchesTorch as expectMatches,
  loadFixtures,
  logical,
  prod,
  random,
  relayout as relayoutData,
  sameBits,
  simdTargets,
  type Data,
  type FixtureTensor,
} from './helpers';

interface Case {
  name: string;
  op: 'antialias' | 'pool';
  outputSize: (number | null)[];
  kind: string;
  dtype: 'float32' | 'float64' | 'uint8';
  input: FixtureTensor;
  output: FixtureTensor;
  outputFloat?: FixtureTensor;
}

const fixtures = loadFixtures<{ torch: string; cases: Case[] }>('antialias_pool.json');
const cases = fixtures.cases.filter((c) => c.op === 'pool');
const targets = simdTargets();
const defaultThreads = getNumThreads();

afterEach(() => {
  setSimdTarget(bestSimdTarget());
  setNumThreads(defaultThreads);
});


const contiguous = contiguousStrides;
const channelsLast = channelsLastStrides;
const relayout = (data: Data, shape: number[], strides: number[]): Tensor => ({ data: relayoutData(data, shape, strides), shape, strides });

const input = (c: Case): Tensor => ({ data: decode(c.input), shape: c.input.shape });

describe(`parity with PyTorch ${fixtures.torch} adaptive_avg_pool1d/2d/3d (fixtures)`, () => {
  it('covers 1D/2D/3D x dtype, up, down, size 1, null sizes', () => {
    const keys = new Set(cases.map((c) => `${c.outputSize.length}/${c.dtype}`));
    for (const d of [1, 2, 3]) for (const dt of ['float32', 'float64', 'uint8']) expect(keys.has(`${d}/${dt}`)).toBe(true);
    const kinds = new Set(cases.map((c) => c.kind));
    for (const k of ['down', 'up', 'up-down', 'non-divisible', 'divisible', 'global', 'size1-in', 'size1-out', 'none', 'large-global', 'large-window'])
      expect(kinds.has(k), k).toBe(true);
  });
  for (const target of targets) {
    describe(`SIMD target ${target}`, () => {
      for (const c of cases) {
        it(c.name, () => {
          expect(setSimdTarget(target)).toBe(true);
          const r = adaptiveAvgPool(input(c), c.outputSize);
          expect(r.shape).toEqual(c.output.shape);
          expect(r.strides).toBeUndefined();
          expectMatches(c, r.data);
        });
      }
    });
  }
});

describe('layouts', () => {
  for (const c of cases.filter((c) => c.input.shape.length >= 4 && c.input.shape[1] > 1)) {
    it(`channels-last input keeps its format, same bits: ${c.name}`, () => {
      const want = adaptiveAvgPool(input(c), c.outputSize).data;
      const shape = c.input.shape;
      const cl = relayout(decode(c.input), shape, channelsLast(shape));
      for (const target of targets) {
        setSimdTarget(target);
        const r = adaptiveAvgPool(cl, c.outputSize);
        // A 1x1 output is both contiguous and channels-last: reported as contiguous.
        const ambiguous = prod(c.output.shape.slice(2)) === 1;
        expect(r.strides).toEqual(ambiguous ? undefined : channelsLast(c.output.shape));
        expect(sameBits(logical(r), want), target).toBe(true);
        const rc = adaptiveAvgPool(cl, c.outputSize, { memoryFormat: 'contiguous' });
        expect(rc.strides).toBeUndefined();
        expect(sameBits(rc.data, want), `${target} contiguous out`).toBe(true);
        const r2 = adaptiveAvgPool(input(c), c.outputSize, { memoryFormat: 'channelsLast' });
        expect(r2.strides).toEqual(ambiguous ? undefined : channelsLast(c.output.shape));
        expect(sameBits(logical(r2), want), `${target} channels-last out`).toBe(true);
      }
    });
  }
  it('a 1D input stored as (N, L, C) reads in place, result contiguous like PyTorch', () => {
    for (const Ctor of [Float32Array, Float64Array, Uint8Array]) {
      const shape = [2, 5, 23];
      const dense = { data: random(prod(shape), 0, 255, 8, Ctor), shape };
      const nlc = relayout(dense.data, shape, [23 * 5, 1, 5]);
      for (const size of [7, 23, 40, 1]) {
        const r = adaptiveAvgPool(nlc, size);
        expect(r.strides).toBeUndefined();
        expect(sameBits(r.data, adaptiveAvgPool(dense, size).data)).toBe(true);
      }
    }
  });
  it('a view into a larger buffer, and a transposed (W, H) view', () => {
    for (const Ctor of [Float32Array, Float64Array, Uint8Array]) {
      const big = random(2 * 3 * 9 * 16 + 5, 0, 255, 3, Ctor);
      const shape = [2, 3, 7, 11];
      const view = { data: big.subarray(5), shape, strides: [3 * 9 * 16, 9 * 16, 16, 1] };
      const dense = { data: logical(view), shape };
      expect(sameBits(adaptiveAvgPool(view, [3, 5]).data, adaptiveAvgPool(dense, [3, 5]).data)).toBe(true);
      const t = { data: dense.data, shape: [2, 3, 11, 7], strides: [231, 77, 1, 11] };
      expect(sameBits(adaptiveAvgPool(t, [5, 3]).data, adaptiveAvgPool({ data: logical(t), shape: t.shape }, [5, 3]).data)).toBe(true);
    }
  });
});

describe('outputSize forms', () => {
  const x4 = { data: random(2 * 3 * 7 * 9, -1, 1, 1), shape: [2, 3, 7, 9] };
  it('a number applies to every spatial dim', () => {
    expect(sameBits(adaptiveAvgPool(x4, 4).data, adaptiveAvgPool(x4, [4, 4]).data)).toBe(true);
    const x5 = { data: random(2 * 3 * 4 * 5 * 6, -1, 1, 2), shape: [2, 3, 4, 5, 6] };
    expect(adaptiveAvgPool(x5, 3).shape).toEqual([2, 3, 3, 3, 3]);
    const x3 = { data: random(2 * 3 * 9, -1, 1, 3), shape: [2, 3, 9] };
    expect(adaptiveAvgPool(x3, 4).shape).toEqual([2, 3, 4]);
  });
  it('null keeps the input size', () => {
    expect(sameBits(adaptiveAvgPool(x4, [null, 4]).data, adaptiveAvgPool(x4, [7, 4]).data)).toBe(true);
    expect(adaptiveAvgPool(x4, [null, null]).shape).toEqual([2, 3, 7, 9]);
  });
  it('unbatched inputs (C, L), (C, H, W), (C, D, H, W) equal their batched form', () => {
    const u2 = { data: x4.data.subarray(0, 3 * 7 * 9), shape: [3, 7, 9] };
    const b = adaptiveAvgPool({ data: u2.data, shape: [1, 3, 7, 9] }, [2, 5]);
    const u = adaptiveAvgPool(u2, [2, 5]);
    expect(u.shape).toEqual([3, 2, 5]);
    expect(sameBits(u.data, b.data)).toBe(true);
    const u1 = adaptiveAvgPool({ data: x4.data.subarray(0, 7 * 9), shape: [7, 9] }, 4);
    expect(u1.shape).toEqual([7, 4]);
    expect(sameBits(u1.data, adaptiveAvgPool({ data: x4.data.subarray(0, 63), shape: [1, 7, 9] }, 4).data)).toBe(true);
    const u3 = adaptiveAvgPool({ data: x4.data.subarray(0, 3 * 7 * 9), shape: [3, 7, 3, 3] }, [2, 2, 2]);
    expect(u3.shape).toEqual([3, 2, 2, 2]);
    expect(sameBits(u3.data, adaptiveAvgPool({ data: x4.data.subarray(0, 189), shape: [1, 3, 7, 3, 3] }, [2, 2, 2]).data)).toBe(true);
  });
  it('output size 0 and empty batch or channels give empty results, like PyTorch', () => {
    expect(adaptiveAvgPool(x4, [0, 3]).shape).toEqual([2, 3, 0, 3]);
    expect(adaptiveAvgPool({ data: new Float32Array(0), shape: [0, 3, 5, 7] }, 2).shape).toEqual([0, 3, 2, 2]);
    expect(adaptiveAvgPool({ data: new Float32Array(0), shape: [2, 0, 5, 7] }, 2).shape).toEqual([2, 0, 2, 2]);
  });
});

describe('output', () => {
  const x = { data: random(2 * 3 * 7 * 9, -1, 1, 9), shape: [2, 3, 7, 9] };
  it('options.out receives the result', () => {
    const out = { data: new Float32Array(2 * 3 * 3 * 4), shape: [2, 3, 3, 4] };
    const r = adaptiveAvgPool(x, [3, 4], { out });
    expect(r.data).toBe(out.data);
    expect(sameBits(r.data, adaptiveAvgPool(x, [3, 4]).data)).toBe(true);
  });
  it('a channels-last out for a channels-last input', () => {
    const cl = relayout(x.data, x.shape, channelsLast(x.shape));
    const oshape = [2, 3, 3, 4];
    const out = { data: new Float32Array(72), shape: oshape, strides: channelsLast(oshape) };
    const r = adaptiveAvgPool(cl, [3, 4], { out });
    expect(r.data).toBe(out.data);
    expect(sameBits(logical(r), adaptiveAvgPool(x, [3, 4]).data)).toBe(true);
  });
  it('uint8 and Uint8ClampedArray keep their array type', () => {
    const u = { data: random(2 * 3 * 7 * 9, 0, 256, 4, Uint8Array), shape: [2, 3, 7, 9] };
    const uc = { data: Uint8ClampedArray.from(u.data), shape: u.shape };
    const a = adaptiveAvgPool(u, [3, 4]).data;
    const b = adaptiveAvgPool(uc, [3, 4]).data;
    expect(a).toBeInstanceOf(Uint8Array);
    expect(b).toBeInstanceOf(Uint8ClampedArray);
    expect(sameBits(a, b)).toBe(true);
  });
  it('uint8 rounds half to even', () => {
    // windows of 2: (1+2)/2 = 1.5 -> 2, (2+3)/2 = 2.5 -> 2, (5+6)/2 = 5.5 -> 6
    const r = adaptiveAvgPool({ data: new Uint8Array([1, 2, 2, 3, 5, 6]), shape: [1, 1, 6] }, 3);
    expect(Array.from(r.data)).toEqual([2, 2, 6]);
  });
});

describe('threads and async', () => {
  const shapes = [[2, 3, 67, 91], [1, 2, 13, 17, 19], [3, 5, 101]];
  for (const shape of shapes) {
    for (const Ctor of [Float32Array, Float64Array, Uint8Array]) {
      for (const layout of shape.length > 3 ? ['contiguous', 'channelsLast'] : ['contiguous']) {
        const make = () => {
          const data = random(prod(shape), 0, 255, 7, Ctor);
          return layout === 'contiguous' ? { data, shape } : relayout(data, shape, channelsLast(shape));
        };
        const sizes = [[31], [29, 140], [5, 30, 4]][shape.length - 3];
        const big = shape.length === 4 ? [1, 1] : shape.length === 5 ? [1, 1, 1] : [1];
        it(`1 vs 2 threads, every target, identical: ${shape.length}D ${Ctor.name} ${layout}`, () => {
          const x = make();
          setNumThreads(1);
          const ref = adaptiveAvgPool(x, sizes).data;
          const refBig = adaptiveAvgPool(x, big).data;
          for (const target of targets) {
            setSimdTarget(target);
            for (const n of [1, 2]) {
              setNumThreads(n);
              expect(sameBits(adaptiveAvgPool(x, sizes).data, ref), `${target} threads=${n}`).toBe(true);
              expect(sameBits(adaptiveAvgPool(x, big).data, refBig), `${target} threads=${n} global`).toBe(true);
            }
          }
        });
        it(`async equals sync: ${shape.length}D ${Ctor.name} ${layout}`, async () => {
          const x = make();
          const a = adaptiveAvgPool(x, sizes);
          const b = await adaptiveAvgPoolAsync(x, sizes);
          expect(b.shape).toEqual(a.shape);
          expect(b.strides).toEqual(a.strides);
          expect(sameBits(b.data, a.data)).toBe(true);
        });
      }
    }
  }
  it('async rejects bad arguments instead of throwing', async () => {
    const p = adaptiveAvgPoolAsync({ data: new Float32Array(4), shape: [2, 2] }, [1, 2, 3, 4] as never);
    await expect(p).rejects.toThrow(RangeError);
  });
});

describe('bad arguments: PyTorch\'s rules, as TypeError / RangeError naming adaptiveAvgPool', () => {
  const x = { data: new Float32Array(2 * 3 * 5 * 7), shape: [2, 3, 5, 7] };
  const rules: [string, () => unknown, typeof TypeError | typeof RangeError][] = [
    ['input not a tensor', () => adaptiveAvgPool(new Float32Array(4) as never, 2), TypeError],
    ['input data of the wrong type', () => adaptiveAvgPool({ data: new Int16Array(4) as never, shape: [1, 1, 4] }, 2), TypeError],
    ['input data of the wrong length', () => adaptiveAvgPool({ data: new Float32Array(3), shape: [1, 1, 4] }, 2), RangeError],
    ['outputSize of the wrong kind', () => adaptiveAvgPool(x, '2' as never), TypeError],
    ['outputSize missing', () => adaptiveAvgPool(x, undefined as never), TypeError],
    ['outputSize entries of the wrong kind', () => adaptiveAvgPool(x, ['2', 3] as never), TypeError],
    ['non-integer outputSize', () => adaptiveAvgPool(x, 2.5), TypeError],
    ['non-integer outputSize entry', () => adaptiveAvgPool(x, [2, 2.5]), TypeError],
    ['negative outputSize', () => adaptiveAvgPool(x, -1), RangeError],
    ['negative outputSize entry', () => adaptiveAvgPool(x, [-1, 3]), RangeError],
    ['NaN outputSize', () => adaptiveAvgPool(x, NaN), TypeError],
    ['infinite outputSize', () => adaptiveAvgPool(x, Infinity), TypeError],
    ['outputSize with too many entries', () => adaptiveAvgPool(x, [1, 2, 3, 4] as never), RangeError],
    ['outputSize with no entries', () => adaptiveAvgPool(x, [] as never), RangeError],
    ['outputSize length that fits no input rank', () => adaptiveAvgPool(x, [2]), RangeError],
    ['input rank 1', () => adaptiveAvgPool({ data: new Float32Array(4), shape: [4] }, 2), RangeError],
    ['input rank 6', () => adaptiveAvgPool({ data: new Float32Array(1), shape: [1, 1, 1, 1, 1, 1] }, 2), RangeError],
    ['empty spatial dim (2D)', () => adaptiveAvgPool({ data: new Float32Array(0), shape: [2, 3, 0, 7] }, 2), RangeError],
    ['empty spatial dim (1D)', () => adaptiveAvgPool({ data: new Float32Array(0), shape: [2, 3, 0] }, 2), RangeError],
    ['empty channels (3D pooling, batched)', () => adaptiveAvgPool({ data: new Float32Array(0), shape: [2, 0, 4, 5, 6] }, 2), RangeError],
    ['output too large', () => adaptiveAvgPool(x, [2 ** 20, 2 ** 20]), RangeError],
    ['options not an object', () => adaptiveAvgPool(x, 2, 5 as never), TypeError],
    ['unknown option', () => adaptiveAvgPool(x, 2, { mode: 'area' } as never), TypeError],
    ['bad memoryFormat', () => adaptiveAvgPool(x, 2, { memoryFormat: 'nhwc' as never }), TypeError],
    ['channelsLast for an unbatched input', () => adaptiveAvgPool({ data: new Float32Array(35), shape: [1, 5, 7] }, [2, 2], { memoryFormat: 'channelsLast' }), RangeError],
    ['out of the wrong dtype', () => adaptiveAvgPool(x, 2, { out: { data: new Float64Array(24) as never, shape: [2, 3, 2, 2] } }), TypeError],
    ['out of the wrong shape', () => adaptiveAvgPool(x, 2, { out: { data: new Float32Array(24), shape: [2, 3, 4, 1] } }), RangeError],
    ['out not dense in the result format', () => adaptiveAvgPool(x, 2, { out: { data: new Float32Array(24), shape: [2, 3, 2, 2], strides: [12, 1, 6, 3] } }), RangeError],
    ['out sharing memory with the input', () => adaptiveAvgPool(x, 2, { out: { data: x.data.subarray(0, 24), shape: [2, 3, 2, 2] } }), RangeError],
  ];
  for (const [name, fn, Err] of rules) {
    it(name, () => {
      expect(fn).toThrow(Err);
      expect(fn).toThrow(/^adaptiveAvgPool: /);
    });
  }
});

describe('the binding re-checks what it is given', () => {
  type NT = { data: unknown; shape: number[]; strides: number[] };
  // Requests built from loose values (the binding must refuse what src/ would): unchecked on purpose.
  type Loose = (req: unknown) => unknown;
  const pool = (input: unknown, out: unknown) => (native.adaptiveAvgPool as Loose)({ input, out });
  const poolAsync = (input: unknown, out: unknown) => (native.adaptiveAvgPoolAsync as Loose)({ input, out });
  const t = (data: unknown, shape: number[], strides: number[]): NT => ({ data, shape, strides });
  const inp = () => t(new Float32Array(16), [1, 1, 4, 4], [16, 16, 4, 1]);
  const out = () => t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 1]);
  it('accepts a good call', () => {
    expect(() => pool(inp(), out())).not.toThrow();
  });
  it('no request, non-tensors', () => {
    expect(() => (native.adaptiveAvgPool as Loose)(undefined)).toThrow(TypeError);
    expect(() => pool(inp(), undefined)).toThrow(TypeError);
    expect(() => pool(inp(), {})).toThrow(TypeError);
    expect(() => pool(inp(), t(new Int32Array(4), [1, 1, 2, 2], [4, 4, 2, 1]))).toThrow(TypeError);
  });
  it('views past the end of their buffers, negative strides', () => {
    expect(() => pool(t(new Float32Array(15), [1, 1, 4, 4], [16, 16, 4, 1]), out())).toThrow(RangeError);
    expect(() => pool(inp(), t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 2]))).toThrow(RangeError);
    expect(() => pool(inp(), t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, -1]))).toThrow(RangeError);
  });
  it('wrong ranks, shapes and dtypes', () => {
    expect(() => pool(t(new Float32Array(4), [4], [1]), t(new Float32Array(2), [2], [1]))).toThrow(RangeError);
    expect(() => pool(inp(), t(new Float32Array(2), [1, 1, 2], [2, 2, 1]))).toThrow(RangeError);
    expect(() => pool(inp(), t(new Float32Array(8), [2, 1, 2, 2], [4, 4, 2, 1]))).toThrow(RangeError);
    expect(() => pool(inp(), t(new Float32Array(8), [1, 2, 2, 2], [8, 4, 2, 1]))).toThrow(RangeError);
    expect(() => pool(t(new Float32Array(0), [1, 1, 0, 4], [16, 16, 4, 1]), out())).toThrow(RangeError);
    expect(() => pool(inp(), t(new Float64Array(4), [1, 1, 2, 2], [4, 4, 2, 1]))).toThrow(TypeError);
  });
  it('a stride-0 view claiming a huge size is refused', () => {
    expect(() => pool(t(new Float32Array(1), [1, 1, 1, 2 ** 40], [1, 1, 1, 0]), out())).toThrow(RangeError);
  });
  it('output overlapping the input', () => {
    const buf = new Float32Array(32);
    expect(() => pool(t(buf.subarray(0, 16), [1, 1, 4, 4], [16, 16, 4, 1]), t(buf.subarray(14, 18), [1, 1, 2, 2], [4, 4, 2, 1]))).toThrow(RangeError);
  });
  it('an output size of 0 is nothing to do', () => {
    expect(() => pool(inp(), t(new Float32Array(0), [1, 1, 0, 2], [4, 4, 2, 1]))).not.toThrow();
  });
  it('async calls reject (not throw) for errors found natively', async () => {
    await expect(poolAsync(inp(), t(new Float32Array(8), [2, 1, 2, 2], [4, 4, 2, 1])) as Promise<unknown>).rejects.toThrow(RangeError);
  });
});
